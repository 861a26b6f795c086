"""Per company, every useful-life change in time order, with its stated effect.

`effective` is free text ("FY2023", "effective January 1, 2025", "2025年1月");
`when` is the date it is placed at on the timeline: the first year (and month
or quarter, if written) in `effective`, else the document's date. A fiscal
year is placed at its calendar year: good enough to order one company's changes.
"""
from __future__ import annotations

import re
from typing import Iterable

import pandas as pd

from pipeline.analyze.deals import Deal, decimal_text
from pipeline.analyze.filters import normalize_date
from pipeline.analyze.graph import SEP

_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
# Whole names or three-letter abbreviations ("Jan."), so "market" is not March.
_MONTH_WORD = re.compile(
    r"\b(" + "|".join(_MONTHS + tuple(m[:3] for m in _MONTHS) + ("sept",)) + r")\b", re.IGNORECASE)
_MONTH_NUM = re.compile(r"(?<!\d)(19\d\d|20\d\d)\s*(?:[-/.]|年)\s*(\d{1,2})(?!\d)")
_QUARTER = re.compile(
    r"\bQ([1-4])\b|\b(first|second|third|fourth)\s+quarter\b|第([一二三四1-4])季度", re.IGNORECASE)
_QUARTER_NAMES = {"first": 1, "second": 2, "third": 3, "fourth": 4,
                  "一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def when(effective: str, doc_date: str) -> str:
    """"YYYY-MM" for the timeline, from `effective`, else `doc_date`; "" when neither dates it."""
    year = _YEAR.search(effective or "")
    if not year:
        date = normalize_date(doc_date) if doc_date else None
        return date[:7] if date else ""
    return f"{year.group(1)}-{_month(effective):02d}"


def _month(text: str) -> int:
    numeric = _MONTH_NUM.search(text)
    if numeric and 1 <= int(numeric.group(2)) <= 12:
        return int(numeric.group(2))
    word = _MONTH_WORD.search(text)
    if word:
        return [m[:3] for m in _MONTHS].index(word.group(1).lower()[:3]) + 1
    quarter = _QUARTER.search(text)
    if quarter:
        name = next(g for g in quarter.groups() if g)
        return 3 * (_QUARTER_NAMES[name.lower()] - 1) + 1
    return 1


def depreciation_frame(deals: Iterable[Deal], *, company: str | None = None) -> pd.DataFrame:
    """depreciation.csv: per company, changes ordered by `when` (undated last)."""
    changes = [d for d in deals if d.event_type == "depreciation_change" and d.party
               and (not company or d.party.casefold() == company.casefold())]
    rows = [_row(d) for d in changes]
    rows.sort(key=lambda r: (r["company"].casefold(), r["when"] == "", r["when"], r["doc_date"]))
    return pd.DataFrame(rows, columns=depreciation_columns(), dtype=object)


def depreciation_columns() -> list[str]:
    return ["company", "when", "asset_class", "life_old_years", "life_new_years", "change_years",
            "effective", "doc_date", "status", "effect_amount", "effect_currency", "effect_usd",
            "effect_basis", "effect_text", "languages", "doc_ids", "sources", "event_ids", "sentences"]


def _row(deal: Deal) -> dict[str, str]:
    old, new = deal.life_old_years, deal.life_new_years
    return {
        "company": deal.party or "", "when": when(deal.effective, deal.doc_date),
        "asset_class": deal.asset_class,
        "life_old_years": decimal_text(old), "life_new_years": decimal_text(new),
        "change_years": decimal_text(new - old) if old is not None and new is not None else "",
        "effective": deal.effective, "doc_date": deal.doc_date, "status": deal.status,
        "effect_amount": decimal_text(deal.amount), "effect_currency": deal.currency,
        "effect_usd": decimal_text(deal.amount_usd), "effect_basis": deal.amount_basis,
        "effect_text": deal.amount_text, "languages": SEP.join(deal.languages),
        "doc_ids": SEP.join(deal.doc_ids), "sources": SEP.join(deal.sources),
        "event_ids": SEP.join(deal.event_ids), "sentences": SEP.join(deal.sentences),
    }
