"""Per company: money committed out and in, by type and status, and concentration.

Sums are of stated USD amounts (a rate per period counts one period, and is
counted in `per_period_deals`). A deal without a counterparty still counts in
its party's money out, against "(unnamed)".
"""
from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Iterable

import pandas as pd

from pipeline.analyze.deals import MONEY_TYPES, Deal, decimal_text
from pipeline.analyze.graph import SEP
from pipeline.records import STATUSES

UNNAMED = "(unnamed)"
TOP = 3
SHARE_PLACES = Decimal("0.0001")
DIRECTIONS = ("out", "in")


def exposure_frame(deals: Iterable[Deal], *, company: str | None = None) -> pd.DataFrame:
    """exposure.csv: one row per company, the most money out first."""
    deals = tuple(deals)
    companies = _companies(deals)
    rows = [_company_row(name, deals) for name in companies
            if not company or name.casefold() == company.casefold()]
    rows.sort(key=lambda r: (-Decimal(r["out_usd"] or 0), -Decimal(r["in_usd"] or 0), r["company"]))
    return pd.DataFrame(rows, columns=exposure_columns(), dtype=object)


def exposure_columns() -> list[str]:
    columns = ["company", "deals_out", "deals_in", "out_usd", "in_usd",
               "unstated_out", "unstated_in", "per_period_deals"]
    for direction in DIRECTIONS:
        columns += [f"{direction}_{t}_usd" for t in MONEY_TYPES]
        columns += [f"{direction}_{s}_usd" for s in STATUSES]
    columns += ["top_out", "top_out_share", "top_in", "top_in_share", "documents", "languages"]
    return columns


def _companies(deals: tuple[Deal, ...]) -> list[str]:
    names = {d.party for d in deals if d.party}
    names |= {d.counterparty for d in deals if d.is_money and d.counterparty}
    return sorted(names, key=lambda n: (n.casefold(), n))


def _sides(name: str, deals: tuple[Deal, ...]) -> dict[str, list[tuple[Deal, str]]]:
    """The company's money deals by direction, each with the other side's name."""
    sides: dict[str, list[tuple[Deal, str]]] = {"out": [], "in": []}
    for deal in deals:
        if not deal.is_money:
            continue
        if deal.party == name:
            sides["out"].append((deal, deal.counterparty or UNNAMED))
        if deal.counterparty == name:
            sides["in"].append((deal, deal.party or UNNAMED))
    return sides


def _company_row(name: str, deals: tuple[Deal, ...]) -> dict[str, object]:
    sides = _sides(name, deals)
    mine = [d for d in deals if name in (d.party, d.counterparty)]
    row: dict[str, object] = {"company": name}
    for direction, pairs in sides.items():
        row[f"deals_{direction}"] = len(pairs)
        row[f"{direction}_usd"] = decimal_text(_total(d for d, _ in pairs))
        row[f"unstated_{direction}"] = sum(d.amount_usd is None for d, _ in pairs)
        for event_type in MONEY_TYPES:
            row[f"{direction}_{event_type}_usd"] = decimal_text(
                _total(d for d, _ in pairs if d.event_type == event_type))
        for status in STATUSES:
            row[f"{direction}_{status}_usd"] = decimal_text(
                _total(d for d, _ in pairs if d.status == status))
        top, share = concentration(pairs)
        row[f"top_{direction}"], row[f"top_{direction}_share"] = top, share
    row["per_period_deals"] = sum(bool(d.per_period) for d in mine if d.is_money)
    row["documents"] = len({doc for d in mine for doc in d.doc_ids})
    row["languages"] = SEP.join(sorted({lang for d in mine for lang in d.languages}))
    return row


def _total(deals: Iterable[Deal]) -> Decimal:
    return sum((d.amount_usd for d in deals if d.amount_usd is not None), Decimal(0))


def concentration(pairs: list[tuple[Deal, str]]) -> tuple[str, str]:
    """The TOP largest other sides with their share of the stated total, and the largest share."""
    by_other: dict[str, Decimal] = defaultdict(Decimal)
    for deal, other in pairs:
        if deal.amount_usd is not None:
            by_other[other] += deal.amount_usd
    total = sum(by_other.values(), Decimal(0))
    if not total:
        return "", ""
    ranked = sorted(by_other.items(), key=lambda kv: (-kv[1], kv[0]))
    shares = [(other, share(amount, total)) for other, amount in ranked[:TOP]]
    return SEP.join(f"{other} {s}" for other, s in shares), str(shares[0][1])


def share(part: Decimal, total: Decimal) -> Decimal:
    """part / total to four places (0.6250), rounded half to even."""
    return (part / total).quantize(SHARE_PLACES, rounding=ROUND_HALF_EVEN)
