"""Case tables for pipeline.dates: the forms `effective` takes."""
from __future__ import annotations

import pytest

from pipeline.dates import find_dates, normalize_date

NORMALIZE_CASES = [
    ("In July 2022", "2022-07"),
    ("July 1, 2022", "2022-07-01"),
    ("Sept. 30, 2024", "2024-09-30"),
    ("1 July 2022", "2022-07-01"),
    ("2022-07-01", "2022-07-01"),
    ("7/1/2022", "2022-07-01"),
    ("effective beginning fiscal year 2023", "FY2023"),
    ("fiscal 2023", "FY2023"),
    ("FY23", "FY2023"),
    ("FY 2024", "FY2024"),
    ("FY'25", "FY2025"),
    ("the first quarter of 2025", "2025-Q1"),
    ("Q1 2025", "2025-Q1"),
    ("1Q25", "2025-Q1"),
    ("Q3'24", "2024-Q3"),
    ("2025 Q1", "2025-Q1"),
    ("the fourth quarter of fiscal year 2023", "FY2023-Q4"),
    ("Q1 FY2025", "FY2025-Q1"),
    ("first half of 2025", "2025-H1"),
    ("H1 2025", "2025-H1"),
    ("Beginning in 2025", "2025"),
    ("Since 2024", "2024"),
    ("SEPTEMBER 2024", "2024-09"),
    ("sept 2024", "2024-09"),
    ("2025年9月", "2025-09"),
    ("2025年9月3日", "2025-09-03"),
    ("2025年九月三日", "2025-09-03"),
    ("2025财年", "FY2025"),
    ("2025財年", "FY2025"),
    ("2025年第一季度", "2025-Q1"),
    ("2025年一季度", "2025-Q1"),
    ("2025年Q1", "2025-Q1"),
    ("2025财年第二季度", "FY2025-Q2"),
    ("2025年上半年", "2025-H1"),
    ("2025年", "2025"),
    # no date
    ("February 30, 2024", None),
    ("revenue of $2,025 million", None),
    ("2000 GPUs", None),
    ("we may grow", None),
    ("", None),
]


@pytest.mark.parametrize("text,expected", NORMALIZE_CASES)
def test_normalize_date(text, expected):
    assert normalize_date(text) == expected


# (sentence, lang, expected (span text, normalized) in text order)
FIND_CASES = [
    ("In July 2022, we announced the change, effective beginning fiscal year 2023.", "en",
     [("July 2022", "2022-07"), ("fiscal year 2023", "FY2023")]),
    ("for each of the three years ended June 30, 2024", "en", [("June 30, 2024", "2024-06-30")]),
    ("公司于2025年9月3日宣布，自2025财年第一季度起", "zh",
     [("2025年9月3日", "2025-09-03"), ("2025财年第一季度", "FY2025-Q1")]),
]


@pytest.mark.parametrize("text,lang,expected", FIND_CASES)
def test_find_dates(text, lang, expected):
    found = find_dates(text, lang=lang)
    assert [(text[s:e], norm) for s, e, norm in found] == expected
