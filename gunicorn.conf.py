"""gunicorn settings of the production stack (docker-compose.yml's web service: ``gunicorn -c gunicorn.conf.py``)."""

bind = "0.0.0.0:8000"
workers = 4
accesslog = "-"
# Method, path and protocol without the query string, and no referrer: names and certificate codes
# are searched by GET (?q=…, ?number=…&code=…), so a query string is personal data in a log.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
