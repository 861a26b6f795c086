"""Useful lives ("from four years to six years", "从4年延长至6年") parsed into `Life`.

Depreciation rules need the old and the new life as numbers (4.5 and 5.5
allowed, corpora/README.md "Useful lives"); this module reads them in English
and Chinese. A change gives old and new, a target or a lone life gives new, a
spread ("3 to 5 years", policy text) gives neither. Words: rules/units.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .amounts import exact, load_units, norm_key, parse_number, starts, word_alt
from .records import Life

_HALF = Decimal("0.5")


@dataclass(frozen=True)
class _Grammar:
    change: re.Pattern    # from X (years) to Y years -> old X, new Y
    reverse: re.Pattern   # to Y years from X years -> old X, new Y
    was: re.Pattern       # Y years (previously X years), 5年（原为3年） -> old X, new Y
    spread: re.Pattern    # X to Y years, 3-5年 -> neither
    target: re.Pattern    # to Y years, 延长至Y年, more than Y years -> new Y
    lone: re.Pattern      # Y years, 六年, 五年半, 10年以上 -> new Y
    range_tail: re.Pattern
    term_tail: re.Pattern  # 'repayable over terms of up to three years': a loan's or a lease's term, no life
    hint: re.Pattern
    from_hint: re.Pattern
    was_hint: re.Pattern
    unit_word: re.Pattern
    half_word: re.Pattern
    words: dict[str, Decimal]
    fractions: dict[str, Decimal]
    max_years: Decimal


def _alt(words) -> str:
    """Like amounts.word_alt, but a space may also be written as a hyphen ("one-half")."""
    return word_alt(words).replace(r"[ \t\u00a0]", r"[\s-]+")


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    """Compile the life patterns once, from the tables."""
    u = load_units()
    num, lv = u["numerals"], u["lives"]
    fracs = "".join(num["fractions"])
    zh_digits = "".join(num["zh_digits"])
    half = rf"[\s-]+and[\s-]+(?:{_alt(num['halves'])})"
    en_num = rf"(?:\d+(?:\.\d+)?[{fracs}]?|[{fracs}]|(?:{_alt(num['en_words'])})(?![A-Za-z]))(?:{half})?"
    zh_num = rf"(?:\d+(?:\.\d+)?|[{num['zh_lead']}]+(?:[{''.join(num['zh_point'])}][{zh_digits}]+)?)"
    first = starts(num["en_words"], also=rf"\d{fracs}{num['zh_lead']}")  # a number starts with a digit or a word
    number = rf"{first}(?<![A-Za-z0-9.第])(?:{en_num}|{zh_num})"
    unit = (rf"(?:[\s-]*(?:{_alt(lv['unit_en'])})(?![A-Za-z])"
            rf"(?![\s-]*(?:{_alt(lv['not_after_en'])})(?![A-Za-z]))"
            rf"|\s?(?:{_alt(lv['unit_zh'])})(?:{_alt(num['zh_half'])})?(?!{_alt(lv['not_after_zh'])}|\d))")
    life = rf"{number}{unit}"
    kw = lambda words: rf"(?<![A-Za-z])(?:{_alt(words)})(?![A-Za-z])"  # noqa: E731
    after = rf"(?:\s*(?:{_alt(lv['floors_after'])}))?"
    verbs = rf"(?:{_alt(lv['change_verbs'])})"
    adverbs = rf"(?:{_alt(lv['change_adverbs'])})?" if lv.get("change_adverbs") else ""
    to = rf"{adverbs}{verbs}?{kw(lv['to_words'])}"
    gap = rf"(?:(?:{_alt(lv['reverse_gap'])})\s+)?" if lv.get("reverse_gap") else ""
    approx = rf"(?:(?:{_alt(lv['approx_words'])})\s+)?" if lv.get("approx_words") else ""
    to_first = starts([*lv.get("change_adverbs", []), *lv["change_verbs"], *lv["to_words"], *lv["floors_before"]])  # where target and reverse start
    flags = re.I
    return _Grammar(
        change=re.compile(
            rf"{kw(lv['from_words'])}[^\x00-\x7f\d，。；]{{0,4}}?\s*(?P<a>{number}(?:{unit})?)"
            rf"\s*{to}\s*(?P<b>{life}){after}", flags),
        reverse=re.compile(rf"{to_first}(?:{to}|{kw(lv['floors_before'])})\s*(?P<b>{life})\s*[,(]?\s*{gap}"
                           rf"{kw(lv.get('reverse_words') or lv['from_words'])}\s*{approx}(?P<a>{number}(?:{unit})?)", flags),
        was=re.compile(rf"(?P<b>{life})\s*[（(，,]?\s*{kw(lv['was_words'])}\s*(?P<a>{number}(?:{unit})?)", flags),
        spread=re.compile(rf"(?P<a>{number}(?:{unit})?)\s*{kw(lv['range_joiners'])}\s*(?P<b>{life})", flags),
        target=re.compile(rf"{to_first}(?:{to}|{kw(lv['floors_before'])})\s*(?P<b>{life}){after}", flags),
        lone=re.compile(rf"(?P<b>{life}){after}", flags),
        range_tail=re.compile(rf"(?:{_alt(lv['range_openers'])})\s*\Z", flags),
        term_tail=re.compile(rf"(?<![A-Za-z])(?:{_alt(lv['term_words'])})\s+(?:up\s+(?:to\s+)?)?\Z", flags),
        hint=re.compile(rf"{_alt(lv['unit_en'])}|{_alt(lv['unit_zh'])}", flags),
        from_hint=re.compile(kw([*lv["from_words"], *lv.get("reverse_words", ())]), flags),
        was_hint=re.compile(kw(lv["was_words"]), flags),
        unit_word=re.compile(rf"(?:{_alt(lv['unit_en'])})(?![A-Za-z])|{_alt(lv['unit_zh'])}", flags),
        half_word=re.compile(rf"{half}|{_alt(num['zh_half'])}", flags),
        words={norm_key(k.replace("-", " ")): Decimal(v) for k, v in num["en_words"].items()},
        fractions={k: Decimal(str(v)) for k, v in num["fractions"].items()},
        max_years=Decimal(lv["max_years"]),
    )


def _years(chunk: str, g: _Grammar) -> Decimal | None:
    """The years in one life chunk ("five and a half years", "5½", "五年半", "4.5-year")."""
    text = g.unit_word.sub(" ", chunk)
    half = _HALF if g.half_word.search(text) else Decimal(0)
    text = g.half_word.sub(" ", text).strip(" -\t\n")
    frac = g.fractions.get(text[-1:], Decimal(0)) if text else Decimal(0)
    text = text[:-1] if frac else text
    if not text:
        base = Decimal(0) if frac else None
    elif text[0].isdigit():
        base = Decimal(text) if re.fullmatch(r"\d+(?:\.\d+)?", text) else None
    else:
        base = g.words.get(norm_key(text.replace("-", " "))) or parse_number(text)
    if base is None or (base == 0 and not frac and not half):
        return None
    years = base + frac + half
    return exact(years) if years <= g.max_years else None


def _life(m: re.Match, kind: str, g: _Grammar) -> Life | None:
    """The Life a match stands for; None where a figure is not a life (2025年)."""
    new = _years(m["b"], g)
    if new is None or g.term_tail.search(m.string, max(0, m.start() - 40), m.start()):
        return None
    if kind in ("target", "lone"):
        return Life(m.group(), None, new)
    old = _years(m["a"], g)
    if old is None:
        return None
    spread = kind == "spread" or bool(g.range_tail.search(m.string, max(0, m.start() - 16), m.start("a")))
    return Life(m.group(), None, None) if spread else Life(m.group(), old, new)


def find_lives(text: str, *, lang: str) -> list[tuple[int, int, Life]]:
    """Every useful-life statement in `text` as (start, end, Life), in text order.

    Patterns are tried from the most specific ("from X to Y") to the loosest
    ("Y years"); a later one never takes text an earlier one has taken.
    `lang` is accepted for symmetry with the other finders: both grammars run.
    """
    g = _grammar()
    if not g.hint.search(text):
        return []
    taken: list[tuple[int, int, Life]] = []
    kinds = ("change", "reverse") if g.from_hint.search(text) else ()
    kinds += ("was",) if g.was_hint.search(text) else ()
    for kind in kinds + ("spread", "target", "lone"):
        for m in getattr(g, kind).finditer(text):
            if any(m.start() < e and s < m.end() for s, e, _ in taken):
                continue
            if (life := _life(m, kind, g)) is not None:
                taken.append((m.start(), m.end(), life))
    return sorted(taken, key=lambda t: t[0])


def parse_life_years(text: str) -> Decimal | None:
    """The (new) life in years of a life phrase ("four years" -> 4, "五年半" -> 5.5), or None.

    A bare number phrase without a unit ("five and a half", "5½") is read too.
    """
    g = _grammar()
    for _, _, life in find_lives(text, lang="zh" if re.search(r"[\u3400-\u9fff]", text) else "en"):
        return life.new_years
    return _years(text.strip(), g) if text.strip() else None
