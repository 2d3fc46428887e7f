"""The production cache: Redis shared by every web worker, degrading to a per-process memory cache while
Redis does not answer. Throttles (the verification API and page, objections) and the list pages' count
cache then keep working, still limited per worker, and a warning is logged, instead of every request
failing with a 500 (docs/security.md, "Faults").

The health check (``/health/``) asks Redis through the plain ``redis`` alias, so an outage still shows there.
"""

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("accounts.cache_backends")

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)
# One warning per process and minute is enough to page someone; one per request would flood the log.
WARNING_INTERVAL_SECONDS = 60.0
# After a failure Redis is left alone this long: each request must not wait for a refused connection.
RETRY_AFTER_SECONDS = 5.0


class FallbackRedisCache(RedisCache):
    """Django's Redis cache; each operation that cannot reach Redis runs on a local memory cache instead."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self.local = LocMemCache(f"redis-fallback-{id(self)}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self._warned_at = float("-inf")
        self._down_until = float("-inf")

    def _fallback(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        self._down_until = now + RETRY_AFTER_SECONDS
        if now - self._warned_at >= WARNING_INTERVAL_SECONDS:
            self._warned_at = now
            logger.warning("Redis cache unreachable (%s: %s): counting in this process's memory", operation, error)

    def _either(self, operation: str, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() < self._down_until:
            return getattr(self.local, operation)(*args, **kwargs)
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except UNREACHABLE as error:
            self._fallback(operation, error)
            return getattr(self.local, operation)(*args, **kwargs)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return self._either("add", key, value, timeout, version)

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._either("get", key, default, version)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> None:
        self._either("set", key, value, timeout, version)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return self._either("touch", key, timeout, version)

    def delete(self, key: Any, version: Any = None) -> bool:
        return self._either("delete", key, version)

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        return self._either("get_many", keys, version)

    def has_key(self, key: Any, version: Any = None) -> bool:
        return self._either("has_key", key, version)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        return self._either("incr", key, delta, version)

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> list[Any]:
        return self._either("set_many", data, timeout, version)

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._either("delete_many", keys, version)

    def clear(self) -> None:
        self._either("clear")
