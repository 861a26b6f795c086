"""What a SEC filing says about itself: the registrant, the form and (in a submission header) the date filed.

A filing saved from EDGAR without a sidecar still names its filer: inline XBRL
tags the cover page (`dei:EntityRegistrantName`, `dei:DocumentType`), and a full
submission `.txt` opens with an SGML header. Without the filer, "we" in a 10-K
stands for no one and its own deals (Meta's servers now last 5.5 years) are lost.
"""
from __future__ import annotations

import html
import re
from typing import NamedTuple

# The cover facts sit in the hidden ix:header near the top; their text may hold styled spans.
_DEI = re.compile(r'<ix:nonNumeric\b[^>]*?\bname="dei:(EntityRegistrantName|DocumentType)"[^>]*>(.*?)</ix:nonNumeric>',
                  re.I | re.S)
_SGML = re.compile(r"^\s*(COMPANY CONFORMED NAME|CONFORMED SUBMISSION TYPE|FILED AS OF DATE):\s*(\S.*?)\s*$", re.M)
_TAG = re.compile(r"<[^>]+>")
_SGML_HEAD = 20_000  # the header ends long before this; never scan a whole submission


class FilingFacts(NamedTuple):
    registrant: str | None
    form: str | None
    filed: str | None = None  # YYYY-MM-DD, from a submission header only (a cover states no filing date)


def facts_from_html(raw_html: str) -> FilingFacts:
    """The registrant and form an inline XBRL filing tags on its cover (the first of each)."""
    found: dict[str, str] = {}
    for match in _DEI.finditer(raw_html):
        value = " ".join(html.unescape(_TAG.sub("", match.group(2))).split())
        if value:
            found.setdefault(match.group(1), value)
        if len(found) == 2:
            break
    return FilingFacts(found.get("EntityRegistrantName"), found.get("DocumentType"))


def facts_from_sgml(text: str) -> FilingFacts:
    """The filer and form of a full EDGAR submission (`<SEC-HEADER>` text); none for other text."""
    head = text[:_SGML_HEAD]
    if "<SEC-HEADER>" not in head and "<SEC-DOCUMENT>" not in head:
        return FilingFacts(None, None)
    found: dict[str, str] = {}
    for key, value in _SGML.findall(head):
        found.setdefault(key, value)
    day = found.get("FILED AS OF DATE", "")
    filed = f"{day[:4]}-{day[4:6]}-{day[6:8]}" if re.fullmatch(r"\d{8}", day) else None
    return FilingFacts(found.get("COMPANY CONFORMED NAME"), found.get("CONFORMED SUBMISSION TYPE"), filed)
