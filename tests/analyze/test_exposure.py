"""exposure.csv: totals by direction, type and status, concentration, documents, languages."""
from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.analyze.exposure import share

# (ledger, options, company, {column: expected})
EXPOSURE_CASES = [
    ("two_company_loop.csv", {}, "Alpha", {
        "deals_out": "1", "deals_in": "2", "out_usd": "100000000", "in_usd": "50000000",
        "out_investment_usd": "100000000", "in_purchase_agreement_usd": "50000000",
        "out_completed_usd": "100000000", "in_agreed_usd": "50000000",
        "top_out": "Beta 1.0000", "top_in": "Beta 1.0000", "documents": "2", "languages": "en"}),
    ("three_company_loop.csv", {}, "Gamma", {
        "out_usd": "290000000", "in_usd": "200000000", "out_purchase_agreement_usd": "290000000",
        "out_planned_usd": "250000000", "out_agreed_usd": "40000000", "in_credit_usd": "200000000",
        "top_out": "Alpha 0.8621 | Delta 0.1379", "top_out_share": "0.8621",
        "top_in": "Beta 1.0000", "documents": "2"}),
    ("three_company_loop.csv", {}, "Delta", {
        "deals_out": "1", "out_usd": "10000000", "in_usd": "40000000", "out_reported_usd": "10000000",
        "top_out": "(unnamed) 1.0000", "documents": "2"}),
    ("three_company_loop.csv", {"statuses_excluded": ("planned", "reported")}, "Gamma", {
        "out_usd": "40000000", "out_planned_usd": "0", "top_out": "Delta 1.0000"}),
    ("mixed_currencies.csv", {}, "Alpha", {
        "out_usd": "6205000000", "in_usd": "55000000", "unstated_in": "1", "per_period_deals": "1",
        "out_investment_usd": "140000000", "out_credit_usd": "65000000",
        "out_purchase_agreement_usd": "6000000000", "top_out": "Beta 0.9895 | Gamma 0.0105",
        "top_out_share": "0.9895", "languages": "en | zh"}),
    ("mixed_currencies.csv", {}, "Gamma", {
        "deals_out": "1", "out_usd": "0", "unstated_out": "1", "in_usd": "65000000",
        "top_out": "", "top_out_share": "", "top_in": "Alpha 1.0000"}),
    ("bilingual_duplicate.csv", {}, "OpenAI", {
        "deals_out": "1", "deals_in": "1", "out_usd": "300000000000", "in_usd": "1000000000",
        "out_agreed_usd": "300000000000", "out_reported_usd": "0", "in_agreed_usd": "1000000000",
        "documents": "2", "languages": "en | zh"}),
    ("dangling_missing.csv", {}, "Alpha", {
        "deals_out": "2", "out_usd": "5000000", "unstated_out": "1", "in_usd": "80000000",
        "out_credit_usd": "5000000", "top_out": "Gamma 1.0000"}),
    ("dangling_missing.csv", {"min_usd": 10_000_000}, "Alpha", {
        "deals_out": "1", "out_usd": "0", "unstated_out": "1"}),
    ("seed_like.csv", {}, "OpenAI", {
        "deals_out": "5", "out_usd": "710000000000", "unstated_out": "1", "per_period_deals": "1",
        "top_out": "Oracle 0.4225 | Microsoft 0.3521 | NVIDIA 0.1408", "in_usd": "113000000000",
        "top_in": "NVIDIA 0.8850 | Microsoft 0.1150", "languages": "en | zh"}),
]

ORDER_CASES = [
    ("three_company_loop.csv", {}, ["Alpha", "Gamma", "Beta", "Delta"]),
    ("three_company_loop.csv", {"company": "gamma"}, ["Gamma"]),
    ("depreciation.csv", {}, ["Alpha", "Beta"]),
]

SHARE_CASES = [
    (Decimal(250), Decimal(290), Decimal("0.8621")),
    (Decimal(1), Decimal(3), Decimal("0.3333")),
    (Decimal(1), Decimal(8), Decimal("0.1250")),
    (Decimal(5), Decimal(5), Decimal("1.0000")),
]


@pytest.mark.parametrize("ledger, options, company, expected", EXPOSURE_CASES)
def test_exposure(run, ledger, options, company, expected):
    _, tables = run(ledger, **options)
    row = tables["exposure"].set_index("company").loc[company]
    assert {k: row[k] for k in expected} == expected


@pytest.mark.parametrize("ledger, options, expected", ORDER_CASES)
def test_exposure_companies(run, ledger, options, expected):
    _, tables = run(ledger, **options)
    assert list(tables["exposure"]["company"]) == expected


@pytest.mark.parametrize("part, total, expected", SHARE_CASES)
def test_share(part, total, expected):
    assert share(part, total) == expected
