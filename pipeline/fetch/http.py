"""One HTTP session per run: a declared User-Agent, a shared rate limit, retries with backoff.

SEC fair access (NOTES.md): at most 10 requests per second in total, a
User-Agent with a name and an e-mail, or the IP is throttled. Every attempt,
retries included, passes the one RateLimiter of the run, so the limit holds
whatever number of threads fetch.
"""
from __future__ import annotations

import email.utils
import random
import threading
import time
from collections import deque
from dataclasses import dataclass, field

import requests

from ..errors import FetchError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# The server sees a request a little after we count it; counting each in the
# window a little longer than a second keeps the server's count at the limit.
WINDOW_MARGIN_S = 0.1
CHUNK = 64 * 1024


class RateLimiter:
    """At most `max_per_s` acquisitions in any window of one second; thread-safe."""

    def __init__(self, max_per_s: float, *, window_s: float = 1.0 + WINDOW_MARGIN_S,
                 clock=time.monotonic, sleep=time.sleep):
        if max_per_s <= 0:
            raise ValueError("max_per_s must be positive")
        self.max_in_window = max(1, int(max_per_s))
        self.window_s = window_s * (self.max_in_window / max_per_s)
        self._times: deque[float] = deque()
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep

    def acquire(self) -> None:
        """Block until one more request fits in the window, then count it."""
        with self._lock:  # waiters queue on the lock: first come, first served
            while True:
                now = self._clock()
                while self._times and now - self._times[0] >= self.window_s:
                    self._times.popleft()
                if len(self._times) < self.max_in_window:
                    self._times.append(now)
                    return
                self._sleep(self.window_s - (now - self._times[0]))


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry: backoff doubles from `backoff_s`; a
    Retry-After longer than `max_wait_s` fails the request instead of stalling the run."""

    retries: int = 4
    backoff_s: float = 1.0
    max_wait_s: float = 60.0

    def delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return retry_after
        return min(self.max_wait_s, self.backoff_s * 2 ** attempt * (1 + random.random() / 4))


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    body: bytes
    headers: dict = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


@dataclass
class HttpStats:
    requests: int = 0
    retries: int = 0
    bytes: int = 0


class HttpClient:
    """GET with the run's User-Agent, rate limit, timeout, size cap and retries."""

    def __init__(self, *, user_agent: str, timeout_s: float, limiter: RateLimiter,
                 retry: RetryPolicy = RetryPolicy(), max_bytes: int = 50_000_000):
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"})
        self.timeout_s, self.limiter, self.retry, self.max_bytes = timeout_s, limiter, retry, max_bytes
        self.stats = HttpStats()
        self._stats_lock = threading.Lock()

    def get(self, url: str, *, headers: dict | None = None) -> Response:
        """The response (200 or 304); FetchError after the retries, or at once on a 4xx."""
        for attempt in range(self.retry.retries + 1):
            last = attempt == self.retry.retries
            try:
                response = self._attempt(url, headers or {})
            except (requests.Timeout, requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as e:
                if last:
                    raise FetchError(url, f"{_describe(e)} after {attempt + 1} attempts") from e
                self._wait(url, attempt, None)
                continue
            except requests.RequestException as e:  # a bad URL, a broken redirect ...: retrying will not help
                raise FetchError(url, f"{type(e).__name__}: {e}") from e
            if response.status not in RETRY_STATUSES:
                return _checked(response)
            if last:
                raise FetchError(url, f"HTTP {response.status} after {attempt + 1} attempts")
            self._wait(url, attempt, retry_after_s(response.headers.get("retry-after")))
        raise AssertionError("unreachable")

    def _attempt(self, url: str, headers: dict) -> Response:
        self.limiter.acquire()
        self._count(requests=1)
        with self.session.get(url, headers=headers, timeout=self.timeout_s, stream=True) as r:
            body = self._read(url, r) if r.status_code == 200 else b""  # an error page is not kept
            return Response(url=url, status=r.status_code, body=body,
                            headers={k.lower(): v for k, v in r.headers.items()})

    def _read(self, url: str, r: requests.Response) -> bytes:
        chunks, size = [], 0
        for chunk in r.iter_content(CHUNK):  # a read timeout here raises requests' ConnectionError
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(url, f"response over the {self.max_bytes:,} byte limit")
            chunks.append(chunk)
        self._count(bytes=size)
        return b"".join(chunks)

    def _wait(self, url: str, attempt: int, retry_after: float | None) -> None:
        delay = self.retry.delay(attempt, retry_after)
        if delay > self.retry.max_wait_s:
            raise FetchError(url, f"server asks to retry after {delay:.0f} s, "
                                  f"over the {self.retry.max_wait_s:.0f} s we wait")
        self._count(retries=1)
        time.sleep(delay)

    def _count(self, **deltas: int) -> None:
        with self._stats_lock:
            for name, delta in deltas.items():
                setattr(self.stats, name, getattr(self.stats, name) + delta)

    def close(self) -> None:
        self.session.close()


def retry_after_s(value: str | None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _checked(response: Response) -> Response:
    if response.status in (200, 304):
        return response
    if response.status == 403:
        raise FetchError(response.url, "HTTP 403 Forbidden (SEC answers this to a missing or "
                                       "browser-like User-Agent, and while it throttles an IP)")
    raise FetchError(response.url, f"HTTP {response.status}")


def _describe(e: Exception) -> str:
    if isinstance(e, requests.Timeout) or "timed out" in str(e).lower():
        return "timed out"
    return f"connection failed ({type(e).__name__})"
