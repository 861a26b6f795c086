"""The one schema: every record a stage takes or gives.

A raw document becomes a Document (its text); a Document yields Sentences; a
Sentence yields Mentions (entities, triggers, amounts, lives ...); Mentions are
assembled into Events; an Event written out is a ledger row. Every record from
the Document on carries `doc_id` and character offsets into the document text.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal


@dataclass(frozen=True)
class DocMeta:
    """What a sidecar `<stem>.meta.json`, a gold line or EDGAR says about a document."""

    filer: str | None = None
    doc_kind: str | None = None
    doc_date: str | None = None
    source_url: str | None = None
    lang: str | None = None
    region: str | None = None  # "mainland", "tw", "hk": decides bare 超微
    currency: str | None = None  # default currency for bare 亿 amounts


@dataclass(frozen=True)
class Section:
    """A titled stretch of a filing (Item 7, Item 1.01 ...)."""

    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    doc_id: str
    text: str
    source: str
    meta: DocMeta = field(default_factory=DocMeta)
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Amount:
    """A money amount; all numbers in units of `currency` (Decimal, never float)."""

    text: str
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    currency: str | None = None
    per_period: str | None = None


@dataclass(frozen=True)
class Life:
    """A useful-life statement: old and/or new life in years."""

    text: str
    old_years: Decimal | None = None
    new_years: Decimal | None = None


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    start: int
    end: int
    text: str
    lang: str


@dataclass(frozen=True)
class Mention:
    """A span the matchers found in a sentence.

    kind: "entity" (value = canonical name), "filer" (first person),
    "generic" (a generic counterparty phrase), "trigger" (value = event_type),
    "amount" (value = Amount), "life" (value = Life), "date", "cue" (value =
    cue class: status, negation, total, passive, role preposition, break ...).
    """

    doc_id: str
    start: int
    end: int
    text: str
    kind: str
    value: object = None
    rule_id: str | None = None


@dataclass(frozen=True)
class Event:
    """One deal: a ledger row before it is written."""

    event_type: str
    party: str | None
    counterparty: str | None
    doc_id: str
    rule_id: str
    sentence: str
    char_start: int
    char_end: int
    language: str
    party_text: str | None = None
    counterparty_text: str | None = None
    amount: Decimal | None = None
    amount_low: Decimal | None = None
    amount_high: Decimal | None = None
    currency: str | None = None
    amount_text: str | None = None
    per_period: str | None = None
    asset_class: str | None = None
    life_old_years: Decimal | None = None
    life_new_years: Decimal | None = None
    effective: str | None = None
    status: str | None = None
    source: str | None = None
    doc_date: str | None = None
    section: str | None = None
    mentions: int = 1
    event_id: str = ""
    deal_id: str = ""


EVENT_TYPES = ("investment", "credit", "purchase_agreement", "depreciation_change")
STATUSES = ("completed", "agreed", "planned", "reported")

# The ledger's column order: LEDGER.md's columns, then ours (section).
LEDGER_COLUMNS = (
    "event_id", "event_type", "party", "counterparty", "party_text", "counterparty_text",
    "amount", "amount_low", "amount_high", "currency", "amount_text", "per_period",
    "asset_class", "life_old_years", "life_new_years", "effective", "status", "language",
    "doc_id", "source", "doc_date", "sentence", "char_start", "char_end", "rule_id",
    "mentions", "deal_id", "section",
)
assert set(LEDGER_COLUMNS) == {f.name for f in fields(Event)}
