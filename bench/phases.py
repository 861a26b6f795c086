"""One measurement per phase, each run in a fresh process (`python -m bench.phases NAME INPUTS OUT`).

A fresh process makes each phase's peak RSS its own. Every phase runs once on
a small warm-up slice of its input (discarded: spaCy's first pass is about
twice as slow as later ones), then on the whole input, timed.
"""
from __future__ import annotations

import hashlib
import json
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

MB = 1_000_000
WARMUP_BYTES = 500_000


def _files(folder: Path, suffixes=(".txt",)) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in suffixes and not p.name.endswith(".meta.json"))


def _warmup_slice(paths: list[Path]) -> list[Path]:
    out, size = [], 0
    for path in paths:
        if size >= WARMUP_BYTES:
            break
        out.append(path)
        size += path.stat().st_size
    return out


def _size(paths: Iterable[Path]) -> int:
    return sum(p.stat().st_size for p in paths)


def _timed(run: Callable[[list[Path]], dict], paths: list[Path], *, warmup: list[Path] | None = None) -> dict:
    """Run once on the warm-up slice (discarded), then on `paths`, timed."""
    run(warmup if warmup is not None else _warmup_slice(paths))
    start = time.perf_counter()
    extra = run(paths) or {}
    return {"seconds": time.perf_counter() - start, **extra}


def _rules():
    from pipeline.rules import load_rules
    from pipeline.settings import load_settings

    return load_rules(load_settings().rules_dir)


# ---- English and Chinese -------------------------------------------------------------------


def en_tokenizer(inputs: Path) -> dict:
    """spaCy's blank English tokenizer alone, over every English file."""
    paths = _files(inputs / "en")
    return {"mb": _size(paths) / MB, **en_tokenizer_on(paths)}


def filings_tokenizer(inputs: Path) -> dict:
    """spaCy's blank English tokenizer alone on the filings' text (html_text/): the floor for
    `html_from_text`, on text as sparse in deals as real 10-Ks, where the corpus text is dense."""
    paths = _files(inputs / "html_text")
    figures = en_tokenizer_on(paths, warmup=paths[:1])  # the warm-up html_from_text has
    return {"mb": _size(_files(inputs / "html", (".html", ".htm"))) / MB, "text_mb": _size(paths) / MB, **figures}


def en_tokenizer_on(paths: list[Path], *, warmup: list[Path] | None = None) -> dict:
    """spaCy's blank English tokenizer alone over `paths`, timed."""
    import spacy

    nlp = spacy.blank("en")

    def run(paths):
        for _ in nlp.pipe(p.read_text(encoding="utf-8") for p in paths):
            pass

    return _timed(run, paths, warmup=warmup)


def _extract_run():
    """What `dealledger extract` does: every document's events spooled, the ledger written (to a
    temporary folder), no event list held; then the ledger file hashed."""
    from pipeline.batch import extract_to_ledger
    from pipeline.extract import Extractor

    extractor = Extractor(_rules())
    return _ledger_run(lambda paths, ledger: extract_to_ledger(paths, ledger, extractor=extractor))


def _ledger_run(write: Callable[[list[Path], Path], object]) -> Callable[[list[Path]], dict]:
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="dealledger-bench-"))
    atexit.register(shutil.rmtree, folder, True)

    def run(paths):
        ledger = folder / "ledger.csv"
        result = write(paths, ledger)
        return {"events": result.event_count, "documents": result.documents, "failures": len(result.failures),
                "ledger_sha1": ledger_hash(ledger)}

    return run


def ledger_hash(ledger: Path) -> str:
    """A hash of the ledger file less its `source` column (the same filing read as HTML or as
    text differs there), read a row at a time: a copy of the whole ledger would inflate the
    phase's peak RSS."""
    import csv
    import io

    digest = hashlib.sha1()
    with ledger.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        source = next(rows).index("source")
        for row in rows:
            del row[source]
            line = io.StringIO()
            csv.writer(line, lineterminator="\n").writerow(row)
            digest.update(line.getvalue().encode())
    return digest.hexdigest()[:12]


def en_extract(inputs: Path) -> dict:
    """The whole pipeline (read, paragraphs, sentences, matching, normalization, events) on English files."""
    paths = _files(inputs / "en")
    return {"mb": _size(paths) / MB, **_timed(_extract_run(), paths)}


def en_spacy_pass(inputs: Path) -> dict:
    """Only the spaCy part of English extraction on the same files: paragraphs, the tokenizer,
    sentences, and our Matcher and PhraseMatcher rules where the pipeline runs them (no values,
    no events). Full extraction can be no faster: the floor the required Matcher sets."""
    from pipeline.extract import Extractor
    from pipeline.read import read_document
    from pipeline.sentences import paragraphs

    matcher = Extractor(_rules()).en

    def run(paths):
        matches = 0
        for path in paths:
            for _, paragraph in paragraphs(read_document(path).text):
                found = matcher.spacy_pass(paragraph) if matcher.is_candidate(paragraph) else None
                matches += len(found.rule_matches) if found else 0
        return {"rule_matches": matches}

    paths = _files(inputs / "en")
    return {"mb": _size(paths) / MB, **_timed(run, paths)}


def en_extract_large(inputs: Path) -> dict:
    """The same on en/ plus en_more/: peak RSS must not grow with the input."""
    paths = _files(inputs / "en") + _files(inputs / "en_more")
    return {"mb": _size(paths) / MB, **_timed(_extract_run(), paths)}


def zh_jieba(inputs: Path) -> dict:
    """Plain jieba segmentation (`lcut`) with our user dictionary, over every Chinese file."""
    tokenizer = plain_jieba(_rules())

    def run(paths):
        for path in paths:
            tokenizer.lcut(path.read_text(encoding="utf-8"))

    paths = _files(inputs / "zh")
    return {"mb": _size(paths) / MB, **_timed(run, paths)}


def plain_jieba(rules):
    """A jieba.Tokenizer with the user dictionary our Chinese matcher uses: its trigger,
    cue and alias words (built here, so the baseline stays jieba whatever the matcher uses)."""
    import logging
    import re
    import tempfile

    import jieba

    from pipeline.match_zh import USER_WORD_FREQ, pattern_words

    jieba.setLogLevel(logging.WARNING)
    words = pattern_words([*rules.triggers_for("zh"), *rules.cues_for("zh")]) | set(rules.entities.aliases("zh"))
    tokenizer = jieba.Tokenizer()
    tokenizer.cache_file = str(Path(tempfile.gettempdir()) / "dealledger.bench.jieba.cache")
    for word in sorted(w for w in words if " " not in w and not re.fullmatch(r"[A-Za-z0-9.\-]+", w)):
        tokenizer.add_word(word, freq=USER_WORD_FREQ)
    return tokenizer


def zh_matching(inputs: Path) -> dict:
    """Only the matching part of Chinese extraction on the same files: sentences, jieba-rs
    segmentation, company names and the token rules (no values, no events)."""
    from pipeline.extract import Extractor
    from pipeline.language import detect_region
    from pipeline.read import read_document
    from pipeline.sentences import paragraphs, split_zh

    matcher = Extractor(_rules()).zh

    def run(paths):
        matches = 0
        for path in paths:
            text = read_document(path).text
            region = detect_region(text)
            for offset, paragraph in paragraphs(text):
                for start, end in split_zh(paragraph):
                    _, found = matcher.sentence_matches(paragraph[start:end], offset + start, path.stem, region=region)
                    matches += len(found or ())
        return {"rule_matches": matches}

    paths = _files(inputs / "zh")
    return {"mb": _size(paths) / MB, **_timed(run, paths)}


def zh_extract(inputs: Path) -> dict:
    paths = _files(inputs / "zh")
    return {"mb": _size(paths) / MB, **_timed(_extract_run(), paths)}


# ---- HTML filings --------------------------------------------------------------------------


def html_from_raw(inputs: Path) -> dict:
    """Full extraction of the filings from their HTML."""
    paths = _files(inputs / "html", (".html", ".htm"))
    return {"mb": _size(paths) / MB, "text_mb": _size(_files(inputs / "html_text")) / MB,
            **_timed(_extract_run(), paths, warmup=paths[:1])}


def html_from_text(inputs: Path) -> dict:
    """Full extraction of the same filings from the text our reader made of them."""
    paths = _files(inputs / "html_text")
    html_mb = _size(_files(inputs / "html", (".html", ".htm"))) / MB
    return {"mb": html_mb, "text_mb": _size(paths) / MB, **_timed(_extract_run(), paths, warmup=paths[:1])}


def html_to_text(inputs: Path) -> dict:
    """Our HTML to text with sections: decode, html_to_text, find_sections."""
    from pipeline.read import read_document

    def run(paths):
        for path in paths:
            read_document(path)  # decoding, html_to_text and find_sections: what the reader does

    paths = _files(inputs / "html", (".html", ".htm"))
    return {"mb": _size(paths) / MB, **_timed(run, paths, warmup=paths[:1])}


def edgartools(inputs: Path) -> dict:
    """edgartools' text extraction, `edgar.documents.parse_html(html).text()`, on the same filings."""
    try:
        from edgar.documents import parse_html
    except ImportError:
        return {"unavailable": "n/a (edgartools not installed)"}

    def run(paths):
        for path in paths:
            parse_html(path.read_text(encoding="utf-8", errors="replace")).text()

    paths = _files(inputs / "html", (".html", ".htm"))
    return {"mb": _size(paths) / MB, **_timed(run, paths, warmup=paths[:1])}


# ---- PDF -----------------------------------------------------------------------------------


def _pdf_phase(inputs: Path, to_text: Callable[[bytes], str]) -> dict:
    import pypdfium2 as pdfium

    report, warmup = inputs / "pdf" / "report.pdf", inputs / "pdf" / "warmup.pdf"
    texts = []

    def run(paths):
        texts.clear()
        texts.extend(to_text(p.read_bytes()) for p in paths)

    timed = _timed(run, [report], warmup=[warmup])
    pdf = pdfium.PdfDocument(report.read_bytes())
    pages = len(pdf)
    pdf.close()
    content = "".join(texts[0].split())  # compared without whitespace: line breaks differ, words do not
    return {"pages": pages, "mb": report.stat().st_size / MB, "chars": len(content),
            "text_sha1": hashlib.sha1(content.encode()).hexdigest()[:12], **timed}


def pdfplumber_plain(inputs: Path) -> dict:
    from pipeline.pdf_text import pdfplumber_text

    return _pdf_phase(inputs, pdfplumber_text)


def pdf_ours(inputs: Path) -> dict:
    from pipeline.pdf_text import pdf_to_text

    return _pdf_phase(inputs, lambda data: pdf_to_text(data, path="report.pdf"))


# ---- the batch: 1 vs 2 worker processes ----------------------------------------------------

BATCH_SHARE = 0.2  # of en/ and of zh/: about 20 s of work for one process


def batch_paths(inputs: Path) -> list[Path]:
    """A mixed batch: the first files of en/ and of zh/, BATCH_SHARE of each."""
    out = []
    for lang in ("en", "zh"):
        files = _files(inputs / lang)
        out += files[:max(2, round(len(files) * BATCH_SHARE))]
    return out


def _batch(inputs: Path, workers: int) -> dict:
    from pipeline.batch import extract_to_ledger
    from pipeline.extract import Extractor
    from pipeline.parallel import iter_results_parallel

    extractor = Extractor(_rules())
    run = _ledger_run(lambda paths, ledger: extract_to_ledger(
        paths, ledger, results=lambda p: iter_results_parallel(p, workers=workers, extractor=extractor)))
    paths = batch_paths(inputs)
    return {"mb": _size(paths) / MB, "workers": workers, **_timed(run, paths)}


def batch_1(inputs: Path) -> dict:
    return _batch(inputs, 1)


def batch_2(inputs: Path) -> dict:
    return _batch(inputs, 2)


PHASES: dict[str, Callable[[Path], dict]] = {
    "en_tokenizer": en_tokenizer, "en_spacy_pass": en_spacy_pass, "en_extract": en_extract,
    "zh_jieba": zh_jieba, "zh_matching": zh_matching, "zh_extract": zh_extract,
    "html_from_raw": html_from_raw, "html_from_text": html_from_text, "filings_tokenizer": filings_tokenizer,
    "html_to_text": html_to_text, "edgartools": edgartools,
    "pdfplumber": pdfplumber_plain, "pdf_ours": pdf_ours,
    "batch_1": batch_1, "batch_2": batch_2,
    "en_extract_large": en_extract_large,
}


# ---- memory --------------------------------------------------------------------------------


class PeakMemory:
    """Peak memory of this process and its children, in MB.

    One process: its peak RSS (getrusage). With worker processes: also the
    largest sum over the process tree of PSS (Linux smaps_rollup): RSS would
    count the pages forked workers share with their parent once per process.
    Sampled every 0.5 s: a sample costs ~2 ms per process, taken from the
    workers' cores. Without psutil, the parent's peak RSS plus the largest child's.
    """

    def __init__(self):
        self.tree_peak = 0
        self._stop = threading.Event()
        try:
            import psutil
        except ImportError:
            self._proc = None
            return
        self._proc = psutil.Process()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            children = self._proc.children(recursive=True)
            if children:
                self.tree_peak = max(self.tree_peak, sum(_pss(p) for p in (self._proc, *children)))

    def stop(self) -> float:
        self._stop.set()
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        if self._proc is None:
            return (own + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024) / MB
        return max(own, self.tree_peak) / MB


def _pss(proc) -> int:
    """Proportional set size in bytes (RSS where the kernel has no smaps_rollup); 0 for a process gone."""
    try:
        with open(f"/proc/{proc.pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return proc.memory_info().rss
    except Exception:  # psutil.NoSuchProcess: a worker that ended between listing and asking
        return 0


def main(argv: list[str]) -> int:
    name, inputs, out = argv[0], Path(argv[1]), Path(argv[2])
    memory = PeakMemory()
    figures = PHASES[name](inputs)
    figures["peak_rss_mb"] = memory.stop()
    out.write_text(json.dumps(figures), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
