"""The web container's healthcheck (docker-compose.yml): GET /health/ on gunicorn inside the container.

It sends the first allowed host name (production refuses any other Host) and says the request came
over HTTPS (production redirects plain HTTP; SECURE_PROXY_SSL_HEADER trusts X-Forwarded-Proto).
Exit 0 when the portal answers 200, else 1. Standard library only: no Django start-up per probe.
"""

import http.client
import os
import sys


def main() -> int:
    address = os.environ.get("HEALTHCHECK_ADDRESS", "127.0.0.1:8000")
    hosts = [h.strip().lstrip(".") for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = next((h for h in hosts if h != "*"), "localhost")
    connection = http.client.HTTPConnection(address, timeout=float(os.environ.get("HEALTHCHECK_TIMEOUT", "8")))
    try:
        connection.request("GET", "/health/", headers={"Host": host, "X-Forwarded-Proto": "https"})
        status = connection.getresponse().status
    except OSError as error:
        print(f"health check: {error}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    if status != 200:
        print(f"health check: HTTP {status}", file=sys.stderr)
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
