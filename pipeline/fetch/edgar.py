"""EDGAR: companies to filings to documents, from the submissions JSON and filing indexes.

The submissions JSON (`/submissions/CIK##########.json` on data.sec.gov) lists a
company's recent filings in columns (`filings.recent`) and older ones in pages
(`filings.files`); a filing's index page (`<accession>-index.html`) lists its
documents and their types (EX-10.1, EX-99.1 ...). Archive documents never change,
so they are cached for good; the submissions JSON is asked for conditionally.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from selectolax.lexbor import LexborHTMLParser

from ..entities import EntityTable, strip_legal_suffix
from ..errors import ConfigError, DocumentError, FetchError
from ..records import DocMeta
from .cache import CachingFetcher
from .items import EDGAR, Item

TICKERS_PATH = "/files/company_tickers.json"
_COLUMNS = ("accessionNumber", "filingDate", "form", "primaryDocument")


@dataclass(frozen=True)
class Company:
    cik: int
    name: str  # canonical: the entities table's name, else EDGAR's without legal suffix


@dataclass(frozen=True)
class Filing:
    cik: int
    accession: str  # 0001045810-25-000023
    form: str
    filing_date: str
    primary_document: str
    report_date: str = ""
    items: str = ""  # 8-K items as EDGAR lists them: "2.02,9.01"


@dataclass(frozen=True)
class IndexRow:
    """One document of a filing, from its index page."""

    seq: str
    description: str
    document: str
    type: str


@dataclass(frozen=True)
class EdgarConfig:
    companies: tuple[str, ...]
    forms: tuple[str, ...]
    exhibits: tuple[str, ...]
    since: date


def cik10(cik: int | str) -> str:
    return f"{int(cik):010d}"


def submissions_url(data_url: str, cik: int) -> str:
    return f"{data_url.rstrip('/')}/submissions/CIK{cik10(cik)}.json"


def archive_url(base_url: str, cik: int, accession: str, name: str) -> str:
    return f"{base_url.rstrip('/')}/Archives/edgar/data/{int(cik)}/{accession.replace('-', '')}/{name}"


def index_url(base_url: str, filing: Filing) -> str:
    return archive_url(base_url, filing.cik, filing.accession, f"{filing.accession}-index.html")


def parse_submissions(data: bytes) -> tuple[dict, list[Filing], list[dict]]:
    """(company facts, recent filings, older pages) of a submissions JSON."""
    try:
        obj = json.loads(data)
        filings = obj["filings"]
        cik = int(obj["cik"])
        return obj, filings_from_columns(filings["recent"], cik), list(filings.get("files") or [])
    except (ValueError, KeyError, TypeError) as e:
        raise DocumentError("submissions JSON", f"not EDGAR's submissions layout: {e!r}") from e


def filings_from_columns(columns: dict, cik: int) -> list[Filing]:
    """EDGAR's columnar layout (one list per field, same length) as Filing rows."""
    missing = [c for c in _COLUMNS if c not in columns]
    if missing:
        raise DocumentError("submissions JSON", f"columns missing: {', '.join(missing)}")
    n = len(columns["accessionNumber"])
    column = lambda name: columns.get(name) or [""] * n  # noqa: E731
    return [Filing(cik=cik, accession=acc, form=form, filing_date=day, primary_document=doc,
                   report_date=report or "", items=items or "")
            for acc, day, form, doc, report, items in zip(
                columns["accessionNumber"], columns["filingDate"], columns["form"],
                columns["primaryDocument"], column("reportDate"), column("items"))]


def parse_filing_index(html: str) -> list[IndexRow]:
    """The rows of the "Document Format Files" table(s) of a filing index page."""
    rows = []
    for table in LexborHTMLParser(html).css("table.tableFile"):
        for tr in table.css("tr"):
            cells = tr.css("td")
            if len(cells) < 4:
                continue
            link = cells[2].css_first("a")
            name = (link.text() if link is not None else cells[2].text()).strip()
            if name:
                rows.append(IndexRow(seq=cells[0].text().strip(), description=cells[1].text().strip(),
                                     document=name, type=cells[3].text().strip()))
    return rows


def wanted_form(form: str, forms: tuple[str, ...]) -> bool:
    return form.upper() in {f.upper() for f in forms}


def wanted_exhibit(doc_type: str, exhibits: tuple[str, ...]) -> bool:
    """ "EX-10" (or "EX-10.*") matches EX-10.1 and EX-10.12, never EX-101.SCH."""
    kind = doc_type.upper()
    for pattern in exhibits:
        stem = pattern.upper().removesuffix("*").removesuffix(".")
        if kind == stem or kind.startswith(stem + "."):
            return True
    return False


def resolve_company(spec: str, entities: EntityTable, lookup_ticker: Callable[[str], int | None]) -> int:
    """A CIK from "0001045810", "1045810" or a ticker ("NVDA"): the entities table first, then SEC's list."""
    text = str(spec).strip()
    if text.isdigit():
        return int(text)
    canonical = entities.tickers.get(text.upper())
    by_name = {name: cik for cik, name in entities.ciks.items()}
    if canonical in by_name:
        return by_name[canonical]
    cik = lookup_ticker(text.upper())
    if cik is None:
        raise ConfigError(f"edgar.companies: unknown ticker {text!r} (not in rules/entities.csv "
                          "nor in SEC's company_tickers.json); give its CIK")
    return cik


def parse_company_tickers(data: bytes) -> dict[str, int]:
    """SEC's company_tickers.json: {"0": {"cik_str": 320193, "ticker": "AAPL", ...}, ...}."""
    try:
        return {row["ticker"].upper(): int(row["cik_str"]) for row in json.loads(data).values()}
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise DocumentError(TICKERS_PATH, f"not SEC's company_tickers layout: {e!r}") from e


class EdgarSource:
    """Discovers the EDGAR documents a config asks for; every request goes through `fetcher`."""

    def __init__(self, fetcher: CachingFetcher, *, base_url: str, data_url: str, entities: EntityTable):
        self.fetcher, self.entities = fetcher, entities
        self.base_url, self.data_url = base_url.rstrip("/"), data_url.rstrip("/")
        self._tickers: dict[str, int] | None = None

    def company(self, spec: str, *, since: date) -> tuple[Company, list[Filing]]:
        """The company behind a ticker or CIK, and its filings: the recent ones, and the
        older pages that reach back to `since` (pages wholly before it are not asked for)."""
        cik = resolve_company(spec, self.entities, self._lookup_ticker)
        body = self.fetcher.fetch(submissions_url(self.data_url, cik), permanent=False).body
        obj, filings, pages = parse_submissions(body)
        name = self.entities.ciks.get(cik) or strip_legal_suffix(str(obj.get("name") or cik))
        for page in pages:
            if str(page.get("filingTo", "9999")) >= since.isoformat():
                filings = filings + self._page(cik, page)
        return Company(cik, name), filings

    def items(self, company: Company, filings: list[Filing], config: EdgarConfig,
              on_error: Callable[[str, str], None]) -> list[Item]:
        """Primary documents of the wanted filings since the start date, and their wanted exhibits."""
        chosen = sorted({f.accession: f for f in filings if wanted_form(f.form, config.forms)
                         and f.filing_date >= config.since.isoformat()}.values(),
                        key=lambda f: (f.filing_date, f.accession))
        items = []
        for filing in chosen:
            items.append(self._item(company, filing, filing.primary_document, filing.form, None))
            try:
                rows = self._exhibits(filing, config.exhibits) if config.exhibits else []
            except (FetchError, DocumentError) as e:
                on_error(index_url(self.base_url, filing), getattr(e, "cause", str(e)))
                continue
            for row in rows:
                label = f"Exhibit {row.type.upper().removeprefix('EX-')} to {filing.form}"
                items.append(self._item(company, filing, row.document, row.type.upper(), label))
        return items

    def _item(self, company: Company, filing: Filing, name: str, kind: str, section: str | None) -> Item:
        url = archive_url(self.base_url, filing.cik, filing.accession, name)
        meta = DocMeta(filer=company.name, doc_kind=kind, doc_date=filing.filing_date, source_url=url)
        return Item(key=url, doc_id=f"{filing.accession}/{name}", kind=EDGAR, meta=meta,
                    permanent=True, section=section)

    def _exhibits(self, filing: Filing, exhibits: tuple[str, ...]) -> list[IndexRow]:
        page = self.fetcher.fetch(index_url(self.base_url, filing), permanent=True)
        rows = parse_filing_index(page.body.decode("utf-8", errors="replace"))
        return [r for r in rows if wanted_exhibit(r.type, exhibits) and r.document != filing.primary_document]

    def _page(self, cik: int, page: dict) -> list[Filing]:
        url = f"{self.data_url}/submissions/{page['name']}"
        try:
            return filings_from_columns(json.loads(self.fetcher.fetch(url, permanent=False).body), cik)
        except ValueError as e:
            raise DocumentError(url, f"not JSON: {e}") from e

    def _lookup_ticker(self, ticker: str) -> int | None:
        if self._tickers is None:
            body = self.fetcher.fetch(self.base_url + TICKERS_PATH, permanent=False).body
            self._tickers = parse_company_tickers(body)
        return self._tickers.get(ticker)


def discover(source: EdgarSource, config: EdgarConfig, on_error: Callable[[str, str], None]) -> list[Item]:
    """Items for every configured company; a company that fails is reported and the rest go on."""
    items: list[Item] = []
    for spec in config.companies:
        try:
            company, filings = source.company(spec, since=config.since)
        except (FetchError, DocumentError, ConfigError) as e:
            on_error(f"edgar company {spec}", str(e))
            continue
        items += source.items(company, filings, config, on_error)
    return items
