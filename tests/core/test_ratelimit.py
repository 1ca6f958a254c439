"""The fixed-window counter (core.ratelimit): on the local-memory cache and on Redis, where it
counts in one round trip."""

import os

import pytest
from django.core.cache import caches
from django.test import override_settings

from core.ratelimit import rate_limit_hit

REDIS_URL = os.environ.get("SAMAGRA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _counts_to_the_limit(key: str) -> list[bool]:
    return [rate_limit_hit(key, limit=3, window_seconds=60) for _ in range(5)]


def test_the_local_cache_counts_to_the_limit() -> None:
    caches["default"].clear()
    assert _counts_to_the_limit("local") == [True, True, True, False, False]


@pytest.mark.skipif(
    os.environ.get("CI") != "true" and not _redis_answers(),
    reason="no Redis at SAMAGRA_TEST_REDIS_URL (CI has one)",
)
def test_redis_counts_to_the_limit_in_one_round_trip_and_expires_the_window() -> None:
    redis_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"samagra-test-rate-{os.getpid()}",
        }
    }
    with override_settings(CACHES=redis_cache):
        cache = caches["default"]
        cache.clear()
        assert _counts_to_the_limit("redis") == [True, True, True, False, False]
        # the counter is a plain integer the cache reads back, with the window's expiry
        (key,) = [k for k in cache._cache.get_client().keys("*") if b"ratelimit:redis" in k]
        assert cache._cache.get_client().ttl(key) in range(1, 61)
        assert int(cache._cache.get_client().get(key)) == 5
        cache.clear()
