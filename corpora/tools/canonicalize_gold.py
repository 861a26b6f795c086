"""Rewrite gold party/counterparty names to the canonical names of rules/entities.csv.

The alias table grows; gold written before a company was added names it as
written ("廣達電腦"), which the guideline says must be the canonical name ("Quanta").
Only exact aliases are rewritten; unknown names stay as they are.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from pipeline.rules import default_rules  # noqa: E402


def canonical(name, table, region):
    if not name:
        return name
    if name in table.en or name in table.zh or name == "超微":
        return table.canonical(name, region=region)
    return name


def main(paths):
    table = default_rules().entities
    for path in map(Path, paths):
        out, changed = [], 0
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            for ev in doc["events"]:
                for key in ("party", "counterparty"):
                    new = canonical(ev.get(key), table, doc.get("region"))
                    if new != ev.get(key):
                        print(f"{doc['doc_id']}: {ev.get(key)} -> {new}")
                        ev[key], changed = new, changed + 1
            out.append(json.dumps(doc, ensure_ascii=False))
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
        print(f"{path}: {changed} name(s) rewritten")


if __name__ == "__main__":
    main(sys.argv[1:])
