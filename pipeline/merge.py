"""Merge repeated mentions within a document; give stable event and deal ids."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from decimal import Decimal

from .entities import strip_legal_suffix
from .records import Event


def _conflicts(a: Event, b: Event) -> bool:
    """Two amounts, or two old or new lives, that disagree make two events ('服务器由4年调至6年，网络设备由5年调至6年')."""
    if a.amount_text and b.amount_text:
        va = a.amount or a.amount_high or a.amount_low
        vb = b.amount or b.amount_high or b.amount_low
        if va and vb and abs(va - vb) > max(va, vb) * Decimal("0.005"):
            return True
    return any(x and y and x != y for x, y in ((a.life_new_years, b.life_new_years), (a.life_old_years, b.life_old_years)))


def merge_in_document(events: list[Event]) -> list[Event]:
    """One row per deal per document: the first evidence, a `mentions` count, gaps filled."""
    merged: list[Event] = []
    rows: dict[tuple, list[int]] = {}  # (type, party, counterparty) -> its rows in `merged`, in order
    for event in events:
        indices = rows.setdefault((event.event_type, event.party, event.counterparty), [])
        i = next((i for i in indices if not _conflicts(merged[i], event)), None)
        if i is None:
            indices.append(len(merged))
            merged.append(event)
        else:
            merged[i] = _fill(merged[i], event)
    return merged


def _fill(first: Event, later: Event) -> Event:
    """Keep the first mention, counting the later one; take slots it lacks from the later one.
    A useful-life change told first without its lives ("from our change in the estimated useful life") is
    better evidenced by the mention that states them: that one is kept."""
    if first.life_new_years is None and later.life_new_years is not None:
        first, later = replace(later, mentions=first.mentions), first
    slots = ("amount", "amount_low", "amount_high", "currency", "amount_text", "per_period",
             "asset_class", "life_old_years", "life_new_years", "effective")
    updates = {s: getattr(later, s) for s in slots if getattr(first, s) is None and getattr(later, s) is not None}
    if updates.get("amount_text"):  # an amount comes whole, never half from each mention
        updates.update({s: getattr(later, s) for s in slots[:6]})
    return replace(first, mentions=first.mentions + 1, **updates)


def _key(*parts) -> str:
    return hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def deal_key(event: Event) -> str:
    """Rows about the same deal share this: type, both sides, and the amount rounded to 2 digits."""
    value = event.amount or event.amount_high or event.amount_low
    rounded = f"{value:.2e}" if value else ""
    return _key(event.event_type, _norm(event.party), _norm(event.counterparty), rounded if event.event_type != "depreciation_change"
                else event.life_new_years)


def _norm(name: str | None) -> str:
    return strip_legal_suffix(name).casefold() if name else ""


def with_ids(event: Event) -> Event:
    """event_id from the document and the evidence span: the same input gives the same id."""
    return replace(event, event_id=_key(event.doc_id, event.event_type, event.party, event.counterparty,
                                        event.char_start, event.char_end),
                   deal_id=deal_key(event))


def link_deals(events: list[Event]) -> list[Event]:
    """Rows without an amount join the deal of a row with one (same type and sides), if only one exists."""
    links = DealLinks()
    for e in events:
        links.add(e)
    out = []
    for e in events:
        key = link_key(e)
        deal = links.deal_for(key) if key else None
        out.append(e if deal is None else replace(e, deal_id=deal))
    return out


def link_key(event: Event) -> bytes | None:
    """The key under which a row without an amount looks for its deal; None: the row keeps its own."""
    if event.amount_text or event.event_type == "depreciation_change":
        return None
    return _sides(event)


def _sides(event: Event) -> bytes:
    """Type and both sides as a 16-byte digest: the index stays small however long the names."""
    text = "\x1f".join((event.event_type, _norm(event.party), _norm(event.counterparty)))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class DealLinks:
    """What `link_deals` needs to know, filled one row at a time: for each type and sides, the one
    deal_id of the rows with an amount (None once there are two), so a ledger can be linked in a
    second pass without holding its rows."""

    def __init__(self) -> None:
        self._deals: dict[bytes, str | None] = {}

    def add(self, event: Event) -> None:
        if event.amount_text:
            key = _sides(event)
            known = self._deals.get(key, event.deal_id)
            self._deals[key] = event.deal_id if known == event.deal_id else None

    def deal_for(self, key: bytes) -> str | None:
        """The deal a row with this `link_key` joins, or None when there is none or more than one."""
        return self._deals.get(key)

    def __len__(self) -> int:
        return len(self._deals)
