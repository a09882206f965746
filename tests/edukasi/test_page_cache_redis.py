"""The page cache against the real Redis at 127.0.0.1:6379: one round trip per hit, exact across workers.

Each test gets its own key prefix in database 12, so runs in parallel and other data never mix; the keys are
deleted afterwards. Commands are counted with Redis' own MONITOR, so nothing of the cache is replaced.
"""

import threading
import uuid

import pytest
import redis
from django.core.cache import cache, caches
from django.db import connection
from django.urls import reverse

from edukasi import caching
from tests.edukasi.helpers import make_article

REDIS_URL = "redis://127.0.0.1:6379/12"

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(settings):
    prefix = f"pagecache-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "desabinaan.lib.cache.RedisCache",  # the portal's, as settings.py has it with REDIS_URL
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    server = redis.Redis.from_url(REDIS_URL)
    try:
        server.ping()
    except redis.ConnectionError:  # pragma: no cover - the environment promises Redis
        pytest.fail("Redis is not running at 127.0.0.1:6379")
    yield prefix
    keys = list(server.scan_iter(f"{prefix}:*"))
    if keys:
        server.delete(*keys)
    server.close()


class Monitor:
    """The commands Redis receives that touch this test's keys, as Redis reports them (MONITOR)."""

    def __init__(self, prefix: str) -> None:
        self.prefix, self.commands = prefix, []
        self.server = redis.Redis.from_url(REDIS_URL)
        self.end = f"{prefix}:end-of-monitor"
        self._ready = threading.Event()

    def __enter__(self) -> "Monitor":
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()
        assert self._ready.wait(5)
        return self

    def _listen(self) -> None:
        with self.server.monitor() as monitor:
            self._ready.set()
            for event in monitor.listen():
                command = event["command"]
                if self.end in command:
                    return
                if self.prefix in command:
                    self.commands.append(command)

    def __exit__(self, *exc) -> None:
        self.server.exists(self.end)  # the marker: everything before it has been seen
        self._thread.join(10)
        self.server.close()


def test_a_hit_costs_one_redis_round_trip_and_no_query(client, redis_cache, world, django_assert_num_queries):
    article = make_article(title="Paspor untuk pekerja migran")
    paths = [
        article.get_absolute_url(),
        reverse("edukasi:fees"),
        reverse("edukasi:directory"),
        reverse("unit_public", args=[world.unit_a.pk]),
        reverse("office_public", args=[world.office_x.slug]),
    ]
    for path in paths:
        assert client.get(path).status_code == 200
    for path in paths:
        with Monitor(redis_cache) as seen, django_assert_num_queries(0):
            hit = client.get(path)
        assert hit.status_code == 200 and not hasattr(hit.wsgi_request, "user")
        assert len(seen.commands) == 1, seen.commands
        assert seen.commands[0].startswith("MGET "), seen.commands
    # A returning visitor's 304 costs the same single read.
    etag = client.get(paths[0])["ETag"]
    with Monitor(redis_cache) as seen:
        assert client.get(paths[0], headers={"if-none-match": etag}).status_code == 304
    assert len(seen.commands) == 1 and seen.commands[0].startswith("MGET ")


def test_the_backend_keeps_one_client_per_pool_and_still_works_after_a_reconnect(redis_cache):
    cache.set("probe", {"a": 1}, 30)
    client = cache._cache.get_client()  # type: ignore[attr-defined]
    assert cache._cache.get_client() is client  # type: ignore[attr-defined]
    client.connection_pool.disconnect()  # as after a Redis restart or a fork
    assert cache.get_many(["probe", "missing"]) == {"probe": {"a": 1}}
    assert cache.get_or_set("counter", 0) == 0 and cache.incr("counter") == 1


def test_an_invalidation_by_another_worker_is_seen_by_the_next_request(client, redis_cache, world):
    """Two cache clients, as two gunicorn workers have: the invalidation is made by a client of its own."""
    path = reverse("unit_public", args=[world.unit_a.pk])
    first = client.get(path)
    assert client.get(path).content == first.content
    world.unit_a.__class__.objects.filter(pk=world.unit_a.pk).update(address="Jalan Pelabuhan Nomor 9")

    mine, theirs = caches["default"], []

    def other_worker():
        # Django's cache handler gives each thread its own RedisCache, with its own connection pool.
        theirs.append(caches["default"])
        try:
            caching.invalidate()
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    thread.join(10)
    assert theirs and theirs[0] is not mine
    assert "Jalan Pelabuhan Nomor 9" in client.get(path).content.decode()


def test_pages_outside_the_public_prefixes_pay_no_page_cache_read(client, redis_cache, world):
    client.get(reverse("login"))
    with Monitor(redis_cache) as seen:
        assert client.get(reverse("login")).status_code == 200
    assert not [c for c in seen.commands if c.startswith("MGET ")], seen.commands
