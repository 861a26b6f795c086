"""Analyses that read only the ledger CSV: money flows, loops, exposure, useful lives.

`analyze(ledger=..., out=...)` writes loops.csv, exposure.csv, depreciation.csv,
flow_edges.csv, flow_graph.graphml, the pictures and report.html.
"""
from __future__ import annotations

from pipeline.analyze.run import FILES, AnalysisResult, analyze

__all__ = ["FILES", "AnalysisResult", "analyze"]
