"""`dealledger eval` on a tiny gold corpus (tests/data/gold) with the real rules, and `--compare`.

Figures change as the rules are tuned, so these tests assert relations: a broken
rule scores below the baseline, the event it found is reported lost, and the
comparison flags a regression.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import EXIT_OK, EXIT_REGRESSION, main
from pipeline.evaluate import compare, evaluate, render_errors, render_table
from pipeline.extract import Extractor
from pipeline.rules import RULES_DIR, load_rules

GOLD = Path(__file__).resolve().parent / "data" / "gold"
LOST = "en_tiny_nvda_coreweave_oracle | investment | nvidia | coreweave"  # found by en.inv.invest_verb
BROKEN_RULE = "en.inv.invest_verb"
REPORT_KEYS = {"overall", "by_event_type", "by_language", "by_rule", "split", "documents", "rules_version", "details"}


def _delete(line: str) -> str | None:
    return None


def _corrupt(line: str) -> str:
    """The rule keeps its id but its words no longer occur in any text."""
    rule = json.loads(line)
    rule["pattern"] = [{"LOWER": {"IN": ["invst", "invstd"]}}]
    return json.dumps(rule)


# (how the invest verb rule is broken)
BREAKAGES = [pytest.param(_delete, id="rule deleted"), pytest.param(_corrupt, id="pattern corrupted")]


def break_rule(root: Path, rule_id: str, change) -> Path:
    """A copy of rules/ under `root` with one trigger rule deleted or changed."""
    rules = root / "rules"
    shutil.copytree(RULES_DIR, rules)
    path = rules / rule_id.split(".")[0] / "triggers.jsonl"
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#") and json.loads(line).get("id") == rule_id:
            line = change(line)
        if line is not None:
            lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rules


def gold_lines(split: str) -> list[dict]:
    return [json.loads(line) for line in (GOLD / f"{split}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def baseline(extractor):
    return evaluate(annotated_dir=GOLD, split="dev", extractor=extractor)


@pytest.fixture(scope="module", params=BREAKAGES)
def broken(request, tmp_path_factory):
    rules = break_rule(tmp_path_factory.mktemp("rules"), BROKEN_RULE, request.param)
    extractor = Extractor(load_rules(rules))
    return rules, extractor, evaluate(annotated_dir=GOLD, split="dev", extractor=extractor)


@pytest.fixture(autouse=True)
def metrics_in_tmp(tmp_path, monkeypatch):
    """`eval` always writes outputs/metrics/eval-SPLIT.json: keep the project's own reports untouched."""
    monkeypatch.setenv("DEALLEDGER_METRICS_DIR", str(tmp_path / "metrics"))


@pytest.mark.parametrize("split", ["dev", "test", "all"])
def test_report_figures(extractor, split):
    report = evaluate(annotated_dir=GOLD, split=split, extractor=extractor).report
    lines = gold_lines("dev") * (split != "test") + gold_lines("test") * (split != "dev")
    assert REPORT_KEYS <= set(report)
    assert report["split"] == split and report["documents"] == len(lines)
    assert report["overall"]["event"]["gold"] == sum(len(line["events"]) for line in lines)
    for section in (report["overall"], *report["by_event_type"].values(), *report["by_language"].values()):
        for level in ("event", "event_slots"):
            assert all(0.0 <= section[level][f] <= 1.0 for f in ("precision", "recall", "f1"))
    assert set(report["by_language"]) == {"en", "zh"}
    assert json.loads(json.dumps(report, ensure_ascii=False)) == report


def test_baseline_finds_the_event_the_broken_rule_loses(baseline):
    assert LOST in baseline.report["details"]["tp"]
    assert BROKEN_RULE in baseline.report["by_rule"]


def test_render_table_names_split_documents_and_rules(baseline):
    table = render_table(baseline.report)
    assert "split: dev" in table and f"documents: {len(gold_lines('dev'))}" in table
    assert all(rule_id in table for rule_id in baseline.report["by_rule"])
    assert "overall" in table and "lang=zh" in table


def test_render_errors_names_the_documents(baseline, broken, extractor):
    _, broken_extractor, result = broken
    errors = render_errors(result, broken_extractor)
    assert "FN en_tiny_nvda_coreweave_oracle NVIDIA -> CoreWeave" in errors
    assert "[[NVIDIA invested $2 billion in CoreWeave]]" in errors
    doc_ids = {line["doc_id"] for line in gold_lines("dev")}
    for line in render_errors(baseline, extractor).splitlines():
        if line.startswith(("FP ", "FN ")):
            assert line.split()[1] in doc_ids


def test_compare_identical_reports(baseline):
    same = json.loads(json.dumps(baseline.report))
    assert compare(same, baseline.report) == ("no change", False)


def test_broken_rule_is_a_regression(baseline, broken):
    _, _, result = broken
    before, after = baseline.report, result.report
    assert after["overall"]["event"]["f1"] < before["overall"]["event"]["f1"]
    assert after["by_event_type"]["investment"]["event"]["recall"] < before["by_event_type"]["investment"]["event"]["recall"]
    assert BROKEN_RULE not in after["by_rule"]
    text, regressed = compare(before, after)
    assert regressed
    assert "DOWN" in text and "(regression)" in text
    assert "newly lost" in text and LOST in text


def test_fixing_the_rule_again_is_no_regression(baseline, broken):
    _, _, result = broken
    text, regressed = compare(result.report, baseline.report)
    assert not regressed
    assert " up" in text and "newly found" in text and LOST in text


def test_threshold_decides_what_is_a_regression(baseline, broken):
    _, _, result = broken
    assert compare(baseline.report, result.report, threshold=1.0)[1] is False


def test_cli_eval_compare_exit_codes(baseline, broken, tmp_path, capsys):
    rules, _, _ = broken
    old = tmp_path / "baseline.json"
    old.write_text(json.dumps(baseline.report, ensure_ascii=False), encoding="utf-8")
    args = ["eval", "--split", "dev", "--corpus", str(GOLD), "--compare", str(old)]
    assert main([*args, "--rules", str(rules)]) == EXIT_REGRESSION
    out = capsys.readouterr().out
    assert "DOWN" in out and LOST in out
    report = tmp_path / "fixed.json"
    assert main([*args, "--json", str(report)]) == EXIT_OK
    assert json.loads(report.read_text(encoding="utf-8"))["split"] == "dev"
    # another corpus's figures never overwrite the project's own report
    assert not (tmp_path / "metrics" / "eval-dev.json").exists()
