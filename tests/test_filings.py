"""Filings saved from EDGAR without a sidecar: the cover names the filer, so 'we' is that company."""
from __future__ import annotations

import pytest

from pipeline.batch import extract_paths
from tests.test_filing_facts import COVER


def _events(paths):
    result = extract_paths(paths)
    assert not result.failures
    return result.events


def test_first_person_is_the_registrant_named_on_the_cover(tmp_path):
    path = tmp_path / "nvda-10-k.html"
    path.write_text(COVER.format(name="NVIDIA CORP"), encoding="utf-8")
    event, = _events([path])
    assert (event.event_type, event.party, event.life_old_years, event.life_new_years) == (
        "depreciation_change", "NVIDIA", 4, 6)


def test_without_a_cover_name_first_person_stays_unknown(tmp_path):
    path = tmp_path / "unnamed.html"
    path.write_text(COVER.format(name=""), encoding="utf-8")
    assert _events([path]) == []


# The useful-life changes these real filings report about their own servers (LEDGER.md: party = the filer).
OWN_LIFE_CHANGES = [
    ("meta-10-k-2025-01-30.html", "Meta", None, 5.5),
    ("amzn-10-k-2025-02-07.html", "Amazon", 6, 5),
    ("amzn-10-k-2025-02-07.html", "Amazon", 5, 6),
    ("Oracle.10-Q.html", "Oracle", 5, 6),
    ("amzn-10-k-2025-02-07.html", "Amazon", 10, 13),  # heavy equipment, told after a mention with no lives
]


@pytest.mark.parametrize("name,party,old,new", OWN_LIFE_CHANGES)
def test_real_filings_report_their_own_life_changes(shared_fixtures, name, party, old, new):
    events = _events([shared_fixtures / "edgar" / name])
    lives = {(e.party, e.life_old_years, e.life_new_years) for e in events if e.event_type == "depreciation_change"}
    assert (party, old, new) in lives


# A 10-K is mostly standard text; each line here is written in its style, with the filer known.
BOILERPLATE = [
    "See notes to condensed consolidated financial statements.",
    "NOTES TO CONSOLIDATED FINANCIAL STATEMENTS",
    "For further detail on our debt, see Note 9 of the Notes to Consolidated Financial Statements.",
    "A company's internal control over financial reporting provides reasonable assurance that transactions "
    "are recorded as necessary and that receipts and expenditures are made only as authorized.",
    "The aggregate market value of the common stock held by non-affiliates of the registrant was about $1.1 trillion.",
    "In May, our Chief Financial Officer adopted a trading plan intended to satisfy Rule 10b5-1(c) to sell "
    "up to 25,000 shares of our common stock.",
    "Provisions of Delaware law and of our certificate of incorporation could make it harder for a third party "
    "to acquire us.",
    "Our agreement with Microsoft and our bylaws could delay or prevent a change in control.",
    "Actual results could differ materially because customers may delay purchases and investment in our products.",
    "Cash equivalents consist of money market funds and deposits with large financial institutions.",
    "Our marketable securities consist of debt securities issued by the U.S. government and highly rated corporations.",
    "Our investor relations website provides investors with news about our financial performance.",
    "We believe these non-GAAP financial measures provide investors with useful supplemental information.",
    "Cash Provided by Operating Activities",
    "Our Class A common stock trades on the Nasdaq Global Select Market under the symbol \"XYZ\".",
    "As of December 31, there were 3,104 stockholders of record of our Class A common stock.",
    "She holds a B.S. degree in Finance from Southern Methodist University.",
    "Our products require a license for any shipment to China.",
    "We own and lease facilities for data centers, research and development, and offices.",
    "Our extended payment terms with certain customers raise the risk of customer bad debt write-offs.",
    "Our commitments include obligations to purchase components and capacity from suppliers.",
    "Valuations of our equity investments in private companies are complex.",
    "Other income includes a valuation gain of $410 million from our equity investment in Rivian.",
    "We invest primarily in debt securities, including government bonds and corporate debt securities.",
    "As part of our cash management strategy, we keep cash deposits with large financial institutions.",
    "The graph compares the cumulative total return for our common stock with the Nasdaq Composite.",
    "Foreign exchange contracts are transacted with various financial institutions with high credit standing.",
    "Gains on derivatives in net investment hedging relationships are recognized in other comprehensive income.",
    "In order to deliver our products, we rely on partners such as Apple and Alphabet.",
    "Our lease agreements generally contain lease and non-lease components.",
    "We assess the reasonableness of the useful lives of our property and equipment periodically.",
    "The anti-takeover provisions of the Delaware General Corporation Law may delay a merger.",
    "Our wafers come from Taiwan Semiconductor Manufacturing Company Limited. New limits on supply from Taiwan "
    "would hurt our results.",  # a place, not the company whose name starts with it
    "License and Development Arrangements",  # a heading: its first word is no verb, the rest no company
    "•changes to app store policies that limit our ability to deliver or measure ads, including changes by platform "
    "providers such as Apple and Google;",  # a risk: what the filer may be kept from doing
    "In order to deliver good mobile products, it is important that our apps work well with systems made by Apple.",
    "In May, we and SoftBank announced the termination of the Share Purchase Agreement whereby we would have acquired "
    "Arm from SoftBank.",  # a deal called off
    "We generally sell these contracts on a non-recourse basis to financial institutions within 90 days.",  # receivables
    "Certain customers receive cash-based incentives or credits, which are accounted for as variable consideration.",
]

# Deals in the same style that must still come out: (sentence, expected (event_type, party, counterparty)).
FILING_DEALS = [
    ("In October we entered into a $5.0 billion revolving credit facility with a syndicate of lenders.",
     ("credit", "syndicate of lenders", "NVIDIA")),
    ("Effective February 1, we increased the estimated useful lives of our servers from five years to six years.",
     ("depreciation_change", "NVIDIA", None)),
    ("In the third quarter we invested $2.0 billion in CoreWeave's Class A common stock.",
     ("investment", "NVIDIA", "CoreWeave")),
    ("We purchase memory from SK Hynix and Micron under long-term supply agreements.",
     ("purchase_agreement", "NVIDIA", "SK Hynix")),
    ("We buy memory from SK Hynix Inc., Micron Technology, Inc., and Samsung.",  # a legal suffix inside the list
     ("purchase_agreement", "NVIDIA", "Samsung")),
    ("In June we signed a $5.6 billion term loan credit agreement among NVIDIA Corporation and the lenders named therein.",
     ("credit", "lenders", "NVIDIA")),  # the lenders lend, whatever the order of the names
    ("In May we invested $1.5 billion in a convertible note issued by Lambda.", ("investment", "NVIDIA", "Lambda")),
    ("In May we invested $1.5 billion in a convertible note from Lambda.", ("investment", "NVIDIA", "Lambda")),
    # debt the filer holds is its investment, not notes issued to it
    ("We also have convertible debt investments in Ampere Computing LLC, which will mature in June 2026.",
     ("investment", "NVIDIA", "Ampere Computing")),
    # the old facility is called off, the new one is a deal
    ("In March we terminated our revolving credit facility and entered into a new $5.0 billion revolving credit "
     "facility with a syndicate of lenders.", ("credit", "syndicate of lenders", "NVIDIA")),
    ("We have the ability to borrow up to $1.0 billion under our revolving credit facility with a syndicate of lenders.",
     ("credit", "syndicate of lenders", "NVIDIA")),  # a facility it has, no risk
    ("In order to buy the GPUs, we borrowed $2.0 billion from a syndicate of lenders.",
     ("credit", "syndicate of lenders", "NVIDIA")),  # the purpose is no deal, the loan is
]


@pytest.fixture(scope="module")
def extractor():
    from pipeline.extract import Extractor
    return Extractor()


def _sentence_events(extractor, text):
    from pipeline.records import DocMeta, Document
    return extractor.extract(Document("filing", text, "filing", DocMeta(filer="NVIDIA", doc_kind="10-K")))


@pytest.mark.parametrize("text", BOILERPLATE)
def test_filing_boilerplate_is_no_deal(extractor, text):
    assert [(e.event_type, e.party, e.counterparty, e.rule_id) for e in _sentence_events(extractor, text)] == []


@pytest.mark.parametrize("text,expected", FILING_DEALS)
def test_deals_in_filing_style_still_come_out(extractor, text, expected):
    assert expected in {(e.event_type, e.party, e.counterparty) for e in _sentence_events(extractor, text)}


def test_a_second_note_is_in_the_same_company(extractor):
    text = ("During Q2 we put $1.5 billion into a convertible note issued by Anthropic. In Q3 we invested $2.0 billion "
            "in a second convertible note. The weather was mild.")
    rows = {(e.party, e.counterparty, e.amount) for e in _sentence_events(extractor, text)}
    assert rows == {("NVIDIA", "Anthropic", 1500000000), ("NVIDIA", "Anthropic", 2000000000)}


# Deals the real filings state, each with the filer on one side (LEDGER.md roles).
REAL_DEALS = [
    ("amzn-10-k-2025-02-07.html", "investment", "Amazon", "Anthropic", 1250000000),
    ("amzn-10-k-2025-02-07.html", "investment", "Amazon", "Anthropic", 2750000000),
    ("amzn-10-k-2025-02-07.html", "credit", "syndicate of lenders", "Amazon", 15000000000),
    ("amzn-10-k-2025-02-07.html", "investment", "Amazon", "MGM", 6100000000),
    ("Oracle.10-Q.html", "credit", "lenders", "Oracle", 5630000000),
    ("Oracle.10-Q.html", "investment", "Oracle", "Ampere Computing", 1500000000),
    ("meta-10-k-2025-01-30.html", "investment", "Meta", "Jio Platforms", 6070000000),
    ("Oracle.10-Q.html", "investment", "Oracle", "NetSuite", None),  # told in a lawsuit: the acquisition, no purchase
]


@pytest.mark.parametrize("name,event_type,party,counterparty,amount", REAL_DEALS)
def test_real_filings_state_their_deals(shared_fixtures, name, event_type, party, counterparty, amount):
    rows = {(e.event_type, e.party, e.counterparty, e.amount) for e in _events([shared_fixtures / "edgar" / name])}
    assert (event_type, party, counterparty, amount) in rows


def test_real_filings_name_no_boilerplate_side(shared_fixtures):
    """Words of a filing's standard text were read as sides ('NOTES TO CONSOLIDATED FINANCIAL STATEMENTS' gave
    'credit Oracle -> FINANCIAL'); no side of any row may be such a word."""
    events = _events(sorted((shared_fixtures / "edgar").glob("*.htm*")))
    junk = {"financial", "of financial", "global financial", "company", "operating activities", "delaware general",
            "investors", "private companies", "other companies"}  # credit to "customers" is vendor financing
    assert [(e.doc_id, e.party, e.counterparty) for e in events
            if (e.party or "").lower() in junk or (e.counterparty or "").lower() in junk] == []


def test_a_margin_account_guarantees_nothing(extractor):
    """A Chinese annual report's shareholder table: shares held through a broker's margin (collateral) account."""
    text = "股东东方远景企业管理有限公司通过国泰证券股份有限公司客户信用交易担保证券账户持有公司股份800万股。"
    assert [e for e in _sentence_events(extractor, text) if e.event_type == "credit"] == []  # 担保证券: collateral


def test_a_name_starts_after_tongguo(extractor):
    text = '股东"东方远景企业管理有限公司"通过国泰证券股份有限公司客户信用交易担保证券账户持有公司股份。'
    names = {e.counterparty for e in _sentence_events(extractor, text)} | {e.party for e in _sentence_events(extractor, text)}
    assert not any(n and n.startswith(("通过", "通過")) for n in names)


# Rows the real filings gave that are no deals (LEDGER.md): risk factors, headings, a deal called off, a receivables
# sale, the filer's own segment, places and patent titles as companies, revenue policy, debt the filer holds read as
# debt issued to it.
REAL_NON_DEALS = {
    "meta-10-k-2025-01-30.html": [("purchase_agreement", "Apple", "Meta"), ("purchase_agreement", "Alphabet", "Meta"),
                                  ("purchase_agreement", "Meta", "Apple")],
    "nvda-10-k-2025-02-26.html": [("purchase_agreement", "NVIDIA", "Development Arrangements"),
                                  ("purchase_agreement", "Hong Kong", "NVIDIA"), ("investment", "SoftBank", "NVIDIA")],
    "Oracle.10-Q.html": [("purchase_agreement", "financial institutions", "Oracle"),
                         ("credit", "Ampere Computing", "Oracle"), ("credit", "Oracle", "Ampere Computing"),
                         ("purchase_agreement", "Oracle", "NetSuite")],
    "googl-10-k-2025-02-05.html": [("investment", "Alphabet", "Other Bets"), ("investment", "Alphabet", "Other Bet"),
                                   ("credit", "Alphabet", "Certain customers")],
    "amzn-10-k-2025-02-07.html": [("purchase_agreement", "Amazon", "Services")],
}


@pytest.mark.parametrize("name", REAL_NON_DEALS)
def test_real_filings_state_no_such_deal(shared_fixtures, name):
    rows = {(e.event_type, e.party, e.counterparty) for e in _events([shared_fixtures / "edgar" / name])}
    assert rows.isdisjoint(REAL_NON_DEALS[name])
