"""The money-flow graph: one edge per deal, from who pays to who is paid.

For investment, credit and purchase_agreement the money goes party ->
counterparty (investor, lender, buyer first). A deal with no counterparty has
no edge. Parallel edges (several deals between two companies) are kept.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Iterable

import networkx as nx
import pandas as pd

from pipeline.analyze.deals import STATUS_RANK, Deal, decimal_text

SEP = " | "


@dataclass(frozen=True)
class PairEdge:
    """All deals from one company to another, summed."""

    party: str
    counterparty: str
    deals: tuple[Deal, ...]

    @property
    def total_usd(self) -> Decimal | None:
        """The sum of the stated USD amounts; None when no deal states one."""
        stated = [d.amount_usd for d in self.deals if d.amount_usd is not None]
        return sum(stated, Decimal(0)) if stated else None

    @property
    def unstated(self) -> int:
        return sum(d.amount_usd is None for d in self.deals)

    @property
    def statuses(self) -> tuple[str, ...]:
        return tuple(sorted({d.status for d in self.deals}, key=STATUS_RANK.__getitem__))

    @property
    def per_periods(self) -> tuple[str, ...]:
        return tuple(sorted({d.per_period for d in self.deals if d.per_period}))

    @property
    def event_ids(self) -> tuple[str, ...]:
        return tuple(i for d in self.deals for i in d.event_ids)

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for d in self.deals for s in d.sentences))


def flow_graph(deals: Iterable[Deal]) -> nx.MultiDiGraph:
    """Companies as nodes, one edge per money deal that names both sides, keyed by deal."""
    graph = nx.MultiDiGraph()
    for deal in deals:
        if deal.is_money and deal.party and deal.counterparty:
            graph.add_edge(deal.party, deal.counterparty, key=deal.deal_key, deal=deal,
                           event_type=deal.event_type, status=deal.status,
                           amount_usd=deal.amount_usd, event_ids=deal.event_ids, rows=deal.rows)
    return graph


def pair_edges(graph: nx.MultiDiGraph) -> dict[tuple[str, str], PairEdge]:
    """One PairEdge per ordered company pair that has at least one deal."""
    grouped: dict[tuple[str, str], list[Deal]] = {}
    for u, v, deal in graph.edges(data="deal"):
        grouped.setdefault((u, v), []).append(deal)
    return {pair: PairEdge(pair[0], pair[1], tuple(ds)) for pair, ds in grouped.items()}


def subgraph_for(graph: nx.MultiDiGraph, company: str | None,
                 loop_pairs: set[tuple[str, str]]) -> nx.MultiDiGraph:
    """The edges touching `company` plus the edges of its loops; the whole graph without a company."""
    if not company:
        return graph
    wanted = company.casefold()
    keep = [(u, v, k) for u, v, k in graph.edges(keys=True)
            if wanted in (u.casefold(), v.casefold()) or (u, v) in loop_pairs]
    return graph.edge_subgraph(keep).copy()


def edges_frame(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per edge (deal), pointing back to its ledger rows and event_ids."""
    rows = [_edge_row(u, v, d) for u, v, d in graph.edges(data="deal")]
    columns = ["party", "counterparty", "event_type", "status", "amount", "amount_basis",
               "currency", "per_period", "amount_usd", "deal_key", "event_ids",
               "ledger_rows", "doc_ids", "languages", "sentences"]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def _edge_row(u: str, v: str, deal: Deal) -> dict[str, str]:
    return {
        "party": u, "counterparty": v, "event_type": deal.event_type, "status": deal.status,
        "amount": decimal_text(deal.amount), "amount_basis": deal.amount_basis,
        "currency": deal.currency, "per_period": deal.per_period,
        "amount_usd": decimal_text(deal.amount_usd), "deal_key": deal.deal_key,
        "event_ids": SEP.join(deal.event_ids), "ledger_rows": SEP.join(map(str, deal.rows)),
        "doc_ids": SEP.join(deal.doc_ids), "languages": SEP.join(deal.languages),
        "sentences": SEP.join(deal.sentences),
    }


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    """The graph for other tools (Gephi, yEd): attributes as strings, as GraphML needs."""
    plain = nx.MultiDiGraph()
    plain.add_nodes_from(graph.nodes)
    for u, v, key, deal in graph.edges(keys=True, data="deal"):
        plain.add_edge(u, v, key=key, **_edge_row(u, v, deal))
    nx.write_graphml(plain, path, encoding="utf-8")
