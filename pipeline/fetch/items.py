"""What a run works on: an Item (a key, a doc_id, metadata, how to get its bytes),
and the pure step from an item's bytes to a Document and its Events.

`process_item` runs in extraction workers (threads, processes or Dask): it
takes bytes, never fetches, and returns an Outcome the parent commits.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from ..encoding import decode_bytes, html_declared_charset, sniff_format
from ..errors import DocumentError, PdfError
from ..html_text import html_to_text
from ..pdf_text import pdf_to_text
from ..read import document_from_text, iter_document_paths, read_document, read_sidecar
from ..records import DocMeta, Document, Event, Section

EDGAR, URL, FEED, FOLDER = "edgar", "url", "feed", "folder"
COMMENTARY_KIND = "commentary"  # a doc_kind with no item structure: find_sections looks for none
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


@dataclass(frozen=True)
class Item:
    """One document to process. `key` (a URL or a path) identifies it in the state store;
    `permanent` means its bytes never change once cached (EDGAR archives, feed articles)."""

    key: str
    doc_id: str
    kind: str
    meta: DocMeta
    permanent: bool = False
    section: str | None = None  # the whole document's section (an exhibit: "Exhibit 99.1")

    def fingerprint(self) -> str:
        """What besides the bytes decides the events: a changed filer or date re-extracts."""
        return json.dumps({"meta": asdict(self.meta), "section": self.section}, sort_keys=True)


@dataclass(frozen=True)
class Outcome:
    """The result of one item: its events, or the stage and cause that failed."""

    key: str
    events: tuple[Event, ...] = ()
    error: str | None = None
    stage: str | None = None  # "fetch", "read", "extract"
    warnings: tuple[str, ...] = field(default=())


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def url_doc_id(url: str) -> str:
    """A readable id for a web document: host and path, without scheme or query."""
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/") or url


def folder_items(folder: Path, *, meta: DocMeta) -> list[Item]:
    """Every document file under `folder` (sidecars give each its own metadata)."""
    return [Item(key=str(path.resolve()), doc_id=path.stem, kind=FOLDER, meta=meta)
            for path in iter_document_paths([folder])]


def read_folder_bytes(item: Item) -> bytes:
    """The file's bytes and its sidecar's: an edited sidecar is a changed document."""
    path = Path(item.key)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DocumentError(item.key, f"cannot read: {e.strerror or e}") from e
    sidecar = path.with_name(path.stem + ".meta.json")
    return data + (b"\0sidecar\0" + sidecar.read_bytes() if sidecar.exists() else b"")


def to_document(item: Item, body: bytes, content_type: str = "") -> tuple[Document, tuple[str, ...]]:
    """The item's Document, and warnings (PDF pages left out as unreadable)."""
    if item.kind == FOLDER:
        doc = read_document(Path(item.key))
        defaults = {k: v for k, v in asdict(item.meta).items() if v is not None}
        sidecar = {k: v for k, v in asdict(read_sidecar(Path(item.key))).items() if v is not None}
        return replace(doc, meta=replace(doc.meta, **{**defaults, **sidecar})), ()
    if _is_pdf(item.key, body, content_type):
        text, warnings = _pdf_text(body, item.key)
        return Document(doc_id=item.doc_id, text=text, source=item.key, meta=item.meta), warnings
    text, date = _web_text(item, body, content_type)
    if not text.strip():
        raise DocumentError(item.key, "no text after removing markup")
    meta = item.meta if item.meta.doc_date or not date else replace(item.meta, doc_date=date)
    doc = document_from_text(item.doc_id, text, meta=meta, source=item.key)
    if item.section and not doc.sections:
        doc = replace(doc, sections=(Section(item.section, 0, len(text)),))
    return doc, ()


def process_item(item: Item, body: bytes, content_type: str, extractor) -> Outcome:
    """Bytes to events for one item; a failure is an Outcome, never an exception."""
    try:
        doc, warnings = to_document(item, body, content_type)
    except DocumentError as e:
        return Outcome(item.key, error=e.cause, stage="read")
    except Exception as e:  # a bug on one document must not cost the run its ledger
        return Outcome(item.key, error=f"internal error: {type(e).__name__}: {e}", stage="read")
    try:
        events = extractor.extract(doc)
    except Exception as e:
        return Outcome(item.key, error=f"internal error: {type(e).__name__}: {e}", stage="extract")
    return Outcome(item.key, events=tuple(events), warnings=warnings)


def _is_pdf(key: str, body: bytes, content_type: str) -> bool:
    return (sniff_format(body) == "PDF" or b"%PDF-" in body[:1024] or "pdf" in content_type.lower()
            or urlsplit(key).path.lower().endswith(".pdf"))


def _pdf_text(body: bytes, key: str) -> tuple[str, tuple[str, ...]]:
    """PDF text; pages of (cid:NNN) garbage are left out and named in a warning, never emitted."""
    try:
        return pdf_to_text(body, path=key), ()
    except PdfError as e:
        if "unmapped glyphs" not in e.cause:
            raise
        warning = e.cause
    text = pdf_to_text(body, path=key, drop_garbage_pages=True)
    if not text.replace("\f", "").strip():
        raise PdfError(key, warning)
    return text, (f"{key}: {warning}: those pages were left out",)


def _web_text(item: Item, body: bytes, content_type: str) -> tuple[str, str | None]:
    """Text of an HTML or text document, and the date an article page states."""
    declared = _charset(content_type) or html_declared_charset(body)
    text = decode_bytes(body, path=item.key, declared=declared)
    if not _looks_html(text, content_type, item.key):
        return text, None
    if item.kind == EDGAR:  # a filing is all text: item headings and tables matter
        return html_to_text(text), None
    from .commentary import article_text  # trafilatura loads slowly: only where needed

    return article_text(text, url=item.key)


def _charset(content_type: str) -> str | None:
    m = _CHARSET.search(content_type or "")
    return m.group(1) if m else None


def _looks_html(text: str, content_type: str, key: str) -> bool:
    if "html" in content_type.lower() or "xml" in content_type.lower():
        return True
    if urlsplit(key).path.lower().endswith((".htm", ".html")):
        return True
    return bool(re.match(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", text[:4096], re.I | re.S))
