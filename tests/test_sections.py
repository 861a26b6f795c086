from __future__ import annotations

import pytest

from pipeline.html_text import html_to_text
from pipeline.records import Section
from pipeline.sections import find_sections, section_at

TEN_K = """\
NVIDIA Corporation
Table of Contents
Part I
Item 1. | Business | 4
Item 1A. | Risk Factors | 13
Part II
Item 6. | [Reserved] | 35
Item 7. | Management's Discussion and Analysis of Financial Condition and Results of Operations | 36
Item 8. | Financial Statements and Supplementary Data | 46
Part I
Item 1. Business
We pioneered accelerated computing.
Item 1A. Risk Factors
Our business is competitive. See Item 7 for results.
Part II
Item 6. [Reserved]
35
Item 7. Management's Discussion and Analysis of Financial Condition and Results of Operations
Revenue grew 114%.
Item 8. Financial Statements and Supplementary Data
Notes to the Consolidated Financial Statements
Note 1 - Organization and Summary of Significant Accounting Policies
We use the straight-line method.
Note 6 \u2014 Property and Equipment
Useful lives are two to seven years.
"""

TOC_WITHOUT_PAGES = """\
Item 1.
Item 1A.
Item 2.
Item 1. Business
We design GPUs.
Item 1A. Risk Factors
Risks.
Item 2. Properties
Santa Clara.
"""

TEN_Q = """\
Part I : Financial Information
Item 1. | Financial Statements (Unaudited)
Item 2. | Management's Discussion and Analysis | 24
Part II : Other Information
Item 1. | Legal Proceedings | 32
Item 1A. | Risk Factors | 32
PART I. FINANCIAL INFORMATION
Item 1. Financial Statements (Unaudited)
Balance sheet.
Note 1 - Summary of Significant Accounting Policies
Basis.
Item 2. Management's Discussion and Analysis
Revenue rose.
PART II. OTHER INFORMATION
Item 1. Legal Proceedings
None.
Item 1A. Risk Factors
Risks.
"""

EIGHT_K = """\
FORM 8-K
Item 1.01 Entry into a Material Definitive Agreement.
On March 15, 2024, we signed a credit agreement.
Item 2.03 Creation of a Direct Financial Obligation
The facility is $500 million.
Item 7.01. Regulation FD Disclosure
A press release is attached.
Item 8.01 Other Events
None.
Item 9.01 Financial Statements and Exhibits.
(d) Exhibits
"""

ORACLE_NOTES = """\
Item 1. Financial Statements
NOTES TO CONDENSED CONSOLIDATED FINANCIAL STATEMENTS
1.
BASIS OF PRESENTATION
We prepared these statements.
2.
FAIR VALUE MEASUREMENTS
Level 1 inputs.
4.
NOT A NOTE NUMBER IN ORDER
Item 2. Management's Discussion and Analysis
MD&A.
"""

# text, doc_kind, expected titles in order
TITLES = [
    (TEN_K, "10-K", [
        "Item 1. Business", "Item 1A. Risk Factors", "Item 6. [Reserved]",
        "Item 7. Management's Discussion and Analysis of Financial Condition and Results of Operations",
        "Item 8. Financial Statements and Supplementary Data",
        "Note 1 \u2014 Organization and Summary of Significant Accounting Policies",
        "Note 6 \u2014 Property and Equipment",
    ]),
    (TOC_WITHOUT_PAGES, "10-K", ["Item 1. Business", "Item 1A. Risk Factors", "Item 2. Properties"]),
    (TEN_Q, "10-Q", [
        "Part I, Item 1. Financial Statements (Unaudited)",
        "Note 1 \u2014 Summary of Significant Accounting Policies",
        "Part I, Item 2. Management's Discussion and Analysis",
        "Part II, Item 1. Legal Proceedings", "Part II, Item 1A. Risk Factors",
    ]),
    (EIGHT_K, "8-K", [
        "Item 1.01. Entry into a Material Definitive Agreement",
        "Item 2.03. Creation of a Direct Financial Obligation",
        "Item 7.01. Regulation FD Disclosure", "Item 8.01. Other Events",
        "Item 9.01. Financial Statements and Exhibits",
    ]),
    (EIGHT_K, None, [
        "Item 1.01. Entry into a Material Definitive Agreement",
        "Item 2.03. Creation of a Direct Financial Obligation",
        "Item 7.01. Regulation FD Disclosure", "Item 8.01. Other Events",
        "Item 9.01. Financial Statements and Exhibits",
    ]),
    (ORACLE_NOTES, "10-Q", [
        "Item 1. Financial Statements", "Note 1 \u2014 BASIS OF PRESENTATION",
        "Note 2 \u2014 FAIR VALUE MEASUREMENTS", "Item 2. Management's Discussion and Analysis",
    ]),
    ("ITEM 1A.RISK FACTORS\nRisks.\nITEM 7.\nMANAGEMENT'S DISCUSSION AND ANALYSIS\nText.\n", "10-K",
     ["Item 1A. RISK FACTORS", "Item 7. MANAGEMENT'S DISCUSSION AND ANALYSIS"]),
    ("Item 7. | Management's Discussion\nText.\n", None, ["Item 7. Management's Discussion"]),
    (TEN_K, "news", []),
    (TEN_K, "8-K", []),
    ("", "10-K", []),
    ("Our item 7 shows that Note 6 - Leases matters.\n", "10-K", []),
]


@pytest.mark.parametrize("text, doc_kind, titles", TITLES)
def test_titles(text, doc_kind, titles):
    assert [s.title for s in find_sections(text, doc_kind=doc_kind)] == titles


def test_sections_start_at_the_real_heading_and_run_to_the_next():
    sections = find_sections(TEN_K, doc_kind="10-K")
    by_title = {s.title.split(".")[0]: s for s in sections}
    item7 = by_title["Item 7"]
    assert TEN_K[item7.start:].startswith("Item 7. Management's Discussion")
    assert item7.start > TEN_K.index("Part I\nItem 1. Business")  # past the contents
    assert TEN_K[item7.start:item7.end].rstrip().endswith("Revenue grew 114%.")
    item8 = by_title["Item 8"]
    assert item8.end == len(TEN_K)
    note6 = [s for s in sections if s.title.startswith("Note 6")][0]
    assert item8.start < note6.start < note6.end == item8.end


# the text at the offset, the section it is in
LOOKUPS = [
    ("NVIDIA Corporation", None),
    ("We pioneered", "Item 1. Business"),
    ("Revenue grew 114%", "Item 7. Management's Discussion and Analysis of Financial Condition "
                          "and Results of Operations"),
    ("Notes to the Consolidated", "Item 8. Financial Statements and Supplementary Data"),
    ("We use the straight-line", "Note 1 \u2014 Organization and Summary of Significant Accounting Policies"),
    ("Useful lives are two", "Note 6 \u2014 Property and Equipment"),
]


@pytest.mark.parametrize("needle, title", LOOKUPS)
def test_section_at(needle, title):
    sections = find_sections(TEN_K, doc_kind="10-K")
    assert section_at(sections, TEN_K.index(needle)) == title


def test_section_at_edges():
    sections = (Section("Item 1. Business", 10, 20), Section("Item 2. Properties", 20, 30))
    assert section_at((), 5) is None
    assert [section_at(sections, i) for i in (9, 10, 19, 20, 29, 30)] == [
        None, "Item 1. Business", "Item 1. Business", "Item 2. Properties", "Item 2. Properties", None]


@pytest.fixture(scope="module")
def edgar_text(shared_fixtures):
    def read(name: str) -> str:
        return html_to_text((shared_fixtures / "edgar" / name).read_text("utf-8"))
    return read


def test_nvda_10k(edgar_text):
    text = edgar_text("nvda-10-k-2025-02-26.html")
    sections = find_sections(text, doc_kind="10-K")
    titles = [s.title for s in sections]
    item7 = sections[titles.index(
        "Item 7. Management's Discussion and Analysis of Financial Condition and Results of Operations")]
    item8 = sections[titles.index("Item 8. Financial Statements and Supplementary Data")]
    assert len(text) * 0.3 < item7.start < item8.start < len(text) * 0.9  # not the contents page
    assert "Fiscal Year 2025 Summary" in text[item7.start:item7.end]
    assert sum(t.startswith("Item ") for t in titles) == 23  # 1-16 with 1A-1C, 7A, 9A-9C
    offset = text.index("estimated useful lives of the assets of two to seven years")
    assert section_at(sections, offset) == "Note 1 \u2014 Organization and Summary of Significant Accounting Policies"


def test_nvda_10q(edgar_text):
    text = edgar_text("nvda-10-q-2025-08-27.html")
    titles = [s.title for s in find_sections(text, doc_kind="10-Q")]
    assert "Part I, Item 2. Management's Discussion and Analysis of Financial Condition and Results of " \
           "Operations" in titles
    assert "Part II, Item 1A. Risk Factors" in titles
    assert len([t for t in titles if t.startswith("Note ")]) == 14


def test_8k(edgar_text):
    text = edgar_text("nvda-20260302.htm")
    titles = [s.title for s in find_sections(text, doc_kind="8-K")]
    assert [t[:10] for t in titles] == ["Item 5.02.", "Item 9.01."]


def test_oracle_10q_numbered_notes(edgar_text):
    text = edgar_text("Oracle.10-Q.html")
    titles = [s.title for s in find_sections(text, doc_kind="10-Q")]
    assert "Note 2 \u2014 FAIR VALUE MEASUREMENTS" in titles
    assert titles[0] == "Part I, Item 1. Financial Statements (Unaudited)"
