"""Dependencies (issue 19): the production image installs the runtime set only, every package of both
sets is pinned with hashes (pip-tools), and the two compiled files agree on the runtime pins."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = re.compile(
    r"^(pytest.*|.*xdist|factory[-_]boy|faker|hypothesis|playwright|pytest-playwright|ruff|mypy.*|"
    r"django-stubs.*|djangorestframework-stubs|types-.*|pip-tools|coverage|schemathesis|locust|pypdf)$",
    re.IGNORECASE,
)


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def compiled(filename: str) -> dict[str, tuple[str, list[str]]]:
    """name → (version, hashes) of a pip-compile output file; fails on any line not pinned with hashes."""
    text = (ROOT / filename).read_text().replace("\\\n", " ")
    pins = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("--hash") else line.strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)((?:\s+--hash=sha256:[0-9a-f]{64})+)", line)
        assert match, f"{filename}: not pinned with hashes: {line[:80]}"
        name, version, hashes = match.groups()
        pins[normalise(name)] = (version, hashes.split())
    return pins


def top_level(filename: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / filename).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        name, version = re.fullmatch(r"([A-Za-z0-9._-]+)(?:\[[^\]]+\])?==(\S+)", line).groups()
        pins[normalise(name)] = version
    return pins


def test_the_runtime_set_has_no_test_or_tool_package():
    runtime = compiled("requirements.txt")
    assert not [name for name in runtime if TOOLS.match(name)]
    assert {"pytest", "pytest-xdist", "factory-boy", "hypothesis", "playwright", "ruff"} <= set(
        compiled("requirements-dev.txt")
    )


def test_every_package_of_both_sets_is_pinned_with_hashes():
    for filename in ("requirements.txt", "requirements-dev.txt"):
        pins = compiled(filename)
        assert pins and all(hashes for _, hashes in pins.values())


def test_the_compiled_files_follow_their_inputs_and_agree():
    runtime, development = compiled("requirements.txt"), compiled("requirements-dev.txt")
    for name, version in top_level("requirements.in").items():
        assert runtime[name][0] == version, f"requirements.txt is stale for {name}: run pip-compile"
    for name, version in top_level("requirements-dev.in").items():
        assert development[name][0] == version, f"requirements-dev.txt is stale for {name}: run pip-compile"
    assert {name: development[name][0] for name in runtime} == {name: pin[0] for name, pin in runtime.items()}


def test_the_image_installs_the_runtime_set_and_developers_the_whole_set():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install --no-cache-dir --require-hashes -r requirements.txt" in dockerfile
    assert "-r requirements-dev" not in dockerfile
    lib = (ROOT / "scripts" / "lib.sh").read_text()
    assert "-r requirements-dev.txt" in lib
    assert "sha256sum requirements.txt requirements-dev.txt" in lib  # either file changing reinstalls
