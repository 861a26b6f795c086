"""Case tables for pipeline.scoring: the scorer itself is right on small hand-made cases."""
from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.records import EVENT_TYPES, Event
from pipeline.scoring import align, amount_ok, event_key, norm_name, prf, score, slot_results, summarize

NUMBERS = ("amount", "amount_low", "amount_high", "life_old_years", "life_new_years")


def ev(event_type="investment", party="NVIDIA", counterparty="CoreWeave", *, doc_id="en_doc", rule_id="gold",
       language="en", **slots) -> Event:
    """An event with only what a case needs; numbers given as strings or ints become Decimals."""
    slots = {k: Decimal(str(v)) if k in NUMBERS and v is not None else v for k, v in slots.items()}
    return Event(event_type=event_type, party=party, counterparty=counterparty, doc_id=doc_id, rule_id=rule_id,
                 sentence="", char_start=0, char_end=0, language=language, **slots)


# (predicted party, predicted counterparty, gold party, gold counterparty, same event?)
NAME_CASES = [
    ("Oracle Corporation", "OpenAI", "Oracle", "OpenAI", True),
    ("Helios Compute, Inc.", "CoreWeave", "helios compute", "CoreWeave", True),
    ("NVIDIA Corp.", "CoreWeave Inc.", "Nvidia", "CoreWeave", True),
    ("Lambda, Inc.", None, "Lambda", None, True),
    ("东北电气发展股份有限公司", "英伟达", "东北电气发展", "英伟达", True),
    ("several banks", "CoreWeave", "Several Banks", "CoreWeave", True),
    # aliases are the extractor's job (canonical names), not the scorer's
    ("Meta Platforms", "Blue Owl", "Meta", "Blue Owl", False),
    ("Oracle", "OpenAI", "OpenAI", "Oracle", False),  # roles swapped
    ("Microsoft", None, "Microsoft", "OpenAI", False),  # counterparty missing
]

# (gold amount slots, predicted amount slots, amount slot right?)
AMOUNT_CASES = [
    ({"amount": 1_000_000_000}, {"amount": 1_004_000_000}, True),  # 0.4% off
    ({"amount": 1_000_000_000}, {"amount": 996_000_000}, True),
    ({"amount": 1_000_000_000}, {"amount": 1_006_000_000}, False),  # 0.6% off
    ({"amount": 1_000_000_000}, {"amount": 994_000_000}, False),
    ({"amount": 300_000_000_000}, {"amount": 300_000_000_000}, True),
    # gold range 30-50亿
    ({"amount_low": 3_000_000_000, "amount_high": 5_000_000_000}, {"amount": 4_000_000_000}, True),
    ({"amount_low": 3_000_000_000, "amount_high": 5_000_000_000}, {"amount": 3_000_000_000}, True),
    ({"amount_low": 3_000_000_000, "amount_high": 5_000_000_000}, {"amount": 6_000_000_000}, False),
    ({"amount_low": 3_000_000_000, "amount_high": 5_000_000_000},
     {"amount_low": 3_000_000_000, "amount_high": 5_000_000_000}, True),
    ({"amount_low": 3_000_000_000, "amount_high": 5_000_000_000},
     {"amount_low": 3_000_000_000, "amount_high": 6_000_000_000}, False),
    ({"amount_low": 3_000_000_000, "amount_high": 5_000_000_000}, {}, False),
    # bounds: "up to", "more than"
    ({"amount_high": 100_000_000_000}, {"amount_high": 100_000_000_000}, True),
    ({"amount_high": 100_000_000_000}, {"amount_high": 90_000_000_000}, False),
    ({"amount_low": 10_000_000_000}, {"amount_low": 10_000_000_000}, True),
    # no amount in gold: the prediction must not invent one
    ({}, {}, True),
    ({}, {"amount": 1_000_000_000}, False),
    ({"amount": 1_000_000_000}, {}, False),
]

# (gold slots, predicted slots, currency slot right?)
CURRENCY_CASES = [
    ({"amount": 10, "currency": "USD"}, {"amount": 10, "currency": "USD"}, True),
    ({"amount": 10, "currency": "USD"}, {"amount": 10, "currency": "CNY"}, False),
    ({"amount": 10, "currency": "USD"}, {"amount": 10}, False),
    ({"amount_low": 3, "amount_high": 5, "currency": "USD"}, {"amount": 4, "currency": "CNY"}, False),
    # currency only counts where gold states an amount
    ({}, {"currency": "USD"}, True),
    ({}, {"amount": 10, "currency": "EUR"}, True),
]

# (gold lives, predicted lives, (old right?, new right?))
LIFE_CASES = [
    ({"life_old_years": 4, "life_new_years": 6}, {"life_old_years": 4, "life_new_years": 6}, (True, True)),
    ({"life_old_years": 4, "life_new_years": 6}, {"life_old_years": "4.0", "life_new_years": "6.00"}, (True, True)),
    ({"life_old_years": 4, "life_new_years": 6}, {"life_new_years": 6}, (False, True)),
    ({"life_new_years": "5.5"}, {"life_new_years": "5.5"}, (True, True)),
    ({"life_new_years": "5.5"}, {"life_new_years": 5}, (True, False)),
    ({}, {"life_new_years": 6}, (True, False)),
]

# (tp, predicted, gold) -> (precision, recall, f1)
PRF_CASES = [
    ((0, 0, 0), (1.0, 1.0, 1.0)),  # nothing to find, nothing found
    ((0, 0, 3), (0.0, 0.0, 0.0)),  # empty predictions
    ((0, 2, 0), (0.0, 0.0, 0.0)),  # empty gold
    ((1, 2, 1), (0.5, 1.0, 0.6667)),
    ((3, 4, 6), (0.75, 0.5, 0.6)),
]


@pytest.mark.parametrize("pred_party,pred_counter,gold_party,gold_counter,same", NAME_CASES)
def test_names_match_without_case_and_legal_suffix(pred_party, pred_counter, gold_party, gold_counter, same):
    pred = ev("purchase_agreement", pred_party, pred_counter, rule_id="en.purchase.contract_noun")
    gold = ev("purchase_agreement", gold_party, gold_counter)
    al = align([pred], [gold])
    assert (len(al.matches) == 1) is same
    assert (event_key(pred) == event_key(gold)) is same


@pytest.mark.parametrize("name,normalized", [("Oracle Corporation", "oracle"), ("Helios Compute, Inc.", "helios compute"),
                                             ("CoreWeave Inc.", "coreweave"), (None, ""), ("", "")])
def test_norm_name(name, normalized):
    assert norm_name(name) == normalized


@pytest.mark.parametrize("gold_slots,pred_slots,right", AMOUNT_CASES)
def test_amount_tolerance_and_ranges(gold_slots, pred_slots, right):
    assert amount_ok(ev(**pred_slots), ev(**gold_slots)) is right
    assert slot_results(ev(**pred_slots), ev(**gold_slots))["amount"] is right


@pytest.mark.parametrize("gold_slots,pred_slots,right", CURRENCY_CASES)
def test_currency_only_where_gold_has_an_amount(gold_slots, pred_slots, right):
    assert slot_results(ev(**pred_slots), ev(**gold_slots))["currency"] is right


@pytest.mark.parametrize("gold_slots,pred_slots,expected", LIFE_CASES)
def test_lives(gold_slots, pred_slots, expected):
    gold = ev("depreciation_change", "Microsoft", None, **gold_slots)
    pred = ev("depreciation_change", "Microsoft", None, **pred_slots)
    slots = slot_results(pred, gold)
    assert (slots["life_old_years"], slots["life_new_years"]) == expected


@pytest.mark.parametrize("counts,figures", PRF_CASES)
def test_prf(counts, figures):
    result = prf(*counts)
    assert (result["precision"], result["recall"], result["f1"]) == figures


def test_two_identical_predictions_match_one_gold_once():
    gold = ev(amount=2_000_000_000)
    preds = [ev(amount=2_000_000_000, rule_id="en.inv.invest_verb"), ev(amount=2_000_000_000, rule_id="en.inv.invest_verb")]
    al = align(preds, [gold])
    assert (len(al.matches), len(al.false_positives), len(al.false_negatives)) == (1, 1, 0)
    assert summarize(al)["event"]["precision"] == 0.5


def test_one_prediction_two_gold_events():
    al = align([ev(amount=10)], [ev(amount=10), ev(amount=20)])
    assert (len(al.matches), len(al.false_positives), len(al.false_negatives)) == (1, 0, 1)
    assert al.false_negatives[0].amount == Decimal(20)  # the pred took the gold that agrees with it


def test_pairs_agreeing_on_slots_are_matched_first():
    """Two tranches of one deal, predicted in the other order: both pairs agree on the amount."""
    golds = [ev(amount=10_000_000_000), ev(amount=20_000_000_000)]
    preds = [ev(amount=20_000_000_000, rule_id="r"), ev(amount=10_000_000_000, rule_id="r")]
    al = align(preds, golds)
    assert len(al.matches) == 2 and all(m.full for m in al.matches)


def test_events_of_other_documents_never_match():
    al = align([ev(doc_id="doc_a")], [ev(doc_id="doc_b")])
    assert (len(al.matches), len(al.false_positives), len(al.false_negatives)) == (0, 1, 1)


@pytest.mark.parametrize("preds,golds,event_f1", [
    ([], [ev()], 0.0),  # empty predictions
    ([ev(rule_id="r")], [], 0.0),  # empty gold
    ([], [], 1.0),
])
def test_empty_sides(preds, golds, event_f1):
    summary = summarize(align(preds, golds))
    assert summary["event"]["f1"] == event_f1
    assert summary["slot_accuracy"] == dict.fromkeys(("amount", "currency", "life_old_years", "life_new_years"))


def test_event_level_right_but_slots_wrong():
    al = align([ev(amount=5_000_000_000, currency="USD", rule_id="r")], [ev(amount=2_000_000_000, currency="USD")])
    summary = summarize(al)
    assert summary["event"]["tp"] == 1 and summary["event_slots"]["tp"] == 0
    assert summary["slot_accuracy"]["amount"] == 0.0 and summary["slot_accuracy"]["currency"] == 1.0


def test_breakdowns_by_type_language_and_rule():
    golds = [ev("investment", "NVIDIA", "CoreWeave", doc_id="en_a"),
             ev("purchase_agreement", "OpenAI", "Oracle", doc_id="en_a"),
             ev("credit", "多家银行", "CoreWeave", doc_id="zh_b", language="zh")]
    preds = [ev("investment", "NVIDIA Corporation", "CoreWeave, Inc.", doc_id="en_a", rule_id="en.inv.invest_verb"),
             ev("credit", "摩根大通", "CoreWeave", doc_id="zh_b", language="zh", rule_id="zh.credit.loan"),
             ev("credit", "多家银行", "CoreWeave", doc_id="zh_b", language="zh", rule_id="zh.credit.loan")]
    report = score(align(preds, golds), event_types=EVENT_TYPES, languages=("en", "zh"))
    by_type, by_lang, by_rule = report["by_event_type"], report["by_language"], report["by_rule"]
    assert set(by_type) == set(EVENT_TYPES)
    assert [by_type["investment"]["event"][k] for k in ("tp", "pred", "gold", "f1")] == [1, 1, 1, 1.0]
    assert (by_type["purchase_agreement"]["event"]["recall"], by_type["purchase_agreement"]["event"]["pred"]) == (0.0, 0)
    assert by_type["credit"]["event"]["precision"] == 0.5
    assert by_type["depreciation_change"]["event"]["f1"] == 1.0  # nothing to find, nothing found
    assert (by_lang["en"]["event"]["tp"], by_lang["en"]["event"]["gold"]) == (1, 2)
    assert (by_lang["zh"]["event"]["pred"], by_lang["zh"]["event"]["tp"]) == (2, 1)
    assert by_rule["en.inv.invest_verb"] == {"events": 1, "correct": 1, "wrong": 0, "full_slots": 1, "precision": 1.0}
    assert by_rule["zh.credit.loan"]["events"] == 2 and by_rule["zh.credit.loan"]["precision"] == 0.5
    assert [report["overall"]["event"][k] for k in ("tp", "pred", "gold")] == [2, 3, 3]
