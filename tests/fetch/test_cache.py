"""The on-disk cache: permanent documents are never asked for twice, the rest conditionally."""
from __future__ import annotations

import pytest

from fetch.sites import USER_AGENT
from pipeline.fetch.cache import CACHED, FETCHED, NOT_MODIFIED, CachingFetcher, HttpCache
from pipeline.fetch.http import HttpClient, RateLimiter, RetryPolicy


@pytest.fixture
def fetcher(tmp_path):
    client = HttpClient(user_agent=USER_AGENT, timeout_s=2, limiter=RateLimiter(100),
                        retry=RetryPolicy(retries=2, backoff_s=0.01))
    return CachingFetcher(client, HttpCache(tmp_path / "cache"))


@pytest.fixture
def site(plain_site):
    plain_site.add("/doc.htm", b"<p>filed</p>", "text/html")
    return plain_site


def test_permanent_documents_are_fetched_once(fetcher, site):
    first = fetcher.fetch(site.url + "/doc.htm", permanent=True)
    second = fetcher.fetch(site.url + "/doc.htm", permanent=True)
    assert (first.origin, second.origin) == (FETCHED, CACHED)
    assert second.body == first.body and second.content_type == "text/html"
    assert len(site.log) == 1


def test_other_documents_are_asked_for_conditionally(fetcher, site):
    fetcher.fetch(site.url + "/doc.htm", permanent=False)
    again = fetcher.fetch(site.url + "/doc.htm", permanent=False)
    assert again.origin == NOT_MODIFIED and again.body == b"<p>filed</p>"
    assert "If-None-Match" in site.log[1].headers and site.log[1].status == 304


def test_a_changed_page_is_downloaded_again(fetcher, site):
    fetcher.fetch(site.url + "/doc.htm", permanent=False)
    site.add("/doc.htm", b"<p>amended</p>", "text/html")
    again = fetcher.fetch(site.url + "/doc.htm", permanent=False)
    assert (again.origin, again.body) == (FETCHED, b"<p>amended</p>")


def test_a_torn_cache_entry_is_not_used(fetcher, site, tmp_path):
    fetcher.fetch(site.url + "/doc.htm", permanent=True)
    body = next((tmp_path / "cache" / "http").rglob("*.body"))
    body.write_bytes(b"<p>fil")  # a crash between the two writes of an entry
    again = fetcher.fetch(site.url + "/doc.htm", permanent=True)
    assert (again.origin, again.body) == (FETCHED, b"<p>filed</p>")


def test_cached_copy_without_the_network(fetcher, site):
    assert fetcher.cached(site.url + "/doc.htm") is None
    fetcher.fetch(site.url + "/doc.htm", permanent=False)
    assert fetcher.cached(site.url + "/doc.htm").body == b"<p>filed</p>"
    assert len(site.log) == 1
