"""Shared for the analyze tests: fixed test rates and a cached `analyze` run per case."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.analyze import AnalysisResult, analyze

LEDGERS = Path(__file__).resolve().parents[1] / "data" / "ledgers"
# Round test rates, so expected USD figures can be worked out by hand.
TEST_FX = """\
as_of: "2000-01-01"
usd_per_unit:
  USD: "1"
  CNY: "0.14"
  EUR: "1.10"
  JPY: "0.0065"
"""


@pytest.fixture(scope="session")
def fx_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fx") / "fx.yaml"
    path.write_text(TEST_FX, encoding="utf-8")
    return path


def read_table(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def run(tmp_path_factory, fx_path):
    """run(ledger_name, **options) -> (AnalysisResult, {table name: DataFrame of strings}); cached."""
    cache: dict[tuple, tuple[AnalysisResult, dict[str, pd.DataFrame]]] = {}

    def _run(ledger: str, **options):
        key = (ledger, tuple(sorted((k, repr(v)) for k, v in options.items())))
        if key not in cache:
            out = tmp_path_factory.mktemp(Path(ledger).stem)
            options.setdefault("fx", fx_path)
            result = analyze(ledger=LEDGERS / ledger, out=out, **options)
            tables = {name: read_table(result.files[name])
                      for name in ("loops", "exposure", "depreciation", "edges")}
            cache[key] = (result, tables)
        return cache[key]

    return _run
