"""`analyze`: read a ledger, write the tables, pictures and report of its money flows."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping

import pandas as pd

from pipeline.analyze.deals import build_deals
from pipeline.analyze.depreciation import depreciation_frame
from pipeline.analyze.exposure import exposure_frame
from pipeline.analyze.filters import make_filters, select
from pipeline.analyze.fx import DEFAULT_FX, load_rates
from pipeline.analyze.graph import edges_frame, flow_graph, subgraph_for, write_graphml
from pipeline.analyze.load import read_ledger
from pipeline.analyze.loops import Loop, find_loops, loops_frame
from pipeline.analyze.pictures import draw_commitments, draw_flow, draw_lives
from pipeline.analyze.report import ReportParts, write_report

# What `analyze` writes under `out`, by name.
FILES = MappingProxyType({
    "loops": "loops.csv", "exposure": "exposure.csv", "depreciation": "depreciation.csv",
    "edges": "flow_edges.csv", "graphml": "flow_graph.graphml",
    "flow_png": "flow_graph.png", "flow_svg": "flow_graph.svg",
    "commitments_png": "commitments.png", "lives_png": "useful_lives.png",
    "report": "report.html",
})


@dataclass(frozen=True)
class AnalysisResult:
    """Where everything went, and how much there was."""

    out: Path
    files: Mapping[str, Path]
    rows: int  # ledger rows read
    deals: int  # deals after merging by deal_id and filtering
    edges: int  # edges drawn (after --company)
    loops: tuple[Loop, ...] = field(repr=False)  # as in loops.csv, in its order

    @property
    def report(self) -> Path:
        return self.files["report"]


def analyze(*, ledger: Path, out: Path, since: str | None = None, company: str | None = None,
            statuses_excluded: Iterable[str] = (), min_usd: Decimal | None = None,
            fx: Path = DEFAULT_FX) -> AnalysisResult:
    """Read `ledger` (only it); write loops, exposure, depreciation, pictures, report.html to `out`.

    since (YYYY[-MM[-DD]], by the earliest doc_date of a deal; undated deals
    drop out), statuses_excluded and min_usd (stated USD below it; unstated
    amounts stay) choose the deals; company chooses what is shown.
    """
    filters = make_filters(since=since, company=company,
                           statuses_excluded=statuses_excluded, min_usd=min_usd)
    rates = load_rates(fx)
    rows = read_ledger(Path(ledger))
    deals = select(build_deals(rows, rates), filters)
    graph = flow_graph(deals)
    loops = tuple(loop for loop in find_loops(graph) if loop.involves(filters.company))
    loop_pairs = {(e.party, e.counterparty) for loop in loops for e in loop.edges}
    shown = subgraph_for(graph, filters.company, loop_pairs)
    tables = {
        "loops": loops_frame(loops),
        "exposure": exposure_frame(deals, company=filters.company),
        "depreciation": depreciation_frame(deals, company=filters.company),
        "edges": edges_frame(shown),
    }
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files = MappingProxyType({name: out / filename for name, filename in FILES.items()})
    for name, frame in tables.items():
        _write_csv(frame, files[name])
    write_graphml(shown, files["graphml"])
    draw_flow(shown, loops, png=files["flow_png"], svg=files["flow_svg"])
    draw_commitments(tables["exposure"], png=files["commitments_png"])
    draw_lives(tables["depreciation"], png=files["lives_png"])
    counts = {"ledger rows": len(rows), "deals": len(deals),
              "edges": shown.number_of_edges(), "loops": len(loops)}
    write_report(files["report"], ReportParts(
        ledger_name=Path(ledger).name, filters=filters.describe(), fx_as_of=rates.as_of,
        counts=counts, flow_svg=files["flow_svg"], commitments_png=files["commitments_png"],
        lives_png=files["lives_png"], **tables))
    return AnalysisResult(out=out, files=files, rows=len(rows), deals=len(deals),
                          edges=shown.number_of_edges(), loops=loops)


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
