"""rules/fx.yaml and the conversion to whole USD."""
from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.analyze.filters import normalize_date
from pipeline.analyze.fx import DEFAULT_FX, load_rates, to_usd
from pipeline.errors import ConfigError

D = Decimal

# (value, currency, expected USD) at the test rates of conftest.TEST_FX
USD_CASES = [
    (D("1000000000"), "CNY", D("140000000")),
    (D("50000000"), "EUR", D("55000000")),
    (D("10000000000"), "JPY", D("65000000")),
    (D("2500"), "cny", D("350")),
    (D("0.5"), "USD", D("0")),
    (D("1.5"), "USD", D("2")),
    (D("1"), "XYZ", None),
    (D("1"), "", None),
    (None, "USD", None),
]

BAD_FILES = [
    "as_of: '2025-01-01'\n",
    "usd_per_unit: {USD: '1'}\n",
    "as_of: '2025-01-01'\nusd_per_unit: {usd: '1'}\n",
    "as_of: '2025-01-01'\nusd_per_unit: {CNY: '-0.14'}\n",
    "as_of: '2025-01-01'\nusd_per_unit: {CNY: 'seven'}\n",
    "as_of: '2025-01-01'\nusd_per_unit: [USD]\n",
    "as_of: [unclosed\n",
]


@pytest.mark.parametrize("value, currency, expected", USD_CASES)
def test_to_usd(fx_path, value, currency, expected):
    assert to_usd(value, currency, load_rates(fx_path)) == expected


@pytest.mark.parametrize("text", BAD_FILES)
def test_bad_rates_file(tmp_path, text):
    path = tmp_path / "fx.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="fx.yaml"):
        load_rates(path)


def test_bundled_rates():
    rates = load_rates(DEFAULT_FX)
    assert {"USD", "CNY", "EUR", "GBP", "JPY", "TWD", "HKD"} <= set(rates.usd_per_unit)
    assert rates.usd_per_unit["USD"] == 1
    assert normalize_date(rates.as_of) == rates.as_of
    assert "approximate" in DEFAULT_FX.read_text(encoding="utf-8")
    assert all(isinstance(r, Decimal) and r > 0 for r in rates.usd_per_unit.values())
