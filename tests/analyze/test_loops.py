"""loops.csv: exact cycles, per-edge totals, the smallest stated edge, statuses, event_ids."""
from __future__ import annotations

import pytest

COLUMNS = ("cycle", "min_stated_usd", "min_edge", "all_edges_stated", "edge_amounts_usd",
           "statuses", "event_ids")

LOOP_CASES = [
    ("two_company_loop.csv", {}, [
        ("Alpha -> Beta -> Alpha", "50000000", "Beta -> Alpha", "True",
         "Alpha -> Beta: 100000000 | Beta -> Alpha: 50000000",
         "Alpha -> Beta: completed | Beta -> Alpha: agreed",
         "Alpha -> Beta: e1 | Beta -> Alpha: e2, e3")]),
    ("three_company_loop.csv", {}, [
        ("Alpha -> Beta -> Gamma -> Alpha", "200000000", "Beta -> Gamma", "True",
         "Alpha -> Beta: 300000000 | Beta -> Gamma: 200000000 | Gamma -> Alpha: 250000000",
         "Alpha -> Beta: completed | Beta -> Gamma: agreed | Gamma -> Alpha: planned",
         "Alpha -> Beta: t1 | Beta -> Gamma: t2 | Gamma -> Alpha: t3")]),
    ("dangling_missing.csv", {}, [
        ("Alpha -> Beta -> Alpha", "80000000", "Beta -> Alpha", "False",
         "Alpha -> Beta: ? | Beta -> Alpha: 80000000",
         "Alpha -> Beta: completed | Beta -> Alpha: agreed",
         "Alpha -> Beta: m1 | Beta -> Alpha: m2"),
        ("Delta -> Gamma -> Delta", "", "", "False",
         "Delta -> Gamma: ? | Gamma -> Delta: ?",
         "Delta -> Gamma: reported | Gamma -> Delta: planned",
         "Delta -> Gamma: m5 | Gamma -> Delta: m4")]),
    ("mixed_currencies.csv", {}, [
        ("Alpha -> Gamma -> Alpha", "65000000", "Alpha -> Gamma", "False",
         "Alpha -> Gamma: 65000000 | Gamma -> Alpha: ?",
         "Alpha -> Gamma: agreed | Gamma -> Alpha: agreed",
         "Alpha -> Gamma: c3 | Gamma -> Alpha: c4"),
        ("Alpha -> Beta -> Alpha", "55000000", "Beta -> Alpha", "True",
         "Alpha -> Beta: 6140000000 | Beta -> Alpha: 55000000",
         "Alpha -> Beta: agreed | Beta -> Alpha: agreed",
         "Alpha -> Beta: c1, c5 | Beta -> Alpha: c2")]),
    ("bilingual_duplicate.csv", {}, [
        ("OpenAI -> Oracle -> OpenAI", "1000000000", "Oracle -> OpenAI", "True",
         "OpenAI -> Oracle: 300000000000 | Oracle -> OpenAI: 1000000000",
         "OpenAI -> Oracle: agreed | Oracle -> OpenAI: agreed",
         "OpenAI -> Oracle: d1, d2 | Oracle -> OpenAI: d3, d4")]),
    ("long_cycles.csv", {}, [
        ("A1 -> B1 -> C1 -> D1 -> E1 -> A1", "1000000", "A1 -> B1", "True",
         "A1 -> B1: 1000000 | B1 -> C1: 2000000 | C1 -> D1: 3000000 | D1 -> E1: 4000000 | E1 -> A1: 5000000",
         "A1 -> B1: agreed | B1 -> C1: agreed | C1 -> D1: agreed | D1 -> E1: agreed | E1 -> A1: agreed",
         "A1 -> B1: f0 | B1 -> C1: f1 | C1 -> D1: f2 | D1 -> E1: f3 | E1 -> A1: f4")]),
    ("depreciation.csv", {}, []),
]

# (ledger, options, the cycles expected, in order)
FILTER_CASES = [
    ("three_company_loop.csv", {"statuses_excluded": ("planned",)}, []),
    ("three_company_loop.csv", {"since": "2024"}, ["Alpha -> Beta -> Gamma -> Alpha"]),
    ("three_company_loop.csv", {"since": "2024-07"}, []),
    ("three_company_loop.csv", {"company": "gamma"}, ["Alpha -> Beta -> Gamma -> Alpha"]),
    ("three_company_loop.csv", {"company": "Delta"}, []),
    ("dangling_missing.csv", {"min_usd": 10_000_000}, ["Alpha -> Beta -> Alpha", "Delta -> Gamma -> Delta"]),
    ("dangling_missing.csv", {"min_usd": 100_000_000}, ["Delta -> Gamma -> Delta"]),
    ("seed_like.csv", {}, [
        "NVIDIA -> OpenAI -> NVIDIA",
        "CoreWeave -> NVIDIA -> OpenAI -> CoreWeave",
        "CoreWeave -> NVIDIA -> OpenAI -> Microsoft -> CoreWeave",
        "Microsoft -> OpenAI -> Microsoft",
        "CoreWeave -> NVIDIA -> CoreWeave"]),
    ("seed_like.csv", {"statuses_excluded": ("planned",)},
     ["Microsoft -> OpenAI -> Microsoft", "CoreWeave -> NVIDIA -> CoreWeave"]),
    ("seed_like.csv", {"company": "Microsoft"}, [
        "CoreWeave -> NVIDIA -> OpenAI -> Microsoft -> CoreWeave", "Microsoft -> OpenAI -> Microsoft"]),
]


@pytest.mark.parametrize("ledger, options, expected", LOOP_CASES)
def test_loops(run, ledger, options, expected):
    _, tables = run(ledger, **options)
    loops = tables["loops"]
    assert [tuple(r) for r in loops[list(COLUMNS)].itertuples(index=False)] == expected
    assert list(loops["loop"]) == [str(i) for i in range(1, len(expected) + 1)]


@pytest.mark.parametrize("ledger, options, expected", FILTER_CASES)
def test_loops_filtered(run, ledger, options, expected):
    _, tables = run(ledger, **options)
    assert list(tables["loops"]["cycle"]) == expected


def test_rate_edges_are_marked(run):
    _, tables = run("mixed_currencies.csv")
    assert list(tables["loops"]["edge_per_period"]) == ["", "Alpha -> Beta: year"]


def test_loop_sentences_point_back(run):
    _, tables = run("bilingual_duplicate.csv")
    sentences = tables["loops"]["sentences"][0]
    assert sentences == (
        "OpenAI -> Oracle: OpenAI signed a $300 billion contract with Oracle for compute. / "
        "据报道OpenAI与甲骨文签3000亿美元算力合同。 | "
        "Oracle -> OpenAI: Oracle agreed to invest in OpenAI. / 被传甲骨文向OpenAI投资最多10亿美元。")


def test_seed_like_loops(run):
    _, tables = run("seed_like.csv")
    loops = tables["loops"].set_index("cycle")
    msft = loops.loc["Microsoft -> OpenAI -> Microsoft"]
    assert msft["min_stated_usd"] == "13000000000"
    assert msft["edge_amounts_usd"] == (
        "Microsoft -> OpenAI: 13000000000 (+1 unstated) | OpenAI -> Microsoft: 250000000000")
    nvda = loops.loc["CoreWeave -> NVIDIA -> CoreWeave"]
    assert nvda["min_stated_usd"] == "100000000"
    assert nvda["all_edges_stated"] == "False"
