"""End to end through a real Celery worker on Redis to a real SMTP sink (aiosmtpd): publishing, a worker
killed with SIGKILL in the middle of a fan-out, and a broker that is down when the change is published.
"""

import contextlib
import os
import signal
from collections import Counter

import pytest
from django.utils import timezone

from notices import tasks
from notices.models import Delivery, Scope, Subscription, UpdateNotice

from ..conftest import celery_broker, wait_until
from .conftest import NOTES, publish_change, subscribe

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

CONCURRENCY = 2  # the celery_worker_factory's prefork pool


def recipients(sink):
    return Counter(address for received in sink.messages for address in received["to"])


@pytest.fixture(autouse=True)
def _forget_cached_site_roots():
    """The worker caches Wagtail's site root paths in Redis; earlier tests' sites would give wrong links."""
    import redis

    if not os.environ.get("REDIS_URL"):
        return  # the tests skip (or fail in CI) through their redis marker
    connection = redis.Redis.from_url(os.environ["REDIS_URL"])
    for key in connection.scan_iter("*wagtail_site_root_paths*"):
        connection.delete(key)


def test_publish_sends_notices_in_each_language_and_a_minor_change_sends_nothing(
    celery_worker_factory, smtp_sink, site_tree
):
    celery_worker_factory(EMAIL_URL=smtp_sink.url)
    subscribe("de@example.org", language="de")
    subscribe("en@example.org", language="en", scope=Scope.PLATFORM, platform=site_tree.platform)
    subscribe("es@example.org", language="es", scope=Scope.PAGE, page=site_tree.guide.page_ptr)
    subscribe("unconfirmed@example.org", confirmed=False)

    publish_change(site_tree.guide, significant=False, notes=NOTES)
    publish_change(site_tree.guide, notes=NOTES)
    wait_until(lambda: len(smtp_sink.messages) >= 3, what="three notices")
    wait_until(lambda: not Delivery.objects.filter(sent_at__isnull=True).exists(), what="deliveries marked sent")
    # The minor change came first and was followed by a significant one: had it sent anything, there would
    # be more than three messages and two notices by now.
    assert UpdateNotice.objects.count() == 1
    assert recipients(smtp_sink) == {"de@example.org": 1, "en@example.org": 1, "es@example.org": 1}
    by_address = {received["to"][0]: received["message"] for received in smtp_sink.messages}
    for address, expected_note in (
        ("de@example.org", NOTES["de"]),
        ("en@example.org", NOTES["en"]),
        ("es@example.org", NOTES["de"]),
    ):
        message = by_address[address]
        assert expected_note in message.get_body(("plain",)).get_content()
        assert message.get_body(("html",)) is not None
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/es/guias/" in by_address["es@example.org"].get_body(("plain",)).get_content()


def child_pids(pid):
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(entry))
    return children


def kill_worker_hard(worker):
    """SIGKILL the worker and its pool processes at once, as an out-of-memory kill or a power cut would."""
    for pid in [*child_pids(worker.process.pid), worker.process.pid]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    worker.process.wait(10)


# The visibility timeout of these tests' workers: the deployment's 240 s, scaled down so the test waits seconds.
VISIBILITY_TIMEOUT = 8


def test_worker_killed_mid_fan_out_loses_nothing(celery_worker_factory, smtp_sink, site_tree, settings):
    total = 2000
    Subscription.objects.bulk_create(
        [
            Subscription(
                email=f"reader{n:04d}@example.org",
                scope=Scope.ALL,
                language=("de", "en", "fr")[n % 3],
                confirmed_at=timezone.now(),
            )
            for n in range(total)
        ]
    )
    worker = celery_worker_factory(EMAIL_URL=smtp_sink.url, CELERY_VISIBILITY_TIMEOUT=VISIBILITY_TIMEOUT)
    publish_change(site_tree.guide, notes=NOTES)
    wait_until(lambda: len(smtp_sink.messages) >= 300, what="the first few hundred messages")
    kill_worker_hard(worker)
    received_before_restart = len(smtp_sink.messages)
    assert received_before_restart < total, "the fan-out finished before the kill; nothing was tested"

    # A replacement on the same queue takes the queued chunks at once, and the broker hands it the chunks the
    # dead worker had taken but not finished once their visibility timeout has passed: no sweeper is needed,
    # so the followers wait the timeout at most (240 s in the deployment), not the sweeper's quarter of an hour.
    celery_worker_factory(queue=worker.queue, EMAIL_URL=smtp_sink.url, CELERY_VISIBILITY_TIMEOUT=VISIBILITY_TIMEOUT)
    wait_until(
        lambda: not Delivery.objects.filter(sent_at__isnull=True).exists() and Delivery.objects.count() == total,
        timeout=VISIBILITY_TIMEOUT + 120,
        what="every delivery sent",
    )

    counts = recipients(smtp_sink)
    assert len(counts) == total, "a subscriber got nothing"
    duplicates = sum(counts.values()) - total
    # Rows are locked, sent and marked sent in groups of NOTICES_SEND_COMMIT_EVERY per transaction; a killed
    # process loses the marks of at most the group it was sending, so the bound is one group per pool
    # process: 2 × 20 = 40. (The coarser bound, prefetch × concurrency × chunk size, would be 1 × 2 × 100.)
    assert duplicates <= CONCURRENCY * settings.NOTICES_SEND_COMMIT_EVERY


@pytest.fixture
def own_redis(monkeypatch, private_redis):
    """The broker of this test and of its worker is a Redis of the test's own, which the test may stop."""
    monkeypatch.setenv("REDIS_URL", private_redis.url)
    with celery_broker(private_redis.url):
        yield private_redis


def test_broker_down_at_publish_time_then_the_sweeper_sends(
    celery_worker_factory, smtp_sink, site_tree, own_redis, caplog
):
    celery_worker_factory(EMAIL_URL=smtp_sink.url)
    subscribe("patient@example.org", language="en")
    own_redis.stop()

    page = publish_change(site_tree.guide, notes=NOTES)  # must not raise although the broker is gone
    assert page.live
    notice = UpdateNotice.objects.get()
    assert notice.fanout_started_at is None
    assert "left to the sweeper" in caplog.text

    own_redis.start()
    from config.celery import app

    wait_until(lambda: app.control.ping(timeout=0.5), timeout=60, what="the worker to reconnect")
    tasks.sweep_unsent_messages.delay(min_age_seconds=0)
    wait_until(lambda: len(smtp_sink.messages) >= 1, timeout=60, what="the notice after the broker came back")
    assert recipients(smtp_sink) == {"patient@example.org": 1}
    notice.refresh_from_db()
    assert notice.fanout_started_at is not None
