"""A small fixed-window counter in Django's cache, for public pages that must not be usable to
enumerate records (the application status page) and for the department API's clients. With
several server processes the cache must be shared (CACHES: database or Redis); the default
local-memory cache counts per process."""

from typing import Any

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.utils import timezone


def rate_limit_hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one use of ``key``; False once more than ``limit`` uses fall in the window."""
    window = int(timezone.now().timestamp()) // window_seconds
    bucket = f"ratelimit:{key}:{window}"
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        return _redis_count(cache, bucket, window_seconds) <= limit
    try:
        count = cache.incr(bucket)
    except ValueError:  # the window's first use (or its bucket expired)
        count = 1 if cache.add(bucket, 1, timeout=window_seconds) else cache.incr(bucket)
    return count <= limit


def _redis_count(redis_cache: Any, bucket: str, window_seconds: int) -> int:
    """One round trip (Django's own add and incr take three): create the window's counter if
    it is new, then count. Django's Redis cache keeps integers as they are, so the counter
    reads back through the cache too."""
    key = redis_cache.make_and_validate_key(bucket)
    pipe = redis_cache._cache.get_client(key, write=True).pipeline()
    pipe.set(key, 0, ex=window_seconds, nx=True)
    pipe.incr(key)
    _created, count = pipe.execute()
    return int(count)
