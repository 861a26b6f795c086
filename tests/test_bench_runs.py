"""A short benchmark phase runs in several fresh processes and keeps its fastest run."""
from __future__ import annotations

from bench.__main__ import REPEAT_UNDER_S, best_of_runs


def _runs(*figures):
    calls = iter(figures)
    return lambda: next(calls)


def test_a_short_phase_keeps_its_fastest_run_and_lists_them_all():
    figures = best_of_runs(_runs({"seconds": 2.0, "peak_rss_mb": 150}, {"seconds": 1.5, "peak_rss_mb": 151},
                                 {"seconds": 1.8, "peak_rss_mb": 149}))
    assert figures == {"seconds": 1.5, "peak_rss_mb": 151, "runs_s": [2.0, 1.5, 1.8]}


def test_a_long_phase_runs_once():
    figures = best_of_runs(_runs({"seconds": REPEAT_UNDER_S + 5}, {"seconds": 1.0}))
    assert figures == {"seconds": REPEAT_UNDER_S + 5, "runs_s": [REPEAT_UNDER_S + 5]}


def test_a_failed_phase_is_not_run_again():
    assert best_of_runs(_runs({"error": "exit 1"}, {"seconds": 1.0})) == {"error": "exit 1"}
