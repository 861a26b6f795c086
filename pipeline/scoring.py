"""Score predicted events against gold events (LEDGER.md "Scoring"). Pure functions.

An extracted event matches a gold event of the same document when event_type,
party and counterparty agree (case-insensitive, legal suffixes removed); the
matching is one-to-one. Matched pairs are scored again on the slots: amount
(within 0.5%, or the range), currency, life_old_years, life_new_years.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .entities import strip_legal_suffix
from .records import Event

AMOUNT_TOLERANCE = Decimal("0.005")
SLOTS = ("amount", "currency", "life_old_years", "life_new_years")


def norm_name(name: str | None) -> str:
    return strip_legal_suffix(name).casefold().strip() if name else ""


def event_key(e: Event) -> tuple:
    return e.doc_id, e.event_type, norm_name(e.party), norm_name(e.counterparty)


def _value(e: Event) -> Decimal | None:
    return e.amount if e.amount is not None else (e.amount_high if e.amount_high is not None else e.amount_low)


def _close(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= max(abs(a), abs(b)) * AMOUNT_TOLERANCE


def amount_ok(pred: Event, gold: Event) -> bool:
    """Within 0.5%, or inside the gold range, or the same range."""
    g, p = _value(gold), _value(pred)
    if g is None and gold.amount_low is None:
        return p is None
    if p is None:
        return False
    if gold.amount_low is not None and gold.amount_high is not None and gold.amount is None:
        if pred.amount_low is not None and pred.amount_high is not None:
            return _close(pred.amount_low, gold.amount_low) and _close(pred.amount_high, gold.amount_high)
        return gold.amount_low <= p <= gold.amount_high
    return _close(p, g)


def slot_results(pred: Event, gold: Event) -> dict[str, bool]:
    """Per slot: does the prediction agree with gold? Currency counts only where gold has an amount."""
    has_amount = _value(gold) is not None
    return {
        "amount": amount_ok(pred, gold),
        "currency": (pred.currency or None) == (gold.currency or None) if has_amount else True,
        "life_old_years": _same_number(pred.life_old_years, gold.life_old_years),
        "life_new_years": _same_number(pred.life_new_years, gold.life_new_years),
    }


def _same_number(a, b) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and Decimal(str(a)) == Decimal(str(b)))


@dataclass
class Match:
    pred: Event
    gold: Event
    slots: dict

    @property
    def full(self) -> bool:
        return all(self.slots.values())


@dataclass
class Alignment:
    matches: list[Match] = field(default_factory=list)
    false_positives: list[Event] = field(default_factory=list)
    false_negatives: list[Event] = field(default_factory=list)


def align(preds: list[Event], golds: list[Event]) -> Alignment:
    """One-to-one matching by key; among candidates, the pair agreeing on most slots first."""
    out = Alignment()
    gold_by_key: dict[tuple, list[Event]] = defaultdict(list)
    for g in golds:
        gold_by_key[event_key(g)].append(g)
    pred_by_key: dict[tuple, list[Event]] = defaultdict(list)
    for p in preds:
        pred_by_key[event_key(p)].append(p)
    for key, ps in pred_by_key.items():
        gs = list(gold_by_key.get(key, []))
        pairs = sorted(((sum(slot_results(p, g).values()), i, j) for i, p in enumerate(ps) for j, g in enumerate(gs)),
                       reverse=True)
        used_p, used_g = set(), set()
        for _, i, j in pairs:
            if i not in used_p and j not in used_g:
                used_p.add(i), used_g.add(j)
                out.matches.append(Match(ps[i], gs[j], slot_results(ps[i], gs[j])))
        out.false_positives += [p for i, p in enumerate(ps) if i not in used_p]
        gold_by_key[key] = [g for j, g in enumerate(gs) if j not in used_g]
    out.false_negatives = [g for gs in gold_by_key.values() for g in gs]
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred, "gold": n_gold}


def summarize(al: Alignment) -> dict:
    """Event-level and event+slot-level P/R/F1 and per-slot accuracy for one alignment."""
    n_pred = len(al.matches) + len(al.false_positives)
    n_gold = len(al.matches) + len(al.false_negatives)
    slots = {s: round(sum(m.slots[s] for m in al.matches) / len(al.matches), 4) if al.matches else None for s in SLOTS}
    return {"event": prf(len(al.matches), n_pred, n_gold),
            "event_slots": prf(sum(m.full for m in al.matches), n_pred, n_gold),
            "slot_accuracy": slots}


def _subset(al: Alignment, keep) -> Alignment:
    return Alignment([m for m in al.matches if keep(m.gold)], [p for p in al.false_positives if keep(p)],
                     [g for g in al.false_negatives if keep(g)])


def score(al: Alignment, *, event_types, languages) -> dict:
    """Overall, per event_type, per language, and per rule_id."""
    return {
        "overall": summarize(al),
        "by_event_type": {t: summarize(_subset(al, lambda e, t=t: e.event_type == t)) for t in event_types},
        "by_language": {lang: summarize(_subset(al, lambda e, lang=lang: e.language == lang)) for lang in languages},
        "by_rule": per_rule(al),
    }


def per_rule(al: Alignment) -> dict:
    """Each rule's events: how many, how many right (precision), how many wrong, and right with full slots."""
    rules: dict[str, dict] = defaultdict(lambda: {"events": 0, "correct": 0, "wrong": 0, "full_slots": 0})
    for m in al.matches:
        r = rules[m.pred.rule_id]
        r["events"] += 1
        r["correct"] += 1
        r["full_slots"] += m.full
    for p in al.false_positives:
        rules[p.rule_id]["events"] += 1
        rules[p.rule_id]["wrong"] += 1
    for r in rules.values():
        r["precision"] = round(r["correct"] / r["events"], 4) if r["events"] else None
    return dict(sorted(rules.items()))
