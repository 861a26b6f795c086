"""Fix the dev/test split of the annotated corpus: by a hash of doc_id, never by hand.

A document goes to `test` when the first hex digit of sha1(doc_id) is below 5
(5/16, about 31%), else to `dev`. New annotations dropped into
`corpora/annotated/incoming/*.jsonl` are sorted into the two files by the same rule.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from .settings import ROOT


def split_of(doc_id: str) -> str:
    return "test" if int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[0], 16) < 5 else "dev"


def resplit(annotated: Path) -> dict[str, int]:
    lines: dict[str, str] = {}
    sources = [annotated / "dev.jsonl", annotated / "test.jsonl", *sorted((annotated / "incoming").glob("*.jsonl"))]
    for path in sources:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    lines[json.loads(line)["doc_id"]] = line.strip()
    out: dict[str, list[str]] = {"dev": [], "test": []}
    for doc_id in sorted(lines):
        out[split_of(doc_id)].append(lines[doc_id])
    for name, rows in out.items():
        (annotated / f"{name}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return {name: len(rows) for name, rows in out.items()}


if __name__ == "__main__":
    print(resplit(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "corpora" / "annotated"))
