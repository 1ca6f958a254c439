"""A small fixed-window counter in Django's cache, for public pages that must not be usable to
enumerate records (the application status page). With several server processes the cache must
be shared (CACHES: database or Redis); the default local-memory cache counts per process."""

from django.core.cache import cache
from django.utils import timezone


def rate_limit_hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one use of ``key``; False once more than ``limit`` uses fall in the window."""
    window = int(timezone.now().timestamp()) // window_seconds
    bucket = f"ratelimit:{key}:{window}"
    cache.add(bucket, 0, timeout=window_seconds)
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, timeout=window_seconds)
        count = 1
    return count <= limit
