"""The on-disk HTTP cache: permanent for immutable documents, conditional requests for the rest.

An EDGAR archive document never changes once filed, so a cached copy is used
without asking; a submissions JSON, a feed or a page may change, so it is asked
for with If-None-Match / If-Modified-Since and a 304 answers from the cache.
Each entry is a body file and a JSON file of headers, both written atomically
(body first), so a run killed mid-write leaves no entry rather than half a one.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..ledger import atomic_write
from .http import HttpClient

# How a body came: downloaded; confirmed unchanged by a 304; or from the cache without asking.
FETCHED, NOT_MODIFIED, CACHED = "fetched", "not_modified", "cached"


@dataclass(frozen=True)
class Fetched:
    url: str
    body: bytes
    content_type: str
    origin: str  # FETCHED, NOT_MODIFIED or CACHED


@dataclass(frozen=True)
class CacheEntry:
    body: bytes
    headers: dict


class HttpCache:
    """Bodies and their headers under `root/http/`, keyed by the SHA-256 of the URL."""

    def __init__(self, root: Path):
        self.root = Path(root) / "http"

    def _paths(self, url: str) -> tuple[Path, Path]:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.root / digest[:2]
        return folder / f"{digest}.body", folder / f"{digest}.json"

    def lookup(self, url: str) -> CacheEntry | None:
        body_path, meta_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return None  # a torn or foreign entry: fetch again
        return CacheEntry(body=body, headers=meta.get("headers", {}))

    def store(self, url: str, body: bytes, headers: dict) -> None:
        body_path, meta_path = self._paths(url)
        kept = {k: v for k, v in headers.items() if k in ("etag", "last-modified", "content-type")}
        meta = {"url": url, "sha256": hashlib.sha256(body).hexdigest(), "headers": kept}
        atomic_write(body_path, body)
        atomic_write(meta_path, json.dumps(meta, sort_keys=True).encode("utf-8"))


class CachingFetcher:
    """`fetch(url, permanent=...)`: the body from the cache or the network, and how it came."""

    def __init__(self, client: HttpClient, cache: HttpCache):
        self.client, self.cache = client, cache

    def fetch(self, url: str, *, permanent: bool) -> Fetched:
        entry = self.cache.lookup(url)
        if entry is not None and permanent:
            return Fetched(url, entry.body, entry.headers.get("content-type", ""), CACHED)
        response = self.client.get(url, headers=_conditional(entry))
        if response.status == 304 and entry is not None:
            return Fetched(url, entry.body, entry.headers.get("content-type", ""), NOT_MODIFIED)
        if response.status == 304:  # we sent no validator: a confused server
            response = self.client.get(url)
        self.cache.store(url, response.body, response.headers)
        return Fetched(url, response.body, response.content_type, FETCHED)

    def cached(self, url: str) -> Fetched | None:
        """The cached copy without asking the network (re-extraction under new rules)."""
        entry = self.cache.lookup(url)
        if entry is None:
            return None
        return Fetched(url, entry.body, entry.headers.get("content-type", ""), CACHED)


def _conditional(entry: CacheEntry | None) -> dict:
    if entry is None:
        return {}
    headers = {}
    if entry.headers.get("etag"):
        headers["If-None-Match"] = entry.headers["etag"]
    if entry.headers.get("last-modified"):
        headers["If-Modified-Since"] = entry.headers["last-modified"]
    return headers

