"""Read gold annotations (LEDGER.md "Gold format") into Documents and Events."""
from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .errors import DealLedgerError
from .records import DocMeta, Document, Event

SPLITS = ("dev", "test")


@dataclass(frozen=True)
class GoldDoc:
    doc: Document
    lang: str
    events: tuple[Event, ...]


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def gold_event(raw: dict, *, doc_id: str, lang: str, text: str) -> Event:
    """A gold event as the one Event schema; its evidence locates it in the text."""
    evidence = raw.get("evidence") or ""
    start = text.find(evidence) if evidence else -1
    if evidence and start < 0:
        raise ValueError(f"evidence is not in the text of {doc_id}: {evidence[:60]!r}")
    return Event(
        event_type=raw["event_type"], party=raw.get("party"), counterparty=raw.get("counterparty"),
        doc_id=doc_id, rule_id="gold", sentence=evidence, char_start=max(start, 0),
        char_end=max(start, 0) + len(evidence), language=lang,
        amount=_decimal(raw.get("amount")), amount_low=_decimal(raw.get("amount_low")),
        amount_high=_decimal(raw.get("amount_high")), currency=raw.get("currency"),
        per_period=raw.get("per_period"), asset_class=raw.get("asset_class"),
        life_old_years=_decimal(raw.get("life_old_years")), life_new_years=_decimal(raw.get("life_new_years")),
        effective=raw.get("effective"), status=raw.get("status"),
    )


def read_gold(path: Path) -> list[GoldDoc]:
    """One JSON object per line; text inline or in docs/<doc_id>.txt beside the file."""
    docs = []
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            text = raw.get("text")
            if text is None:
                text = (Path(path).parent / "docs" / f"{raw['doc_id']}.txt").read_text(encoding="utf-8")
            meta = DocMeta(filer=raw.get("filer"), doc_kind=raw.get("doc_kind"), doc_date=raw.get("doc_date"),
                           source_url=raw.get("source_url"), lang=raw.get("lang"), region=raw.get("region"),
                           currency=raw.get("currency"))
            doc = Document(raw["doc_id"], text, f"{path}:{lineno}", meta)
            events = tuple(gold_event(e, doc_id=raw["doc_id"], lang=raw["lang"], text=text) for e in raw.get("events", []))
        except (OSError, KeyError, ValueError, TypeError) as e:
            raise DealLedgerError(f"{path}:{lineno}: bad gold line: {type(e).__name__}: {e}") from e
        docs.append(GoldDoc(doc, raw["lang"], events))
    return docs


def load_split(annotated_dir: Path, split: str) -> list[GoldDoc]:
    names = SPLITS if split == "all" else (split,)
    return [d for name in names for d in read_gold(Path(annotated_dir) / f"{name}.jsonl")]
