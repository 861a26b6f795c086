"""Dates in filings and commentary, normalized for the ledger's `effective` column.

Forms: "2022-07-01" (a day), "2022-07" (a month), "2025-Q1" / "2025-H1" (a
quarter or half), "FY2023" and "FY2025-Q1" (fiscal periods, which do not line
up with calendar ones, so they keep their own prefix), "2025" (a year). Words:
rules/units.yaml; no dateutil (its fuzzy parser invents days and years).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .amounts import load_units, norm_key, parse_number, starts, word_alt

_B0, _B1 = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"  # \b would see 年2025 as one word


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[tuple[str, str, re.Pattern], ...]  # (name, hint, pattern), most specific first
    hints: dict[str, re.Pattern]
    months: dict[str, int]
    ordinals: dict[str, int]
    halves: dict[str, int]
    min_year: int
    max_year: int


def _hints(d: dict) -> dict[str, str]:
    """Cheap searches that tell which patterns can match at all: each needs its hint."""
    return {
        "mon": rf"{starts(d['months'])}{_B0}(?:{word_alt(d['months'])})(?![A-Za-z])",
        "iso": r"\d[-/]\d",
        "nian": "年",
        "q": rf"Q\d|\dQ|{word_alt(d['quarter_en'])}",
        "fzh": word_alt(d["fiscal_zh"]),
        "half": rf"H\d|\dH|{word_alt(d['half_en'])}",
        "fis": word_alt(list(d["fiscal_en"]) + list(d["fiscal_abbrev"])),
        "cue": r"(?:19|20)\d\d",
    }


def _patterns(d: dict) -> list[tuple[str, str, str]]:
    """The date patterns as (name, hint, regex source), most specific first."""
    mon = rf"{starts(d['months'])}(?P<mo>{word_alt(d['months'])})\.?"
    ordn = rf"(?P<q>{word_alt(d['ordinals'])})"
    fis = rf"(?P<fy>{word_alt(list(d['fiscal_en']) + list(d['fiscal_abbrev']))})"
    fzh = rf"(?P<fy>{word_alt(d['fiscal_zh'])})"
    y4, y2 = r"(?P<y>\d{4})(?!\d)", r"(?P<y>'?\d{2}(?!\d)|\d{4}(?!\d))"
    qen, qzh = word_alt(d["quarter_en"]), word_alt(d["quarter_zh"])
    zh = load_units()["numerals"]["zh_lead"]
    zmo, zd = rf"(?P<mo>\d{{1,2}}|[{zh}]{{1,3}})", rf"(?P<d>\d{{1,2}}|[{zh}]{{1,3}})"
    half = rf"(?P<h>{word_alt(d['halves'])})"
    return [
        ("day", "mon", rf"{_B0}{mon}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{y4}"),
        ("day", "mon", rf"{_B0}(?P<d>\d{{1,2}})\s+{mon},?\s+{y4}"),
        ("day", "iso", rf"{_B0}{y4}[-/](?P<mo>\d{{1,2}})[-/](?P<d>\d{{1,2}}){_B1}"),
        ("day", "iso", rf"{_B0}(?P<mo>\d{{1,2}})/(?P<d>\d{{1,2}})/{y4}"),
        ("day", "nian", rf"{y4}\s*年\s*{zmo}\s*月\s*{zd}\s*(?:{word_alt(d['day_suffixes'])})"),
        ("quarter", "q", rf"{_B0}{ordn}\s+(?:(?P<fq>{word_alt(d['fiscal_en'])})\s+)?{qen}(?:\s+of)?(?:\s+the)?\s+(?:{fis}\s*)?{y2}"),
        ("quarter", "q", rf"{_B0}{fis}\s*{y2}\s+{ordn}\s+{qen}"),
        ("quarter", "q", rf"{_B0}{fis}\s*{y2}\s*Q(?P<q>[1-4]){_B1}"),
        ("quarter", "q", rf"{_B0}Q(?P<q>[1-4])\s*(?:of\s+)?(?:{fis}\s*)?{y2}{_B1}"),
        ("quarter", "q", rf"{_B0}(?P<q>[1-4])Q\s*{y2}{_B1}"),
        ("quarter", "q", rf"{_B0}{y4}\s*年?\s*Q(?P<q>[1-4]){_B1}"),
        ("quarter", "fzh", rf"{y4}\s*{fzh}\s*(?:第\s*)?(?P<q>[1-4一二三四首])\s*(?:{qzh})"),
        ("quarter", "fzh", rf"{y4}\s*{fzh}\s*Q(?P<q>[1-4]){_B1}"),
        ("quarter", "nian", rf"{y4}\s*年\s*(?:第\s*)?(?P<q>[1-4一二三四首])\s*(?:{qzh})"),
        ("half", "half", rf"{_B0}{half}\s+(?:{word_alt(d['half_en'])})(?:\s+of)?(?:\s+the)?\s+(?:{fis}\s*)?{y2}"),
        ("half", "half", rf"{_B0}H{half}\s*{y2}{_B1}"),
        ("half", "half", rf"{_B0}{half}H\s*{y2}{_B1}"),
        ("half", "nian", rf"{y4}\s*年\s*{half}半年"),
        ("month", "mon", rf"{_B0}{mon}\s+(?:of\s+)?{y4}"),
        ("month", "nian", rf"{y4}\s*年\s*{zmo}\s*月"),
        ("fiscal", "fis", rf"{_B0}{fis}\s*{y2}{_B1}"),
        ("fiscal", "fzh", rf"{y4}\s*{fzh}"),
        ("year", "nian", rf"{y4}\s*年(?!\d)"),
        ("year", "cue", rf"{starts(d['year_cues'])}{_B0}(?:{word_alt(d['year_cues'])})[\s-]+(?P<s>){y4}(?![\d,.]\d)"),
    ]


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    """Compile the date patterns once, from the tables."""
    d = load_units()["dates"]
    return _Grammar(
        patterns=tuple((name, hint, re.compile(src, re.I)) for name, hint, src in _patterns(d)),
        hints={key: re.compile(src, re.I) for key, src in _hints(d).items()},
        months={norm_key(k): int(v) for k, v in d["months"].items()},
        ordinals={norm_key(str(k)): int(v) for k, v in d["ordinals"].items()},
        halves={norm_key(str(k)): int(v) for k, v in d["halves"].items()},
        min_year=int(d["min_year"]),
        max_year=int(d["max_year"]),
    )


def _year(text: str, g: _Grammar) -> int | None:
    """A four-digit year; "23" and "'23" are 2023 (fiscal abbreviations)."""
    digits = text.lstrip("'")
    year = int(digits) + 2000 if len(digits) == 2 else int(digits)
    return year if g.min_year <= year <= g.max_year else None


def _small(text: str) -> int | None:
    """A month or day number written in Arabic or Chinese digits."""
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) else None


def _build(m: re.Match, name: str, g: _Grammar) -> str | None:
    """The normalized form of one match, or None where it is no real date (month 13)."""
    gd = m.groupdict()
    year = _year(gd["y"], g)
    fiscal = bool(gd.get("fy") or gd.get("fq"))
    if year is None or (len(gd["y"].lstrip("'")) == 2 and not (fiscal or name in ("quarter", "half"))):
        return None
    prefix = f"FY{year}" if fiscal else str(year)
    if name in ("quarter", "half"):
        key = gd.get("q") if name == "quarter" else gd.get("h")
        table = g.ordinals if name == "quarter" else g.halves
        n = table.get(norm_key(key))
        return f"{prefix}-{'Q' if name == 'quarter' else 'H'}{n}" if n else None
    if name == "fiscal" or (name == "year" and not gd.get("mo")):
        return prefix
    month = g.months.get(norm_key(gd["mo"])) or _small(gd["mo"])
    if not month or not 1 <= month <= 12:
        return None
    if name == "month":
        return f"{year}-{month:02d}"
    day = _small(gd["d"])
    try:
        return dt.date(year, month, day or 0).isoformat()
    except ValueError:
        return None


def find_dates(text: str, *, lang: str) -> list[tuple[int, int, str]]:
    """Every date in `text` as (start, end, normalized), in text order.

    More specific forms win ("July 1, 2022" over "2022"); a span once taken is
    not matched again. `lang` is accepted for symmetry: both grammars run.
    """
    g = _grammar()
    if not re.search(r"\d", text):
        return []
    hits = {key for key, hint in g.hints.items() if hint.search(text)}
    taken: list[tuple[int, int, str]] = []
    for name, hint, pattern in g.patterns:
        for m in pattern.finditer(text) if hint in hits else ():
            start = m.start("s") if "s" in pattern.groupindex else m.start()
            if any(start < e and s < m.end() for s, e, _ in taken):
                continue
            if (norm := _build(m, name, g)) is not None:
                taken.append((start, m.end(), norm))
    return sorted(taken)


def normalize_date(text: str) -> str | None:
    """The normalized form of the first date in `text` ("In July 2022" -> "2022-07"), or None."""
    found = find_dates(text, lang="zh" if re.search(r"[\u3400-\u9fff]", text) else "en")
    return found[0][2] if found else None
