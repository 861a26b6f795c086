"""depreciation.csv: useful-life changes per company in time order, with their effect."""
from __future__ import annotations

import pytest

from pipeline.analyze.depreciation import when

COLUMNS = ("company", "when", "asset_class", "life_old_years", "life_new_years", "change_years",
           "effect_usd", "status", "event_ids")

DEPRECIATION_CASES = [
    ("depreciation.csv", {}, [
        ("Alpha", "2021-01", "servers", "3", "4", "1", "", "completed", "p2"),
        ("Alpha", "2022-10", "network equipment", "5", "6", "1", "", "completed", "p3"),
        ("Alpha", "2024-01", "servers", "4", "5", "1", "1200000000", "completed", "p1 | p6"),
        ("Beta", "2025-01", "服务器", "6", "5", "-1", "700000000", "completed", "p4"),
        ("Beta", "", "GPU", "", "10", "", "", "reported", "p5"),
    ]),
    ("depreciation.csv", {"company": "beta", "statuses_excluded": ("reported",)}, [
        ("Beta", "2025-01", "服务器", "6", "5", "-1", "700000000", "completed", "p4"),
    ]),
    ("depreciation.csv", {"since": "2022"}, [
        ("Alpha", "2022-10", "network equipment", "5", "6", "1", "", "completed", "p3"),
        ("Alpha", "2024-01", "servers", "4", "5", "1", "1200000000", "completed", "p1 | p6"),
    ]),
    ("seed_like.csv", {}, [
        ("Meta", "2025-01", "certain servers and network assets", "5", "5.5", "0.5", "2900000000",
         "completed", "en_fil_meta_10q_2025q1_server_lives:329-462:depreciation_change"),
        ("Meta", "", "AI服务器和GPU", "", "10", "", "", "reported",
         "zh_seed_commentary:428-454:depreciation_change"),
        ("Microsoft", "2023-01", "server and network equipment", "4", "6", "2", "", "completed",
         "en_fil_msft_10k_fy2023_ppe_lives:606-726:depreciation_change"),
    ]),
    ("two_company_loop.csv", {}, []),
]

# (effective, doc_date, when)
WHEN_CASES = [
    ("FY2023", "", "2023-01"),
    ("fiscal year 2021", "2020-07-30", "2021-01"),
    ("effective January 1, 2025", "", "2025-01"),
    ("beginning in July 2022", "", "2022-07"),
    ("Sept. 30, 2024", "", "2024-09"),
    ("market conditions in 2024", "", "2024-01"),
    ("2025年1月", "", "2025-01"),
    ("2024-06-30", "", "2024-06"),
    ("fourth quarter of 2024", "", "2024-10"),
    ("Q3 2022", "", "2022-07"),
    ("2023年第二季度", "", "2023-04"),
    ("", "2022-10-25", "2022-10"),
    ("next year", "2022-10-25", "2022-10"),
    ("", "", ""),
]


@pytest.mark.parametrize("ledger, options, expected", DEPRECIATION_CASES)
def test_depreciation(run, ledger, options, expected):
    _, tables = run(ledger, **options)
    frame = tables["depreciation"]
    assert [tuple(r) for r in frame[list(COLUMNS)].itertuples(index=False)] == expected


def test_duplicate_change_lists_both_languages(run):
    _, tables = run("depreciation.csv")
    row = tables["depreciation"].set_index("event_ids").loc["p1 | p6"]
    assert (row["languages"], row["doc_ids"], row["effect_text"]) == (
        "en | zh", "alpha_10k_2023 | alpha_zh", "$1.2 billion")


@pytest.mark.parametrize("effective, doc_date, expected", WHEN_CASES)
def test_when(effective, doc_date, expected):
    assert when(effective, doc_date) == expected
