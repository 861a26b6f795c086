"""All settings in one frozen dataclass: defaults, then a config file, then the environment, then flags."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

import yaml

from .errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    rules_dir: Path = ROOT / "rules"
    corpus_dir: Path = ROOT / "corpora" / "bundled"
    annotated_dir: Path = ROOT / "corpora" / "annotated"
    ledger: Path = ROOT / "outputs" / "ledger.csv"
    metrics_dir: Path = ROOT / "outputs" / "metrics"
    cache_dir: Path = ROOT / "outputs" / "cache"
    state_db: Path = ROOT / "outputs" / "state.sqlite"
    user_agent: str | None = None
    edgar_base_url: str = "https://www.sec.gov"
    edgar_data_url: str = "https://data.sec.gov"
    rate_limit_per_s: float = 10.0
    timeout_s: float = 30.0  # each wait for a byte
    deadline_s: float = 300.0  # one request as a whole: a drip cannot hold a fetch thread longer
    max_bytes: int = 50_000_000
    workers: int = 1


ENV_PREFIX = "DEALLEDGER_"


def _coerce(name: str, value):
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if "Path" in str(kind):
            return Path(value)
        if "float" in str(kind):
            return float(value)
        if "int" in str(kind):
            return int(value)
    except (TypeError, ValueError) as e:
        raise ConfigError(f"setting {name}: {value!r} is not a valid {kind}") from e
    return value


def load_settings(*, config: dict | None = None, env: dict | None = None, **flags) -> Settings:
    """Defaults < config file section `settings` < DEALLEDGER_* environment < flags (None = not given)."""
    names = {f.name for f in fields(Settings)}
    values = {}
    for key, value in (config or {}).items():
        if key not in names:
            raise ConfigError(f"unknown setting {key!r}; known: {', '.join(sorted(names))}")
        values[key] = _coerce(key, value)
    for key, value in (os.environ if env is None else env).items():
        if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX):].lower() in names:
            name = key[len(ENV_PREFIX):].lower()
            values[name] = _coerce(name, value)
    values.update({k: _coerce(k, v) for k, v in flags.items() if v is not None and k in names})
    return replace(Settings(), **values)


def read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"{path}: cannot read: {e}") from e
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a mapping")
    return data
