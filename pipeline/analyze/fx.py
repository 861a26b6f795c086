"""Fixed USD conversion rates (`rules/fx.yaml`) and the conversion itself.

The rates are data, dated and approximate; amounts become whole US dollars so
that totals over many deals are exact sums of integers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import yaml

from pipeline.errors import ConfigError

DEFAULT_FX = Path(__file__).resolve().parents[2] / "rules" / "fx.yaml"
_ISO = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Rates:
    """USD per one unit of each currency, and the date the table stands for."""

    as_of: str
    usd_per_unit: Mapping[str, Decimal]


def load_rates(path: Path = DEFAULT_FX) -> Rates:
    """Read and check a rates file; an error names the file and the currency."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"{path}: cannot read fx rates: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("usd_per_unit"), dict):
        raise ConfigError(f"{path}: needs a mapping `usd_per_unit`")
    if not data.get("as_of"):
        raise ConfigError(f"{path}: needs `as_of`, the date the rates stand for")
    rates = {code: _rate(path, code, value) for code, value in data["usd_per_unit"].items()}
    return Rates(as_of=str(data["as_of"]), usd_per_unit=MappingProxyType(rates))


def _rate(path: Path, code: object, value: object) -> Decimal:
    if not isinstance(code, str) or not _ISO.match(code):
        raise ConfigError(f"{path}: {code!r} is not an ISO 4217 code")
    try:
        rate = Decimal(str(value))
    except InvalidOperation as e:
        raise ConfigError(f"{path}: {code}: {value!r} is not a number") from e
    if not rate.is_finite() or rate <= 0:
        raise ConfigError(f"{path}: {code}: rate must be positive, got {value!r}")
    return rate


def to_usd(value: Decimal | None, currency: str, rates: Rates) -> Decimal | None:
    """`value` in whole USD, or None when there is no value or no rate for `currency`."""
    rate = rates.usd_per_unit.get(currency.strip().upper()) if currency else None
    if value is None or rate is None:
        return None
    return (value * rate).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
