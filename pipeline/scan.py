"""Amounts, useful lives and dates in a sentence, as Mentions (both languages)."""
from __future__ import annotations

from .amounts import find_amounts
from .dates import find_dates
from .lives import find_lives
from .records import Mention


def scan_values(text: str, offset: int, doc_id: str, *, lang: str, default_currency: str | None = None) -> list[Mention]:
    """Every amount, life and date in `text`; offsets shifted by `offset` into the document.

    Amounts keep currency None when the text names none: the document's default
    currency is filled in later, once the whole document has been read.
    """
    found = [Mention(doc_id, offset + s, offset + e, text[s:e], "amount", amount, f"{lang}.value.amount")
             for s, e, amount in find_amounts(text, lang=lang, default_currency=default_currency)]
    found += [Mention(doc_id, offset + s, offset + e, text[s:e], "life", life, f"{lang}.value.life")
              for s, e, life in find_lives(text, lang=lang)]
    found += [Mention(doc_id, offset + s, offset + e, text[s:e], "date", value, f"{lang}.value.date")
              for s, e, value in find_dates(text, lang=lang)]
    return found
