"""A broken rules folder stops `extract`, `run` and `eval` before any work: exit 2, the error
names file:line and the rule id, no document is read and no file is written or changed.

(The loader's own checks are tests/test_rules.py; this is the commands end to end.)
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import EXIT_USAGE, main
from pipeline.rules import RULES_DIR

from .conftest import GOOD, run_cli

TRIGGER = {"lang": "en", "event_type": "investment", "agent": "party", "receiver": "counterparty",
           "pattern": [{"LOWER": "invest"}]}

# (case, the line appended to en/triggers.jsonl, the rule id the error names, words of the cause)
BROKEN = [
    ("bad JSON", '{"id": "en.test.bad_json", "lang": "en", "pattern": [', "en.test.bad_json", "bad JSON"),
    ("bad JSON without an id", '{"lang": "en", "pattern": [{"LOWER": "x"}', None, "bad JSON"),
    ("unknown attribute", json.dumps({"id": "en.test.attr", **TRIGGER, "wieght": 2}), "en.test.attr",
     "unknown attribute(s): wieght"),
    ("duplicate id", json.dumps({"id": "en.inv.invest_verb", **TRIGGER}), "en.inv.invest_verb", "duplicate id"),
    ("invalid regex", json.dumps({"id": "en.test.regex", **TRIGGER, "pattern": [{"LOWER": {"REGEX": "^inv(est"}}]}),
     "en.test.regex", "invalid regex"),
]
COMMANDS = ["extract", "run", "run --config", "eval"]


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    """Rules to break, documents, an existing ledger, a sources.yaml; every output inside tmp_path."""
    shutil.copytree(RULES_DIR, tmp_path / "rules")
    shutil.copytree(GOOD, tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    (out / "ledger.csv").write_text("event_id,event_type\nyesterday,investment\n", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(
        f"folders:\n  - path: {tmp_path / 'in'}\nsettings:\n  ledger: {out / 'ledger.csv'}\n"
        f"  state_db: {out / 'state.sqlite'}\n  cache_dir: {out / 'cache'}\n", encoding="utf-8")
    monkeypatch.setenv("DEALLEDGER_METRICS_DIR", str(out / "metrics"))
    monkeypatch.setenv("DEALLEDGER_STATE_DB", str(out / "state.sqlite"))
    return tmp_path


def argv(command: str, root: Path) -> list[str]:
    rules, ledger = str(root / "rules"), str(root / "out" / "ledger.csv")
    return {
        "extract": ["extract", str(root / "in"), "--out", ledger, "--rules", rules],
        "run": ["run", "--out", ledger, "--rules", rules, "--no-progress"],
        "run --config": ["run", "--config", str(root / "sources.yaml"), "--rules", rules, "--no-progress"],
        "eval": ["eval", "--split", "dev", "--rules", rules, "--json", str(root / "out" / "eval.json")],
    }[command]


def no_work(monkeypatch) -> None:
    """Any step past the rules fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("work started despite a broken rule file")

    for target in ("pipeline.batch.extract_paths", "pipeline.batch.extract_to_ledger", "pipeline.batch.read_document",
                   "pipeline.read.read_document", "pipeline.evaluate.evaluate", "pipeline.runner.run"):
        monkeypatch.setattr(target, refuse)


def snapshot(root: Path) -> dict:
    """Every file under `root` with its bytes and modification time, rules aside."""
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*"))
            if p.is_file() and "rules" not in p.relative_to(root).parts}


def append(path: Path, line: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, line]) + "\n", encoding="utf-8")
    return len(lines) + 1


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case, line, rule_id, cause", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_rules_stop_before_any_work(workspace, monkeypatch, capsys, command, case, line, rule_id, cause):
    path = workspace / "rules" / "en" / "triggers.jsonl"
    lineno = append(path, line)
    no_work(monkeypatch)
    before = snapshot(workspace)
    assert main(argv(command, workspace)) == EXIT_USAGE
    assert snapshot(workspace) == before
    out, err = capsys.readouterr()
    assert f"{path}:{lineno}" in err and cause in err
    assert (f"(rule {rule_id})" in err) if rule_id else "(rule " not in err
    assert out == ""


@pytest.mark.parametrize("command", COMMANDS)
def test_a_rule_file_that_is_not_utf8(workspace, monkeypatch, capsys, command):
    path = workspace / "rules" / "zh" / "triggers.jsonl"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    no_work(monkeypatch)
    before = snapshot(workspace)
    assert main(argv(command, workspace)) == EXIT_USAGE
    assert snapshot(workspace) == before
    err = capsys.readouterr().err
    assert err.startswith("dealledger: ") and "utf-8" in err.lower() and "Traceback" not in err
    if command != "run --config":  # the runner loads the rules itself: the loader does not say which file
        assert str(workspace / "rules") in err and "cannot read the rules" in err


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_rules_folder(workspace, monkeypatch, capsys, command):
    shutil.rmtree(workspace / "rules")
    no_work(monkeypatch)
    before = snapshot(workspace)
    assert main(argv(command, workspace)) == EXIT_USAGE
    assert snapshot(workspace) == before
    err = capsys.readouterr().err
    assert str(workspace / "rules") in err and "No such file or directory" in err


@pytest.mark.parametrize("command", ["extract", "run", "eval"])
def test_the_real_command_prints_the_place_not_a_traceback(workspace, command):
    path = workspace / "rules" / "en" / "triggers.jsonl"
    lineno = append(path, BROKEN[4][1])
    before = snapshot(workspace)
    done = run_cli(*argv(command, workspace), cwd=workspace,
                   env={"DEALLEDGER_METRICS_DIR": str(workspace / "out" / "metrics")})
    assert done.returncode == EXIT_USAGE
    assert done.stderr.startswith(f"dealledger: {path}:{lineno} (rule en.test.regex): invalid regex")
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert snapshot(workspace) == before
