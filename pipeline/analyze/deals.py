"""Ledger rows to deals: rows sharing a `deal_id` are one deal, counted once.

A 10-K row and a Chinese commentary row about the same contract carry one
`deal_id`; every analysis counts the deal once, keeps the best-stated amount
and the most specific status, and lists every row behind it.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from pipeline.analyze.fx import Rates, to_usd
from pipeline.analyze.load import LedgerRow
from pipeline.records import Event

MONEY_TYPES = ("investment", "credit", "purchase_agreement")
# Most specific first: a deal one source calls completed is completed.
STATUS_RANK = {"completed": 0, "agreed": 1, "planned": 2, "reported": 3, "": 4}
# Which column the amount was read from, best first.
AMOUNT_BASES = ("amount", "amount_high", "amount_low")


@dataclass(frozen=True)
class Deal:
    """One deal, merged from the ledger rows that describe it."""

    deal_key: str
    event_type: str
    party: str | None
    counterparty: str | None
    status: str
    amount: Decimal | None
    amount_basis: str  # the column `amount` came from, "" when none is stated
    currency: str
    per_period: str  # "year", "quarter" ...: `amount` is a rate per this period
    amount_text: str
    amount_usd: Decimal | None
    asset_class: str
    life_old_years: Decimal | None
    life_new_years: Decimal | None
    effective: str
    doc_date: str  # the earliest date among its documents
    event_ids: tuple[str, ...]
    rows: tuple[int, ...]
    sentences: tuple[str, ...]
    doc_ids: tuple[str, ...]
    languages: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def is_money(self) -> bool:
        return self.event_type in MONEY_TYPES


def chosen_amount(event: Event) -> tuple[Decimal | None, str]:
    """The amount to count and the column it came from: amount, else high, else low."""
    for basis in AMOUNT_BASES:
        value = getattr(event, basis)
        if value is not None:
            return value, basis
    return None, ""


def build_deals(rows: Iterable[LedgerRow], rates: Rates) -> tuple[Deal, ...]:
    """Group rows by `deal_id` (else `event_id`) and merge each group, in ledger order."""
    groups: dict[str, list[LedgerRow]] = {}
    for row in rows:
        groups.setdefault(deal_key(row), []).append(row)
    return tuple(_merge(key, group, rates) for key, group in groups.items())


def deal_key(row: LedgerRow) -> str:
    event = row.event
    if event.deal_id:
        return f"deal:{event.deal_id}"
    return f"event:{event.event_id}" if event.event_id else f"row:{row.row}"


def _preference(row: LedgerRow) -> tuple[int, int, int]:
    basis = chosen_amount(row.event)[1]
    basis_rank = AMOUNT_BASES.index(basis) if basis else len(AMOUNT_BASES)
    return basis_rank, STATUS_RANK[row.event.status], row.row


def _merge(key: str, group: list[LedgerRow], rates: Rates) -> Deal:
    ordered = sorted(group, key=_preference)
    best = ordered[0].event
    events = [r.event for r in ordered]
    amount, basis = chosen_amount(best)
    currency = (best.currency or "").upper()
    return Deal(
        deal_key=key,
        event_type=best.event_type,
        party=_first(e.party for e in events),
        counterparty=_first(e.counterparty for e in events),
        status=min((e.status for e in events), key=STATUS_RANK.__getitem__),
        amount=amount,
        amount_basis=basis,
        currency=currency,
        per_period=best.per_period or "",
        amount_text=best.amount_text or "",
        amount_usd=to_usd(amount, currency, rates),
        asset_class=_first(e.asset_class for e in events) or "",
        life_old_years=_first(e.life_old_years for e in events),
        life_new_years=_first(e.life_new_years for e in events),
        effective=_first(e.effective for e in events) or "",
        doc_date=min((e.doc_date for e in events if e.doc_date), default=""),
        event_ids=_unique(r.event.event_id for r in group),
        rows=tuple(r.row for r in group),
        sentences=_unique(r.event.sentence for r in group),
        doc_ids=_unique(r.event.doc_id for r in group),
        languages=tuple(sorted(set(_unique(r.event.language for r in group)))),
        sources=_unique(r.event.source for r in group),
    )


def _first(values: Iterable[object]):
    return next((v for v in values if v not in (None, "")), None)


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def decimal_text(value: Decimal | None) -> str:
    """A Decimal as plain digits (no exponent, no trailing zeros); "" for None."""
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
