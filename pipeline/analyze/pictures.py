"""Pictures: the flow graph, commitments by company, the useful-life timeline.

matplotlib Figures drawn without pyplot (no display, no global backend) and a
seeded layout, so the same ledger always gives the same pictures.
"""
from __future__ import annotations

import math
import warnings
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import matplotlib
import networkx as nx
import pandas as pd
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from pipeline.analyze.deals import MONEY_TYPES
from pipeline.analyze.loops import Loop

SEED = 7
NODE_SIZE = 2200
STATUS_STYLE = {"completed": "solid", "agreed": "solid", "planned": "dashed", "reported": "dotted"}
LOOP_COLOR, EDGE_COLOR, NODE_COLOR, LOOP_NODE_COLOR = "#c0392b", "#8c959f", "#dbe9f6", "#f6d5d1"
TYPE_COLORS = {"investment": "#2e86c1", "credit": "#28b463", "purchase_agreement": "#f39c12"}
# The first installed family that has a glyph wins, so CJK names draw too.
FONTS = ("DejaVu Sans", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC",
         "Source Han Sans SC", "SimHei", "Microsoft YaHei", "PingFang SC")
TOP_COMPANIES = 15


@contextmanager
def _style() -> Iterator[None]:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    fonts = [f for f in FONTS if f in installed] or ["sans-serif"]
    rc = {"font.family": fonts, "svg.hashsalt": "dealledger", "svg.fonttype": "path",
          "text.parse_math": False, "font.size": 9}
    with warnings.catch_warnings(), matplotlib.rc_context(rc):
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from")
        yield


def _save(fig: Figure, path: Path) -> None:
    kind = path.suffix.lstrip(".").lower()
    metadata = {"Date": None} if kind == "svg" else {"Software": None}
    fig.savefig(path, format=kind, dpi=120, bbox_inches="tight", metadata=metadata)


def usd_short(amount: Decimal | float) -> str:
    """250000000000 -> "$250B", 6300000000 -> "$6.3B", 860000000 -> "$860M"."""
    value = float(amount)
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"${value / size:.3g}{suffix}"
    return f"${value:.0f}"


def draw_flow(graph: nx.MultiDiGraph, loops: tuple[Loop, ...], *, png: Path, svg: Path) -> None:
    """The money-flow graph: loops in red, width by amount, planned dashed, reported dotted."""
    with _style():
        fig = Figure(figsize=(11, 8))
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_title("Money flow (arrow: who pays -> who is paid)")
        if graph.number_of_edges():
            _draw_graph(ax, graph, loops)
        else:
            ax.text(0.5, 0.5, "no deal names both sides", ha="center", va="center")
        _save(fig, png)
        _save(fig, svg)


def _draw_graph(ax, graph: nx.MultiDiGraph, loops: tuple[Loop, ...]) -> None:
    loop_pairs = {(e.party, e.counterparty) for loop in loops for e in loop.edges}
    loop_nodes = {c for loop in loops for c in loop.companies}
    undirected = nx.Graph(graph)
    pos = nx.spring_layout(undirected, seed=SEED, k=2.2 / math.sqrt(max(len(undirected), 1)))
    nodes = list(graph.nodes)
    colors = [LOOP_NODE_COLOR if n in loop_nodes else NODE_COLOR for n in nodes]
    nx.draw_networkx_nodes(graph, pos, nodelist=nodes, node_color=colors, node_size=NODE_SIZE,
                           edgecolors="#34495e", ax=ax)
    nx.draw_networkx_labels(graph, pos, font_size=9, font_family=_style_fonts(), ax=ax)
    widths = _widths(graph)
    seen: dict[tuple[str, str], int] = {}
    for u, v, key, deal in graph.edges(keys=True, data="deal"):
        index = seen[(u, v)] = seen.get((u, v), -1) + 1
        style = f"arc3,rad={0.12 + 0.14 * index:.2f}"
        nx.draw_networkx_edges(
            graph, pos, edgelist=[(u, v, key)], width=widths[key], node_size=NODE_SIZE, ax=ax,
            edge_color=LOOP_COLOR if (u, v) in loop_pairs else EDGE_COLOR,
            style=STATUS_STYLE.get(deal.status, "solid"), connectionstyle=style, arrowsize=14)
        if deal.amount_usd is not None:
            label = usd_short(deal.amount_usd) + (f"/{deal.per_period}" if deal.per_period else "")
            nx.draw_networkx_edge_labels(graph, pos, edge_labels={(u, v, key): label}, ax=ax,
                                         font_size=7, connectionstyle=style, node_size=NODE_SIZE,
                                         font_family=_style_fonts(), bbox={"alpha": 0.0})
    ax.legend(handles=_flow_legend(), loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3,
              fontsize=8, frameon=False)


def _style_fonts() -> list[str]:
    return list(matplotlib.rcParams["font.family"])


def _widths(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Edge width on a log scale of USD, 1.5 to 7; an edge with no amount is thin (1)."""
    amounts = {k: d.amount_usd for _, _, k, d in graph.edges(keys=True, data="deal")}
    logs = [math.log10(a) for a in amounts.values() if a is not None and a > 0]
    low, high = (min(logs), max(logs)) if logs else (0.0, 0.0)
    widths = {}
    for key, amount in amounts.items():
        if amount is None or amount <= 0:
            widths[key] = 1.0
        else:
            scale = (math.log10(amount) - low) / (high - low) if high > low else 0.5
            widths[key] = 1.5 + 5.5 * scale
    return widths


def _flow_legend() -> list:
    return [Line2D([], [], color=LOOP_COLOR, lw=3, label="on a loop"),
            Line2D([], [], color=EDGE_COLOR, lw=3, label="not on a loop"),
            Line2D([], [], color="k", lw=1.5, ls="solid", label="completed / agreed"),
            Line2D([], [], color="k", lw=1.5, ls="dashed", label="planned"),
            Line2D([], [], color="k", lw=1.5, ls="dotted", label="reported"),
            Line2D([], [], color="k", lw=1, label="thin: no amount stated")]


def draw_commitments(exposure: pd.DataFrame, *, png: Path) -> None:
    """Stated USD committed out and in per company, stacked by event type, in billions."""
    with _style():
        fig = Figure(figsize=(11, 0.45 * min(len(exposure), TOP_COMPANIES) + 2.5))
        out_ax, in_ax = fig.subplots(1, 2, sharey=True)
        frame = _commitment_rows(exposure)
        if frame.empty:
            out_ax.text(0.5, 0.5, "no stated amounts", ha="center", va="center")
        for ax, direction in ((out_ax, "out"), (in_ax, "in")):
            left = [0.0] * len(frame)
            for event_type in MONEY_TYPES:
                values = list(frame[f"{direction}_{event_type}_usd"] / 1e9)
                ax.barh(list(frame["company"]), values, left=left, color=TYPE_COLORS[event_type])
                left = [a + b for a, b in zip(left, values)]
            ax.set_title(f"committed {direction} (USD billions, stated)")
            ax.grid(axis="x", alpha=0.3)
        out_ax.invert_yaxis()
        fig.legend(handles=[Patch(color=c, label=t) for t, c in TYPE_COLORS.items()],
                   loc="lower center", ncol=3, frameon=False)
        _save(fig, png)


def _commitment_rows(exposure: pd.DataFrame) -> pd.DataFrame:
    columns = [f"{d}_{t}_usd" for d in ("out", "in") for t in MONEY_TYPES]
    frame = exposure[["company", *columns]].copy()
    for column in columns:  # floats for plotting only; the CSV keeps exact digits
        frame[column] = pd.to_numeric(frame[column].replace("", "0")).astype(float)
    frame["size"] = frame[columns].sum(axis=1)
    frame = frame[frame["size"] > 0].sort_values(["size", "company"], ascending=[False, True])
    return frame.head(TOP_COMPANIES).reset_index(drop=True)


def draw_lives(depreciation: pd.DataFrame, *, png: Path) -> None:
    """Useful-life changes over time: an arrow from the old life to the new, per company."""
    with _style():
        fig = Figure(figsize=(11, 5.5))
        ax = fig.add_subplot()
        ax.set_title("Useful-life changes (years), placed at their effective date")
        ax.set_ylabel("useful life (years)")
        dated = depreciation[(depreciation["when"] != "") & (depreciation["life_new_years"] != "")]
        if len(dated) < len(depreciation):
            ax.set_title(f"{ax.get_title()}\n({len(depreciation) - len(dated)} change(s) without a date"
                         " or a new life are in the table only)")
        if dated.empty:
            ax.text(0.5, 0.5, "no dated useful-life change", ha="center", va="center",
                    transform=ax.transAxes)
        _draw_changes(ax, dated)
        _save(fig, png)


def _draw_changes(ax, dated: pd.DataFrame) -> None:
    palette = matplotlib.colormaps["tab10"]
    companies = sorted(set(dated["company"]), key=str.casefold)
    colors = {c: palette(i % 10) for i, c in enumerate(companies)}
    placed: dict[tuple[str, float], int] = {}
    for row in dated.itertuples():
        year, month = (int(p) for p in row.when.split("-"))
        x = year + (month - 1) / 12
        nudge = placed[(row.company, x)] = placed.get((row.company, x), -1) + 1
        x += 0.08 * nudge  # side by side when one date changes several asset classes
        new, color = float(row.life_new_years), colors[row.company]
        if row.life_old_years:
            ax.annotate("", xy=(x, new), xytext=(x, float(row.life_old_years)),
                        arrowprops={"arrowstyle": "-|>", "color": color, "lw": 2})
        ax.plot([x], [new], "o", color=color)
        ax.annotate(_life_label(row), (x, new), textcoords="offset points", xytext=(5, 4),
                    fontsize=7, color=color)
    if companies:
        ax.legend(handles=[Line2D([], [], color=colors[c], marker="o", label=c) for c in companies],
                  loc="upper left", fontsize=8, frameon=False)
        ax.grid(alpha=0.3)
        lives = [float(v) for v in (*dated["life_new_years"], *dated["life_old_years"]) if v]
        ax.set_ylim(0, max(lives) * 1.25 + 0.5)
        ax.margins(x=0.15)
        ax.xaxis.get_major_locator().set_params(integer=True)


def _life_label(row) -> str:
    old = f"{row.life_old_years}->" if row.life_old_years else ""
    return f"{row.asset_class[:28]}: {old}{row.life_new_years}y"
