"""Does a body match its Content-Type? A site that says PDF (or JSON, or a feed) and sends, with a
200, an HTML login, consent or error page would otherwise reach the reader, which could only say
"not a PDF"; named here, the failure says what came instead, and nothing false is cached.

A PDF served as text/html is let through: the reader sniffs it and reads it as the PDF it is.
"""
from __future__ import annotations

import re

from ..encoding import sniff_format

_HTML = re.compile(rb"(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S)
_XML_DECLARATION = re.compile(rb"<\?xml[^>]*\?>\s*", re.I)
_HEAD = 1024


def body_kind(body: bytes) -> str | None:
    """"PDF", "HTML", a binary format's name ("gzip archive" ...), or None for anything else."""
    found = sniff_format(body)
    if found:
        return found
    if b"%PDF-" in body[:_HEAD]:
        return "PDF"
    head = body[:_HEAD].removeprefix(b"\xef\xbb\xbf").lstrip()
    head = _XML_DECLARATION.sub(b"", head, count=1)  # XHTML starts with one
    return "HTML" if _HTML.match(head) else None


def declared_kind(content_type: str) -> str | None:
    """What the Content-Type promises: "PDF", "JSON", "feed", "text", or None (no promise)."""
    mime = content_type.split(";")[0].strip().lower()
    if mime == "application/pdf":
        return "PDF"
    if mime == "application/json" or mime.endswith("+json"):
        return "JSON"
    if mime in ("application/rss+xml", "application/atom+xml"):
        return "feed"
    if mime.startswith("text/") or mime.endswith(("/xml", "+xml", "/xhtml")):
        return "text"
    return None


def mismatch(content_type: str, body: bytes) -> str | None:
    """Why `body` is not what `content_type` says, or None when it may be."""
    declared, actual = declared_kind(content_type), body_kind(body)
    if declared is None or not body:
        return None if declared != "PDF" else "content-type says PDF but the body is empty"
    if declared == "PDF":
        return None if actual == "PDF" else f"content-type says PDF but the body is {_named(actual, body)}"
    if actual in (None, "PDF") or (actual == "HTML" and declared == "text"):
        return None
    said = {"JSON": "JSON", "feed": "an RSS/Atom feed"}.get(declared, content_type.split(";")[0].strip())
    return f"content-type says {said} but the body is {_named(actual, body)}"


def _named(kind: str | None, body: bytes) -> str:
    if kind is None:
        return f"something else (it starts {body[:24]!r})"
    if kind == "HTML":
        return "HTML"
    return ("an " if kind[0].lower() in "aeiou" else "a ") + kind
