"""Network faults against real servers on 127.0.0.1: each is retried, or reported as a FetchError
naming the URL and the cause, and nothing hangs past its timeout or its deadline.

The Site (pytest-httpserver) plays HTTP answers: 403, 404, 503 with and without Retry-After,
redirects, bodies that are not what their Content-Type says. The RawSite (a bare socket server)
plays what lies below HTTP: a refused port, a reset mid-body, a body that ends early, a stall, a
drip. 429, 500, a timeout before the answer and Retry-After on a 429 are in tests/fetch/test_http.py.
"""
from __future__ import annotations

import csv
import email.utils
import gzip
import json
import threading
import time
from contextlib import contextmanager

import pytest
import yaml
from werkzeug import Response

from fetch.sites import (  # noqa: F401 - fixtures
    USER_AGENT, WEB, RawSite, _plain_server, _web_server, close_at_once, drip, drip_head, end_after,
    end_chunked_early, free_port, ok, plain_site, raw_site, reset_after, stall_after, web_site, windows_over,
)
from pipeline.errors import FetchError
from pipeline.fetch.cache import CachingFetcher, HttpCache
from pipeline.fetch.http import MAX_REDIRECTS, HttpClient, RateLimiter, RetryPolicy
from .conftest import run_cli

TIMEOUT_S = 0.5  # each wait for a byte
DEADLINE_S = 1.0  # one request as a whole
RETRY = RetryPolicy(retries=2, backoff_s=0.02, max_wait_s=2.0)
MARGIN_S = 0.5
# The longest a request may take when every attempt times out: the attempts, the backoffs, a margin.
ALL_ATTEMPTS_S = ((RETRY.retries + 1) * TIMEOUT_S
                  + sum(RETRY.backoff_s * 2 ** i * 1.25 for i in range(RETRY.retries)) + MARGIN_S)

HTML = b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in.</body></html>"
PDF = (WEB / "note.pdf").read_bytes()
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64

# Faults below HTTP, played once: the second attempt gets the body.
TRANSIENT_CASES = [
    ("reset mid-body", reset_after(100)),
    ("ended early", end_after(100)),
    ("chunked, no last chunk", end_chunked_early()),
    ("stall mid-body", stall_after(100)),
    ("closed without a response", close_at_once()),
]
# The same faults on every attempt: the cause, after the retries.
PERSISTENT_CASES = [
    (reset_after(100), "connection reset mid-body after 3 attempts"),
    (end_after(100), r"response ended early \(100 of 5,000 bytes\) after 3 attempts"),
    (end_chunked_early(), "response ended early after 3 attempts"),
    (stall_after(100), r"read timed out mid-body \(no byte for 0.5 s\) after 3 attempts"),
    (close_at_once(), "server closed the connection without a response after 3 attempts"),
]
CLIENT_ERROR_CASES = [
    (403, "HTTP 403 Forbidden"),
    (404, "HTTP 404"),
    (410, "HTTP 410"),
]
# (Content-Type, body, the cause): refused at once, never cached, never retried.
MISMATCH_CASES = [
    ("application/pdf", HTML, "content-type says PDF but the body is HTML"),
    ("application/pdf", PNG, "content-type says PDF but the body is a PNG image"),
    ("application/pdf", b"", "content-type says PDF but the body is empty"),
    ("application/pdf", b"Access denied", r"content-type says PDF but the body is something else \(it starts b'Access"),
    ("application/json", HTML, "content-type says JSON but the body is HTML"),
    ("application/rss+xml", b"\n\n<html lang=en><body>moved</body></html>",
     "content-type says an RSS/Atom feed but the body is HTML"),
    ("text/html; charset=utf-8", gzip.compress(HTML), "content-type says text/html but the body is a gzip archive"),
]
# Bodies that may differ from their Content-Type without harm: let through.
MATCH_CASES = [
    ("application/pdf", PDF),
    ("text/html", PDF),  # the reader sniffs a PDF whatever the header says
    ("application/xhtml+xml", b'<?xml version="1.0"?>\n<!DOCTYPE html><html><body>x</body></html>'),
    ("text/plain", HTML),
    ("application/json", b'{"filings": {}}'),
    ("application/octet-stream", PNG),
    ("", b"anything"),
]


@pytest.fixture
def site(plain_site):
    plain_site.add("/a", b"hello", "text/plain")
    return plain_site


def client(*, timeout_s=TIMEOUT_S, deadline_s=DEADLINE_S, retry=RETRY, rate=100.0) -> HttpClient:
    return HttpClient(user_agent=USER_AGENT, timeout_s=timeout_s, limiter=RateLimiter(rate), retry=retry,
                      deadline_s=deadline_s)


@contextmanager
def within(seconds: float):
    """Fails the test if the block takes `seconds` or longer: nothing hangs."""
    began = time.monotonic()
    yield
    elapsed = time.monotonic() - began
    assert elapsed < seconds, f"took {elapsed:.2f} s, the bound is {seconds:.2f} s"


def fails(url: str, cause: str, seconds: float) -> FetchError:
    """The FetchError `client().get(url)` raises within `seconds`; it names the URL and the cause."""
    with within(seconds), pytest.raises(FetchError, match=cause) as caught:
        client().get(url)
    assert caught.value.url == url and str(caught.value).startswith(url + ": ")
    return caught.value


# --- below HTTP: refused, reset, ended early, stalled, closed ---------------------------------

def test_refused_connection_is_retried_then_reported():
    url = f"http://127.0.0.1:{free_port()}/a"
    fails(url, "connection refused after 3 attempts", ALL_ATTEMPTS_S)


def test_refused_until_the_server_comes_up_is_retried_then_succeeds():
    port = free_port()
    up: list[RawSite] = []
    timer = threading.Timer(0.1, lambda: up.append(RawSite(port)))  # during the first backoff
    timer.start()
    http = client(retry=RetryPolicy(retries=2, backoff_s=0.5, max_wait_s=2.0))
    try:
        with within(0.5 * 1.25 + TIMEOUT_S + MARGIN_S):
            assert http.get(f"http://127.0.0.1:{port}/a").body == b"hello"
    finally:
        timer.join()
        for site in up:
            site.__exit__()
    assert up[0].count("/a") == 1  # the first attempt was refused: it never arrived
    assert (http.stats.requests, http.stats.retries) == (2, 1)


@pytest.mark.parametrize("name, fault", TRANSIENT_CASES, ids=[c[0] for c in TRANSIENT_CASES])
def test_a_fault_once_is_retried_then_succeeds(raw_site, name, fault):
    raw_site.play("/a", fault)
    http = client()
    with within(TIMEOUT_S + MARGIN_S):
        assert http.get(raw_site.url + "/a").body == b"hello"
    assert raw_site.count("/a") == 2 and http.stats.retries == 1


@pytest.mark.parametrize("fault, cause", PERSISTENT_CASES, ids=[c[0] for c in TRANSIENT_CASES])
def test_a_fault_every_time_is_reported_after_the_retries(raw_site, fault, cause):
    raw_site.routes["/a"] = fault
    fails(raw_site.url + "/a", cause, ALL_ATTEMPTS_S)
    assert raw_site.count("/a") == RETRY.retries + 1


# --- a slow drip: every byte in time, the whole never -------------------------------------------

@pytest.mark.parametrize("fault", [drip(0.05, b"x" * 60), drip_head(0.05, 60)], ids=["body", "head"])
def test_a_slow_drip_is_cut_at_the_deadline(raw_site, fault):
    raw_site.routes["/a"] = fault  # a byte every 0.05 s for 3 s: the 0.5 s read timeout never trips
    fails(raw_site.url + "/a", r"no complete response within the 1 s deadline \(a slow drip", DEADLINE_S + MARGIN_S)
    assert raw_site.count("/a") == 1  # a drip would drip again: not retried


def test_a_slow_answer_that_ends_before_the_deadline_is_kept(raw_site):
    raw_site.play("/a", drip(0.02, b"y" * 20))
    with within(DEADLINE_S):
        assert client().get(raw_site.url + "/a").body == b"y" * 20


def test_the_deadline_does_not_outlive_its_request(raw_site):
    """A request's deadline is disarmed as it ends: its timer must not cut the kept-alive
    connection under the next request."""
    raw_site.play("/a", ok(keep_alive=True), ok(after=0.4, keep_alive=True))
    http = client(deadline_s=0.5)
    assert http.get(raw_site.url + "/a").body == b"hello"
    time.sleep(0.3)  # the second request runs when the first one's deadline would fall
    assert http.get(raw_site.url + "/a").body == b"hello"
    assert http.stats.retries == 0 and raw_site.count("/a") == 2


# --- HTTP answers: 4xx, 503 and Retry-After ---------------------------------------------------

@pytest.mark.parametrize("status, cause", CLIENT_ERROR_CASES)
def test_client_errors_are_reported_at_once(site, status, cause):
    path = "/missing" if status == 404 else "/a"
    if status != 404:
        site.fault(path, Response("no", status=status))
    fails(site.url + path, cause, MARGIN_S)
    assert [h.status for h in site.log] == [status]


def test_503_is_retried_then_succeeds(site):
    site.fault("/a", Response("busy", status=503))
    with within(MARGIN_S):
        assert client().get(site.url + "/a").body == b"hello"
    assert [h.status for h in site.log] == [503, 200]


@pytest.mark.parametrize("retry_after", ["1", "date"])
def test_503_with_retry_after_waits_as_asked(site, retry_after):
    if retry_after == "date":  # an HTTP date two seconds ahead, to the second: a wait of one to two
        retry_after = email.utils.formatdate(time.time() + 2, usegmt=True)
    site.fault("/a", Response("busy", status=503, headers={"Retry-After": retry_after}))
    with within(2.0 + MARGIN_S):
        assert client().get(site.url + "/a").body == b"hello"
    assert [h.status for h in site.log] == [503, 200]
    assert site.log[1].at - site.log[0].at >= 0.9


def test_persistent_503_is_reported_after_the_retries(site):
    site.fault("/a", *[Response("busy", status=503)] * 3)
    fails(site.url + "/a", "HTTP 503 after 3 attempts", ALL_ATTEMPTS_S)
    assert len(site.log) == 3


def test_503_asking_for_a_wait_longer_than_we_wait_is_reported_at_once(site):
    site.fault("/a", Response("maintenance", status=503, headers={"Retry-After": "3600"}))
    fails(site.url + "/a", "server asks to retry after 3600 s, over the 2 s we wait", MARGIN_S)
    assert len(site.log) == 1


# --- redirects: followed by us, each hop under the rate limit, a loop named ---------------------

def redirect(to: str, status: int = 302) -> Response:
    return Response("", status=status, headers={"Location": to})


def test_a_redirect_is_followed(site):
    site.fault("/old", redirect("/a", 301))
    http = client()
    assert http.get(site.url + "/old").body == b"hello"
    assert site.paths() == ["/old", "/a"] and http.stats.requests == 2


def test_a_redirect_loop_is_reported_at_once(site):
    site.fault("/loop/a", redirect("/loop/b"))
    site.fault("/loop/b", redirect(site.url + "/loop/a"))
    error = fails(site.url + "/loop/a", "redirect loop: ", MARGIN_S)
    assert error.cause == f"redirect loop: {site.url}/loop/a -> {site.url}/loop/b -> {site.url}/loop/a"
    assert site.paths() == ["/loop/a", "/loop/b"]  # not retried


def test_a_page_redirecting_to_itself_is_a_loop(site):
    site.fault("/self", redirect("/self#top", 307))
    fails(site.url + "/self", "redirect loop", MARGIN_S)
    assert len(site.log) == 1


def test_an_endless_chain_of_redirects_is_cut(site):
    for i in range(MAX_REDIRECTS + 1):
        site.fault(f"/hop/{i}", redirect(f"/hop/{i + 1}"))
    fails(site.url + "/hop/0", f"over {MAX_REDIRECTS} redirects", MARGIN_S)
    assert len(site.log) == MAX_REDIRECTS + 1


def test_a_redirect_without_a_location_is_reported(site):
    site.fault("/a", Response("", status=302))
    fails(site.url + "/a", "HTTP 302 redirect without a Location", MARGIN_S)


def test_every_redirect_hop_passes_the_rate_limit(site):
    for i in range(4):
        site.fault(f"/hop/{i}", redirect(f"/hop/{i + 1}" if i < 3 else "/a"))
    http = client(rate=2)
    with within(2 * 1.1 + MARGIN_S):  # five requests at two a second: three windows
        assert http.get(site.url + "/hop/0").body == b"hello"
    assert len(site.log) == 5 and windows_over(site.log, 2) == []


# --- a body that is not what its Content-Type says ----------------------------------------------

@pytest.mark.parametrize("content_type, body, cause", MISMATCH_CASES,
                         ids=[f"{c[0].split(';')[0]}-{i}" for i, c in enumerate(MISMATCH_CASES)])
def test_a_body_that_is_not_what_its_content_type_says_is_reported(site, tmp_path, content_type, body, cause):
    site.add("/doc", body, content_type)
    url = site.url + "/doc"
    fetcher = CachingFetcher(client(), HttpCache(tmp_path))
    with within(MARGIN_S), pytest.raises(FetchError, match=cause) as caught:
        fetcher.fetch(url, permanent=True)
    assert caught.value.url == url
    assert len(site.log) == 1  # the same bytes would come again: not retried
    assert fetcher.cache.lookup(url) is None  # nor kept: the next run asks again


@pytest.mark.parametrize("content_type, body", MATCH_CASES, ids=[c[0] or "none" for c in MATCH_CASES])
def test_a_body_its_content_type_allows_is_kept(site, content_type, body):
    site.fault("/doc", Response(body, status=200, headers={"Content-Type": content_type} if content_type else {}))
    assert client().get(site.url + "/doc").body == body


def test_a_body_that_is_not_its_content_encoding_is_reported(site):
    site.fault("/a", Response(b"plain words", status=200, headers={"Content-Type": "text/plain",
                                                                   "Content-Encoding": "gzip"}))
    fails(site.url + "/a", "content-encoding says gzip but the body does not decode as gzip", MARGIN_S)


# --- a whole run: the faults beside good pages ------------------------------------------------------

def test_a_run_with_faults_keeps_the_good_pages_and_reports_each_failure(tmp_path, web_site, plain_site, raw_site):
    web_site.fault("/news/deal-en.html", Response("busy", status=503))  # retried, then fine
    plain_site.fault("/forbidden.html", Response("no", status=403))
    plain_site.fault("/loop/a", redirect("/loop/b"))
    plain_site.fault("/loop/b", redirect("/loop/a"))
    plain_site.add("/report.pdf", HTML, "application/pdf")
    for path, fault in (("/reset.html", reset_after(100)), ("/early.html", end_after(100)),
                        ("/drip.html", drip(0.05))):
        raw_site.routes[path] = fault
    refused = f"http://127.0.0.1:{free_port()}/gone.html"
    failed = {
        refused: "connection refused after 2 attempts",
        f"{plain_site.url}/forbidden.html": "HTTP 403 Forbidden",
        f"{plain_site.url}/loop/a": f"redirect loop: {plain_site.url}/loop/a -> {plain_site.url}/loop/b -> "
                                    f"{plain_site.url}/loop/a",
        f"{plain_site.url}/report.pdf": "content-type says PDF but the body is HTML",
        f"{raw_site.url}/reset.html": "connection reset mid-body after 2 attempts",
        f"{raw_site.url}/early.html": "response ended early (100 of 5,000 bytes) after 2 attempts",
        f"{raw_site.url}/drip.html": "no complete response within the 1 s deadline (a slow drip",
    }
    good = [f"{web_site.url}/news/deal-en.html", f"{web_site.url}/pages/zh-latest.html"]
    out = tmp_path / "out"
    config = {
        "settings": {"ledger": str(out / "ledger.csv"), "state_db": str(out / "state.sqlite"),
                     "cache_dir": str(out / "cache"), "timeout_s": TIMEOUT_S, "deadline_s": DEADLINE_S},
        "http": {"retries": 1, "backoff_s": 0.02, "max_wait_s": 2},
        "urls": [*good[:1], *failed, *good[1:]],
    }
    (tmp_path / "sources.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")

    began = time.monotonic()
    result = run_cli("run", "--config", str(tmp_path / "sources.yaml"), "--no-progress", timeout=60)
    elapsed = time.monotonic() - began

    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    report = json.loads((out / "runs" / "latest.json").read_text(encoding="utf-8"))
    causes = {f["key"]: f["cause"] for f in report["failures"]}
    assert set(causes) == set(failed) and all(f["stage"] == "fetch" for f in report["failures"])
    for url, cause in failed.items():
        assert causes[url].startswith(cause), (url, causes[url])
        assert f"failed (fetch): {url}: {causes[url]}" in result.stderr
    assert (report["documents"]["processed"], report["documents"]["failed"]) == (2, len(failed))
    with (out / "ledger.csv").open(encoding="utf-8", newline="") as fh:
        doc_ids = {row["doc_id"] for row in csv.DictReader(fh)}
    assert doc_ids == {url.removeprefix("http://") for url in good}
    assert [h.status for h in web_site.log if h.path == "/news/deal-en.html"] == [503, 200]
    assert elapsed < 30, f"the run took {elapsed:.1f} s"
