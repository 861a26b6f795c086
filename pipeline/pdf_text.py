"""PDF to text, page by page, with the failures named.

pypdfium2 reads the text layer: 25-50x faster than pdfplumber on the same
pages (NOTES.md) and it keeps a 3-column page's columns apart, which
pdfplumber's line grouping mixes. pdfplumber is not used on the reading path:
everything needed here (text, page count, password check) pypdfium2 does, and
its character-to-text mapping matches pdfplumber's (tests/test_pdf_text.py
compares both). pdfplumber's extras, tables and character boxes, are for later
stages if ever; `pdfplumber_text` is kept only for the benchmark and that test.
"""
from __future__ import annotations

import io
import re

import pdfplumber
import pypdfium2 as pdfium

from .encoding import sniff_format
from .errors import PdfError, UnsupportedFormat

PAGE_BREAK = "\n\f\n"  # a form feed between pages: page n starts after n-1 of them

# Glyphs with no Unicode mapping come out as control characters (PDFium),
# private-use characters or (cid:NNN) (pdfminer/pdfplumber).
_GARBAGE = re.compile(r"\(cid:\d+\)|[\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff\ufffd]")
_GARBAGE_SHARE = 0.10
_MIN_GARBAGE = 3
_TRAILING_SPACES = re.compile(r"[ \t]+\n")
# A PDF locked with only an owner password (no printing, no copying) opens
# without one and is read: the restriction is on the viewer, not on us.
_PDFIUM_ERRORS = {  # FPDF_ERR_* codes
    2: "cannot be opened (file error)",
    3: "corrupt or truncated: PDFium cannot parse it",
    4: "encrypted: a password is needed to open it",
    5: "encrypted with a security handler PDFium does not support",
}


def pdf_to_text(data: bytes, *, path: str, drop_garbage_pages: bool = False) -> str:
    """Text of every page, pages joined by PAGE_BREAK.

    Raises PdfError for a corrupt, encrypted or image-only PDF, and for pages
    whose text layer is unmapped glyphs ((cid:NNN) garbage) unless
    `drop_garbage_pages`, which blanks those pages instead.
    """
    _check_signature(data, path)
    pdf = _open(data, path)
    try:
        pages = [_page_text(pdf, i, path) for i in range(len(pdf))]
    finally:
        pdf.close()
    if not pages:
        raise PdfError(path, "the PDF has no pages")
    if not any(page.strip() for page in pages):
        raise PdfError(path, f"no text layer on any of its {len(pages)} pages: "
                             "an image-only (scanned) PDF, it needs OCR")
    garbage = [n for n, page in enumerate(pages, 1) if _is_garbage(page)]
    if garbage and not drop_garbage_pages:
        raise PdfError(path, f"unmapped glyphs ((cid:NNN) garbage) instead of text on "
                             f"page{'s' if len(garbage) > 1 else ''} {_page_list(garbage)}")
    for n in garbage:
        pages[n - 1] = ""
    return PAGE_BREAK.join(pages)


def pdfplumber_text(data: bytes) -> str:
    """Plain pdfplumber extract_text, pages joined by PAGE_BREAK (benchmark, tests)."""
    texts = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            texts.append(page.extract_text() or "")
            page.close()  # drops the page's caches: without it memory grows per page
    return PAGE_BREAK.join(texts)


def _check_signature(data: bytes, path: str) -> None:
    kind = sniff_format(data)
    if kind and kind != "PDF":
        raise UnsupportedFormat(path, f"not a PDF: the content is a {kind}")
    if b"%PDF-" not in data[:1024]:
        raise PdfError(path, "not a PDF: no %PDF- header in the first 1024 bytes")


def _open(data: bytes, path: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        cause = _PDFIUM_ERRORS.get(getattr(e, "err_code", None), f"PDFium cannot open it: {e}")
        raise PdfError(path, cause) from e


def _page_text(pdf: pdfium.PdfDocument, index: int, path: str) -> str:
    try:
        page = pdf[index]
    except pdfium.PdfiumError as e:
        raise PdfError(path, f"page {index + 1} is corrupt: {e}") from e
    try:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()  # one page in memory at a time
    # PDFium ends lines with "\r\n" and marks a hyphen at a line end as U+FFFE.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-")
    return _TRAILING_SPACES.sub("\n", text).strip("\n")


def _is_garbage(page: str) -> bool:
    visible = len(page) - page.count(" ") - page.count("\n")
    bad = sum(len(m.group()) for m in _GARBAGE.finditer(page))
    return bad >= _MIN_GARBAGE and bad >= _GARBAGE_SHARE * visible


def _page_list(pages: list[int]) -> str:
    shown = ", ".join(map(str, pages[:20]))
    return shown + (f" and {len(pages) - 20} more" if len(pages) > 20 else "")
