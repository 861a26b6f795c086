"""Case tables for pipeline.lives: old and new useful lives, in English and Chinese."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from pipeline.lives import find_lives, parse_life_years
from pipeline.records import Life


def L(text, old=None, new=None):  # noqa: N802
    return Life(text, D(old) if old is not None else None, D(new) if new is not None else None)


# (sentence, lang, expected lives in text order; each text occurs once in the sentence)
FIND_CASES = [
    # a change: old and new
    ("increase the estimated useful lives of servers from four years to six years", "en",
     [L("from four years to six years", "4", "6")]),
    ("from three to four years", "en", [L("from three to four years", "3", "4")]),
    ("we will increase the useful life from 5 to 6 years", "en", [L("from 5 to 6 years", "5", "6")]),
    ("changed the useful life to six years from five years", "en", [L("to six years from five years", "5", "6")]),
    ("from five years to five and a half years", "en", [L("from five years to five and a half years", "5", "5.5")]),
    # the old life after the new one
    ("lengthen the useful life of servers to four years, up from three years, and", "en",
     [L("to four years, up from three years", "3", "4")]),
    ("raised the useful life of certain servers to 5.5 years (from roughly five), trimming", "en",
     [L("to 5.5 years (from roughly five", "5", "5.5")]),
    ("would be depreciated over five years instead of six, citing", "en", [L("over five years instead of six", "6", "5")]),
    ("extended to six years, compared with four years previously", "en", [L("to six years, compared with four years", "4", "6")]),
    ("reduced the useful life from six years back to five years", "en", [L("from six years back to five years", "6", "5")]),
    ("extend the useful life to six years from January 2025", "en", [L("to six years", new="6")]),  # a date is no life
    ("从4年延长至6年", "zh", [L("从4年延长至6年", "4", "6")]),
    ("由5年延長至6年", "zh", [L("由5年延長至6年", "5", "6")]),
    ("鹏算今年把GPU服务器折旧年限从5年延长到了6年", "zh", [L("从5年延长到了6年", "5", "6")]),  # 到了, spoken
    ("从六年缩短为五年", "zh", [L("从六年缩短为五年", "6", "5")]),
    ("将服务器折旧年限由5年增至6年", "zh", [L("由5年增至6年", "5", "6")]),
    ("从原来的4年调整为6年", "zh", [L("从原来的4年调整为6年", "4", "6")]),
    ("折旧年限从4年拉长到6年", "zh", [L("从4年拉长到6年", "4", "6")]),  # 拉长: stretched
    ("使用年限由4年逐步延长至5.5年", "zh", [L("由4年逐步延长至5.5年", "4", "5.5")]),  # an adverb before the verb
    ("耐用年限由6年壓縮至5年", "zh", [L("由6年壓縮至5年", "6", "5")]),
    ("折旧期逐步拉长到8年", "zh", [L("逐步拉长到8年", new="8")]),
    ("使用年限从6年缩短回5年", "zh", [L("从6年缩短回5年", "6", "5")]),  # 缩短回: shortened back
    # the new life, then the old one after 原为 / 原来是 / previously
    ("折旧年限调整为5年（原为3年）", "zh", [L("5年（原为3年", "3", "5")]),
    ("折旧年限缩短到了4年，原来是5年", "zh", [L("4年，原来是5年", "5", "4")]),
    ("耐用年限改為6年(原為4年)", "zh", [L("6年(原為4年", "4", "6")]),
    ("servers now depreciate over six years (previously four years)", "en", [L("six years (previously four years", "4", "6")]),
    # a target or a lone life: new only
    ("extend the useful life of its servers to 5.5 years", "en", [L("to 5.5 years", new="5.5")]),
    ("a useful life of 4 years", "en", [L("4 years", new="4")]),
    ("a useful life of 4.5 years", "en", [L("4.5 years", new="4.5")]),
    ("five and a half years", "en", [L("five and a half years", new="5.5")]),
    ("four and one-half years", "en", [L("four and one-half years", new="4.5")]),
    ("5½ years", "en", [L("5½ years", new="5.5")]),
    ("a six-year useful life", "en", [L("six-year", new="6")]),
    ("more than 10 years", "en", [L("more than 10 years", new="10")]),
    ("折旧期为六年", "zh", [L("为六年", new="6")]),
    ("使用寿命5.5年", "zh", [L("5.5年", new="5.5")]),
    ("五年半", "zh", [L("五年半", new="5.5")]),
    ("extended to Six years", "en", [L("to Six years", new="6")]),
    ("Over Five Years", "en", [L("Over Five Years", new="5")]),
    ("½ year", "en", [L("½ year", new="0.5")]),
    ("由五年延长至六年半", "zh", [L("由五年延长至六年半", "5", "6.5")]),
    ("增至七年", "zh", [L("增至七年", new="7")]),
    ("折旧期延长到10年以上", "zh", [L("延长到10年以上", new="10")]),
    ("延长到5.5年", "zh", [L("延长到5.5年", new="5.5")]),
    # a spread in policy text: neither
    ("depreciated on a straight-line basis over 3 to 5 years", "en", [L("3 to 5 years")]),
    ("useful lives ranging from three to five years", "en", [L("from three to five years")]),
    ("between 3 and 5 years", "en", [L("3 and 5 years")]),
    ("按3至5年计提折旧", "zh", [L("3至5年")]),
    ("3-5年", "zh", [L("3-5年")]),
    # times, not lives
    ("for each of the three years ended June 30, 2024", "en", []),
    ("ten years ago", "en", []),
    ("2025年9月，过去10年来，第5年", "zh", []),
    ("no number here", "en", []),
    # a loan's or a lease's term, no life
    ("$1.2 billion of financing, repayable over terms of up to three years", "en", []),
    ("leases with terms of 15 years", "en", []),
    ("the notes have a maturity of five years", "en", []),
    ("depreciated over up to six years", "en", [L("to six years", None, 6)]),
]


@pytest.mark.parametrize("text,lang,expected", FIND_CASES)
def test_find_lives(text, lang, expected):
    found = find_lives(text, lang=lang)
    assert [life for _, _, life in found] == expected
    for (start, end, life), want in zip(found, expected):
        assert (start, end) == (text.index(want.text), text.index(want.text) + len(want.text))
        assert text[start:end] == life.text


PARSE_CASES = [
    ("four years", "4"),
    ("4 years", "4"),
    ("4.5 years", "4.5"),
    ("five and a half years", "5.5"),
    ("5½ years", "5.5"),
    ("six-year", "6"),
    ("六年", "6"),
    ("5.5年", "5.5"),
    ("五年半", "5.5"),
    ("10年以上", "10"),
    ("from 4 to 6 years", "6"),
    ("five and a half", "5.5"),
    ("3 to 5 years", None),
    ("2025年", None),
    ("", None),
]


@pytest.mark.parametrize("text,years", PARSE_CASES)
def test_parse_life_years(text, years):
    assert parse_life_years(text) == (D(years) if years is not None else None)


def test_whole_years_print_without_exponent():
    assert str(parse_life_years("10年以上")) == "10"
