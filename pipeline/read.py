"""Files to Documents: stages 1 and 2 (find the files, read each into text).

The only module of the reading stages that touches the disk; encoding,
html_text, pdf_text and sections work on bytes and strings.
"""
from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import fields, replace
from pathlib import Path

from .encoding import decode_bytes, html_declared_charset
from .errors import DocumentError, EmptyDocument, UnsupportedFormat
from .filing_facts import FilingFacts, facts_from_html, facts_from_sgml
from .html_text import html_to_text
from .pdf_text import pdf_to_text
from .reflow import reflow
from .records import DocMeta, Document
from .sections import find_sections

SIDECAR_SUFFIX = ".meta.json"
TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
PDF_SUFFIXES = frozenset({".pdf"})
_META_KEYS = tuple(f.name for f in fields(DocMeta))
_LOOKS_HTML = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def iter_document_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given; folders walked recursively in sorted order, without
    hidden files and folders or `*.meta.json` sidecars."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path  # a missing file fails in read_document, named


def read_document(path: Path, *, max_bytes: int = 50_000_000) -> Document:
    """Read one .txt/.md/.html/.htm/.pdf file and its sidecar into a Document."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES:
        if not path.exists() and not path.is_symlink():  # a mistyped path is not a format problem
            raise DocumentError(str(path), "no such file or folder")
        raise UnsupportedFormat(str(path), f"{suffix or 'no'} extension: we read "
                                           ".txt, .md, .html, .htm and .pdf")
    if "\x00" in str(path):  # the OS refuses such a name; say so instead of a ValueError
        raise DocumentError(str(path), "the file name holds a NUL byte")
    meta = read_sidecar(path)
    data = _read_bytes(path, max_bytes)
    if not data.strip():
        raise EmptyDocument(str(path), "empty file" if not data else "only whitespace")
    text, is_pdf, facts = _to_text(data, path, suffix)
    meta = replace(meta, filer=meta.filer or facts.registrant, doc_kind=meta.doc_kind or facts.form,
                   doc_date=meta.doc_date or facts.filed)  # the sidecar wins
    if not text.strip():
        cause = "only whitespace" if suffix in TEXT_SUFFIXES else "no text after removing markup"
        raise EmptyDocument(str(path), cause)
    if is_pdf:  # page breaks and running heads make item headings unreliable
        return Document(doc_id=path.stem, text=reflow(text), source=str(path), meta=meta)
    return document_from_text(path.stem, text, meta=meta, source=str(path))


def document_from_text(doc_id: str, text: str, *, meta: DocMeta, source: str) -> Document:
    """A Document for text already in memory; the text is kept as given so
    offsets computed on it elsewhere stay valid."""
    sections = find_sections(text, doc_kind=meta.doc_kind)
    return Document(doc_id=doc_id, text=text, source=source, meta=meta, sections=sections)


def read_sidecar(path: Path) -> DocMeta:
    """DocMeta from `<stem>.meta.json` beside `path`; an empty DocMeta if there is none."""
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    try:
        raw = sidecar.read_text(encoding="utf-8")
    except FileNotFoundError:
        return DocMeta()
    except (OSError, UnicodeDecodeError) as e:
        raise DocumentError(str(sidecar), f"cannot read sidecar: {e}") from e
    try:
        values = json.loads(raw)
    except json.JSONDecodeError as e:
        raise DocumentError(str(sidecar), f"sidecar is not valid JSON: {e}") from e
    if not isinstance(values, dict):
        raise DocumentError(str(sidecar), f"sidecar must be a JSON object, not {type(values).__name__}")
    unknown = sorted(set(values) - set(_META_KEYS))
    if unknown:
        raise DocumentError(str(sidecar), f"unknown sidecar key(s) {', '.join(unknown)}; "
                                          f"known: {', '.join(_META_KEYS)}")
    wrong = sorted(k for k, v in values.items() if v is not None and not isinstance(v, str))
    if wrong:
        raise DocumentError(str(sidecar), f"sidecar value(s) of {', '.join(wrong)} must be strings")
    return DocMeta(**values)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not name.endswith(SIDECAR_SUFFIX):
                yield Path(root, name)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        # O_NONBLOCK: opening a named pipe would otherwise wait for a writer forever
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as e:
        raise DocumentError(str(path), "no such file") from e
    except IsADirectoryError as e:
        raise DocumentError(str(path), "is a directory") from e
    except OSError as e:
        raise DocumentError(str(path), f"cannot read: {e.strerror or e}") from e
    try:
        size = _regular_size(fd, path, max_bytes)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as fh:
        try:
            data = fh.read(size + 1)  # bounded even if the file grows while we read
        except OSError as e:
            raise DocumentError(str(path), f"cannot read: {e.strerror or e}") from e
    if len(data) > size:
        raise DocumentError(str(path), "the file grew while it was read: is it still being written?")
    return data


def _regular_size(fd: int, path: Path, max_bytes: int) -> int:
    """The size of a regular file within the limit; refused before a byte is read otherwise."""
    mode = os.fstat(fd)
    if stat.S_ISDIR(mode.st_mode):
        raise DocumentError(str(path), "is a directory")
    if not stat.S_ISREG(mode.st_mode):  # /dev/zero or a pipe never ends
        raise DocumentError(str(path), f"not a regular file but a {_file_kind(mode.st_mode)}")
    if mode.st_size > max_bytes:  # a stray 2 GB dump must not fill memory
        raise DocumentError(str(path), f"file is {_mb(mode.st_size)} MB, over the {_mb(max_bytes)} MB limit")
    return mode.st_size


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "named pipe"), (stat.S_ISCHR, "character device"),
             (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket"))
    return next((name for test, name in kinds if test(mode)), "special file")


def _to_text(data: bytes, path: Path, suffix: str) -> tuple[str, bool, FilingFacts]:
    """The text, whether it came from a PDF, and the filer and form the file names itself."""
    if suffix in PDF_SUFFIXES:
        return pdf_to_text(data, path=str(path)), True, FilingFacts(None, None)
    declared = html_declared_charset(data) if suffix in HTML_SUFFIXES else None
    text = decode_bytes(data, path=str(path), declared=declared)
    if suffix in HTML_SUFFIXES or _LOOKS_HTML.match(text[:4096]):
        return html_to_text(text), False, facts_from_html(text)
    return text, False, facts_from_sgml(text)


def _mb(size: int) -> str:
    return f"{size / 1e6:.0f}" if size >= 10e6 else f"{size / 1e6:.1f}"
