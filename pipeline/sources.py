"""sources.yaml: what a scheduled run fetches (EDGAR companies, pages, feeds, folders), checked when loaded.

An error names the file and the key. Relative paths are relative to the file's
folder, so a crontab can run from anywhere. See docs/scheduled-runs.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

from .errors import ConfigError
from .fetch.commentary import WebSource
from .fetch.edgar import EdgarConfig
from .fetch.http import RetryPolicy
from .records import DocMeta
from .settings import Settings, read_yaml

TOP_KEYS = {"edgar", "urls", "feeds", "folders", "settings", "http"}
EDGAR_KEYS = {"user_agent", "base_url", "data_url", "companies", "forms", "exhibits", "since"}
META_KEYS = {f.name for f in fields(DocMeta)} - {"source_url"}
HTTP_KEYS = {f.name for f in fields(RetryPolicy)}
PATH_SETTINGS = {f.name for f in fields(Settings) if "Path" in str(f.type)}
DEFAULT_FORMS = ("10-K", "10-Q", "8-K")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


@dataclass(frozen=True)
class FolderSource:
    path: Path
    meta: DocMeta = DocMeta()


@dataclass(frozen=True)
class Sources:
    path: Path
    edgar: EdgarConfig | None
    urls: tuple[WebSource, ...]
    feeds: tuple[WebSource, ...]
    folders: tuple[FolderSource, ...]
    retry: RetryPolicy
    settings: dict  # the config-file layer for load_settings


def load_sources(path: Path) -> Sources:
    """Read and check sources.yaml; ConfigError names the file and the key at fault."""
    path = Path(path)
    try:
        data = read_yaml(path)
    except ValueError as e:  # PyYAML raises it for an impossible date such as 2024-13-01
        raise ConfigError(f"{path}: an impossible date: {e}") from e
    where = str(path)
    _known(data, TOP_KEYS, where)
    settings = _settings(data.get("settings") or {}, path.parent, where)
    edgar = None
    if data.get("edgar") is not None:
        edgar, edgar_settings = _edgar(data["edgar"], f"{where}: edgar")
        settings = {**settings, **edgar_settings}
    return Sources(
        path=path, edgar=edgar,
        urls=tuple(_web(v, f"{where}: urls[{i}]") for i, v in enumerate(_list(data, "urls", where))),
        feeds=tuple(_web(v, f"{where}: feeds[{i}]") for i, v in enumerate(_list(data, "feeds", where))),
        folders=tuple(_folder(v, path.parent, f"{where}: folders[{i}]")
                      for i, v in enumerate(_list(data, "folders", where))),
        retry=_retry(data.get("http") or {}, f"{where}: http"), settings=settings)


def check_user_agent(value: str | None) -> str:
    """SEC fair access: a User-Agent that names a person or company and an e-mail."""
    text = (value or "").strip()
    if not _EMAIL.search(text) or not _EMAIL.sub("", text).strip(" <>()"):
        raise ConfigError("edgar.user_agent must give a name and an e-mail, e.g. "
                          "'Jane Doe jane.doe@example.com' (SEC refuses requests without one); "
                          f"got {value!r}. Set it in sources.yaml or DEALLEDGER_USER_AGENT.")
    return text


def _edgar(section, where: str) -> tuple[EdgarConfig, dict]:
    if not isinstance(section, dict):
        raise ConfigError(f"{where}: must be a mapping")
    _known(section, EDGAR_KEYS, where)
    companies = section.get("companies")
    if not isinstance(companies, list) or not companies:
        raise ConfigError(f"{where}.companies: a list of tickers or CIKs is required")
    if "since" not in section:
        raise ConfigError(f"{where}.since: a start date (YYYY-MM-DD) is required; without one the "
                          "first run would fetch every filing back to 1994")
    config = EdgarConfig(companies=tuple(str(c).strip() for c in companies),
                         forms=_strings(section.get("forms", list(DEFAULT_FORMS)), f"{where}.forms"),
                         exhibits=_strings(section.get("exhibits", []), f"{where}.exhibits"),
                         since=_date(section["since"], f"{where}.since"))
    names = {"user_agent": "user_agent", "base_url": "edgar_base_url", "data_url": "edgar_data_url"}
    return config, {names[k]: str(v) for k, v in section.items() if k in names and v is not None}


def _web(value, where: str) -> WebSource:
    if isinstance(value, str):
        value = {"url": value}
    if not isinstance(value, dict) or not isinstance(value.get("url"), str):
        raise ConfigError(f"{where}: a URL, or a mapping with 'url'")
    _known(value, META_KEYS | {"url", "max_entries"}, where)
    if not value["url"].startswith(("http://", "https://")):
        raise ConfigError(f"{where}.url: {value['url']!r} is not an http(s) URL")
    max_entries = value.get("max_entries", 100)
    if not isinstance(max_entries, int) or max_entries < 1:
        raise ConfigError(f"{where}.max_entries: a positive whole number")
    return WebSource(url=value["url"], meta=_meta(value, where), max_entries=max_entries)


def _folder(value, base: Path, where: str) -> FolderSource:
    if isinstance(value, str):
        value = {"path": value}
    if not isinstance(value, dict) or not isinstance(value.get("path"), str):
        raise ConfigError(f"{where}: a path, or a mapping with 'path'")
    _known(value, META_KEYS | {"path"}, where)
    folder = (base / Path(value["path"]).expanduser()).resolve()
    if not folder.is_dir():
        raise ConfigError(f"{where}.path: {folder} is not a folder")
    return FolderSource(path=folder, meta=_meta(value, where))


def _meta(value: dict, where: str) -> DocMeta:
    given = {k: v for k, v in value.items() if k in META_KEYS}
    for key, v in given.items():
        if not isinstance(v, (str, date)):
            raise ConfigError(f"{where}.{key}: must be text")
    return DocMeta(**{k: str(v) for k, v in given.items()})


def _settings(section, base: Path, where: str) -> dict:
    if not isinstance(section, dict):
        raise ConfigError(f"{where}: settings must be a mapping")
    return {k: str((base / Path(str(v)).expanduser()).resolve()) if k in PATH_SETTINGS else v
            for k, v in section.items()}


def _retry(section, where: str) -> RetryPolicy:
    if not isinstance(section, dict):
        raise ConfigError(f"{where}: must be a mapping")
    _known(section, HTTP_KEYS, where)
    try:
        return RetryPolicy(**{k: type(getattr(RetryPolicy, k))(v) for k, v in section.items()})
    except (TypeError, ValueError) as e:
        raise ConfigError(f"{where}: {e}") from e


def _list(data: dict, key: str, where: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ConfigError(f"{where}: {key} must be a list")
    return value


def _strings(value, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ConfigError(f"{where}: a list of names")
    return tuple(str(v).strip() for v in value)


def _date(value, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as e:
        raise ConfigError(f"{where}: {value!r} is not a date YYYY-MM-DD") from e


def _known(section: dict, allowed: set, where: str) -> None:
    unknown = sorted(set(section) - allowed)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(map(str, unknown))}; "
                          f"known: {', '.join(sorted(allowed))}")
