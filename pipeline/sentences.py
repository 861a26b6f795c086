"""Split text into paragraphs and Chinese sentences (English sentences: `match_en.sentence_bounds`)."""
from __future__ import annotations

import re
from collections.abc import Iterator

PARAGRAPH = re.compile(r"[^\n]+")
# The matchers take a paragraph at once: spaCy refuses a text over nlp.max_length (1,000,000)
# and memory grows with it. A longer line (text extracted without line breaks) is cut into
# pieces of at most this many characters, each after a sentence end where there is one.
MAX_PARAGRAPH = 100_000
SENTENCE_END = re.compile(r"[.!?;][\"'”’)\]]*\s+|[。！？；][”’」』）]*")
# A Chinese sentence ends at 。！？； (and their ASCII forms) plus closing quotes, or a line end.
ZH_SENTENCE = re.compile(r"[^。！？；!?;\n]+(?:[。！？；!?;]+[”’」』）)]*|$)", re.M)


def paragraphs(text: str, *, limit: int = MAX_PARAGRAPH) -> Iterator[tuple[int, str]]:
    """(offset, text) of every non-blank line-paragraph; a line over `limit` characters in pieces."""
    for m in PARAGRAPH.finditer(text):
        if m.group().strip():
            yield from _pieces(m.start(), m.group(), limit)


def _pieces(offset: int, line: str, limit: int) -> Iterator[tuple[int, str]]:
    """`line` cut after the last sentence end within each `limit` characters (else after the
    last space, else at the limit)."""
    start = 0
    while len(line) - start > limit:
        window = line[start:start + limit]
        cut = max((m.end() for m in SENTENCE_END.finditer(window)), default=0) or window.rfind(" ") + 1 or limit
        if window[:cut].strip():
            yield offset + start, window[:cut]
        start += cut
    if line[start:].strip():
        yield offset + start, line[start:]


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
