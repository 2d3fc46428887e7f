"""The health-check endpoint (django-health-check's checks): the database, the cache and the Celery
broker. Anyone may call it (container healthchecks, load balancers) and learns only ``ok`` or
``failed``; staff also see which check failed and why."""

import asyncio
import dataclasses
import datetime

from celery import current_app
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from health_check.base import HealthCheck
from health_check.checks import Cache, Database
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView
from kombu.exceptions import OperationalError


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Celery broker accepts a connection (tasks can be enqueued); workers are checked by their own
    container healthcheck (``celery inspect ping``)."""

    timeout: datetime.timedelta = dataclasses.field(default=datetime.timedelta(seconds=3), repr=False)

    def run(self):
        try:
            with current_app.connection_for_write() as connection:
                connection.ensure_connection(
                    max_retries=1, interval_start=0, interval_step=0, timeout=self.timeout.total_seconds()
                )
        except (OSError, OperationalError) as error:
            raise ServiceUnavailable("Broker unreachable") from error


@dataclasses.dataclass
class SharedCache(Cache):
    """The shared cache itself: production's default alias falls back to memory while Redis is down
    (accounts.cache_backends), so the check asks the plain ``redis`` alias when there is one."""

    async def run(self):
        self.alias = "redis" if "redis" in settings.CACHES else "default"
        return await super().run()


CHECKS = {"database": Database, "cache": SharedCache, "broker": Broker}


@method_decorator(login_not_required, name="dispatch")
class PortalHealthView(HealthCheckView):
    checks = tuple(CHECKS.values())

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            results = await asyncio.gather(*(check.get_result(executor) for check in self.get_checks()))
        failed = any(result.error for result in results)
        answer = {"status": "failed" if failed else "ok"}
        user = await request.auser()
        if user.is_staff:
            answer["checks"] = {
                name: str(result.error) if result.error else "ok" for name, result in zip(CHECKS, results, strict=True)
            }
        return JsonResponse(answer, status=503 if failed else 200)


health_view = PortalHealthView.as_view()
