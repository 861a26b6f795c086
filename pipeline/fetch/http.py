"""One HTTP session per run: a declared User-Agent, a shared rate limit, retries with backoff.

SEC fair access (NOTES.md): at most 10 requests per second in total, a
User-Agent with a name and an e-mail, or the IP is throttled. Every attempt,
retries included, passes the one RateLimiter of the run, so the limit holds
whatever number of threads fetch.
"""
from __future__ import annotations

import email.utils
import http.client
import random
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

import requests
from urllib3.exceptions import IncompleteRead, NameResolutionError, ReadTimeoutError

from ..errors import FetchError
from .deadline import Deadline, watched_session
from .sniff import mismatch

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 10
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


class _Transient(Exception):
    """An attempt that failed in a way the next may not; carries the cause for the report."""

    def __init__(self, cause: str):
        super().__init__(cause)
        self.cause = cause


class HttpClient:
    """GET with the run's User-Agent, rate limit, timeouts, size cap, retries and redirects.

    `timeout_s` bounds each wait for a byte (and the connect); `deadline_s` bounds one request as a
    whole, so a server that drips its answer cannot hold a fetch thread for longer.
    """

    def __init__(self, *, user_agent: str, timeout_s: float, limiter: RateLimiter,
                 retry: RetryPolicy = RetryPolicy(), max_bytes: int = 50_000_000, deadline_s: float = 300.0):
        self.session = watched_session()
        self.session.headers.update({"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"})
        self.timeout_s, self.limiter, self.retry, self.max_bytes = timeout_s, limiter, retry, max_bytes
        self.deadline_s = deadline_s
        self.stats = HttpStats()
        self._stats_lock = threading.Lock()

    def get(self, url: str, *, headers: dict | None = None) -> Response:
        """The response (200 or 304); FetchError after the retries, or at once on a 4xx, a redirect
        loop, a past deadline or a body that is not what its Content-Type says."""
        for attempt in range(self.retry.retries + 1):
            last = attempt == self.retry.retries
            try:
                response = self._follow(url, headers or {})
            except _Transient as e:
                if last:
                    raise FetchError(url, f"{e.cause} after {_attempts(attempt + 1)}") from e.__cause__
                self._wait(url, attempt, None)
                continue
            if response.status not in RETRY_STATUSES:
                return _checked(response)
            if last:
                raise FetchError(url, f"HTTP {response.status} after {_attempts(attempt + 1)}")
            self._wait(url, attempt, retry_after_s(response.headers.get("retry-after")))
        raise AssertionError("unreachable")

    def _follow(self, url: str, headers: dict) -> Response:
        """Redirects followed here, not by requests: each hop passes the rate limit, and a loop is named."""
        chain = [url]
        while True:
            response = self._attempt(url, chain[-1], headers)
            if response.status not in REDIRECT_STATUSES:
                return response
            target = response.headers.get("location")
            if not target:
                raise FetchError(url, f"HTTP {response.status} redirect without a Location")
            target = urldefrag(urljoin(chain[-1], target)).url
            if target in chain:
                raise FetchError(url, "redirect loop: " + " -> ".join(chain + [target]))
            if len(chain) > MAX_REDIRECTS:
                raise FetchError(url, f"over {MAX_REDIRECTS} redirects (the last to {target})")
            if urlsplit(target).scheme not in ("http", "https"):
                raise FetchError(url, f"redirect to {target}, not an http(s) URL")
            chain.append(target)

    def _attempt(self, url: str, hop: str, headers: dict) -> Response:
        """One request to `hop` (`url`, or where it redirected); _Transient or FetchError when it fails."""
        self.limiter.acquire()
        self._count(requests=1)
        r = None
        with Deadline(self.deadline_s) as deadline:
            try:
                with self.session.get(hop, headers=headers, timeout=self.timeout_s, stream=True,
                                      allow_redirects=False) as r:
                    body = self._read(url, r) if r.status_code == 200 else b""  # an error page is not kept
                    if deadline.disarm():  # a body without a length ends quietly when cut
                        raise requests.Timeout("deadline")
                    return Response(url=url, status=r.status_code, body=body,
                                    headers={k.lower(): v for k, v in r.headers.items()})
            except (requests.Timeout, requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as e:
                if deadline.expired:  # a drip would drip again: retrying would only multiply the wait
                    raise FetchError(url, f"no complete response within the {self.deadline_s:g} s deadline "
                                          "(a slow drip: bytes kept coming, too slowly to finish)") from e
                raise _Transient(self._cause(e, r)) from e
            except requests.RequestException as e:  # a bad URL ...: retrying will not help
                raise FetchError(url, f"{type(e).__name__}: {e}") from e

    def _read(self, url: str, r: requests.Response) -> bytes:
        chunks, size = [], 0
        try:
            for chunk in r.iter_content(CHUNK):  # a read timeout here raises requests' ConnectionError
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(url, f"response over the {self.max_bytes:,} byte limit")
                chunks.append(chunk)
        except requests.exceptions.ContentDecodingError as e:
            encoding = r.headers.get("content-encoding", "")
            raise FetchError(url, f"content-encoding says {encoding} but the body does not decode as {encoding}") from e
        self._count(bytes=size)
        return b"".join(chunks)

    def _cause(self, e: Exception, r: requests.Response | None) -> str:
        """What went wrong, in words (requests wraps urllib3 wrapping the OS error); `r` is None
        when it went wrong before the response's head had come."""
        kinds = tuple(type(x) for x in _chain(e))
        has = lambda *types: any(issubclass(k, types) for k in kinds)  # noqa: E731
        timed_out = isinstance(e, requests.Timeout) or has(ReadTimeoutError, TimeoutError)
        if has(ConnectionRefusedError):
            return "connection refused"
        if has(socket.gaierror, NameResolutionError):
            return "host not found"
        if isinstance(e, requests.ConnectTimeout):
            return f"connect timed out ({self.timeout_s:g} s)"
        if r is None:
            if timed_out:
                return f"read timed out (no response in {self.timeout_s:g} s)"
            if has(http.client.RemoteDisconnected):  # before ConnectionResetError: it is one
                return "server closed the connection without a response"
            if has(ConnectionResetError, BrokenPipeError):
                return "connection reset before the response"
            return f"connection failed before the response ({type(e).__name__})"
        if timed_out:
            return f"read timed out mid-body (no byte for {self.timeout_s:g} s)"
        if has(ConnectionResetError, BrokenPipeError):
            return "connection reset mid-body"
        if has(http.client.IncompleteRead, IncompleteRead) or "ended prematurely" in str(e):
            return "response ended early" + _shortfall(e)
        return f"connection failed mid-body ({type(e).__name__})"

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
    if response.status == 200:
        wrong = mismatch(response.content_type, response.body)
        if wrong:
            raise FetchError(response.url, wrong)
    if response.status in (200, 304):
        return response
    if response.status == 403:
        raise FetchError(response.url, "HTTP 403 Forbidden (SEC answers this to a missing or "
                                       "browser-like User-Agent, and while it throttles an IP)")
    raise FetchError(response.url, f"HTTP {response.status}")


def _attempts(n: int) -> str:
    return f"{n} attempt" + ("s" if n != 1 else "")


def _chain(e: BaseException):
    """`e` and every exception it wraps, in args, causes, contexts and urllib3's `reason`."""
    seen, todo = set(), [e]
    while todo:
        x = todo.pop()
        if not isinstance(x, BaseException) or id(x) in seen:
            continue
        seen.add(id(x))
        yield x
        todo += [*x.args, x.__cause__, x.__context__, getattr(x, "reason", None)]


def _shortfall(e: BaseException) -> str:
    """" (100 of 5,000 bytes)" from the IncompleteRead that urllib3 or http.client raised, else ""."""
    for x in _chain(e):
        if isinstance(x, (IncompleteRead, http.client.IncompleteRead)):
            got = x.partial if isinstance(x.partial, int) else len(x.partial)
            if isinstance(x.expected, int):
                return f" ({got:,} of {got + x.expected:,} bytes)"
            return f" ({got:,} bytes)"
    return ""
