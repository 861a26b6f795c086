"""Property tests for names, language and sentences: total on any string, exact where they round-trip.

(amounts, lives and dates: tests/test_normalizers_properties.py.)
"""
from __future__ import annotations

import re

import pytest
from hypothesis import assume, example, given, settings, strategies as st

from pipeline.entities import LEGAL_SUFFIX, REGIONAL, load_entity_table, strip_legal_suffix
from pipeline.language import HAN, detect_lang, detect_region
from pipeline.names import learn_org_names
from pipeline.rules import RULES_DIR
from pipeline.sentences import paragraphs, split_zh

TABLE = load_entity_table(RULES_DIR / "entities.csv")
KNOWN = set(TABLE.en) | set(TABLE.zh)
SUFFIXES_EN = ["Inc.", "Inc", "Corp.", "Corporation", "LLC", "Ltd.", "Limited", "PLC", "plc", "L.P.", "N.V.", "S.A.",
               "AG", "GmbH", "PBC", "Holdings", "Group", "Company"]
SUFFIXES_ZH = ["股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "集团", "集團", "公司"]
TERMINATORS = set("。！？；!?;")

# text drawn mostly from what names and sentences are made of, so inputs get near real matches
_ALPHABET = st.sampled_from(list(
    "ABCHINOQSTZabceiklnoprstuy .,;:'&-()（）“”「」\n\t。！？；!?" "英伟达微软甲骨文公司集团有限股份投资向与签署亿美元"
    "臺灣積體電路製造"
) + ["Inc.", "Corp", "LLC", " Holdings", " Group", ", Inc.", "有限公司", "NVIDIA", "CoreWeave", "超微"])
_TEXT = st.one_of(st.text(), st.lists(_ALPHABET, max_size=40).map("".join))
_WORD = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True)
_BASE = st.lists(_WORD, min_size=1, max_size=4).map(" ".join)
_HAN_WORD = st.text(alphabet="东北电气发展云栈智算华芯科技新能源数据中心", min_size=2, max_size=8)


# --- strip_legal_suffix -----------------------------------------------------------------------

@settings(max_examples=500)
@given(_TEXT)
@example("Inc")
@example("Holdings Group")
@example("公司")
@example(" , ")
@example("Foo Inc\n")
def test_strip_legal_suffix_is_total_idempotent_and_never_empties_a_name(name):
    stripped = strip_legal_suffix(name)
    assert strip_legal_suffix(stripped) == stripped
    if name:
        assert stripped
    assert stripped in name  # only cut at the ends, never rewritten


@given(_BASE, st.sampled_from(SUFFIXES_EN), st.sampled_from(["", ",", ", "]))
def test_strip_legal_suffix_round_trip_english(base, suffix, comma):
    assume(not LEGAL_SUFFIX.search(base))  # "Acme Group" is a base that is itself a suffix word
    assert strip_legal_suffix(f"{base}{comma} {suffix}".replace(", ,", ",")) == base
    assert strip_legal_suffix(f"{base}, {suffix}, Inc.") == base


@given(_HAN_WORD, st.sampled_from(SUFFIXES_ZH))
def test_strip_legal_suffix_round_trip_chinese(base, suffix):
    assume(not LEGAL_SUFFIX.search(base))
    assert strip_legal_suffix(base + suffix) == base


# --- EntityTable.canonical ----------------------------------------------------------------------

@settings(max_examples=300)
@given(_TEXT, st.sampled_from([None, "mainland", "tw", "hk"]))
def test_canonical_is_total_and_never_empties_a_name(text, region):
    name = TABLE.canonical(text, region=region)
    assert isinstance(name, str)
    if text.strip():
        assert name


@given(st.sampled_from(sorted(TABLE.en.items()) + sorted(TABLE.zh.items())), st.sampled_from(["", " ", "\n", "  "]))
def test_every_alias_gives_its_canonical_name(pair, pad):
    alias, canonical = pair
    assume(alias not in REGIONAL)
    assert TABLE.canonical(pad + alias + pad) == canonical


@given(st.sampled_from(sorted(set(TABLE.en.values()))))
def test_a_canonical_name_is_its_own_canonical_name(canonical):
    assert TABLE.canonical(canonical) == canonical


@pytest.mark.parametrize("region, expected", [(None, "Super Micro Computer"), ("mainland", "Super Micro Computer"),
                                              ("tw", "AMD"), ("hk", "AMD")])
def test_regional_aliases(region, expected):
    assert TABLE.canonical("超微", region=region) == expected


@given(_BASE, st.sampled_from(SUFFIXES_EN))
def test_an_unknown_company_loses_only_its_suffix(base, suffix):
    assume(base not in KNOWN and base.lower() not in {k.lower() for k in TABLE.en} and not LEGAL_SUFFIX.search(base))
    assert TABLE.canonical(f"{base}, {suffix}") == base


# --- learn_org_names ----------------------------------------------------------------------------

@settings(max_examples=300)
@given(_TEXT)
def test_learn_org_names_is_total(text):
    found = learn_org_names(text, KNOWN)
    for surface, name in found.items():
        assert surface and name and (len(name) >= 3 or len(name) == 2 and name.isupper())
        assert name not in KNOWN
        assert strip_legal_suffix(name) == name


@given(_BASE, st.sampled_from(["Inc.", "Corp.", "LLC", "Ltd.", "PLC", "GmbH"]))
def test_learn_org_names_round_trip(base, suffix):
    words = base.split()
    assume(words[0] not in {"The", "A", "An"} and not LEGAL_SUFFIX.search(base) and base not in KNOWN)
    assume(not any(" ".join(words[i:]) in KNOWN for i in range(len(words))) and len(base) >= 3)
    text = f"On May 1, 2025, the Company signed an agreement with {base}, {suffix} for $5 million. {base} will deliver."
    found = learn_org_names(text, KNOWN)
    assert found[f"{base}, {suffix}"] == base and found[base] == base


# --- language ---------------------------------------------------------------------------------

@settings(max_examples=300)
@given(_TEXT)
def test_detect_lang_and_region_are_total(text):
    assert detect_lang(text) in ("en", "zh")
    assert detect_region(text) in ("mainland", "tw")


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=200))
def test_ascii_is_english(text):
    assert detect_lang(text) == "en"


@given(st.text(alphabet="英伟达微软甲骨文投资签署协议亿美元", min_size=1), st.text(alphabet="abc XYZ", max_size=5))
def test_han_is_chinese_even_with_a_latin_name(han, latin):
    assert detect_lang(han + latin) == "zh"


@given(_TEXT, st.text(alphabet="投资签署协议亿美元", min_size=1))
def test_more_han_never_makes_chinese_english(text, han):
    if detect_lang(text) == "zh":
        assert detect_lang(text + han) == "zh"


# --- sentences and paragraphs -----------------------------------------------------------------

def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)  # in order, no overlap, never empty
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end


@settings(max_examples=500)
@given(_TEXT.map(lambda t: t.replace("\n", " ").replace("\r", " ")))
def test_split_zh_covers_a_paragraph_in_order(paragraph):
    """What the matcher gives it: one line. Nothing but spaces and stray end marks is left out."""
    spans = list(split_zh(paragraph))
    _check_spans(paragraph, spans)
    covered = set()
    for start, end in spans:
        covered.update(range(start, end))
    left_out = {paragraph[i] for i in range(len(paragraph)) if i not in covered}
    assert all(ch.isspace() or ch in TERMINATORS for ch in left_out), left_out


@given(st.lists(st.text(alphabet="英伟达投资亿美元ab1 ", min_size=1, max_size=8), min_size=1, max_size=6),
       st.sampled_from(list(TERMINATORS)))
def test_split_zh_round_trip(clauses, end):
    clauses = [c.strip() for c in clauses if c.strip()]
    assume(clauses)
    text = "".join(c + end for c in clauses)
    assert [text[s:e] for s, e in split_zh(text)] == [c + end for c in clauses]


def test_split_zh_on_several_lines():
    assert [(s, e) for s, e in split_zh("甲投资乙\n丙投资丁")] == [(0, 4), (5, 9)]


@settings(max_examples=300)
@given(_TEXT)
def test_paragraphs_are_the_non_blank_lines_at_their_offsets(text):
    found = list(paragraphs(text))
    previous_end = 0
    for offset, paragraph in found:
        assert text[offset:offset + len(paragraph)] == paragraph and "\n" not in paragraph
        assert paragraph.strip() and offset >= previous_end
        previous_end = offset + len(paragraph)
    assert [p for _, p in found] == [line for line in text.split("\n") if line.strip()]


def test_han_pattern_agrees_with_detect_region_sample():
    assert HAN.search("臺灣積體電路") and detect_region("臺灣積體電路製造股份有限公司與輝達簽署協議") == "tw"
    assert re.fullmatch(HAN, "英")
