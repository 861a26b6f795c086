"""report.html: one self-contained page, readable offline.

PNGs are embedded as base64 data URIs and the flow graph's SVG inline; the
page loads nothing from anywhere (no scripts, fonts or stylesheets from a URL).
"""
from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

# Report views leave out `sources` (URLs), which the CSVs keep: the page
# should name nothing outside itself.
HIDDEN_COLUMNS = ("sources",)
_SVG_PROLOG = re.compile(r"^.*?(?=<svg)", re.DOTALL)
_SVG_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_SVG_NAMESPACES = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1200px; color: #222; }
h1 { margin-bottom: 0.2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
.meta { color: #555; }
table { border-collapse: collapse; font-size: 12px; margin: 0.5em 0; }
th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #f2f4f7; position: sticky; top: 0; }
td { max-width: 420px; overflow-wrap: anywhere; }
img, svg { max-width: 100%; height: auto; }
"""


@dataclass(frozen=True)
class ReportParts:
    """What the page shows: the tables and the picture files written beside it."""

    ledger_name: str
    filters: str
    fx_as_of: str
    counts: dict[str, int]
    loops: pd.DataFrame
    exposure: pd.DataFrame
    depreciation: pd.DataFrame
    edges: pd.DataFrame
    flow_svg: Path
    commitments_png: Path
    lives_png: Path


def write_report(path: Path, parts: ReportParts) -> None:
    path.write_text(render(parts), encoding="utf-8")


def render(parts: ReportParts) -> str:
    counts = ", ".join(f"{v} {k}" for k, v in parts.counts.items())
    body = [
        f"<h1>dealledger analysis: {html.escape(parts.ledger_name)}</h1>",
        f'<p class="meta">{html.escape(counts)}. Filters: {html.escape(parts.filters)}. '
        f"Amounts in USD at the fixed, approximate rates of rules/fx.yaml "
        f"(as of {html.escape(parts.fx_as_of)}); a rate per period counts one period.</p>",
        "<h2>Money flow</h2>", inline_svg(parts.flow_svg.read_text(encoding="utf-8")),
        "<h2>Loops</h2>", _table(parts.loops, "no loop of 2 to 5 companies"),
        "<h2>Exposure</h2>", _image(parts.commitments_png, "commitments by company"),
        _table(parts.exposure, "no company"),
        "<h2>Useful-life changes</h2>", _image(parts.lives_png, "useful-life timeline"),
        _table(parts.depreciation, "no useful-life change"),
        "<h2>Edges</h2><details><summary>every edge of the flow graph, with its ledger rows</summary>",
        _table(parts.edges, "no edge"), "</details>",
    ]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>dealledger analysis</title><style>{STYLE}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def inline_svg(svg: str) -> str:
    """matplotlib's SVG made fit for inlining: no XML prolog, DOCTYPE, metadata or namespace URLs."""
    svg = _SVG_PROLOG.sub("", svg, count=1)
    svg = _SVG_METADATA.sub("", svg)
    return _SVG_NAMESPACES.sub("", svg)


def _image(png: Path, alt: str) -> str:
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'


def _table(frame: pd.DataFrame, empty: str) -> str:
    if frame.empty:
        return f"<p>{html.escape(empty)}</p>"
    shown = frame.drop(columns=[c for c in HIDDEN_COLUMNS if c in frame.columns])
    return shown.to_html(index=False, escape=True, na_rep="", border=0)
