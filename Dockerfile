FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The runtime set only (tests and tools are in requirements-dev.txt), every package hash-checked.
COPY requirements.txt .
RUN pip install --no-cache-dir --require-hashes -r requirements.txt
COPY . .
# Compiled messages and collected static files are part of the build.
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=build python manage.py compilemessages --ignore=.venv \
 && DJANGO_SETTINGS_MODULE=talentportal.settings.production DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput
RUN useradd --system --home /app talentportal && mkdir -p /var/lib/talentportal/private \
 && chown talentportal /var/lib/talentportal/private
USER talentportal
EXPOSE 8000
