"""The benchmark's table: ratios from the right figures, targets judged, missing phases shown."""
from __future__ import annotations

from bench.report import build_rows, render


def _row(rows, what):
    return next(r for r in rows if r.what == what)


def test_filings_row_compares_speeds_in_mb_of_text():
    results = {
        "filings_tokenizer": {"mb": 12.0, "text_mb": 2.0, "seconds": 2.0, "peak_rss_mb": 150.0},
        "html_from_text": {"mb": 12.0, "text_mb": 2.0, "seconds": 4.0, "peak_rss_mb": 160.0,
                           "events": 173, "ledger_sha1": "abc"},
    }
    row = _row(build_rows(results), "English filings text")
    assert row.base == "1 MB/s" and row.ours == "0.5 MB/s"  # of text, not of HTML
    assert row.ratio == 0.5 and row.met is False
    assert row.note == "86 events per MB of text"  # 173 events in 2.0 MB of text


def test_ratio_and_target_per_pair_and_phases_not_run():
    results = {"en_tokenizer": {"mb": 20.0, "seconds": 4.0, "peak_rss_mb": 110.0},
               "en_extract": {"mb": 20.0, "seconds": 5.0, "peak_rss_mb": 180.0, "events": 33_800, "ledger_sha1": "x"}}
    rows = build_rows(results)
    english = _row(rows, "English text")
    assert english.ratio == 0.8 and english.met is True and english.rss == "110 / 180 MB"
    assert english.note == "1,690 events per MB of text"
    chinese = _row(rows, "Chinese text")
    assert chinese.ratio is None and chinese.met is None and chinese.ours == "not run"
    table = render(rows)
    assert "| English text " in table and "0.80" in table


def test_a_measure_without_target_is_shown_but_not_judged():
    results = {"en_tokenizer": {"mb": 20.0, "seconds": 4.0, "peak_rss_mb": 110.0},
               "en_spacy_pass": {"mb": 20.0, "seconds": 10.0, "peak_rss_mb": 130.0, "rule_matches": 41_230}}
    row = _row(build_rows(results), "English text, spaCy part")
    assert row.ratio == 0.4 and row.met is None and row.target == ""
    assert row.note == "no events: the floor the spaCy Matcher sets (41,230 rule matches)"
    assert "| English text, spaCy part " in render(build_rows(results))


def test_the_chinese_matching_part_says_what_costs_the_rest():
    results = {"zh_jieba": {"mb": 5.0, "seconds": 5.0}, "zh_matching": {"mb": 5.0, "seconds": 1.25, "rule_matches": 9}}
    row = _row(build_rows(results), "Chinese text, matching part")
    assert row.ratio == 4.0 and row.met is None
    assert row.note == "no events: values, roles and events cost the rest (9 rule matches)"
