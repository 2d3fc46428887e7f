# Shared helpers for scripts/run-demo and scripts/test.

ensure_venv() {
  # Developers and CI get the whole set: requirements-dev.txt holds the runtime pins of requirements.txt
  # plus tests and tools, every package hash-pinned (pip-tools; see README, "Dependencies").
  local stamp=.venv/.requirements.sha256
  local want
  want=$(sha256sum requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
  if [ ! -x .venv/bin/python ]; then
    python3.11 -m venv .venv 2>/dev/null || python3 -m venv .venv
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "== installing requirements-dev.txt into .venv"
    .venv/bin/pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.txt 2>&1 | grep -v "is ignored" || true
    .venv/bin/python -c "import django, rest_framework, celery, pytest" || { echo "installing requirements failed" >&2; exit 1; }
    echo "$want" > "$stamp"
  fi
}

ensure_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    echo "== starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
}

ensure_redis() {
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    echo "== starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
    for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
  fi
}

ensure_apt_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} (apt)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
