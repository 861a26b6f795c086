"""Fixtures for the robustness tests: the rules loaded once, good documents, the CLI as a subprocess.

Every input is made here or under tests/data (tests/data/robustness/make_robustness_data.py);
nothing needs ../shared, and nothing talks to anything but 127.0.0.1.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.extract import Extractor
from pipeline.rules import RULES_DIR, load_rules

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
ROBUST = DATA / "robustness"
GOOD = ROBUST / "good"
GOOD_DOC_IDS = {"deal-en", "deal-zh", "deal-page"}


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(load_rules(RULES_DIR))


@pytest.fixture
def good_folder(tmp_path) -> Path:
    """A folder holding the three good documents (English text, Chinese text, HTML)."""
    folder = tmp_path / "in"
    shutil.copytree(GOOD, folder)
    return folder


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 60, env: dict | None = None
            ) -> subprocess.CompletedProcess:
    """`dealledger ARGS` in a fresh interpreter, as cron runs it."""
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=cwd or ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {}), "PYTHONPATH": str(ROOT)})
