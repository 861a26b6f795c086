"""The filer and form a filing names itself: inline XBRL cover facts and the SGML header."""
from __future__ import annotations

import pytest

from pipeline.filing_facts import FilingFacts, facts_from_html, facts_from_sgml
from pipeline.read import read_document

COVER = ('<html><body><div style="display:none"><ix:header><ix:hidden>'
         '<ix:nonNumeric name="dei:DocumentType" contextRef="c-1" id="f-1">10-K</ix:nonNumeric>'
         '<ix:nonNumeric name="dei:EntityCentralIndexKey" contextRef="c-1">0001045810</ix:nonNumeric>'
         '</ix:hidden></ix:header></div>'
         '<p><ix:nonNumeric name="dei:EntityRegistrantName" contextRef="c-1" id="f-7">{name}</ix:nonNumeric></p>'
         '<p>In January we extended the estimated useful lives of our servers from four years to six years.</p>'
         '</body></html>')

HTML_CASES = [
    ("plain name", COVER.format(name="NVIDIA CORP"), FilingFacts("NVIDIA CORP", "10-K")),
    ("styled span inside the fact", COVER.format(name='<span style="font-weight:bold">Oracle Corporation</span>'),
     FilingFacts("Oracle Corporation", "10-K")),
    ("entity and line break", COVER.format(name="Procter &amp; Gamble\n Co"), FilingFacts("Procter & Gamble Co", "10-K")),
    ("empty fact, no name", COVER.format(name=""), FilingFacts(None, "10-K")),
    ("no inline XBRL", "<html><body><p>We bought 10,000 GPUs.</p></body></html>", FilingFacts(None, None)),
]


@pytest.mark.parametrize("label,html,expected", HTML_CASES, ids=[c[0] for c in HTML_CASES])
def test_facts_from_html(label, html, expected):
    assert facts_from_html(html) == expected


SGML = """<SEC-DOCUMENT>0001045810-26-000024.txt : 20260306
<SEC-HEADER>0001045810-26-000024.hdr.sgml : 20260306
ACCESSION NUMBER:		0001045810-26-000024
CONFORMED SUBMISSION TYPE:	8-K
PUBLIC DOCUMENT COUNT:		12
CONFORMED PERIOD OF REPORT:	20260302
FILED AS OF DATE:		20260306
FILER:

	COMPANY DATA:	
		COMPANY CONFORMED NAME:			NVIDIA CORP
		CENTRAL INDEX KEY:			0001045810
</SEC-HEADER>
"""


@pytest.mark.parametrize("text,expected", [
    (SGML, FilingFacts("NVIDIA CORP", "8-K", "2026-03-06")),
    ("COMPANY CONFORMED NAME: NVIDIA CORP\nnot a submission header, only a sentence quoting one", FilingFacts(None, None)),
    ("", FilingFacts(None, None)),
])
def test_facts_from_sgml(text, expected):
    assert facts_from_sgml(text) == expected


def test_read_document_takes_the_filer_and_form_from_the_cover(tmp_path):
    path = tmp_path / "nvda-10-k.html"
    path.write_text(COVER.format(name="NVIDIA CORP"), encoding="utf-8")
    meta = read_document(path).meta
    assert (meta.filer, meta.doc_kind) == ("NVIDIA CORP", "10-K")


def test_the_sidecar_wins_over_the_cover(tmp_path):
    path = tmp_path / "filing.html"
    path.write_text(COVER.format(name="NVIDIA CORP"), encoding="utf-8")
    (tmp_path / "filing.meta.json").write_text('{"filer": "Microsoft", "doc_kind": "10-Q"}', encoding="utf-8")
    meta = read_document(path).meta
    assert (meta.filer, meta.doc_kind) == ("Microsoft", "10-Q")


def test_sgml_submission_text_names_its_filer(tmp_path):
    path = tmp_path / "0001045810-26-000024.txt"
    path.write_text(SGML + "<DOCUMENT>\nWe entered into a $5 billion credit facility with a syndicate of banks.\n",
                    encoding="utf-8")
    meta = read_document(path).meta
    assert (meta.filer, meta.doc_kind, meta.doc_date) == ("NVIDIA CORP", "8-K", "2026-03-06")


@pytest.mark.parametrize("name,expected", [
    ("Oracle.10-Q.html", ("Oracle Corporation", "10-Q", None)),  # the name sits in a styled span
    ("meta-10-k-2025-01-30.html", ("Meta Platforms, Inc.", "10-K", None)),
    ("nvda-20260302.htm", ("NVIDIA CORP", "8-K", None)),
    ("0001045810-26-000024.txt", ("NVIDIA CORP", "8-K", "2026-03-06")),  # a full submission's SGML header
])
def test_real_filings_name_themselves(shared_fixtures, name, expected):
    meta = read_document(shared_fixtures / "edgar" / name).meta
    assert (meta.filer, meta.doc_kind, meta.doc_date) == expected
