"""Test servers on 127.0.0.1: an EDGAR laid out like the real one, serving the real
documents in ../shared/fixtures/edgar/, and a small commentary site (tests/data/web/).

A Site answers from a route table, keeps a log of every request (arrival time,
path, headers, status), answers conditional requests with 304, and plays
faults queued per path (429, 500, a slow answer past the client's timeout, any
werkzeug Response). A RawSite is a bare socket server for the faults below HTTP
that a framework will not play: a reset mid-body, a body that ends early, a drip.
"""
from __future__ import annotations

import hashlib
import json
import re
import socket
import struct
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

EDGAR_FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "edgar"  # as tests/conftest.py
WEB = Path(__file__).resolve().parents[1] / "data" / "web"
USER_AGENT = "Dealledger Tests tests@example.com"


@dataclass(frozen=True)
class Hit:
    at: float  # time.monotonic() on arrival
    path: str
    headers: dict
    status: int


class Site:
    """Routes, faults and a request log for one pytest-httpserver."""

    def __init__(self):
        self.routes: dict[str, tuple[bytes, str]] = {}
        self.faults: dict[str, deque] = defaultdict(deque)
        self.log: list[Hit] = []
        self.arrived: list[str] = []  # paths as requests arrive (the log has them once answered)
        self._lock = threading.Lock()
        self.server: HTTPServer | None = None

    @property
    def url(self) -> str:
        return self.server.url_for("").rstrip("/")

    def add(self, path: str, body: bytes, content_type: str) -> None:
        self.routes[path] = (body, content_type)

    def fault(self, path: str, *faults) -> None:
        """Queue faults for the next requests of `path`: 429, 500, ("slow", seconds), ("hold", threading.Event),
        or a werkzeug Response to answer with as it is."""
        self.faults[path].extend(faults)

    def paths(self, prefix: str = "") -> list[str]:
        return [h.path for h in self.log if h.path.startswith(prefix)]

    def reset(self) -> None:
        """Forget the log and any faults left queued: each test starts clean."""
        with self._lock:
            self.log.clear()
            self.arrived.clear()
            self.faults.clear()

    def handle(self, request: Request) -> Response:
        arrived = time.monotonic()
        with self._lock:
            self.arrived.append(request.path)
            fault = self.faults[request.path].popleft() if self.faults[request.path] else None
        response = self._answer(request, fault)
        with self._lock:
            self.log.append(Hit(arrived, request.path, dict(request.headers), response.status_code))
        return response

    def _answer(self, request: Request, fault) -> Response:
        if isinstance(fault, Response):
            return fault
        if fault == 429:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        if fault == 500:
            return Response("oops", status=500)
        if isinstance(fault, tuple) and fault[0] == "slow":
            time.sleep(fault[1])
        if isinstance(fault, tuple) and fault[0] == "hold":  # until the test sets the event
            fault[1].wait(timeout=30)
        if request.path not in self.routes:
            return Response("not found", status=404)
        body, content_type = self.routes[request.path]
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, status=200, headers={"Content-Type": content_type, "ETag": etag})


def start_site(site: Site) -> HTTPServer:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.expect_request(re.compile(".*")).respond_with_handler(site.handle)
    server.start()
    site.server = server
    return server


# --- below HTTP: a raw socket server ----------------------------------------------------------

# Writes an answer, returning early once the event is set; returns True to keep the connection open.
Script = Callable[[socket.socket, threading.Event], "bool | None"]


class RawSite:
    """A socket server on 127.0.0.1 that answers each request by a script: queued per path with
    `play`, else `routes[path]`, else `ok()`. Logs the paths as requests arrive. A context manager:
    leaving it stops the server and every script still dripping or stalling."""

    def __init__(self, port: int = 0):
        self.listener = socket.create_server(("127.0.0.1", port))
        self.routes: dict[str, Script] = {}
        self.scripts: dict[str, deque] = defaultdict(deque)
        self.arrived: list[str] = []
        self.stop = threading.Event()
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}"

    def play(self, path: str, *scripts: Script) -> None:
        self.scripts[path].extend(scripts)

    def count(self, path: str) -> int:
        with self._lock:
            return self.arrived.count(path)

    def __enter__(self) -> RawSite:
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.listener.close()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:  # closed by __exit__
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            try:
                keep_alive = True
                while keep_alive:  # a script that returns True keeps the connection for the next request
                    path = _request_path(conn)
                    with self._lock:
                        self.arrived.append(path)
                        queued = self.scripts[path].popleft() if self.scripts[path] else None
                    keep_alive = (queued or self.routes.get(path) or ok())(conn, self.stop)
            except OSError:  # the client gave up (its deadline shut the socket), or went away
                pass


def _request_path(conn: socket.socket) -> str:
    conn.settimeout(5)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            raise OSError("client closed before its request ended")
        data += chunk
    conn.settimeout(None)
    return data.split(b" ", 2)[1].decode("ascii")


def _head(body_length: int | None, content_type: str = "text/plain", *, keep_alive: bool = False) -> bytes:
    length = f"Content-Length: {body_length}\r\n" if body_length is not None else ""
    close = "" if keep_alive else "Connection: close\r\n"
    return f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{length}{close}\r\n".encode()


def ok(body: bytes = b"hello", content_type: str = "text/plain", *, after: float = 0.0,
       keep_alive: bool = False) -> Script:
    """The body, `after` seconds late; with `keep_alive` the connection stays open for the next request."""
    def script(conn, stop):
        if not stop.wait(after):
            conn.sendall(_head(len(body), content_type, keep_alive=keep_alive) + body)
        return keep_alive
    return script


def reset_after(n: int, body: bytes = b"x" * 5000) -> Script:
    """Send the head and `n` bytes of `body`, then a TCP reset (SO_LINGER 0: RST, not FIN)."""
    def script(conn, stop):
        conn.sendall(_head(len(body)) + body[:n])
        stop.wait(0.1)  # let the bytes leave (and be read) before the reset discards what is unsent
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return script


def end_after(n: int, body: bytes = b"x" * 5000) -> Script:
    """Send the head (Content-Length of the whole body) and `n` bytes, then close cleanly."""
    return lambda conn, stop: conn.sendall(_head(len(body)) + body[:n])


def end_chunked_early() -> Script:
    """A chunked body that stops without its last (zero-length) chunk."""
    return lambda conn, stop: conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                                           b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n")


def drip(every: float, body: bytes = b"x" * 10_000) -> Script:
    """The head, then the body one byte every `every` seconds: each read comes in time, the whole never."""
    def script(conn, stop):
        conn.sendall(_head(len(body)))
        for i in range(len(body)):
            if stop.wait(every):
                return
            conn.sendall(body[i:i + 1])
    return script


def drip_head(every: float, n: int = 60) -> Script:
    """A status line, then a header line one byte every `every` seconds, `n` bytes, then an empty body."""
    def script(conn, stop):
        conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        for _ in range(n):
            if stop.wait(every):
                return
            conn.sendall(b"z")
        conn.sendall(b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    return script


def stall_after(n: int, body: bytes = b"x" * 5000) -> Script:
    """The head and `n` bytes, then silence until the server stops."""
    def script(conn, stop):
        conn.sendall(_head(len(body)) + body[:n])
        stop.wait(30)
    return script


def close_at_once() -> Script:
    """Read the request, close without a word."""
    return lambda conn, stop: None


def free_port() -> int:
    """A port nothing listens on (a connection to it is refused), for a while at least."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def raw_site():
    """A RawSite of its own for each test."""
    with RawSite() as site:
        yield site


# --- EDGAR -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FixtureFiling:
    cik: int
    accession: str
    form: str
    filing_date: str
    report_date: str
    primary: str  # the name EDGAR serves it under
    fixture: str  # the file in ../shared/fixtures/edgar/
    items: str = ""


# Accession numbers and names are EDGAR's where known (the four 10-Ks and the two 8-Ks);
# the NVIDIA 10-Q and the Oracle filings get made-up accession numbers (marked *).
FILINGS = (
    FixtureFiling(1045810, "0001045810-25-000023", "10-K", "2025-02-26", "2025-01-26",
                  "nvda-20250126.htm", "nvda-10-k-2025-02-26.html"),
    FixtureFiling(1045810, "0001045810-25-000209", "10-Q", "2025-08-27", "2025-07-27",  # *
                  "nvda-20250727.htm", "nvda-10-q-2025-08-27.html"),
    FixtureFiling(1045810, "0001045810-26-000024", "8-K", "2026-03-06", "2026-03-02",
                  "nvda-20260302.htm", "nvda-20260302.htm", "5.02,9.01"),
    FixtureFiling(1326801, "0001326801-25-000017", "10-K", "2025-01-30", "2024-12-31",
                  "meta-20241231.htm", "meta-10-k-2025-01-30.html"),
    FixtureFiling(1326801, "0001628280-25-058337", "8-K", "2025-12-19", "2025-12-19",
                  "meta-20251219.htm", "meta-20251219.htm", "5.02"),
    FixtureFiling(1018724, "0001018724-25-000004", "10-K", "2025-02-07", "2024-12-31",
                  "amzn-20241231.htm", "amzn-10-k-2025-02-07.html"),
    FixtureFiling(1652044, "0001652044-25-000014", "10-K", "2025-02-05", "2024-12-31",
                  "goog-20241231.htm", "googl-10-k-2025-02-05.html"),
    FixtureFiling(1341439, "0000950170-24-104000", "10-Q", "2024-09-10", "2024-08-31",  # *
                  "orcl-20240831.htm", "Oracle.10-Q.html"),
    FixtureFiling(1341439, "0000950170-24-127000", "8-K", "2024-11-14", "2024-11-14",  # *
                  "orcl-20241114.htm", "Oracle.8-K.html", "5.07"),
)
NAMES = {1045810: "NVIDIA CORP", 1326801: "Meta Platforms, Inc.", 1018724: "AMAZON COM INC",
         1652044: "Alphabet Inc.", 1341439: "ORACLE CORP"}
TICKERS = {1045810: "NVDA", 1326801: "META", 1018724: "AMZN", 1652044: "GOOGL", 1341439: "ORCL"}
# NVIDIA's 10-K sits on an older page, as it would once newer filings push it out of `recent`.
OLDER_PAGE = {1045810: ("0001045810-25-000023",)}
NVDA_8K = "0001045810-26-000024"
TESLA_CIK = 1318605


def archive_path(cik: int, accession: str, name: str) -> str:
    return f"/Archives/edgar/data/{cik}/{accession.replace('-', '')}/{name}"


def columns(filings) -> dict:
    """EDGAR's columnar layout of `filings.recent` (and of the older pages)."""
    cols = {k: [] for k in ("accessionNumber", "filingDate", "reportDate", "acceptanceDateTime", "act",
                            "form", "fileNumber", "filmNumber", "items", "core_type", "size", "isXBRL",
                            "isInlineXBRL", "primaryDocument", "primaryDocDescription")}
    for f in sorted(filings, key=lambda f: f.filing_date, reverse=True):
        for key, value in (("accessionNumber", f.accession), ("filingDate", f.filing_date),
                           ("reportDate", f.report_date), ("acceptanceDateTime", f.filing_date + "T16:05:00.000Z"),
                           ("act", "34"), ("form", f.form), ("fileNumber", "000-00000"), ("filmNumber", "1"),
                           ("items", f.items), ("core_type", f.form), ("size", 1), ("isXBRL", 1),
                           ("isInlineXBRL", 1), ("primaryDocument", f.primary), ("primaryDocDescription", f.form)):
            cols[key].append(value)
    return cols


def submissions(cik: int) -> tuple[dict, dict]:
    """(the company's submissions JSON, its older pages by name), with a Form 4 we must skip
    and an old page wholly before any start date the tests use (it must never be asked for)."""
    mine = [f for f in FILINGS if f.cik == cik]
    older = [f for f in mine if f.accession in OLDER_PAGE.get(cik, ())]
    recent = [f for f in mine if f not in older]
    recent.append(FixtureFiling(cik, f"{cik:010d}-25-900001", "4", "2025-06-02", "2025-05-30",
                                "xslF345X05/wk-form4_1.xml", ""))
    pages = {}
    files = []
    if older:
        name = f"CIK{cik:010d}-submissions-001.json"
        pages[name] = columns(older)
        files.append({"name": name, "filingCount": len(older), "filingFrom": "2024-06-01", "filingTo": "2025-02-26"})
    files.append({"name": f"CIK{cik:010d}-submissions-002.json", "filingCount": 1000,
                  "filingFrom": "2001-01-01", "filingTo": "2019-12-31"})
    doc = {"cik": f"{cik:010d}", "entityType": "operating", "name": NAMES[cik], "tickers": [TICKERS[cik]],
           "filings": {"recent": columns(recent), "files": files}}
    return doc, pages


def sgml_documents(text: str) -> dict[str, tuple[str, str]]:
    """{filename: (type, text)} of the <DOCUMENT>s of a full EDGAR submission (.txt)."""
    found = {}
    for block in re.findall(r"<DOCUMENT>(.*?)</DOCUMENT>", text, re.S):
        kind = re.search(r"<TYPE>([^\n]+)", block).group(1).strip()
        name = re.search(r"<FILENAME>([^\n]+)", block).group(1).strip()
        body = re.search(r"<TEXT>\n?(.*?)</TEXT>", block, re.S).group(1)
        found[name] = (kind, body)
    return found


def index_page(filing: FixtureFiling) -> bytes:
    """A filing index in EDGAR's layout for filings whose real page we have not got."""
    row = (f'<tr><td scope="row">1</td><td scope="row">{filing.form}</td><td scope="row">'
           f'<a href="{archive_path(filing.cik, filing.accession, filing.primary)}">{filing.primary}</a></td>'
           f'<td scope="row">{filing.form}</td><td scope="row">1</td></tr>')
    return (f'<html><body><table class="tableFile" summary="Document Format Files"><tr><th>Seq</th>'
            f'<th>Description</th><th>Document</th><th>Type</th><th>Size</th></tr>{row}</table>'
            f'</body></html>').encode("utf-8")


def build_edgar(site: Site) -> None:
    """Submissions JSONs, older pages, filing indexes, primary documents and the NVIDIA 8-K's EX-10.1."""
    for cik in NAMES:
        doc, pages = submissions(cik)
        site.add(f"/submissions/CIK{cik:010d}.json", json.dumps(doc).encode(), "application/json")
        for name, cols in pages.items():
            site.add(f"/submissions/{name}", json.dumps(cols).encode(), "application/json")
    for f in FILINGS:
        site.add(archive_path(f.cik, f.accession, f.primary), (EDGAR_FIXTURES / f.fixture).read_bytes(), "text/html")
        site.add(archive_path(f.cik, f.accession, f"{f.accession}-index.html"), index_page(f), "text/html")
    real_index = (EDGAR_FIXTURES / f"{NVDA_8K}-index.html").read_bytes()
    site.add(archive_path(1045810, NVDA_8K, f"{NVDA_8K}-index.html"), real_index, "text/html")
    full = (EDGAR_FIXTURES / f"{NVDA_8K}.txt").read_text(encoding="utf-8")
    for name, (kind, body) in sgml_documents(full).items():
        if kind.startswith("EX-10"):
            site.add(archive_path(1045810, NVDA_8K, name), body.encode("utf-8"), "text/html")
    tesla = (EDGAR_FIXTURES / "company_submission.json").read_bytes()
    site.add(f"/submissions/CIK{TESLA_CIK:010d}.json", tesla, "application/json")
    tickers = {"0": {"cik_str": TESLA_CIK, "ticker": "TSLA", "title": "Tesla, Inc."}}
    site.add("/files/company_tickers.json", json.dumps(tickers).encode(), "application/json")


# --- commentary ------------------------------------------------------------------------------

def build_web(site: Site) -> None:
    """Articles (UTF-8, GBK), an RSS and an Atom feed, a PDF; feed links point at this server."""
    site.add("/news/deal-en.html", (WEB / "deal-en.html").read_bytes(), "text/html; charset=utf-8")
    gbk = (WEB / "deal-zh-gbk.html").read_bytes()
    site.add("/zh/deal-zh-gbk.html", gbk, "text/html")  # no charset in the header: the <meta> tells
    site.add("/pages/zh-latest.html", gbk, "text/html")
    site.add("/research/note.pdf", (WEB / "note.pdf").read_bytes(), "application/pdf")
    for name, kind in (("feed.rss", "application/rss+xml"), ("feed.atom", "application/atom+xml")):
        text = (WEB / name).read_text(encoding="utf-8").replace("http://BASE", site.url)
        site.add(f"/feeds/{name}", text.encode("utf-8"), kind)


def windows_over(hits: list[Hit], limit: int, window: float = 1.0) -> list[tuple[float, int]]:
    """Every 1-second window (starting at a request) holding more than `limit` requests."""
    times = sorted(h.at for h in hits)
    over = []
    for i, start in enumerate(times):
        count = sum(1 for t in times[i:] if t - start < window)
        if count > limit:
            over.append((start, count))
    return over


def _serve(build):
    site = Site()
    server = start_site(site)
    build(site)
    return site, server


@pytest.fixture(scope="session")
def _edgar_server(shared_fixtures):  # tests/conftest.py: skips, with its reason, where ../shared is absent
    site, server = _serve(build_edgar)
    yield site
    server.clear()
    server.stop()


@pytest.fixture(scope="session")
def _web_server():
    site, server = _serve(build_web)
    yield site
    server.clear()
    server.stop()


@pytest.fixture
def edgar_site(_edgar_server) -> Site:
    """The EDGAR test server (one per session), its log and faults cleared."""
    _edgar_server.reset()
    return _edgar_server


@pytest.fixture
def web_site(_web_server) -> Site:
    """The commentary test server (one per session), its log and faults cleared."""
    _web_server.reset()
    return _web_server


@pytest.fixture(scope="session")
def _plain_server():
    site, server = _serve(lambda s: None)
    yield site
    server.clear()
    server.stop()


@pytest.fixture
def plain_site(_plain_server) -> Site:
    """An empty server for the client tests: routes, log and faults cleared."""
    _plain_server.reset()
    _plain_server.routes.clear()
    return _plain_server
