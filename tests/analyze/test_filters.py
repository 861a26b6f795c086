"""--since, --company, --status, --min-usd: what they keep, and what they refuse."""
from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.analyze.filters import make_filters, normalize_date
from pipeline.errors import ConfigError

# (ledger, options, deals kept, edges drawn)
COUNT_CASES = [
    ("three_company_loop.csv", {}, 5, 4),
    ("three_company_loop.csv", {"statuses_excluded": ("reported",)}, 4, 4),
    ("three_company_loop.csv", {"statuses_excluded": "reported"}, 4, 4),
    ("three_company_loop.csv", {"statuses_excluded": ("planned", "reported")}, 3, 3),
    ("three_company_loop.csv", {"since": "2024"}, 3, 3),
    ("three_company_loop.csv", {"since": "2024-06-15"}, 2, 2),
    ("three_company_loop.csv", {"min_usd": Decimal("50000000")}, 3, 3),
    ("three_company_loop.csv", {"min_usd": 40_000_000}, 4, 4),
    ("three_company_loop.csv", {"company": "Delta"}, 5, 1),
    ("three_company_loop.csv", {"company": "Nobody"}, 5, 0),
    ("dangling_missing.csv", {"min_usd": 10_000_000}, 4, 4),
    ("depreciation.csv", {"min_usd": 10_000_000_000}, 5, 0),
    ("seed_like.csv", {"company": "OpenAI"}, 17, 10),
]

BAD_OPTIONS = [
    {"statuses_excluded": ("rumoured",)},
    {"since": "last year"},
    {"since": "2024-13"},
    {"min_usd": -1},
    {"min_usd": "lots"},
]

DATE_CASES = [
    ("2023", "2023-01-01"),
    ("2023-07", "2023-07-01"),
    ("2023-07-27", "2023-07-27"),
    ("2023/7/5", "2023-07-05"),
    ("2023-07-27T10:00:00", "2023-07-27"),
    ("July 2023", None),
    ("2023-00", None),
]


@pytest.mark.parametrize("ledger, options, deals, edges", COUNT_CASES)
def test_filter_counts(run, ledger, options, deals, edges):
    result, tables = run(ledger, **options)
    assert (result.deals, result.edges, len(tables["edges"])) == (deals, edges, edges)


@pytest.mark.parametrize("options", BAD_OPTIONS)
def test_bad_options_raise(options):
    with pytest.raises(ConfigError):
        make_filters(**options)


@pytest.mark.parametrize("text, expected", DATE_CASES)
def test_normalize_date(text, expected):
    assert normalize_date(text) == expected


def test_describe():
    filters = make_filters(since="2024", company="NVIDIA", statuses_excluded=["reported"],
                           min_usd=Decimal(1_000_000))
    assert filters.describe() == "since 2024-01-01; company NVIDIA; without reported; min 1,000,000 USD"
    assert make_filters().describe() == "none"
