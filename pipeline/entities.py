"""Company names: the alias table and canonical names."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import RuleError

LEGAL_SUFFIX = re.compile(
    r"[\s,]*\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|plc|pbc|ag|sa|s\.a|nv|n\.v|bv|b\.v|gmbh|"
    r"holdings?|group|lp|l\.p|asa|se)\b\.?\Z|(股份有限公司|有限责任公司|有限責任公司|有限公司|集团|集團|公司)\Z",
    re.IGNORECASE,
)
# Bare 超微 is Super Micro in mainland text but AMD in Taiwan and Hong Kong (LEDGER.md).
REGIONAL = {"超微": {"mainland": "Super Micro Computer", "tw": "AMD", "hk": "AMD"}}


@dataclass(frozen=True)
class EntityTable:
    """alias -> canonical name, per language; `regional` aliases depend on the region."""

    en: dict
    zh: dict
    tickers: dict
    ciks: dict
    supplier_tier: dict = None  # canonical -> 0 AI lab, 1 cloud, 2 neocloud, 2.5 data-center landlord, 3 hardware

    def sells_to(self, seller: str, buyer: str) -> bool:
        """True when the table says `seller` is further up the supply chain than `buyer`; a company the
        table does not know sells to an AI lab (tier 0, the end of the chain: '润川数据与字节跳动签订机柜租赁合同')."""
        tiers = self.supplier_tier or {}
        if seller not in tiers:
            return tiers.get(buyer) == 0
        return buyer in tiers and tiers[seller] > tiers[buyer]

    def tier(self, name: str) -> float | None:
        """The company's supply tier (0 AI lab ... 3 hardware), None when the table does not know it."""
        return (self.supplier_tier or {}).get(name)

    def makes_goods(self, name: str) -> bool:
        """Hardware makers (tier 3: chips, servers, networking) sell goods, not cloud services or capacity."""
        return (self.supplier_tier or {}).get(name, 0) >= 3

    def canonical(self, text: str, *, region: str | None = None) -> str:
        """Canonical name of a surface form; an unknown name loses its legal suffix."""
        name = text.strip()
        if name in REGIONAL:
            return REGIONAL[name].get(region or "mainland", REGIONAL[name]["mainland"])
        for table in (self.en, self.zh):
            if name in table:
                return table[name]
        lowered = self._lowered_en
        if name.lower() in lowered:
            return lowered[name.lower()]
        bare = strip_legal_suffix(name)  # "Amazon Web Services, Inc." is Amazon
        return self.en.get(bare) or self.zh.get(bare) or lowered.get(bare.lower()) or bare

    @cached_property
    def _lowered_en(self) -> dict:
        """The English table by lower-cased alias, built once (canonical() runs per mention)."""
        return {k.lower(): v for k, v in self.en.items()}

    def aliases(self, lang: str) -> list[str]:
        """Every alias of one language, longest first (so longer names win)."""
        names = set(self.en) if lang == "en" else set(self.zh) | set(REGIONAL)
        return sorted(names, key=lambda s: (-len(s), s))


def strip_legal_suffix(name: str) -> str:
    """'Helios Compute, Inc.' -> 'Helios Compute'; '东北电气发展股份有限公司' -> '东北电气发展'.

    A name that is nothing but suffix words ('Holdings Group', '公司') keeps its last
    non-empty form: an empty name would match every other empty name downstream.
    """
    while True:
        stripped = LEGAL_SUFFIX.sub("", name).strip(" ,")
        if stripped == name or not stripped:
            return name
        name = stripped


def load_entity_table(path: Path) -> EntityTable:
    en, zh, tickers, ciks, tiers = {}, {}, {}, {}, {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for lineno, row in enumerate(csv.DictReader(fh), 2):
                canonical = (row.get("canonical") or "").strip()
                if not canonical:
                    raise RuleError(str(path), lineno, None, "row without a canonical name")
                en[canonical] = canonical
                for alias in filter(None, (row.get("aliases_en") or "").split("|")):
                    en[alias.strip()] = canonical
                for alias in filter(None, (row.get("aliases_zh") or "").split("|")):
                    zh[alias.strip()] = canonical
                if row.get("ticker"):
                    tickers[row["ticker"].strip()] = canonical
                if row.get("cik"):
                    ciks[int(row["cik"])] = canonical
                if row.get("supplier_tier"):
                    tiers[canonical] = float(row["supplier_tier"])
    except (OSError, csv.Error, ValueError) as e:
        raise RuleError(str(path), None, None, f"cannot read entity table: {e}") from e
    return EntityTable(en=en, zh=zh, tickers=tickers, ciks=ciks, supplier_tier=tiers)
