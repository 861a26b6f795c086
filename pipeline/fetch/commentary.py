"""Commentary: web pages and feeds (RSS/Atom) to Items, and an article's HTML to its main text.

The main text of a news page comes from trafilatura (a maintained article
extractor: it drops navigation, sidebars and footers); a page it finds no
article in falls back to our plain HTML-to-text. Feeds are parsed by feedparser.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from time import strftime

import feedparser
import trafilatura

from ..errors import DocumentError
from ..html_text import html_to_text
from ..records import DocMeta
from .cache import CachingFetcher
from .items import COMMENTARY_KIND, FEED, URL, Item, url_doc_id


@dataclass(frozen=True)
class WebSource:
    """A page or a feed from sources.yaml, with metadata its documents inherit."""

    url: str
    meta: DocMeta = DocMeta()
    max_entries: int = 100


@dataclass(frozen=True)
class FeedEntry:
    link: str
    title: str
    published: str | None  # YYYY-MM-DD


def article_text(html: str, *, url: str) -> tuple[str, str | None]:
    """(main text, publication date YYYY-MM-DD or None) of an article page."""
    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                         include_tables=True)
    text = (getattr(result, "text", None) or "").strip()
    date = getattr(result, "date", None) or None
    if not text:  # no article found: the page's visible text is better than nothing
        text = html_to_text(html)
    return text, date


def parse_feed(data: bytes, *, url: str) -> list[FeedEntry]:
    """The entries of an RSS or Atom feed, in feed order; a feed that is not one raises."""
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise DocumentError(url, f"not an RSS or Atom feed: {parsed.get('bozo_exception')}")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if link:
            when = entry.get("published_parsed") or entry.get("updated_parsed")
            entries.append(FeedEntry(link=link, title=entry.get("title", ""),
                                     published=strftime("%Y-%m-%d", when) if when else None))
    return entries


def url_item(source: WebSource) -> Item:
    """A page the user follows: asked for again each run, conditionally."""
    meta = replace(_commentary(source.meta), source_url=source.url)
    return Item(key=source.url, doc_id=url_doc_id(source.url), kind=URL, meta=meta, permanent=False)


def feed_items(fetcher: CachingFetcher, source: WebSource) -> list[Item]:
    """The feed's newest `max_entries` articles; an article once read is not fetched again."""
    feed = fetcher.fetch(source.url, permanent=False)
    items = []
    for entry in parse_feed(feed.body, url=source.url)[:source.max_entries]:
        meta = replace(_commentary(source.meta), source_url=entry.link,
                       doc_date=source.meta.doc_date or entry.published)
        items.append(Item(key=entry.link, doc_id=url_doc_id(entry.link), kind=FEED, meta=meta, permanent=True))
    return items


def _commentary(meta: DocMeta) -> DocMeta:
    return meta if meta.doc_kind else replace(meta, doc_kind=COMMENTARY_KIND)
