"""Lines of a PDF page joined back into the paragraphs they were wrapped from.

A PDF holds lines, not paragraphs: a sentence of an annual report runs over two or three
of them, and a Chinese name can be cut in two ('全资子公司高才' / '科技有限公司'). Each line
would be a paragraph of its own to the matchers. A line that fills the page's width and
does not end a sentence goes on in the next one; headings, table rows and the last line
of a paragraph are shorter, so they stay lines.
"""
from __future__ import annotations

import re
import unicodedata

PAGE_BREAK = "\n\f\n"
CONTINUES = frozenset(",，、-（(“‘\"'")  # besides a word, a line may break after these
# the next line opens an item of its own: （二）, 一、, 2、, 1., (a), •, -, 第一节
ITEM_START = re.compile(r"\s*(?:[（(][\w一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、.]|[•·●▪\-–—]|第[一二三四五六七八九十\d]+[节章条])")
FIGURE_AT_END = re.compile(r"[\d.,]+$")
FULL = 0.85  # a line at least this share of the page's width was wrapped


def reflow(text: str) -> str:
    """The text with wrapped lines joined, page by page (pages stay apart)."""
    return PAGE_BREAK.join(_reflow_page(page) for page in text.split(PAGE_BREAK))


def _reflow_page(page: str) -> str:
    lines = page.split("\n")
    widths = [width(line) for line in lines]
    full = FULL * _page_width(widths)
    out = [lines[0]] if lines else []
    for prev_width, line in zip(widths, lines[1:]):
        prev = out[-1]
        if full and prev_width >= full and line.strip() and _goes_on(prev.rstrip()) and not ITEM_START.match(line):
            out[-1] = prev.rstrip() + joiner(prev.rstrip()[-1], line.lstrip()[0]) + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def _goes_on(line: str) -> bool:
    """Can the line break here mid-sentence: after a word or a comma, or after a figure glued to Chinese text
    ('自2024年4' / '月1日起'); a figure after a space ends a table row."""
    last = line[-1]
    if last.isdigit():
        figure = FIGURE_AT_END.search(line)
        return figure.start() > 0 and is_wide(line[figure.start() - 1])
    return last.isalpha() or last in CONTINUES


def _page_width(widths: list[int]) -> float:
    """The width of the page's longest lines (its 90th percentile, so one stray long line does not
    set it); 0 for a page of too few lines to tell."""
    filled = sorted(w for w in widths if w)
    return filled[int(len(filled) * 0.9)] if len(filled) >= 4 else 0


def is_wide(char: str) -> bool:
    """A Chinese (full-width) character."""
    return unicodedata.east_asian_width(char) in "WF"


def width(line: str) -> int:
    """Display width: a Chinese character takes two columns, a Latin one one."""
    return sum(2 if is_wide(c) else 1 for c in line.rstrip())


def joiner(last: str, first: str) -> str:
    """'' where Chinese meets Chinese or a figure (Chinese has no spaces) and after a hyphen ('long-' / 'term'),
    else a space."""
    chinese = (is_wide(last) or last.isdigit()) and (is_wide(first) or first.isdigit()) and (is_wide(last) or is_wide(first))
    return "" if chinese or last == "-" else " "
