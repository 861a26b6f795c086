"""Check gold annotation files: JSON per line, doc text present, evidence verbatim, known keys."""
import json
import sys
from pathlib import Path

TYPES = {"investment", "credit", "purchase_agreement", "depreciation_change"}
EVENT_KEYS = {"event_type", "party", "counterparty", "amount", "amount_low", "amount_high", "currency",
              "per_period", "asset_class", "life_old_years", "life_new_years", "effective", "status", "evidence"}
DOC_KEYS = {"doc_id", "lang", "doc_kind", "filer", "source_url", "doc_date", "events", "text", "region", "currency"}
STATUSES = {None, "completed", "agreed", "planned", "reported"}


def check(path: Path) -> int:
    # gold files sit in corpora/annotated/, drafts in corpora/annotated/incoming/: texts are in annotated/docs
    docs_dir = next((d for d in (path.parent / "docs", path.parent.parent / "docs") if d.is_dir()), path.parent / "docs")
    problems = 0
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{lineno}"
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as e:
            print(f"{where}: bad JSON: {e}"); problems += 1; continue
        extra = set(doc) - DOC_KEYS
        if extra:
            print(f"{where}: unknown document keys {extra}"); problems += 1
        text = doc.get("text")
        if text is None:
            txt = docs_dir / f"{doc['doc_id']}.txt"
            if not txt.exists():
                print(f"{where}: missing {txt}"); problems += 1; continue
            text = txt.read_text(encoding="utf-8")
        if doc.get("lang") not in ("en", "zh"):
            print(f"{where}: lang must be en or zh"); problems += 1
        for i, ev in enumerate(doc.get("events", [])):
            tag = f"{where} event {i}"
            if set(ev) - EVENT_KEYS:
                print(f"{tag}: unknown keys {set(ev) - EVENT_KEYS}"); problems += 1
            if ev.get("event_type") not in TYPES:
                print(f"{tag}: bad event_type {ev.get('event_type')}"); problems += 1
            if not ev.get("party"):
                print(f"{tag}: party missing"); problems += 1
            if ev.get("status") not in STATUSES:
                print(f"{tag}: bad status {ev.get('status')}"); problems += 1
            if ev.get("evidence") not in text:
                print(f"{tag}: evidence is not a verbatim substring: {ev.get('evidence')!r}"); problems += 1
            for key in ("amount", "amount_low", "amount_high", "life_old_years", "life_new_years"):
                if ev.get(key) is not None and not isinstance(ev[key], (int, float)):
                    print(f"{tag}: {key} must be a number"); problems += 1
    return problems


if __name__ == "__main__":
    total = sum(check(Path(p)) for p in sys.argv[1:])
    print(f"{total} problem(s)")
    sys.exit(1 if total else 0)
