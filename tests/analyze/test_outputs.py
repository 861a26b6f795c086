"""The files: pictures are real PNG/SVG, report.html is self-contained, output is deterministic."""
from __future__ import annotations

import html
import re
from decimal import Decimal

import networkx as nx
import pytest

from pipeline.analyze import FILES, analyze
from pipeline.analyze.fx import DEFAULT_FX
from pipeline.analyze.pictures import usd_short
from pipeline.analyze.report import inline_svg
from pipeline.records import LEDGER_COLUMNS

from .conftest import LEDGERS

LEDGER_CASES = [
    ("two_company_loop.csv", {}),
    ("three_company_loop.csv", {"company": "Gamma"}),
    ("mixed_currencies.csv", {}),
    ("bilingual_duplicate.csv", {}),
    ("depreciation.csv", {}),
    ("seed_like.csv", {}),
    ("seed_like.csv", {"fx": DEFAULT_FX}),
]

# A reference that makes a browser fetch something: the page must have none.
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
                      re.IGNORECASE)

USD_SHORT_CASES = [
    (Decimal("1300000000000"), "$1.3T"),
    (Decimal("250000000000"), "$250B"),
    (Decimal("6300000000"), "$6.3B"),
    (Decimal("860000000"), "$860M"),
    (Decimal("350000"), "$350K"),
    (Decimal("12"), "$12"),
]


@pytest.mark.parametrize("ledger, options", LEDGER_CASES)
def test_files(run, ledger, options):
    result, tables = run(ledger, **options)
    assert set(result.files) == set(FILES)
    for name in ("flow_png", "commitments_png", "lives_png"):
        data = result.files[name].read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5_000, name
    svg = result.files["flow_svg"].read_text(encoding="utf-8")
    assert "<svg" in svg and len(svg) > 5_000
    graph = nx.read_graphml(result.files["graphml"])
    assert graph.number_of_edges() == len(tables["edges"]) == result.edges


@pytest.mark.parametrize("ledger, options", LEDGER_CASES)
def test_report_is_self_contained(run, ledger, options):
    result, tables = run(ledger, **options)
    page = result.report.read_text(encoding="utf-8")
    assert EXTERNAL.search(page) is None
    assert "http://" not in page and "https://" not in page
    assert page.count("data:image/png;base64,") == 2
    assert page.count("<svg") == 1
    for cycle, ids in zip(tables["loops"]["cycle"], tables["loops"]["event_ids"]):
        assert f"<td>{html.escape(cycle)}</td>" in page
        assert f"<td>{html.escape(ids)}</td>" in page


def test_seed_like_report_shows_the_loops(run):
    result, _ = run("seed_like.csv")
    page = result.report.read_text(encoding="utf-8")
    for cycle in ("CoreWeave -> NVIDIA -> CoreWeave", "Microsoft -> OpenAI -> Microsoft",
                  "CoreWeave -> NVIDIA -> OpenAI -> Microsoft -> CoreWeave"):
        assert f"<td>{html.escape(cycle)}</td>" in page
    assert "Microsoft -&gt; OpenAI: 13000000000 (+1 unstated)" in page


def test_deterministic(tmp_path, fx_path):
    outs = [analyze(ledger=LEDGERS / "seed_like.csv", out=tmp_path / str(i), fx=fx_path) for i in (1, 2)]
    for name in FILES:
        assert outs[0].files[name].read_bytes() == outs[1].files[name].read_bytes(), name


def test_empty_ledger(tmp_path, fx_path):
    ledger = tmp_path / "empty.csv"
    ledger.write_text(",".join(LEDGER_COLUMNS) + "\n", encoding="utf-8")
    result = analyze(ledger=ledger, out=tmp_path / "out", fx=fx_path)
    assert (result.rows, result.deals, result.edges, result.loops) == (0, 0, 0, ())
    assert "no loop of 2 to 5 companies" in result.report.read_text(encoding="utf-8")
    assert result.files["loops"].read_text(encoding="utf-8").startswith("loop,cycle,")


def test_inline_svg_drops_namespace_urls():
    svg = ('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://x/svg11.dtd">\n'
           '<svg xmlns:xlink="http://www.w3.org/1999/xlink" xmlns="http://www.w3.org/2000/svg">'
           '<metadata><rdf:RDF xmlns:dc="http://purl.org/dc/elements/1.1/"/></metadata><g/></svg>')
    assert inline_svg(svg) == "<svg><g/></svg>"


@pytest.mark.parametrize("amount, expected", USD_SHORT_CASES)
def test_usd_short(amount, expected):
    assert usd_short(amount) == expected
