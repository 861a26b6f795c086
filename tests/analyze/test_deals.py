"""Rows to deals: the amount column chosen, and one deal per deal_id."""
from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.analyze.deals import chosen_amount, decimal_text
from pipeline.records import Event

D = Decimal

# (amount, amount_low, amount_high, expected value, expected basis)
AMOUNT_CASES = [
    (D(5), None, None, D(5), "amount"),
    (D(5), D(4), D(6), D(5), "amount"),
    (None, D(30), D(50), D(50), "amount_high"),
    (None, None, D(100), D(100), "amount_high"),
    (None, D(7), None, D(7), "amount_low"),
    (None, None, None, None, ""),
]

DECIMAL_TEXT_CASES = [
    (D("1300000000000"), "1300000000000"),
    (D("1.3E+12"), "1300000000000"),
    (D("4.50"), "4.5"),
    (D("6.0"), "6"),
    (D("-1"), "-1"),
    (None, ""),
]

# (ledger, rows read, deals counted)
COUNT_CASES = [
    ("bilingual_duplicate.csv", 4, 2),
    ("depreciation.csv", 6, 5),
    ("seed_like.csv", 19, 17),
    ("two_company_loop.csv", 3, 3),
]

# bilingual_duplicate.csv, one deal a row: (deal_key, event_ids, ledger_rows, status, amount_usd, basis, languages)
EDGE_CASES = [
    ("deal:D1", "d1 | d2", "1 | 2", "agreed", "300000000000", "amount", "en | zh"),
    ("deal:D2", "d3 | d4", "3 | 4", "agreed", "1000000000", "amount_high", "en | zh"),
]


def _event(amount, low, high) -> Event:
    return Event(event_type="investment", party="A", counterparty="B", doc_id="d", rule_id="r",
                 sentence="s", char_start=0, char_end=1, language="en",
                 amount=amount, amount_low=low, amount_high=high)


@pytest.mark.parametrize("amount, low, high, value, basis", AMOUNT_CASES)
def test_chosen_amount(amount, low, high, value, basis):
    assert chosen_amount(_event(amount, low, high)) == (value, basis)


@pytest.mark.parametrize("value, expected", DECIMAL_TEXT_CASES)
def test_decimal_text(value, expected):
    assert decimal_text(value) == expected


@pytest.mark.parametrize("ledger, rows, deals", COUNT_CASES)
def test_duplicates_count_once(run, ledger, rows, deals):
    result, _ = run(ledger)
    assert (result.rows, result.deals) == (rows, deals)


def test_duplicate_edges(run):
    _, tables = run("bilingual_duplicate.csv")
    columns = ["deal_key", "event_ids", "ledger_rows", "status", "amount_usd", "amount_basis", "languages"]
    assert [tuple(r) for r in tables["edges"][columns].itertuples(index=False)] == EDGE_CASES


def test_seed_like_duplicate_is_one_edge(run):
    _, tables = run("seed_like.csv")
    edges = tables["edges"]
    azure = edges[(edges["party"] == "OpenAI") & (edges["counterparty"] == "Microsoft")]
    assert list(azure["event_ids"]) == [
        "zh_seed_commentary:1544-1553:purchase_agreement | "
        "en_fil_msft_10q_fy26q1_openai_recap:324-403:purchase_agreement"]
    assert list(azure["amount_usd"]) == ["250000000000"]
