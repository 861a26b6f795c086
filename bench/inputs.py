"""The benchmark's inputs, built reproducibly from a seed into a cache folder.

English and Chinese text: the annotated and bundled corpora, "repeated and
varied" (company names swapped, amounts scaled, paragraphs shuffled) and
written as many ~50 KB files, one at a time, so nothing holds the corpus in
memory. HTML: the real 10-K/10-Q files of ../shared/fixtures/edgar (else
generated ones), each beside its extracted text. PDF: a generated 100+ page
report. A manifest records what was built; the same seed and sources reuse it.
"""
from __future__ import annotations

import csv
import hashlib
import json
import random
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANNOTATED = ROOT / "corpora" / "annotated"
BUNDLED = ROOT / "corpora" / "bundled"
ENTITIES = ROOT / "rules" / "entities.csv"
FIXTURES = ROOT.parent / "shared" / "fixtures" / "edgar"
DEFAULT_CACHE = ROOT / "outputs" / "bench" / "inputs"

BUILDER_VERSION = 1  # bump when the builder's output changes for the same seed
FILE_BYTES = 50_000
MB = 1_000_000

# Fixture filings whose filer and form the file name tells.
FILING_META = {
    "nvda-10-k-2025-02-26": {"filer": "NVIDIA", "doc_kind": "10-K", "doc_date": "2025-02-26"},
    "nvda-10-q-2025-08-27": {"filer": "NVIDIA", "doc_kind": "10-Q", "doc_date": "2025-08-27"},
    "meta-10-k-2025-01-30": {"filer": "Meta", "doc_kind": "10-K", "doc_date": "2025-01-30"},
    "amzn-10-k-2025-02-07": {"filer": "Amazon", "doc_kind": "10-K", "doc_date": "2025-02-07"},
    "googl-10-k-2025-02-05": {"filer": "Alphabet", "doc_kind": "10-K", "doc_date": "2025-02-05"},
    "Oracle.10-Q": {"filer": "Oracle", "doc_kind": "10-Q"},
    "Oracle.8-K": {"filer": "Oracle", "doc_kind": "8-K"},
    "nvda-20260302": {"filer": "NVIDIA", "doc_kind": "8-K", "doc_date": "2026-03-02"},
    "meta-20251219": {"filer": "Meta", "doc_kind": "8-K", "doc_date": "2025-12-19"},
}

# A number that is an amount: after a currency sign, or before a scale or currency word.
_AMOUNT_NUMBER = re.compile(
    r"(?<=[$€£¥])\d[\d,]*(?:\.\d+)?"
    r"|\d[\d,]*(?:\.\d+)?(?=\s?(?:billion|million|trillion|thousand|bn|亿|億|万|萬|美元|元))")
_FACTORS = (Decimal("0.5"), Decimal("0.75"), Decimal("1.25"), Decimal("1.5"), Decimal("2"), Decimal("3"))
_LATIN1 = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                         "\u2014": "-", "\u2026": "...", "\u00a0": " ", "\u2022": "*"})


@dataclass(frozen=True)
class Sizes:
    """How much of each input to build (MB are 10^6 bytes of UTF-8 text)."""

    en_mb: float = 20.0
    zh_mb: float = 5.0
    en_large_mb: float = 100.0  # the memory-growth run reads en/ plus en_more/ up to this
    pdf_pages: int = 120


QUICK = Sizes(en_mb=1.0, zh_mb=0.3, en_large_mb=3.0, pdf_pages=12)


@dataclass(frozen=True)
class SourceDoc:
    name: str
    text: str


# ---- sources -------------------------------------------------------------------------------


def source_docs(lang: str, *, annotated: Path = ANNOTATED, bundled: Path = BUNDLED) -> list[SourceDoc]:
    """The texts of one language: gold documents (language from the gold files) and bundled ones."""
    docs = []
    for split in ("dev.jsonl", "test.jsonl"):
        path = annotated / split
        for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else ():
            gold = json.loads(line)
            doc = annotated / "docs" / f"{gold['doc_id']}.txt"
            if gold.get("lang") == lang and doc.is_file():
                docs.append(SourceDoc(gold["doc_id"], doc.read_text(encoding="utf-8")))
    docs += [SourceDoc(name, text) for name, text, doc_lang in _bundled_docs(bundled) if doc_lang == lang]
    return sorted(docs, key=lambda d: d.name)


def _bundled_docs(folder: Path) -> Iterator[tuple[str, str, str]]:
    """(name, text, lang) of each readable bundled document; lang from its sidecar, else detected."""
    from pipeline.errors import DocumentError
    from pipeline.language import detect_lang
    from pipeline.read import iter_document_paths, read_document

    if not folder.is_dir():
        return
    for path in iter_document_paths([folder]):
        if path.suffix.lower() in (".txt", ".md", ".html", ".htm"):
            try:
                doc = read_document(path)
            except DocumentError:
                continue  # the bundled corpus is being written: skip what does not read yet
            yield f"bundled:{path.stem}", doc.text, doc.meta.lang or detect_lang(doc.text[:5000])


def company_names(path: Path = ENTITIES) -> dict[str, list[str]]:
    """Names to swap, per language: English canonical names and aliases (4+ characters), Chinese aliases."""
    en, zh = set(), set()
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            en.update(n.strip() for n in [row["canonical"], *(row.get("aliases_en") or "").split("|")]
                      if len(n.strip()) >= 4)
            zh.update(n.strip() for n in (row.get("aliases_zh") or "").split("|") if n.strip())
    return {"en": sorted(en), "zh": sorted(zh)}


# ---- variation -----------------------------------------------------------------------------


class Varier:
    """Makes a new, realistic variant of a text on each call, from one seeded generator."""

    def __init__(self, names: list[str], rng: random.Random):
        self.names = names
        self.rng = rng
        latin = [n for n in names if n.isascii()]
        parts = [rf"(?<![\w]){re.escape(n)}(?![\w])" for n in sorted(latin, key=len, reverse=True)]
        parts += [re.escape(n) for n in sorted(set(names) - set(latin), key=len, reverse=True)]
        # Python's re tries every alternative at every position: a lookahead on the
        # names' first characters makes most positions fail at once (~50x faster).
        first = re.escape("".join(sorted({n[0] for n in names})))
        self.pattern = re.compile(f"(?=[{first}])(?:{'|'.join(parts)})") if parts else None

    def __call__(self, text: str) -> str:
        text = swap_names(text, self.pattern, self._permutation())
        text = scale_amounts(text, self.rng.choice(_FACTORS))
        return shuffle_paragraphs(text, self.rng)

    def _permutation(self) -> dict[str, str]:
        shuffled = list(self.names)
        self.rng.shuffle(shuffled)
        return dict(zip(self.names, shuffled))


def swap_names(text: str, pattern: re.Pattern | None, mapping: dict[str, str]) -> str:
    """Every name `pattern` finds replaced by its image under `mapping` (one pass: no chains)."""
    if pattern is None:
        return text
    return pattern.sub(lambda m: mapping.get(m.group(), m.group()), text)


def scale_amounts(text: str, factor: Decimal) -> str:
    """Amounts times `factor`, written as before: same decimals, thousands commas kept."""
    return _AMOUNT_NUMBER.sub(lambda m: _scaled(m.group(), factor), text)


def _scaled(number: str, factor: Decimal) -> str:
    digits = number.replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value = (Decimal(digits) * factor).quantize(Decimal(1).scaleb(-decimals))
    return f"{value:,.{decimals}f}" if "," in number else f"{value:.{decimals}f}"


def shuffle_paragraphs(text: str, rng: random.Random) -> str:
    """The text's non-blank lines in a shuffled order, one blank line between them."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    rng.shuffle(paragraphs)
    return "\n\n".join(paragraphs) + "\n"


# ---- writers -------------------------------------------------------------------------------


def write_corpus(folder: Path, docs: list[SourceDoc], *, lang: str, target_bytes: int, vary: Varier,
                 rng: random.Random, file_bytes: int = FILE_BYTES) -> dict:
    """Files of ~`file_bytes` of varied documents until `target_bytes` are written; one file in memory at a time."""
    if not docs:
        raise ValueError(f"no {lang} source documents to build the benchmark from")
    folder.mkdir(parents=True, exist_ok=True)
    written, files, order = 0, 0, []
    while written < target_bytes:
        parts, size = [], 0
        while size < min(file_bytes, target_bytes - written):
            if not order:
                order = list(range(len(docs)))
                rng.shuffle(order)
            part = vary(docs[order.pop()].text)
            parts.append(part)
            size += len(part.encode("utf-8")) + 1
        name = f"{lang}-{files:05d}"
        data = "\n".join(parts).encode("utf-8")
        (folder / f"{name}.txt").write_bytes(data)
        (folder / f"{name}.meta.json").write_text(json.dumps({"lang": lang}), encoding="utf-8")
        written += len(data)
        files += 1
    return {"files": files, "bytes": written}


def write_filings(html_dir: Path, text_dir: Path, *, fixtures: Path, docs: list[SourceDoc],
                  rng: random.Random) -> dict:
    """The fixture filings as HTML and as the text our reader makes of them (same sidecars);
    generated HTML filings when the fixtures are absent."""
    from pipeline.read import read_document

    html_dir.mkdir(parents=True, exist_ok=True)
    text_dir.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in fixtures.glob("*.htm*") if "-index" not in p.name) if fixtures.is_dir() else []
    if sources:
        for path in sources:
            shutil.copyfile(path, html_dir / path.name)
            _write_sidecar(html_dir / path.name, FILING_META.get(path.stem, {}))
    else:
        for n in range(6):
            path = html_dir / f"generated-10-k-{n}.html"
            path.write_text(generated_filing(docs, rng), encoding="utf-8")
            _write_sidecar(path, {"doc_kind": "10-K"})
    html_bytes = text_bytes = 0
    for path in sorted(html_dir.glob("*.htm*")):
        text = read_document(path).text
        target = text_dir / f"{path.stem}.txt"
        target.write_text(text, encoding="utf-8")
        shutil.copyfile(path.with_name(path.stem + ".meta.json"), text_dir / f"{path.stem}.meta.json")
        html_bytes += path.stat().st_size
        text_bytes += target.stat().st_size
    return {"files": len(list(html_dir.glob("*.htm*"))), "bytes": html_bytes, "text_bytes": text_bytes,
            "real": bool(sources)}


def _write_sidecar(path: Path, meta: dict) -> None:
    path.with_name(path.stem + ".meta.json").write_text(json.dumps(meta), encoding="utf-8")


ITEM_TITLES = ("Business", "Risk Factors", "Properties", "Legal Proceedings", "Market for Common Equity",
               "Management's Discussion and Analysis", "Financial Statements", "Controls and Procedures")


def generated_filing(docs: list[SourceDoc], rng: random.Random, *, paragraphs: int = 1500) -> str:
    """A 10-K-like HTML page: item headings, paragraphs and a table of amounts per item."""
    body = []
    for item, title in enumerate(ITEM_TITLES, 1):
        body.append(f'<p style="font-weight:bold">Item {item}. {title}</p>')
        for _ in range(paragraphs // len(ITEM_TITLES)):
            line = rng.choice(rng.choice(docs).text.splitlines() or [""])
            body.append(f"<p><span>{_escape(line)}</span></p>")
        rows = "".join(f"<tr><td>Line {r}</td><td>$</td><td>{rng.randint(1, 99999):,}</td></tr>" for r in range(20))
        body.append(f"<table>{rows}</table>")
    return "<html><head><title>10-K</title></head><body>" + "\n".join(body) + "</body></html>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_pdf(path: Path, docs: list[SourceDoc], *, pages: int, rng: random.Random) -> dict:
    """A report of at least `pages` pages of varied English paragraphs (core font: Latin-1 text)."""
    from datetime import datetime, timezone

    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.set_creation_date(datetime(2025, 1, 1, tzinfo=timezone.utc))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    order: list[int] = []
    while pdf.page_no() < pages or pdf.get_y() < 100:
        if not order:
            order = list(range(len(docs)))
            rng.shuffle(order)
        for paragraph in docs[order.pop()].text.split("\n"):
            if paragraph.strip():
                text = paragraph.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")
                pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return {"pages": pdf.page_no(), "bytes": path.stat().st_size}


# ---- the whole set -------------------------------------------------------------------------


def build_inputs(root: Path = DEFAULT_CACHE, *, sizes: Sizes = Sizes(), seed: int = 0, force: bool = False,
                 keep: bool = False, annotated: Path = ANNOTATED, bundled: Path = BUNDLED,
                 fixtures: Path = FIXTURES, entities: Path = ENTITIES) -> dict:
    """Build (or reuse) every input under `root`; returns the manifest.

    `keep` reuses a built folder even if the sources changed since: to compare two
    versions of the code on the very same inputs.
    """
    manifest_path = root / "manifest.json"
    if keep and not force and manifest_path.is_file():
        return json.loads(manifest_path.read_text(encoding="utf-8"))
    en, zh = source_docs("en", annotated=annotated, bundled=bundled), source_docs("zh", annotated=annotated, bundled=bundled)
    key = {"builder": BUILDER_VERSION, "seed": seed, "sizes": asdict(sizes),
           "sources": _fingerprint(en + zh, fixtures, entities)}
    if not force and manifest_path.is_file():
        old = json.loads(manifest_path.read_text(encoding="utf-8"))
        if old.get("key") == key:
            return old
    if root.exists():
        shutil.rmtree(root)
    names = company_names(entities)
    built = {}
    for lang, docs, folder, mb, stream in (("en", en, "en", sizes.en_mb, "en"), ("zh", zh, "zh", sizes.zh_mb, "zh"),
                                           ("en", en, "en_more", sizes.en_large_mb - sizes.en_mb, "en_more")):
        rng = random.Random(f"{seed}:{stream}")
        built[folder] = write_corpus(root / folder, docs, lang=lang, target_bytes=int(mb * MB),
                                     vary=Varier(names[lang], rng), rng=rng) if mb > 0 else {"files": 0, "bytes": 0}
    built["html"] = write_filings(root / "html", root / "html_text", fixtures=fixtures, docs=en,
                                  rng=random.Random(f"{seed}:html"))
    pdf_rng = random.Random(f"{seed}:pdf")
    built["pdf"] = write_pdf(root / "pdf" / "report.pdf", en, pages=sizes.pdf_pages, rng=pdf_rng)
    built["pdf_warmup"] = write_pdf(root / "pdf" / "warmup.pdf", en, pages=3, rng=pdf_rng)
    manifest = {"key": key, "built": built}
    manifest_path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def _fingerprint(docs: list[SourceDoc], fixtures: Path, entities: Path) -> str:
    digest = hashlib.sha1()
    for doc in docs:
        digest.update(doc.name.encode() + b"\0" + hashlib.sha1(doc.text.encode("utf-8")).digest())
    for path in sorted(fixtures.glob("*.htm*")) if fixtures.is_dir() else ():
        digest.update(f"{path.name}:{path.stat().st_size}".encode())
    digest.update(entities.read_bytes())
    return digest.hexdigest()[:16]


def main(argv: list[str]) -> int:
    """`python -m bench.inputs ROOT SIZES_JSON SEED [--force] [--keep]`: build in a process of
    its own (the driver stays small), print the manifest."""
    root, sizes, seed = Path(argv[0]), Sizes(**json.loads(argv[1])), int(argv[2])
    print(json.dumps(build_inputs(root, sizes=sizes, seed=seed, force="--force" in argv, keep="--keep" in argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
