"""Property tests for the normalizers: total on any string, exact on round trips."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings, strategies as st

from pipeline.amounts import find_amounts, parse_amount
from pipeline.dates import find_dates, normalize_date
from pipeline.lives import find_lives, parse_life_years

# text drawn mostly from the characters the grammars care about, so inputs get near real matches
_ALPHABET = st.sampled_from(list(
    "0123456789.,-~ $€£¥%/'½ abcmnotyBMQFH"
    "亿億万萬兆元美人民币台港年月日季度半以上超过逾约近高达最多每从由至到延长为一二两三四五六七八九十百千点股第财"
))
_TEXT = st.one_of(st.text(), st.text(alphabet=_ALPHABET, max_size=60))
# up to two decimals, as amounts are written
_FIGURE = st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=400)
@given(_TEXT)
def test_finders_never_raise(text):
    for lang in ("en", "zh"):
        for start, end, amount in find_amounts(text, lang=lang):
            assert text[start:end] == amount.text
        for start, end, life in find_lives(text, lang=lang):
            assert text[start:end] == life.text
        for start, end, norm in find_dates(text, lang=lang):
            assert 0 <= start < end <= len(text) and norm
    parse_amount(text)
    parse_amount(text, default_currency=None)
    parse_life_years(text)
    normalize_date(text)


def _figure(x: Decimal) -> str:
    return f"{x:f}"


@given(_FIGURE)
def test_billion_round_trip(x):
    amount = parse_amount(f"${_figure(x)} billion")
    assert amount.value == x * 10**9 and amount.currency == "USD"


@given(_FIGURE)
def test_million_round_trip(x):
    amount = parse_amount(f"${_figure(x)} million")
    assert amount.value == x * 10**6 and amount.currency == "USD"


@given(_FIGURE)
def test_yi_round_trip(x):
    amount = parse_amount(f"{_figure(x)}亿美元")
    assert amount.value == x * 10**8 and amount.currency == "USD"


@given(_FIGURE)
def test_wanyi_round_trip(x):
    amount = parse_amount(f"{_figure(x)}万亿美元")
    assert amount.value == x * 10**12 and amount.currency == "USD"


@given(_FIGURE)
def test_round_trip_values_are_exact_integers_when_whole(x):
    value = parse_amount(f"${_figure(x)} billion").value
    assert "E" not in str(value) and "." not in str(value)


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=99))
def test_life_change_round_trip(old, new):
    (_, _, life), = find_lives(f"from {old} years to {new} years", lang="en")
    assert (life.old_years, life.new_years) == (old, new)
    (_, _, life), = find_lives(f"从{old}年延长至{new}年", lang="zh")
    assert (life.old_years, life.new_years) == (old, new)
