"""Which deals an analysis looks at: --since, --status, --min-usd, --company.

since, status and min_usd choose the deals; company only chooses what is
shown (its edges, its loops, its rows), because a loop through a company runs
over edges that do not touch it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable

from pipeline.analyze.deals import Deal
from pipeline.errors import ConfigError
from pipeline.records import STATUSES

_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2}))?(?:[-/.](\d{1,2}))?")


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # normalized YYYY-MM-DD
    company: str | None = None
    statuses_excluded: frozenset[str] = frozenset()
    min_usd: Decimal | None = None

    def describe(self) -> str:
        """One line for the report: what was left out."""
        excluded = ", ".join(sorted(self.statuses_excluded))
        parts = [f"since {self.since}" if self.since else "",
                 f"company {self.company}" if self.company else "",
                 f"without {excluded}" if excluded else "",
                 f"min {self.min_usd:,} USD" if self.min_usd is not None else ""]
        return "; ".join(p for p in parts if p) or "none"


def make_filters(*, since: str | None = None, company: str | None = None,
                 statuses_excluded: Iterable[str] = (),
                 min_usd: Decimal | int | str | None = None) -> Filters:
    """Check the options and normalize them; a wrong value raises ConfigError."""
    if isinstance(statuses_excluded, str):
        statuses_excluded = (statuses_excluded,)
    excluded = frozenset(s.strip().lower() for s in statuses_excluded)
    unknown = sorted(excluded - set(STATUSES))
    if unknown:
        raise ConfigError(f"unknown status {', '.join(unknown)}; known: {', '.join(STATUSES)}")
    normalized = normalize_date(since) if since else None
    if since and not normalized:
        raise ConfigError(f"--since {since!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    return Filters(since=normalized, company=(company or "").strip() or None,
                   statuses_excluded=excluded, min_usd=_min_usd(min_usd))


def _min_usd(value: Decimal | int | str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation as e:
        raise ConfigError(f"--min-usd {value!r}: expected a number of USD") from e
    if not amount.is_finite() or amount < 0:
        raise ConfigError(f"--min-usd {value!r}: expected a number >= 0")
    return amount


def normalize_date(text: str) -> str | None:
    """"2023", "2023-07", "2023-07-27" -> "YYYY-MM-DD" (missing parts as 01); None if not a date."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    month, day = int(match.group(2) or 1), int(match.group(3) or 1)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{match.group(1)}-{month:02d}-{day:02d}"


def select(deals: Iterable[Deal], filters: Filters) -> tuple[Deal, ...]:
    """The deals that pass since, status and min_usd."""
    return tuple(d for d in deals if _keep(d, filters))


def _keep(deal: Deal, filters: Filters) -> bool:
    if deal.status in filters.statuses_excluded:
        return False
    if filters.since:
        # An undated deal cannot be shown to be recent enough.
        date = normalize_date(deal.doc_date) if deal.doc_date else None
        if date is None or date < filters.since:
            return False
    # An unstated amount is unknown, not small: it stays.
    if not deal.is_money or deal.amount_usd is None or filters.min_usd is None:
        return True
    return deal.amount_usd >= filters.min_usd

