"""Names a document introduces: the learned-name pattern and Chinese full names."""
import re

import pytest

from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.names import (CAP_NAME, DEFINED_TERM, DESCRIBED_AS, DESCRIPTOR, NAME_BEFORE_DESCRIPTION, NAME_BEFORE_TERM,
                            SIDE_TERMS, _named_before, learn_descriptors, learn_zh_org_names, names_pattern,
                            recased_capital_lines)
from pipeline.rules import default_rules


def plain_pattern(names):
    """The pattern written the simple way: one alternative per name, longest first."""
    return re.compile("|".join(rf"(?<![A-Za-z0-9]){re.escape(n)}(?![A-Za-z0-9])" if n.isascii() else re.escape(n)
                               for n in sorted(names, key=len, reverse=True)))


def test_the_longest_name_wins_across_latin_and_chinese_names():
    names = {"Helios": "Helios", "Helios Compute": "Helios Compute", "Helios云": "Helios", "云栈": "云栈智算", "云栈智算": "云栈智算"}
    found = [m.group() for m in names_pattern(names).finditer("Helios云与Helios Compute、云栈智算和Heliosx以及云栈")]
    assert found == ["Helios云", "Helios Compute", "云栈智算", "云栈"]


@given(st.lists(st.text("aAb1 云栈-", min_size=1, max_size=5), min_size=1, max_size=6),
       st.text("aAb1 云栈-,", max_size=30))
def test_names_pattern_finds_what_the_plain_alternation_finds(names, text):
    names = {n: n for n in names}
    got = [(m.span(), m.group()) for m in names_pattern(names).finditer(text)]
    assert got == [(m.span(), m.group()) for m in plain_pattern(names).finditer(text)]


def test_a_full_name_that_starts_with_a_known_company_is_not_learned():
    from pipeline.extract import Extractor

    zh = default_rules().roles["zh"]
    text = "英伟达科技有限公司与贵州云栈智算有限公司签约。"

    def learn(known):
        return learn_zh_org_names(text, known, suffixes=zh.org_suffixes, boundaries=zh.name_boundaries,
                                  short_name=zh.short_name, tokenize=Extractor().zh.tokens)

    assert list(learn({"英伟达", "英"})) == ["贵州云栈智算有限公司", "贵州云栈智算"]  # the name alone, later, too
    assert "英伟达科技有限公司" in learn({"英"})  # a one-character name is no company


PARTY_NAMES = [  # (text, names learned)
    ("Aurora Grid Compute secured a $450 million loan.", ["Aurora Grid Compute"]),
    ("The campus is leased from Ionic Digital in Texas.", ["Ionic Digital"]),
    ("In June Harbor Lane Compute will purchase 5,000 GPUs.", ["Harbor Lane Compute"]),  # the month is no part
    ("It signed a supply agreement with Pacific Rim Power.", ["Pacific Rim Power"]),  # 'with' after a deal noun
    ("SoftBank will lead it, with Masayoshi Son as chair.", []),  # 'with' alone: a person
    ("The loan came from NVIDIA Capital Partners.", []),  # holds a known name
    ("Funds were raised from Abu Dhabi and New Jersey.", []),  # places
    ("Naver Cloud will purchase 60,000.", ["Naver Cloud"]),
    ("The notes came from Step\nCritics said little.", []),  # never across a line
    ("The round was led by Harbor Ventures and Pine Hill Capital.", ["Harbor Ventures", "Pine Hill Capital"]),  # a list
    ("Backers include funds from Microsoft, Coatue, Redpine Capital and QLX.", ["QLX", "Redpine Capital"]),
    ("Money came from Abu Dhabi, Texas and UAE.", []),  # places, also in a list
    ("Groq raised $750 million in a round led by Disruptive.", ["Disruptive"]),  # one word where a round's leader stands
    ("It closed a Series F in September led by ICONIQ, with others.", ["ICONIQ"]),
    ("Nscale raised $1.1 billion in a Series B round led by Norwegian industrial group Aker ASA.", []),  # 'Norwegian' describes
    ("The panel was led by Jensen.", []),  # no round: one word is no name
    ("Accel and Coatue co-led; Harbor Pine Ventures participated.", ["Harbor Pine Ventures"]),  # a round verb after the name
    ("It signed a term facility with a club of European banks led by ING.", ["ING"]),  # a bank group's leader
    ("a $4.8 billion construction loan to Bramblewood Data Centers for a campus", ["Bramblewood Data Centers"]),
    ("Quillon Partners made a $600 million equity investment in Ashcombe Data Centers.", ["Ashcombe Data Centers"]),
    ("We moved supply operations out of China and from Hong Kong.", []),  # a place
    ("It has an investment in the portfolio of Other Bets, contracts with Other Bets.", []),  # the filer's own segment
    ("It signed arrangements with License and Development Arrangements.", []),  # a heading
    ("We invested $30 million in the Series B preferred stock of Lumora Photonics.", ["Lumora Photonics"]),  # the issuer
    ("We issued 10 million shares of Class A Common Stock.", []),
]


def test_a_first_word_names_the_shorter_company():
    """'Ambergate Compute Issuer LLC ... Ambergate Compute Inc. ... Ambergate plans': the bare first word is the
    company whose name the longer one extends (its vehicle), whichever the text names first."""
    from pipeline.names import learn_org_names
    text = "Notes of Tarnwell Compute Issuer LLC are guaranteed by Tarnwell Compute Inc. Tarnwell plans to buy GPUs."
    assert learn_org_names(text, set())["Tarnwell"] == "Tarnwell Compute"


def test_a_generic_word_before_a_suffix_is_no_name():
    """'Amazon.com Services LLC': the word after the domain is no company of its own ('Amazon -> Services')."""
    from pipeline.names import learn_org_names
    assert "Services" not in learn_org_names("Amazon.com Services LLC, a subsidiary, filed the suit.", set())


@pytest.mark.parametrize("text,expected", PARTY_NAMES)
def test_names_in_a_party_position_are_learned(text, expected):
    from pipeline.extract import Extractor
    from pipeline.names import learn_party_names

    extractor = Extractor()
    en = extractor.rules.roles["en"]
    found = learn_party_names(text, extractor.known_names, before=en.party_name_before, verbs=en.party_name_verbs,
                              stop=en.not_name_words, leader=en.round_leader)
    assert sorted(found) == expected


SLOT_NAMES = [  # (text, Chinese names learned from the slot they stand in)
    ("腾讯对联营公司云图科技增资3亿元。", ["云图科技"]),
    ("台積電對美國子公司TSMC Arizona增資。", []),  # starts with a known name (TSMC)
    ("英特爾對日本子公司Rapidus Japan增資。", ["Rapidus Japan"]),
    ("阿里巴巴將參與深度求索的新一輪融資。", ["深度求索"]),
    ("公司及控股子公司对外担保总额为5亿元。", []),  # 对外 is no name
    ("英伟达的子公司目前正在洽谈新的融资。", []),  # 目前正在 is no name
    ("甲骨文對旗下子公司增資。", []),  # the slot is empty
    ("公司全资子公司澄川智算于2025年5月签订合同。", ["澄川智算"]),  # jieba glues the date's 于 to the name
    ("百度旗下昆仑芯已中标。", ["昆仑芯"]),  # the company 旗下 another
    ("Blue Owl旗下基金将持有合资企业80%的股权。", []),  # a fund is no name
    ("南京智算同日与云图科技签订算力租赁协议。", ["云图科技"]),  # 同日 is no side word
    ("比如澜峰智算今年从华融金融租赁拿到了额度。", ["澜峰智算"]),
]

# (text, learned names -> canonical, filer, expected short forms)
SHORT_NAMES = [
    ("海岚數據昨日公布。海岚已與字節跳動簽約。", {"海岚數據": "海岚數據"}, None, {"海岚": "海岚數據"}),
    ("海岚數據昨日公布。", {"海岚數據": "海岚數據"}, None, {}),  # the short form is never written alone
    ("恒川科技与恒川集团…恒川已签约。", {"恒川科技": "恒川科技", "恒川集团": "恒川集团"}, None, {}),  # two companies start so
    ("恒川科技与公司…恒川已签约。", {"恒川科技": "恒川科技"}, "恒川智算", {}),  # the filer starts so too
]


@pytest.mark.parametrize("text,names,filer,expected", SHORT_NAMES)
def test_short_forms_of_learned_names(text, names, filer, expected):
    from pipeline.names import learn_zh_short_names

    zh = default_rules().roles["zh"]
    assert learn_zh_short_names(text, names, set(), trade_words=zh.trade_words, filer=filer) == expected


def _slot_names(text: str) -> list[str]:
    from pipeline.extract import Extractor
    from pipeline.names import learn_zh_slot_names

    ex = Extractor()
    zh = ex.rules.roles["zh"]
    return sorted(learn_zh_slot_names(text, ex.known_names, slots=zh.name_slots, stop=ex.zh_stop,
                                      not_names=zh.not_name_words, tokenize=ex.zh.tokens))


@pytest.mark.parametrize("text,expected", SLOT_NAMES)
def test_names_in_a_slot_are_learned(text, expected):
    assert _slot_names(text) == expected


def test_capital_lines_are_lower_cased_with_known_names_cased_back():
    aliases = re.compile(r"(?<![\w&'-])(?:Blue Owl|Meta|IREN)(?![\w&'-])", re.IGNORECASE)
    cased = {"BLUE OWL": "Blue Owl", "META": "Meta", "IREN": "IREN"}
    text = "Deals today.\n*META SIGNS LEASE WITH IREN AT $2B\nBLUE OWL\n"
    out = recased_capital_lines(text, aliases, cased)
    assert out == "Deals today.\n*Meta signs lease with IREN at $2b\nBLUE OWL\n"  # a two-word line stays
    assert len(out) == len(text)
    assert recased_capital_lines("No capitals here.", aliases, cased) == "No capitals here."


# The name-then-mark patterns written as one regex, the way names.py first had them: `_named_before` must find the same.
ONE_REGEX_TERM = re.compile(r"(?P<name>(?:[A-Z][\w&'.-]*,?\s+){0,5}[A-Z][\w&'.-]*)\s*\(\s*the\s+[\"“]"
                            rf"(?P<term>{SIDE_TERMS}|Parent|Investor|Vendor|Provider)[\"”]\s*\)")
ONE_REGEX_DESCRIBED = re.compile(rf"{CAP_NAME},\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}{DESCRIPTOR}\b")
_PIECES = st.sampled_from(["Ironvale", "Data", "Holdings,", "LLC", "eBay", "Inc.", "a", "an", "the", "new", "JV", "SPV",
                           "joint venture", "vehicle", ",", " ", "  ", "\n", "(the \"Borrower\")", "( the “Lender” )",
                           "(the \"Company\")", "(", ")", "Beignet", "x" * 40])


@given(st.lists(_PIECES, max_size=30).map(" ".join))
@example("Ironvale Holdings, a JV Data Holdings, a JV")  # the second name starts after the first mark, not at "JV"
def test_names_before_their_marks_are_what_one_regex_finds(text):
    assert [(n, m["term"]) for n, m in _named_before(DEFINED_TERM, NAME_BEFORE_TERM, text)] == \
        [(m["name"], m["term"]) for m in ONE_REGEX_TERM.finditer(text)]
    assert [n for n, _ in _named_before(DESCRIBED_AS, NAME_BEFORE_DESCRIPTION, text)] == \
        [m.group(1) for m in ONE_REGEX_DESCRIBED.finditer(text)]


def test_a_defined_term_and_a_description_name_their_company():
    found = learn_descriptors('Ironvale Data Holdings, LLC (the "Borrower") signed it. Beignet Investor, a joint '
                              'venture of Blue Owl and Meta, issued bonds.', {})
    assert found["the Borrower"] == "Ironvale Data" and found["the venture"] == "Beignet Investor"


def test_a_name_that_is_only_a_trade_word_is_the_cut_half_of_another():
    from pipeline.extract import Extractor

    zh = default_rules().roles["zh"]
    text = "股东名称 北京海鸿源投资\n管理有限公司 境内非国有法人 9.33%\n高才\n科技有限公司与建设银行签署借款合同。"
    learned = learn_zh_org_names(text, set(), suffixes=zh.org_suffixes, boundaries=zh.name_boundaries,
                                 short_name=zh.short_name, tokenize=Extractor().zh.tokens,
                                 bare=frozenset(zh.trade_words) | frozenset(zh.bare_cores))
    assert "管理有限公司" not in learned and "科技有限公司" not in learned
    assert "建设银行" in learned  # a bank's name is no bare word, whatever its first word
