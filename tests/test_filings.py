"""Filings saved from EDGAR without a sidecar: the cover names the filer, so 'we' is that company."""
from __future__ import annotations

import pytest

from pipeline.batch import extract_paths
from tests.test_filing_facts import COVER


def _events(paths):
    result = extract_paths(paths)
    assert not result.failures
    return result.events


def test_first_person_is_the_registrant_named_on_the_cover(tmp_path):
    path = tmp_path / "nvda-10-k.html"
    path.write_text(COVER.format(name="NVIDIA CORP"), encoding="utf-8")
    event, = _events([path])
    assert (event.event_type, event.party, event.life_old_years, event.life_new_years) == (
        "depreciation_change", "NVIDIA", 4, 6)


def test_without_a_cover_name_first_person_stays_unknown(tmp_path):
    path = tmp_path / "unnamed.html"
    path.write_text(COVER.format(name=""), encoding="utf-8")
    assert _events([path]) == []


# The useful-life changes these real filings report about their own servers (LEDGER.md: party = the filer).
OWN_LIFE_CHANGES = [
    ("meta-10-k-2025-01-30.html", "Meta", None, 5.5),
    ("amzn-10-k-2025-02-07.html", "Amazon", 6, 5),
    ("amzn-10-k-2025-02-07.html", "Amazon", 5, 6),
    ("Oracle.10-Q.html", "Oracle", 5, 6),
]


@pytest.mark.parametrize("name,party,old,new", OWN_LIFE_CHANGES)
def test_real_filings_report_their_own_life_changes(shared_fixtures, name, party, old, new):
    events = _events([shared_fixtures / "edgar" / name])
    lives = {(e.party, e.life_old_years, e.life_new_years) for e in events if e.event_type == "depreciation_change"}
    assert (party, old, new) in lives
