"""Split text into paragraphs and Chinese sentences (English uses spaCy's sentencizer)."""
from __future__ import annotations

import re
from collections.abc import Iterator

PARAGRAPH = re.compile(r"[^\n]+")
# A Chinese sentence ends at 。！？； (and their ASCII forms) plus closing quotes, or a line end.
ZH_SENTENCE = re.compile(r"[^。！？；!?;\n]+(?:[。！？；!?;]+[”’」』）)]*|$)", re.M)


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of every non-blank line-paragraph."""
    for m in PARAGRAPH.finditer(text):
        if m.group().strip():
            yield m.start(), m.group()


def split_zh(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each Chinese sentence in `text`, surrounding spaces trimmed."""
    for m in ZH_SENTENCE.finditer(text):
        start, end = m.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield start, end
