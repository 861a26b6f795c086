"""Commentary: feeds, article main text (UTF-8 and GBK), PDFs with (cid:NNN) garbage reported, not emitted."""
from __future__ import annotations

from pathlib import Path

import pytest

from fetch.sites import WEB
from pipeline.errors import DocumentError
from pipeline.extract import Extractor
from pipeline.fetch.commentary import WebSource, article_text, parse_feed, url_item
from pipeline.fetch.items import FEED, Item, process_item, to_document, url_doc_id
from pipeline.records import DocMeta

PDFS = Path(__file__).resolve().parents[1] / "data" / "pdf"

FEED_CASES = [
    ("feed.rss", ["http://BASE/news/deal-en.html", "http://BASE/research/note.pdf"]),
    ("feed.atom", ["http://BASE/zh/deal-zh-gbk.html", "http://BASE/research/note.pdf"]),
]
DOC_ID_CASES = [
    ("https://example.com/news/a.html?utm=1", "example.com/news/a.html"),
    ("http://127.0.0.1:8000/zh/", "127.0.0.1:8000/zh"),
]


def web_item(name: str, **meta) -> Item:
    url = f"http://site.test/{name}"
    return Item(key=url, doc_id=url_doc_id(url), kind=FEED, meta=DocMeta(doc_kind="commentary", **meta), permanent=True)


@pytest.mark.parametrize("name, links", FEED_CASES)
def test_parse_feed(name, links):
    entries = parse_feed((WEB / name).read_bytes(), url=name)
    assert [e.link for e in entries] == links
    assert {e.published for e in entries} == {"2025-09-12"}


def test_not_a_feed_is_reported():
    with pytest.raises(DocumentError, match="not an RSS or Atom feed"):
        parse_feed(b"\x00\x01 binary", url="x")


@pytest.mark.parametrize("url, doc_id", DOC_ID_CASES)
def test_url_doc_id(url, doc_id):
    assert url_doc_id(url) == doc_id


def test_article_main_text_without_page_chrome():
    text, date = article_text((WEB / "deal-en.html").read_text(encoding="utf-8"), url="http://site.test/a")
    assert "OpenAI signed a $300 billion contract with Oracle for compute" in text
    assert "Trending" not in text and "Privacy" not in text and "Oil slips" not in text
    assert date == "2025-09-12"


def test_gbk_article_is_decoded_from_its_meta_charset():
    doc, warnings = to_document(web_item("deal-zh-gbk.html"), (WEB / "deal-zh-gbk.html").read_bytes(), "text/html")
    assert "英伟达计划向OpenAI投资1000亿美元" in doc.text and warnings == ()
    assert doc.meta.doc_date == "2025-09-12" and doc.sections == ()


def test_pdf_with_chinese_font():
    doc, warnings = to_document(web_item("note.pdf"), (WEB / "note.pdf").read_bytes(), "application/pdf")
    assert "CoreWeave签署了与Meta的142亿美元算力采购协议" in doc.text
    assert "Azure credits worth $10 billion" in doc.text and warnings == ()


def test_cid_garbage_page_is_reported_and_left_out():
    outcome = process_item(web_item("mixed-cid.pdf"), (WEB / "mixed-cid.pdf").read_bytes(), "", Extractor())
    assert outcome.error is None
    assert len(outcome.warnings) == 1 and "page 1" in outcome.warnings[0] and "(cid:NNN)" in outcome.warnings[0]
    assert [e.event_type for e in outcome.events] == ["credit"]  # page 2 only
    assert all("(cid:" not in e.sentence and e.sentence.isprintable() for e in outcome.events)


def test_all_garbage_pdf_fails_with_its_cause():
    outcome = process_item(web_item("cid.pdf"), (PDFS / "cid-garbage.pdf").read_bytes(), "", Extractor())
    assert outcome.events == () and outcome.stage == "read"
    assert "unmapped glyphs" in outcome.error and "pages 1, 2" in outcome.error


def test_url_item_is_rechecked_each_run():
    item = url_item(WebSource(url="https://example.com/p.html", meta=DocMeta(lang="zh")))
    assert not item.permanent and item.meta.doc_kind == "commentary" and item.meta.lang == "zh"
