"""Sections of SEC filings: 10-K/10-Q/20-F items and notes, 8-K items.

A heading is a line that starts with "Item 7.", "Item 2.03", "Note 6 -" (or
"PART II", which only tells which part a 10-Q item belongs to). The table of
contents repeats every heading, so for each item we keep the last occurrence
that is not a contents line (a page number on the line, or right after it, or
another heading right after it).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .records import Section

_PART = re.compile(r"^[ \t]*PART[ \t]+(IV|I{1,3})\b", re.I | re.M)
_ITEM_8K = r"\d{1,2}\.\d{2}"
_ITEM_10K = r"\d{1,2}[A-D]?"
_ITEM = r"^[ \t]*ITEM[ \t\xa0]*({num})(?![\d.]\d)[ \t]*[.:\-\u2013\u2014]?[ \t]*(?:\|[ \t]*)?(.*)$"
_NOTE = re.compile(
    r"^[ \t]*NOTE[ \t]+(\d{1,2})[ \t]*(?:[.:\-\u2013\u2014|][ \t]*)+([A-Z\u2018\u201c\"'(].{1,200})$",
    re.I | re.M,
)
# Oracle style: "1." then "BASIS OF PRESENTATION" in capitals, after "NOTES TO ...".
_NOTES_START = re.compile(r"^[ \t]*NOTES TO (?:THE )?(?:CONDENSED )?(?:CONSOLIDATED )?FINANCIAL STATEMENTS", re.I | re.M)
_NUMBERED_NOTE = re.compile(
    r"^[ \t]*(\d{1,2})\.[ \t]*\n?[ \t]*([A-Z][A-Z0-9 ,\u2019'&()/\-\u2013\u2014]{3,150})[ \t]*$", re.M
)
_PAGE_AT_END = re.compile(r"(?:\||\.{2,}|[ \t])[ \t]*(?:\d{1,3}|[ivx]{1,5})$")
_PAGE_LINE = re.compile(r"^[ \t]*(?:Page[ \t]+)?(?:\d{1,3}|[ivx]{1,5})[ \t]*$", re.I)
_ANY_HEADING = re.compile(r"^[ \t]*(?:PART[ \t]+(?:IV|I{1,3})\b|ITEM[ \t]*\d|NOTE[ \t]+\d)", re.I)
_FORM = re.compile(r"^\d{1,2}-[A-Z]", re.I)
_SPACES = re.compile(r"[ \t|]+")
_MAX_TITLE = 200


@dataclass(frozen=True)
class _Heading:
    key: tuple
    title: str
    start: int
    strong: bool  # not followed by a page number or another heading


def find_sections(text: str, *, doc_kind: str | None) -> tuple[Section, ...]:
    """Items (and notes within them) of a filing's text, in document order."""
    kind = (doc_kind or "").strip().upper()
    if kind and not _FORM.match(kind):
        return ()  # news, commentary ...: no item structure
    pattern = _ITEM_8K if kind.startswith("8-K") else _ITEM_10K
    if not kind:
        pattern = f"{_ITEM_8K}|{_ITEM_10K}"
    items = _pick(_items(text, re.compile(_ITEM.format(num=pattern), re.I | re.M)))
    ranges = _ranges(items, len(text))
    notes: list[Section] = []
    if not kind.startswith("8-K"):
        for item in ranges:
            body = text[item.start:item.end]
            found = _pick(_notes(body, item.start))
            notes.extend(_ranges(found, item.end))
    return tuple(sorted(ranges + notes, key=lambda s: (s.start, -s.end)))


def section_at(sections: tuple[Section, ...], offset: int) -> str | None:
    """Title of the innermost section holding `offset`, or None."""
    starts = [s.start for s in sections]
    for section in reversed(sections[:bisect_right(starts, offset)]):
        if section.start <= offset < section.end:
            return section.title
    return None


def _items(text: str, item_re: re.Pattern) -> list[_Heading]:
    parts = [(m.start(), m.group(1).upper()) for m in _PART.finditer(text)]
    found = []
    for m in item_re.finditer(text):
        rest = m.group(2).strip()
        if _PAGE_AT_END.search(rest) and not rest.endswith("."):
            continue  # a contents line: "Item 7. | Management's ... | 36"
        number = m.group(1).upper()
        part = next((p for start, p in reversed(parts) if start < m.start()), None)
        title = _title(text, m.end(), rest)
        found.append((part, number, m.start(), title, _strong(text, m.end())))
    repeated = _numbers_repeat_across_parts(found)
    headings = []
    for part, number, start, title, strong in found:
        label = f"Item {number}." + (f" {title}" if title else "")
        if repeated and part:
            label = f"Part {part}, {label}"
        key = (part if repeated else None, number)
        headings.append(_Heading(key, label, start, strong))
    return headings


def _notes(body: str, base: int) -> list[_Heading]:
    headings = []
    for m in _NOTE.finditer(body):
        rest = m.group(2).strip()
        if not _PAGE_AT_END.search(rest):
            headings.append(_note(m, body, base))
    return headings or _numbered_notes(body, base)


def _numbered_notes(body: str, base: int) -> list[_Heading]:
    """ "1." + "CAPITALISED TITLE" after "Notes to ... Financial Statements", numbered 1, 2, 3 ..."""
    start = _NOTES_START.search(body)
    if start is None:
        return []
    headings, expected = [], 1
    for m in _NUMBERED_NOTE.finditer(body, start.end()):
        if int(m.group(1)) == expected:
            headings.append(_note(m, body, base))
            expected += 1
    return headings


def _note(m: re.Match, body: str, base: int) -> _Heading:
    title = _SPACES.sub(" ", m.group(2)).strip(" .")
    return _Heading((m.group(1),), f"Note {m.group(1)} \u2014 {title}", base + m.start(),
                    _strong(body, m.end()))


def _numbers_repeat_across_parts(found: list) -> bool:
    """True for a 10-Q: "Item 1" in Part I and again in Part II."""
    seen: dict[str, str | None] = {}
    for part, number, *_ in found:
        if number in seen and part and seen[number] and seen[number] != part:
            return True
        seen.setdefault(number, part)
    return False


def _title(text: str, end: int, rest: str) -> str:
    """The heading's title: the rest of its line, or the next line if that is empty."""
    if not rest:
        following = _next_line(text, end)
        if following and len(following) <= _MAX_TITLE and not _ANY_HEADING.match(following):
            rest = following
    title = _SPACES.sub(" ", rest).strip(" .")
    return title[:_MAX_TITLE]


def _strong(text: str, end: int) -> bool:
    following = _next_line(text, end)
    return not (_PAGE_LINE.match(following) or _ANY_HEADING.match(following))


def _next_line(text: str, end: int) -> str:
    """The next non-blank line after the line ending at `end`."""
    pos = end
    while pos < len(text):
        nl = text.find("\n", pos + 1)
        nl = len(text) if nl < 0 else nl
        line = text[pos:nl].strip()
        if line:
            return line
        pos = nl
    return ""


def _pick(headings: list[_Heading]) -> list[_Heading]:
    """For each key the last strong heading, else the last one; in document order."""
    chosen: dict[tuple, _Heading] = {}
    for heading in headings:
        old = chosen.get(heading.key)
        if old is None or heading.strong or not old.strong:
            chosen[heading.key] = heading
    return sorted(chosen.values(), key=lambda h: h.start)


def _ranges(headings: list[_Heading], end: int) -> list[Section]:
    """Each heading runs to the next one, the last to `end`."""
    stops = [h.start for h in headings[1:]] + [end]
    return [Section(h.title, h.start, stop) for h, stop in zip(headings, stops)]
