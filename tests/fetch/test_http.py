"""The HTTP client against a real server on 127.0.0.1: User-Agent, rate limit, retries, timeouts."""
from __future__ import annotations

import threading
import time

import pytest

from fetch.sites import USER_AGENT, windows_over
from pipeline.errors import FetchError
from pipeline.fetch.http import HttpClient, RateLimiter, RetryPolicy, retry_after_s

FAST_RETRY = RetryPolicy(retries=3, backoff_s=0.02, max_wait_s=2.0)

RETRY_AFTER_CASES = [
    ("3", 3.0),
    (" 10 ", 10.0),
    ("", None),
    (None, None),
    ("soon", None),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # in the past: retry now
]


@pytest.fixture
def site(plain_site):
    plain_site.add("/a", b"hello", "text/plain")
    return plain_site


def client(*, timeout_s=2.0, rate=100.0, retry=FAST_RETRY, max_bytes=1_000_000) -> HttpClient:
    return HttpClient(user_agent=USER_AGENT, timeout_s=timeout_s, limiter=RateLimiter(rate),
                      retry=retry, max_bytes=max_bytes)


@pytest.mark.parametrize("value, expected", RETRY_AFTER_CASES)
def test_retry_after_seconds(value, expected):
    assert retry_after_s(value) == expected


def test_limiter_never_lets_more_than_n_into_a_second():
    now = [0.0]
    limiter = RateLimiter(10, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    stamps = []
    for _ in range(35):
        limiter.acquire()
        stamps.append(now[0])
    assert all(sum(1 for t in stamps if start <= t < start + 1.0) <= 10 for start in stamps)
    assert stamps[-1] >= 3.0  # 35 requests at 10/s need over three seconds


def test_user_agent_is_sent(site):
    assert client().get(site.url + "/a").body == b"hello"
    assert site.log[0].headers["User-Agent"] == USER_AGENT


def test_rate_never_above_ten_per_second_across_threads(site):
    http = client(rate=10)
    threads = [threading.Thread(target=lambda: [http.get(site.url + "/a") for _ in range(4)]) for _ in range(6)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert len(site.log) == 24
    assert windows_over(site.log, 10) == []
    assert time.monotonic() - began >= 2.0  # 24 requests: three windows


def test_429_is_retried_after_retry_after(site):
    site.fault("/a", 429)
    began = time.monotonic()
    http = client()
    assert http.get(site.url + "/a").body == b"hello"
    assert [h.status for h in site.log] == [429, 200]
    assert site.log[1].at - site.log[0].at >= 0.95  # the server said Retry-After: 1
    assert http.stats.retries == 1 and time.monotonic() - began < 3


def test_500_is_retried_with_backoff(site):
    site.fault("/a", 500, 500)
    assert client().get(site.url + "/a").body == b"hello"
    assert [h.status for h in site.log] == [500, 500, 200]


def test_a_timeout_is_survived(site):
    site.fault("/a", ("slow", 1.0))
    began = time.monotonic()
    assert client(timeout_s=0.3).get(site.url + "/a").body == b"hello"
    assert time.monotonic() - began < 1.0  # we gave up on the slow answer, not waited it out


def test_persistent_500_fails_after_the_retries(site):
    site.fault("/a", 500, 500, 500, 500, 500)
    with pytest.raises(FetchError, match="HTTP 500 after 4 attempts"):
        client().get(site.url + "/a")
    assert len(site.log) == 4


def test_retry_after_longer_than_we_wait_fails_at_once(site):
    site.fault("/a", 429)
    with pytest.raises(FetchError, match="retry after 1 s"):
        client(retry=RetryPolicy(retries=3, backoff_s=0.02, max_wait_s=0.5)).get(site.url + "/a")
    assert len(site.log) == 1


@pytest.mark.parametrize("path, cause", [("/missing", "HTTP 404"), ("/a", "byte limit")])
def test_client_errors_are_not_retried(site, path, cause):
    with pytest.raises(FetchError, match=cause):
        client(max_bytes=3).get(site.url + path)
    assert len(site.log) == 1


def test_connection_refused_is_a_fetch_error():
    with pytest.raises(FetchError, match="connection refused"):
        client(retry=RetryPolicy(retries=1, backoff_s=0.01)).get("http://127.0.0.1:9/x")
