from __future__ import annotations

import re
import time
from collections import Counter

import pytest

from pipeline.errors import PdfError, UnsupportedFormat
from pipeline.pdf_text import PAGE_BREAK, pdf_to_text, pdfplumber_text

# file under tests/data/pdf, exception, words the cause must hold
REFUSES = [
    ("corrupt.pdf", PdfError, "corrupt or truncated"),
    ("encrypted.pdf", PdfError, "encrypted: a password is needed"),
    ("image-only.pdf", PdfError, "no text layer on any of its 2 pages"),
    ("cid-garbage.pdf", PdfError, "(cid:NNN) garbage) instead of text on pages 1, 2"),
    ("image.pdf", UnsupportedFormat, "not a PDF: the content is a PNG image"),
]


@pytest.mark.parametrize("name, error, cause", REFUSES)
def test_refuses(data_dir, name, error, cause):
    with pytest.raises(error) as info:
        pdf_to_text((data_dir / "pdf" / name).read_bytes(), path=name)
    assert info.value.path == name
    assert cause in info.value.cause


def test_not_a_pdf_at_all():
    with pytest.raises(PdfError, match="no %PDF- header"):
        pdf_to_text(b"Item 1.01 Entry into a Material Definitive Agreement", path="x.pdf")


def test_chinese_pdf(data_dir):
    text = pdf_to_text((data_dir / "pdf" / "chinese.pdf").read_bytes(), path="chinese.pdf")
    pages = text.split(PAGE_BREAK)
    assert len(pages) == 2
    flat = "".join(pages[0].split())
    assert flat.startswith("东北电气发展股份有限公司（以下简称“公司”）于2024年3月15日与英伟达（NVIDIA）")
    assert "合同总金额为人民币16.4亿元。" in flat
    assert "JPMorgan Chase Bank" in pages[1]
    assert "董事會認為" in "".join(pages[1].split())
    assert "\r" not in text and "\ufffe" not in text


def test_cid_garbage_pages_can_be_dropped(data_dir):
    text = pdf_to_text((data_dir / "pdf" / "cid-garbage.pdf").read_bytes(), path="x",
                       drop_garbage_pages=True)
    assert text == PAGE_BREAK


def test_cid_garbage_is_what_pdfplumber_shows(data_dir):
    """The same file through pdfminer: the (cid:NNN) the error message names."""
    assert re.search(r"\(cid:\d+\)", pdfplumber_text((data_dir / "pdf" / "cid-garbage.pdf").read_bytes()))


def _chars(text: str) -> Counter:
    return Counter("".join(text.split()))


def _overlap(a: str, b: str) -> float:
    """Share of characters the two texts have in common, ignoring whitespace and order."""
    ca, cb = _chars(a), _chars(b)
    return sum((ca & cb).values()) / max(sum(ca.values()), sum(cb.values()), 1)


def test_same_content_as_pdfplumber_on_generated_pdf(data_dir):
    data = (data_dir / "pdf" / "chinese.pdf").read_bytes()
    assert "".join(pdf_to_text(data, path="x").split()) == "".join(pdfplumber_text(data).split())


# Compared as character multisets: the order can differ, since pypdfium2 follows
# the content stream (column by column on the 3-column Federal Register) while
# pdfplumber groups characters into lines across columns, and PDFium marks a
# hyphen at a line end (U+FFFE, which we turn back into "-").
PDFS = ["federal-register-2020-17221.pdf", "issue-67-example.pdf", "issue-53-example.pdf",
        "chinese-tables.pdf"]


@pytest.mark.parametrize("name", PDFS)
def test_same_content_as_pdfplumber(shared_fixtures, name):
    data = (shared_fixtures / "pdf" / name).read_bytes()
    assert _overlap(pdf_to_text(data, path=name), pdfplumber_text(data)) > 0.995


def test_overprinted_text_is_where_they_differ(shared_fixtures):
    """issue-842's cover page prints each glyph 4 times (a shadow effect): pdfplumber keeps
    every copy ("安安安安徽徽徽徽"), PDFium drops the overprints."""
    data = (shared_fixtures / "pdf" / "issue-842-example.pdf").read_bytes()
    ours = pdf_to_text(data, path="x")
    assert "安徽安利合成革股份有限公司" in ours
    assert "安安安安徽徽徽徽" in pdfplumber_text(data)


def test_chinese_report(shared_fixtures):
    text = pdf_to_text((shared_fixtures / "pdf" / "issue-67-example.pdf").read_bytes(), path="x")
    assert "东北电气发展股份有限公司" in text
    assert len(text.split(PAGE_BREAK)) == 22


def test_federal_register(shared_fixtures):
    data = (shared_fixtures / "pdf" / "federal-register-2020-17221.pdf").read_bytes()
    pages = pdf_to_text(data, path="x").split(PAGE_BREAK)
    assert len(pages) == 15
    assert "Airworthiness Directives; The Boeing" in pages[0]
    assert "FAA-approved" in "".join(pages).replace("\n", "")


def test_faster_than_pdfplumber(shared_fixtures):
    """Measured: pypdfium2 ~500 pages/s, pdfplumber ~8 on this file; asserted loosely."""
    data = (shared_fixtures / "pdf" / "federal-register-2020-17221.pdf").read_bytes()
    start = time.perf_counter()
    pdf_to_text(data, path="x")
    ours = time.perf_counter() - start
    start = time.perf_counter()
    pdfplumber_text(data)
    theirs = time.perf_counter() - start
    assert ours * 5 < theirs
