"""In-document merging and ids: one row per deal per document, stable ids, deals linked across documents."""
from dataclasses import replace
from decimal import Decimal

from pipeline.merge import link_deals, merge_in_document, with_ids
from pipeline.records import Event

BASE = Event(event_type="purchase_agreement", party="OpenAI", counterparty="Oracle", doc_id="d1",
             rule_id="zh.purchase.sign", sentence="与甲骨文签3000亿", char_start=10, char_end=20, language="zh")


def test_repeated_mentions_are_one_row_with_the_first_evidence():
    first = replace(BASE, amount=Decimal("300000000000"), amount_text="3000亿", currency="USD")
    again = replace(BASE, sentence="如与甲骨文签约后", char_start=90, char_end=98)
    (merged,) = merge_in_document([first, again])
    assert merged.mentions == 2
    assert (merged.char_start, merged.sentence) == (10, "与甲骨文签3000亿")
    assert merged.amount == Decimal("300000000000")


def test_a_later_mention_fills_the_missing_amount_whole():
    first = BASE
    later = replace(BASE, char_start=90, amount_high=Decimal("100000000000"), amount_text="最高1000亿美元", currency="USD")
    (merged,) = merge_in_document([first, later])
    assert (merged.amount_high, merged.currency, merged.amount_text) == (Decimal("100000000000"), "USD", "最高1000亿美元")


def test_conflicting_amounts_are_separate_tranches():
    a = replace(BASE, amount=Decimal("11900000000"), amount_text="$11.9 billion")
    b = replace(BASE, char_start=50, amount=Decimal("4000000000"), amount_text="$4 billion")
    assert len(merge_in_document([a, b])) == 2


def test_a_mention_joins_the_first_row_of_its_deal_it_agrees_with():
    a = replace(BASE, amount=Decimal("11900000000"), amount_text="$11.9 billion")
    b = replace(BASE, char_start=50, amount=Decimal("4000000000"), amount_text="$4 billion")
    other = replace(BASE, char_start=60, counterparty="Microsoft")
    c = replace(BASE, char_start=70, amount=Decimal("4000000000"), amount_text="4 billion dollars")
    merged = merge_in_document([a, b, other, c, replace(BASE, char_start=80)])
    assert [(m.char_start, m.mentions) for m in merged] == [(10, 2), (50, 2), (60, 1)]


def test_other_sides_are_not_merged():
    assert len(merge_in_document([BASE, replace(BASE, counterparty="Microsoft")])) == 2


def test_event_ids_are_stable_and_distinct():
    a, b = with_ids(BASE), with_ids(replace(BASE, char_start=90))
    assert a.event_id == with_ids(BASE).event_id and a.event_id != b.event_id
    assert len(a.event_id) == 16


def test_deal_id_groups_the_same_deal_across_documents_and_languages():
    zh = with_ids(replace(BASE, amount=Decimal("300000000000"), amount_text="3000亿"))
    en = with_ids(replace(BASE, doc_id="en_news", language="en", party="OpenAI", counterparty="Oracle Corporation",
                          amount=Decimal("3.0E+11"), amount_text="$300 billion"))
    other = with_ids(replace(BASE, doc_id="x", counterparty="Microsoft", amount=Decimal("250000000000"), amount_text="2500亿"))
    assert zh.deal_id == en.deal_id != other.deal_id


def test_a_row_without_amount_joins_the_only_deal_of_its_sides():
    with_amount = with_ids(replace(BASE, amount=Decimal("300000000000"), amount_text="3000亿"))
    without = with_ids(replace(BASE, doc_id="other"))
    linked = link_deals([with_amount, without])
    assert linked[0].deal_id == linked[1].deal_id


def test_a_life_change_keeps_the_mention_that_states_the_lives():
    vague = Event(event_type="depreciation_change", party="Amazon", counterparty=None, doc_id="d1",
                  rule_id="en.depr.useful_life", sentence="a reduction from our change in the useful life of our servers",
                  char_start=10, char_end=60, language="en")
    stated = replace(vague, sentence="we are increasing the useful life of heavy equipment from ten years to thirteen years",
                     char_start=400, char_end=480, life_old_years=10, life_new_years=13, asset_class="heavy equipment")
    (merged,) = merge_in_document([vague, stated])
    assert (merged.sentence, merged.life_old_years, merged.life_new_years, merged.mentions) == (stated.sentence, 10, 13, 2)
