"""Money amounts in English and Chinese sentences, parsed into `Amount` records.

Every rule that puts an amount on an event goes through `find_amounts`, so the
annotation conventions (corpora/README.md "Amounts": bounds, ranges, currency,
per-period) live here once. Words come from rules/units.yaml; arithmetic is
Decimal only (cn2an reads the numeral part, never the 万/亿 scale: it goes via
float, see shared/NOTES.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Context, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import cn2an
import yaml

from .errors import RuleError
from .records import Amount

UNITS_PATH = Path(__file__).resolve().parent.parent / "rules" / "units.yaml"

_SP = r"[ \t\u00a0]"
_CTX = Context(prec=60)  # wide enough that no figure in a filing is rounded
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")  # same length: offsets hold
_REQUIRED = ("scales", "currency_prefixes", "currency_suffixes", "bounds", "ranges",
             "periods", "non_money_units", "numerals", "lives", "dates")
_BOUND_KINDS = {"low", "high", "value"}
_PERIOD_KINDS = {"year", "quarter", "month"}


# ---------------------------------------------------------------- the tables

@lru_cache(maxsize=1)
def load_units() -> dict[str, Any]:
    """rules/units.yaml, read and checked once per process (shared by lives and dates)."""
    try:
        units = yaml.safe_load(UNITS_PATH.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise RuleError(str(UNITS_PATH), None, None, f"cannot read: {e}") from e
    _check_units(units)
    return units


def _check_units(units: Any) -> None:
    """Fail early, naming the table, on a units file the normalizers cannot use."""
    def bad(key: str, cause: str) -> RuleError:
        return RuleError(str(UNITS_PATH), None, key, cause)

    if not isinstance(units, dict):
        raise bad("(top)", "not a mapping")
    for key in _REQUIRED:
        if key not in units:
            raise bad(key, "missing table")
    for lang in ("en", "zh"):
        for word, mult in units["scales"][lang].items():
            if not isinstance(mult, int) or mult <= 0:
                raise bad(f"scales.{lang}.{word}", "multiplier must be a positive integer")
    codes = list(units["currency_prefixes"].values())
    codes += [c for lang in ("en", "zh") for c in units["currency_suffixes"][lang].values()]
    for code in codes:
        for c in (code.values() if isinstance(code, dict) else [code]):
            if not (isinstance(c, str) and re.fullmatch(r"[A-Z]{3}", c)):
                raise bad("currency", f"not an ISO 4217 code: {c!r}")
    for side in ("prefix", "infix", "suffix"):
        for word, kind in units["bounds"][side].items():
            if kind not in _BOUND_KINDS:
                raise bad(f"bounds.{side}.{word}", f"kind must be one of {sorted(_BOUND_KINDS)}")
    for side in ("prefix", "suffix"):
        for word, kind in units["periods"][side].items():
            if kind not in _PERIOD_KINDS:
                raise bad(f"periods.{side}.{word}", f"period must be one of {sorted(_PERIOD_KINDS)}")


def word_alt(words: Any) -> str:
    """A regex alternation of `words`, longest first, any run of spaces matching a space."""
    parts = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(_SP.join(re.escape(p) for p in w.split(" ")) for w in parts if w)


def starts(words: Any, also: str = "") -> str:
    """A lookahead on the first characters of `words` (plus the class items in `also`).

    re tries every alternative of a pattern at every position of the text; put
    before a pattern, this rejects the positions none of them can start at, at once.
    """
    firsts = "".join(sorted({str(w)[0] for w in words if str(w)}))
    return rf"(?=[{also}{re.escape(firsts)}])"


def norm_key(word: str) -> str:
    """The lookup key of a matched word: lower case, single spaces."""
    return " ".join(word.lower().split())


def _table(mapping: dict) -> dict[str, Any]:
    return {norm_key(str(k)): v for k, v in mapping.items()}


@dataclass(frozen=True)
class _Grammar:
    atom: re.Pattern
    bound_tail: re.Pattern
    bound_head: re.Pattern
    opener_tail: re.Pattern
    change_tail: re.Pattern
    joiner: re.Pattern
    period_head: re.Pattern
    period_tail: re.Pattern
    unit_head: re.Pattern
    scales: dict[str, Decimal]
    prefixes: dict[str, Any]
    suffixes: dict[str, str]
    bounds: dict[str, str]
    periods: dict[str, str]
    range_joiners: frozenset[str]
    period_window: int


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    """Compile every pattern once, from the tables."""
    u = load_units()
    num, rng, per = u["numerals"], u["ranges"], u["periods"]
    zh_chars, lead = num["zh_chars"], num["zh_lead"]
    no_wan = "".join(c for c in zh_chars if c not in "万萬")
    digits = "".join(num["zh_digits"])
    point = "".join(num["zh_point"])
    vague = "".join(num["zh_vague_before"])
    number = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?"
              rf"|(?<![{vague}])[{lead}][{no_wan}]*(?:[万萬][{no_wan}]+)?(?:[{point}][{digits}]+)?")
    prefix = word_alt(u["currency_prefixes"])
    inner_join = word_alt(j for j in rng["joiners"])
    first = starts(u["currency_prefixes"], also=rf"\d{lead}")  # a figure starts with a currency or a digit
    atom = re.compile(
        rf"{first}(?<![A-Za-z0-9.])(?<!\d,)(?:(?P<pre>{prefix}){_SP}*)?(?P<n1>{number})"
        rf"(?:{_SP}*(?P<sep>{inner_join})(?![A-Za-z]){_SP}*(?:(?P<pre2>{prefix}){_SP}*)?(?P<n2>{number}))?"
        rf"(?:{_SP}*(?P<en>{word_alt(u['scales']['en'])})(?![A-Za-z])"
        rf"|{_SP}?(?P<infix>{word_alt(u['bounds']['infix'])})?(?P<zh>{word_alt(u['scales']['zh'])}))?"
        rf"(?:{_SP}+(?P<sen>{word_alt(u['currency_suffixes']['en'])})(?![A-Za-z])"
        rf"|{_SP}?(?P<szh>{word_alt(u['currency_suffixes']['zh'])}))?",
        re.I)
    bounds = {**u["bounds"]["prefix"], **u["bounds"]["infix"], **u["bounds"]["suffix"]}
    all_join = list(rng["joiners"]) + list(rng["opener_joiners"])
    periods = {**per["prefix"], **per["suffix"]}
    stop = r"，。；;,.!?！？、：:\n\d"
    return _Grammar(
        atom=atom,
        bound_tail=re.compile(rf"(?<![A-Za-z])(?P<w>{word_alt(u['bounds']['prefix'])}){_SP}*\Z", re.I),
        bound_head=re.compile(rf"(?:{_SP}+|(?=[^\x00-\x7f]))(?P<w>{word_alt(u['bounds']['suffix'])})(?![A-Za-z])", re.I),
        opener_tail=re.compile(rf"(?<![A-Za-z])(?:{word_alt(rng['openers'])}){_SP}*\Z", re.I),
        change_tail=re.compile(
            rf"(?<![A-Za-z])(?P<verb>(?:{word_alt(rng['range_verbs'])}){_SP}+)?"
            rf"(?:{word_alt(rng['change_openers'])}){_SP}*\Z", re.I),
        joiner=re.compile(rf"{_SP}*(?P<j>{word_alt(all_join)}){_SP}*\Z", re.I),
        period_head=re.compile(
            rf"{_SP}*(?P<w>{word_alt(per['suffix'])})(?![A-Za-z])"
            rf"(?!{_SP}*(?:{word_alt(per['not_after'])}))", re.I),
        period_tail=re.compile(rf"(?P<w>{word_alt(per['prefix'])})[^{stop}]{{0,{int(per['prefix_gap'])}}}\Z"),
        unit_head=re.compile(rf"{_SP}?(?:{word_alt(u['non_money_units'])})", re.I),
        scales={norm_key(k): Decimal(v) for lang in ("en", "zh") for k, v in u["scales"][lang].items()},
        prefixes=_table(u["currency_prefixes"]),
        suffixes=_table({**u["currency_suffixes"]["en"], **u["currency_suffixes"]["zh"]}),
        bounds=_table(bounds),
        periods=_table(periods),
        range_joiners=frozenset(norm_key(j) for j in rng["joiners"]),
        period_window=int(per["prefix_gap"]) + max(len(w) for w in per["prefix"]),
    )


# ---------------------------------------------------------------- numbers

def exact(value: Decimal) -> Decimal:
    """An integral Decimal written without a fraction or exponent (6.3e9 -> 6300000000)."""
    integral = value.to_integral_value()  # exponent 0 unless the value had a positive one
    if value == integral:
        # a positive exponent (1E+1) is written out, unless too long to be a real figure
        wide = integral.as_tuple().exponent > 0 and integral.adjusted() < _CTX.prec
        return integral.quantize(Decimal(1), context=_CTX) if wide else integral
    return value.normalize(_CTX)


@lru_cache(maxsize=4096)
def parse_number(text: str) -> Decimal | None:
    """An Arabic ("2,600", "6.3") or Chinese ("一千五百", "五点五") numeral as a Decimal."""
    text = text.translate(_FULLWIDTH).replace(",", "")
    if text[:1].isascii():
        return Decimal(text) if re.fullmatch(r"\d+(?:\.\d+)?", text) else None
    num = load_units()["numerals"]
    whole, _, frac = re.sub(f"[{''.join(num['zh_point'])}]", ".", text).partition(".")
    try:
        integer = cn2an.cn2an(whole, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if not isinstance(integer, int) or any(c not in num["zh_digits"] for c in frac):
        return None
    digits = "".join(str(num["zh_digits"][c]) for c in frac)
    return Decimal(f"{integer}.{digits}" if digits else integer)


# ---------------------------------------------------------------- finding

class _Span(NamedTuple):
    """An amount before bounds and periods: where, how much, which currency."""

    start: int
    end: int
    low: Decimal
    high: Decimal | None  # set for a range
    currency: str | None
    zh_scaled: bool       # 万/亿/兆: an amount even without a currency word
    scaled: bool
    scale: Decimal
    kind: str = "value"   # "low" for 100多亿


def _currency(word: str | None, table: dict[str, Any], lang: str) -> str | None:
    code = table.get(norm_key(word)) if word else None
    return code.get(lang, code.get("en")) if isinstance(code, dict) else code


def _atom_spans(m: re.Match, g: _Grammar, lang: str, *, split: bool) -> list[_Span]:
    """One match as one span (a figure or a range), or two where `split` ("from $3 to $5")."""
    n1, n2 = parse_number(m["n1"]), parse_number(m["n2"]) if m["n2"] else None
    if n1 is None or (m["n2"] and n2 is None):
        return []
    scale_word = m["en"] or m["zh"]
    scale = g.scales[norm_key(scale_word)] if scale_word else Decimal(1)
    zh_scaled = bool(m["zh"]) or any(c in "万萬" for c in m["n1"] + (m["n2"] or ""))
    currency = (_currency(m["pre"], g.prefixes, lang) or _currency(m["pre2"], g.prefixes, lang)
                or _currency(m["sen"] or m["szh"], g.suffixes, lang))
    low, high = _CTX.multiply(n1, scale), _CTX.multiply(n2, scale) if n2 is not None else None
    kind = g.bounds[norm_key(m["infix"])] if m["infix"] else "value"
    span = _Span(m.start(), m.end(), low, high, currency, zh_scaled, bool(scale_word), scale, kind)
    if high is None:
        return [span]
    second = m.start("pre2") if m["pre2"] else m.start("n2")
    if split and norm_key(m["sep"]) in g.range_joiners and m["sep"].strip("-–—~～"):
        return [span._replace(end=m.end("n1"), high=None), span._replace(start=second, low=high, high=None)]
    if low > high:  # "2024-$5 billion": the first figure is no part of it
        again = g.atom.match(m.string, second)
        return _atom_spans(again, g, lang, split=False) if again else []
    return [span]


def _merge(text: str, spans: list[_Span], g: _Grammar) -> list[_Span]:
    """Join "X to Y", "X-Y", "between X and Y" written as two full figures into ranges."""
    out: list[_Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev and prev.high is None and span.high is None and _joins(text, prev, span, g):
            low = prev.low if prev.scaled else _CTX.multiply(prev.low, span.scale)
            if low <= span.low:
                out[-1] = prev._replace(end=span.end, low=low, high=span.low,
                                        currency=prev.currency or span.currency,
                                        zh_scaled=prev.zh_scaled or span.zh_scaled, scaled=True)
                continue
        out.append(span)
    return out


def _is_change(text: str, start: int, g: _Grammar) -> bool:
    """Whether "from" precedes `start`, making "X to Y" a change ("ranging from" does not)."""
    m = g.change_tail.search(text, max(0, start - 30), start)
    return bool(m) and not m["verb"]


def _joins(text: str, a: _Span, b: _Span, g: _Grammar) -> bool:
    if a.currency and b.currency and a.currency != b.currency:
        return False
    m = g.joiner.match(text, a.end, b.start)
    if not m or m.end() != b.start:
        return False
    if norm_key(m["j"]) not in g.range_joiners:
        return bool(g.opener_tail.search(text, max(0, a.start - 12), a.start))
    return not _is_change(text, a.start, g)


def _widen(text: str, span: _Span, g: _Grammar, floor: int) -> tuple[int, int, str]:
    """Take in the bound words around a span ("up to", 超过, 以上, "between"): start, end, kind."""
    start, end, kind = span.start, span.end, span.kind
    for _ in range(2):  # "up to approximately $5 billion"
        m = g.bound_tail.search(text, max(floor, start - 25), start)
        if not m or (span.high is not None and g.bounds[norm_key(m["w"])] != "value"):
            break
        kind = g.bounds[norm_key(m["w"])] if kind == "value" else kind
        start = m.start()
    if span.high is not None and (m := g.opener_tail.search(text, max(floor, start - 12), start)):
        start = m.start()
    if span.high is None and (m := g.bound_head.match(text, end)):
        kind = g.bounds[norm_key(m["w"])] if kind == "value" else kind
        end = m.end()
    return start, end, kind


def _period(text: str, start: int, end: int, g: _Grammar) -> str | None:
    """The rate an amount is given at: "per year" after it, or 每年 shortly before it."""
    m = g.period_head.match(text, end) or g.period_tail.search(text, max(0, start - g.period_window), start)
    return g.periods[norm_key(m["w"])] if m else None


def _finish(text: str, span: _Span, g: _Grammar, *, default_currency: str | None,
            floor: int) -> tuple[int, int, Amount] | None:
    """The span as an Amount with its bounds and rate; None if it is not money after all."""
    if not span.currency and (not span.zh_scaled or g.unit_head.match(text, span.end)):
        return None
    start, end, kind = _widen(text, span, g, floor)
    low, high = exact(span.low), exact(span.high) if span.high is not None else None
    amount = Amount(
        text=text[start:end],
        value=low if high is None and kind == "value" else None,
        low=low if high is not None or kind == "low" else None,
        high=high if high is not None else (low if kind == "high" else None),
        currency=span.currency or default_currency,
        per_period=_period(text, start, end, g))
    return start, end, amount


def find_amounts(text: str, *, lang: str, default_currency: str | None = "USD") -> list[tuple[int, int, Amount]]:
    """Every money amount in `text` as (start, end, Amount), bounds included in the span.

    A figure is money when it carries a currency (symbol, code or word) or a
    Chinese scale (万/亿/兆); the latter take `default_currency` unless 元 or a
    currency word is written. Share counts, GW, percentages and years are not.
    """
    g = _grammar()
    scan = text.translate(_FULLWIDTH)
    spans: list[_Span] = []
    for m in g.atom.finditer(scan):
        split = bool(m["n2"]) and _is_change(scan, m.start(), g)
        spans.extend(_atom_spans(m, g, lang, split=split))
    found: list[tuple[int, int, Amount]] = []
    for span in _merge(scan, spans, g):
        floor = found[-1][1] if found else 0  # bound words never reach into the amount before
        if done := _finish(scan, span, g, default_currency=default_currency, floor=floor):
            start, end, amount = done
            # the text as written: full-width digits were folded for matching only
            found.append((start, end, replace(amount, text=text[start:end])))
    return found


def parse_amount(text: str, *, default_currency: str | None = "USD") -> Amount | None:
    """The first amount in `text` ("up to $100 billion", "约63亿美元"), or None."""
    lang = "zh" if re.search(r"[\u3400-\u9fff]", text) else "en"
    found = find_amounts(text, lang=lang, default_currency=default_currency)
    return found[0][2] if found else None
