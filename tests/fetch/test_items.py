"""Items to Documents: EDGAR forms get their item sections, exhibits a whole-document section,
folder files their sidecars; what decides re-extraction is in the fingerprint."""
from __future__ import annotations

import pytest

from pipeline.fetch.items import EDGAR, FOLDER, Item, folder_items, read_folder_bytes, to_document
from pipeline.records import DocMeta

SECTION_CASES = [
    # (fixture, form, a section title that must be found)
    ("Oracle.8-K.html", "8-K", "Item 5.07. Submission of Matters to a Vote of Security Holders"),
    ("meta-20251219.htm", "8-K", "Item 5.02."),
    ("nvda-10-q-2025-08-27.html", "10-Q", "Part I, Item 2. Management's Discussion and Analysis"),
    ("nvda-10-k-2025-02-26.html", "10-K", "Item 7. Management's Discussion and Analysis"),
    ("nvda-10-k-2025-02-26.html", "10-K", "Note 12 \u2014 Commitments and Contingencies"),
]


def edgar_item(name: str, form: str, **kw) -> Item:
    url = f"https://www.sec.gov/Archives/edgar/data/1/000000000000000001/{name}"
    return Item(key=url, doc_id=name, kind=EDGAR, permanent=True,
                meta=DocMeta(filer="NVIDIA", doc_kind=form, doc_date="2025-02-26", source_url=url), **kw)


@pytest.mark.parametrize("name, form, title", SECTION_CASES)
def test_edgar_forms_get_their_sections(shared_fixtures, name, form, title):
    doc, _ = to_document(edgar_item(name, form), (shared_fixtures / "edgar" / name).read_bytes(), "text/html")
    assert any(s.title.startswith(title) for s in doc.sections), [s.title for s in doc.sections]
    assert doc.meta.filer == "NVIDIA" and doc.source.startswith("https://www.sec.gov/Archives/")


def test_an_exhibit_is_one_section():
    item = edgar_item("ex99-1.htm", "EX-99.1", section="Exhibit 99.1 to 8-K")
    doc, _ = to_document(item, b"<html><body><p>NVIDIA announced results.</p></body></html>", "text/html")
    assert [(s.title, s.start, s.end) for s in doc.sections] == [("Exhibit 99.1 to 8-K", 0, len(doc.text))]


def test_folder_files_keep_their_sidecars(tmp_path):
    (tmp_path / "a.txt").write_text("Oracle signed a contract.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"doc_date": "2025-01-02"}', encoding="utf-8")
    (tmp_path / "b.md").write_text("Nothing here.\n", encoding="utf-8")
    items = folder_items(tmp_path, meta=DocMeta(filer="Oracle", doc_date="1999-01-01"))
    assert [(i.doc_id, i.kind) for i in items] == [("a", FOLDER), ("b", FOLDER)]
    doc, _ = to_document(items[0], read_folder_bytes(items[0]))
    assert (doc.meta.filer, doc.meta.doc_date) == ("Oracle", "2025-01-02")  # the sidecar wins
    before = read_folder_bytes(items[0])
    (tmp_path / "a.meta.json").write_text('{"doc_date": "2025-01-03"}', encoding="utf-8")
    assert read_folder_bytes(items[0]) != before  # an edited sidecar is a changed document


def test_fingerprint_follows_the_metadata():
    a = edgar_item("x.htm", "10-K")
    assert a.fingerprint() == edgar_item("x.htm", "10-K").fingerprint()
    assert a.fingerprint() != edgar_item("x.htm", "10-K/A").fingerprint()
