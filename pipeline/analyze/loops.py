"""Money loops: simple cycles of 2 to 5 companies in the flow graph.

A cycle is taken over company pairs (several deals on one pair are one edge,
their amounts summed). The smallest stated edge bounds the money that can
really go round; a loop with an unstated edge says so.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import networkx as nx
import pandas as pd

from pipeline.analyze.deals import decimal_text
from pipeline.analyze.graph import SEP, PairEdge, pair_edges

MIN_LENGTH, MAX_LENGTH = 2, 5
ARROW = " -> "


@dataclass(frozen=True)
class Loop:
    """Companies in order (the first not repeated) and the edge from each to the next."""

    companies: tuple[str, ...]
    edges: tuple[PairEdge, ...]

    @property
    def cycle(self) -> str:
        return ARROW.join(self.companies + self.companies[:1])

    @property
    def min_edge(self) -> PairEdge | None:
        """The stated edge with the smallest total; None when no edge is stated."""
        stated = [e for e in self.edges if e.total_usd is not None]
        return min(stated, key=lambda e: e.total_usd) if stated else None

    @property
    def min_stated_usd(self) -> Decimal | None:
        edge = self.min_edge
        return edge.total_usd if edge else None

    @property
    def all_stated(self) -> bool:
        return all(e.total_usd is not None for e in self.edges)

    def involves(self, company: str | None) -> bool:
        return not company or company.casefold() in {c.casefold() for c in self.companies}


def find_loops(graph: nx.MultiDiGraph, *, max_length: int = MAX_LENGTH) -> tuple[Loop, ...]:
    """Every simple cycle of MIN_LENGTH..max_length companies, largest stated bound first."""
    pairs = pair_edges(graph)
    simple = nx.DiGraph()
    simple.add_edges_from(sorted(p for p in pairs if p[0] != p[1]))
    loops = []
    for cycle in nx.simple_cycles(simple, length_bound=max_length):
        if len(cycle) >= MIN_LENGTH:
            companies = _rotate(cycle)
            edges = tuple(pairs[(a, b)] for a, b in zip(companies, companies[1:] + companies[:1]))
            loops.append(Loop(companies, edges))
    return tuple(sorted(loops, key=_order))


def _rotate(cycle: list[str]) -> tuple[str, ...]:
    """Start the cycle at its alphabetically first company, so each loop is written one way."""
    start = min(range(len(cycle)), key=lambda i: (cycle[i].casefold(), cycle[i]))
    return tuple(cycle[start:] + cycle[:start])


def _order(loop: Loop) -> tuple:
    amount = loop.min_stated_usd
    return (amount is None, -(amount or 0), len(loop.companies), loop.cycle)


def loops_frame(loops: tuple[Loop, ...]) -> pd.DataFrame:
    """loops.csv: one row per loop, per-edge values written `A -> B: value` and joined by ` | `."""
    rows = [_loop_row(i, loop) for i, loop in enumerate(loops, start=1)]
    columns = ["loop", "cycle", "length", "min_stated_usd", "min_edge", "all_edges_stated",
               "edge_amounts_usd", "edge_per_period", "statuses", "event_types",
               "event_ids", "sentences"]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def _loop_row(number: int, loop: Loop) -> dict[str, object]:
    min_edge = loop.min_edge
    return {
        "loop": number,
        "cycle": loop.cycle,
        "length": len(loop.companies),
        "min_stated_usd": decimal_text(loop.min_stated_usd),
        "min_edge": _name(min_edge) if min_edge else "",
        "all_edges_stated": loop.all_stated,
        "edge_amounts_usd": _per_edge(loop, _amount),
        "edge_per_period": SEP.join(f"{_name(e)}: {', '.join(e.per_periods)}"
                                    for e in loop.edges if e.per_periods),
        "statuses": _per_edge(loop, lambda e: ", ".join(e.statuses)),
        "event_types": _per_edge(loop, lambda e: ", ".join(sorted({d.event_type for d in e.deals}))),
        "event_ids": _per_edge(loop, lambda e: ", ".join(e.event_ids)),
        "sentences": _per_edge(loop, lambda e: " / ".join(e.sentences)),
    }


def _name(edge: PairEdge) -> str:
    return f"{edge.party}{ARROW}{edge.counterparty}"


def _per_edge(loop: Loop, value) -> str:
    return SEP.join(f"{_name(e)}: {value(e)}" for e in loop.edges)


def _amount(edge: PairEdge) -> str:
    if edge.total_usd is None:
        return "?"
    total = decimal_text(edge.total_usd)
    return f"{total} (+{edge.unstated} unstated)" if edge.unstated else total
