"""HTML to plain text: paragraphs as lines, table rows as "cell | cell" lines.

The tree is parsed once by lexbor (selectolax); instead of walking it in Python
(slow), we mark block, row and cell ends with control characters, take the text
in one C call and turn the marks into line breaks and " | " with a few regexes.
That keeps the whole conversion near lexbor's own speed.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

# Marks put into the tree; any already in the input are removed first. They
# are control characters that str.split() does not count as whitespace.
_BLOCK = "\x01"  # a block element starts or ends: at most one line break
_BREAK = "\x02"  # <br>, a <pre> newline, a table row end: always a line break
_ROW = "\x03"
_CELL = "\x04"
_TABLE_START = "\x05"
_TABLE_END = "\x06"
_MARKS = (_BLOCK, _BREAK, _ROW, _CELL, _TABLE_START, _TABLE_END)

_DROP_TAGS = frozenset((
    "head", "title", "script", "style", "noscript", "template", "svg", "object", "iframe",
    "ix:header",  # inline-XBRL facts, contexts and units: hidden, never text
))
_BLOCKS = frozenset((
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "section", "article", "header", "footer", "nav", "aside", "main",
    "address", "figure", "figcaption", "caption", "center", "form", "fieldset", "hr",
))
_PRE = frozenset(("pre", "textarea", "plaintext", "listing", "xmp"))
# Cheaper to list the tag names in the source once (5 ms for 2 MB) than to run
# a selector for every tag we might need.
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9:]*)")
_DISPLAY_NONE = re.compile(r"[ \t]*:[ \t]*none")  # on lower-cased text; no newline in a CSS string

_INNER_TABLE = re.compile(f"{_TABLE_START}([^{_TABLE_START}{_TABLE_END}]*){_TABLE_END}")
_MARKS_TO_SPACE = str.maketrans({mark: " " for mark in _MARKS})
_INVISIBLE = str.maketrans("", "", "\u200b\u200c\u200d\u2060\ufeff\u00ad")

# Cells SEC filers split off an amount: "$" | "1,234" | ")" or "%".
_OPENERS = frozenset({"$", "(", "($", "$(", "€", "£", "¥", "￥", "RMB", "US$", "HK$", "NT$"})
_CLOSERS = frozenset({")", "%", ")%", "%)", "pts"})
_LAYOUT_CELL = 2000  # a cell this long holds prose: the table is page layout


def html_to_text(html: str) -> str:
    """Visible text of `html`: one line per paragraph, one line per table row."""
    if any(mark in html for mark in _MARKS):
        html = html.translate({ord(m): " " for m in _MARKS})
    tags = {name.lower() for name in set(_TAG_NAME.findall(html))}
    tree = LexborHTMLParser(html)
    _drop_hidden(tree, html, tags)
    _mark_structure(tree, tags)
    raw = tree.root.text(separator="") if tree.root is not None else ""
    return _finish(raw)


def _drop_hidden(tree: LexborHTMLParser, html: str, tags: set[str]) -> None:
    selectors = [name.replace(":", "\\:") for name in sorted(_DROP_TAGS & tags)]
    selectors += [f'[style*="{s}" i]' for s in _display_none_spellings(html)]
    if " hidden" in html:
        selectors.append("[hidden]")
    if not selectors:
        return
    # Reversed document order removes a child before its ancestor, so no
    # node is touched after the subtree holding it was freed.
    for node in reversed(tree.css(", ".join(selectors))):
        node.decompose()


def _display_none_spellings(html: str) -> list[str]:
    """ "display:none", "display: none" ... as written in `html`, lower-cased.

    A case-insensitive regex over the whole page costs 20 ms on a 10-K; finding
    "display" in a lower-cased copy and looking at what follows costs ~1 ms.
    """
    low = html.lower()
    found = set()
    pos = low.find("display")
    while pos >= 0:
        m = _DISPLAY_NONE.match(low, pos + 7)
        if m:
            found.add("display" + m.group())
        pos = low.find("display", pos + 7)
    return sorted(found)


def _mark_structure(tree: LexborHTMLParser, tags: set[str]) -> None:
    for name in sorted(_PRE & tags):  # first: this drops the tags inside
        for node in tree.tags(name):
            text = node.text(separator="").replace("\r\n", "\n").replace("\n", _BREAK)
            node.replace_with(_BLOCK + text + _BLOCK)
    for name in sorted(_BLOCKS & tags):
        for node in tree.tags(name):
            node.insert_before(_BLOCK)
            node.insert_after(_BLOCK)
    for name, mark in (("td", _CELL), ("th", _CELL), ("tr", _ROW)):
        if name in tags:
            for node in tree.tags(name):
                node.insert_child(mark)
    if "br" in tags:
        for node in tree.tags("br"):
            node.insert_after(_BREAK)
    if "table" in tags:
        for node in tree.tags("table"):
            node.insert_before(_TABLE_START)
            node.insert_after(_TABLE_END)


def _finish(raw: str) -> str:
    """Collapse whitespace, render tables, turn the marks into line breaks."""
    text = " ".join(raw.split())  # HTML whitespace rules; also turns nbsp into a space
    if "\u200b" in text or "\ufeff" in text or "\u00ad" in text or "\u200c" in text:
        text = text.translate(_INVISIBLE)
    while _TABLE_START in text:  # innermost tables first; nesting is rare
        text, count = _INNER_TABLE.subn(_render_table, text)
        if not count:  # an unmatched mark from broken markup
            break
    text = text.replace(_TABLE_START, _BLOCK).replace(_TABLE_END, _BLOCK)
    text = text.replace(_ROW, _BREAK).replace(_CELL, " ")
    for mark in (_BLOCK, _BREAK):
        text = text.replace(" " + mark, mark).replace(mark + " ", mark)
    while _BLOCK + _BLOCK in text:  # str.replace beats a regex here
        text = text.replace(_BLOCK + _BLOCK, _BLOCK)
    text = text.replace(_BREAK + _BLOCK, _BREAK).replace(_BLOCK, "\n").replace(_BREAK, "\n")
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def _render_table(match: re.Match) -> str:
    """One line per row, cells joined by " | "; a one-cell row keeps its paragraphs."""
    lines = []
    for row in match.group(1).split(_ROW):
        cells = [cell.strip(" " + _BLOCK + _BREAK) for cell in row.split(_CELL)]
        cells = [cell for cell in cells if cell]
        if not cells:
            continue
        if len(cells) == 1 or any(len(cell) > _LAYOUT_CELL for cell in cells):
            lines.extend(cells)  # a layout table: keep its paragraphs
        else:
            cells = [" ".join(cell.translate(_MARKS_TO_SPACE).split()) for cell in cells]
            lines.append(" | ".join(_join_amounts(cells)))
    return _BLOCK + _BREAK.join(lines) + _BLOCK


def _join_amounts(cells: list[str]) -> list[str]:
    """Glue "$" to the number after it and ")" or "%" to the number before it."""
    out: list[str] = []
    pending = ""
    for cell in cells:
        if cell in _OPENERS:
            pending = _glue(pending, cell) if pending else cell
            continue
        if pending:
            cell, pending = _glue(pending, cell), ""
        if cell in _CLOSERS and out:
            out[-1] += cell
        else:
            out.append(cell)
    if pending:
        out.append(pending)
    return out


def _glue(left: str, right: str) -> str:
    return left + right if left.endswith("(") else f"{left} {right}"
