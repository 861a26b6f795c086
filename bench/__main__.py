"""`python -m bench` (or `dealledger bench`): build the inputs, measure every phase, print one table.

Each phase runs in its own fresh process, one after the other (so each peak
RSS is that phase's own and phases do not share a core). The figures go to
outputs/bench/latest.json (committed) and outputs/bench/run-<time>.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from .inputs import DEFAULT_CACHE, QUICK, ROOT, Sizes
from .phases import PHASES
from .report import build_rows, render, rows_as_json

OUT_DIR = ROOT / "outputs" / "bench"
PHASE_TIMEOUT_S = 3600


def configure_parser(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The bench flags, for `python -m bench` and for a `dealledger bench` subcommand."""
    p.add_argument("--quick", action="store_true", help="small inputs (1 MB English...): a smoke run of a minute or two")
    p.add_argument("--en-mb", type=float, default=None, help="MB of English text (default 20)")
    p.add_argument("--zh-mb", type=float, default=None, help="MB of Chinese text (default 5)")
    p.add_argument("--large-mb", type=float, default=None, help="MB of English for the memory-growth run (default 100; 0 skips it)")
    p.add_argument("--pdf-pages", type=int, default=None, help="pages of the generated PDF (default 120)")
    p.add_argument("--seed", type=int, default=0, help="seed of the input builder (default 0)")
    p.add_argument("--inputs", type=Path, default=None, help=f"input cache folder (default {DEFAULT_CACHE.relative_to(ROOT)})")
    p.add_argument("--rebuild", action="store_true", help="rebuild the inputs even if the cache matches")
    p.add_argument("--keep-inputs", action="store_true",
                   help="reuse the built inputs even if the corpora changed since (compare two code versions)")
    p.add_argument("--only", action="append", choices=sorted(PHASES), default=None, help="run only this phase (repeatable)")
    p.add_argument("--out", type=Path, default=OUT_DIR, help="where the JSON figures go (default outputs/bench)")
    p.epilog = "example:\n  python -m bench            # the full run, ~15 minutes on 2 cores\n  python -m bench --quick"
    return p


def sizes_from(args) -> Sizes:
    base = QUICK if args.quick else Sizes()
    return Sizes(en_mb=args.en_mb if args.en_mb is not None else base.en_mb,
                 zh_mb=args.zh_mb if args.zh_mb is not None else base.zh_mb,
                 en_large_mb=args.large_mb if args.large_mb is not None else base.en_large_mb,
                 pdf_pages=args.pdf_pages if args.pdf_pages is not None else base.pdf_pages)


def run_bench(*, sizes: Sizes, seed: int = 0, inputs: Path | None = None, rebuild: bool = False,
              keep_inputs: bool = False, only: list[str] | None = None, out: Path = OUT_DIR, log=print) -> dict:
    """Build the inputs, run each phase in a fresh process, write the JSON; returns the figures."""
    inputs = inputs or (DEFAULT_CACHE if sizes == Sizes() else DEFAULT_CACHE.with_name(f"inputs-{_size_tag(sizes)}"))
    started = time.perf_counter()
    manifest = _build_in_child(inputs, sizes=sizes, seed=seed, force=rebuild, keep=keep_inputs)
    log(f"inputs: {inputs} ({time.perf_counter() - started:.0f} s)")
    names = [n for n in PHASES if (only is None or n in only) and not (n == "en_extract_large" and sizes.en_large_mb <= sizes.en_mb)]
    results: dict = {}
    for name in names:
        results[name] = run_phase(name, inputs)
        log(f"  {name:<18} {_summary(results[name])}")
    peaks = [r["peak_rss_mb"] for r in results.values() if "peak_rss_mb" in r]
    driver = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["_whole_peak_rss_mb"] = max(peaks) + driver if peaks else None
    rows = build_rows(results)
    report = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": _machine(), "sizes": asdict(sizes),
              "seed": seed, "inputs": manifest["built"], "phases": results, "rows": rows_as_json(rows),
              "table": render(rows), "seconds": time.perf_counter() - started}
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report, indent=1, ensure_ascii=False)
    (out / f"run-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(text, encoding="utf-8")
    if sizes == Sizes() and only is None:  # only a full run is "the latest table"
        (out / "latest.json").write_text(text, encoding="utf-8")
    return report


REPEATS = 3  # fresh processes for a short phase: a shared VM's speed drifts by tens of percent
REPEAT_UNDER_S = 60  # a phase whose first run took longer runs once


def best_of_runs(run) -> dict:
    """`run()` up to REPEATS times while it is short; the fastest run's figures, with every run's
    seconds (as timeit does: the slower runs measure the machine, not the code)."""
    runs = [run()]
    while len(runs) < REPEATS and "seconds" in runs[0] and runs[0]["seconds"] <= REPEAT_UNDER_S:
        runs.append(run())
    timed = [r for r in runs if "seconds" in r]
    if not timed:
        return runs[0]
    return {**min(timed, key=lambda r: r["seconds"]), "runs_s": [round(r["seconds"], 3) for r in timed]}


def run_phase(name: str, inputs: Path) -> dict:
    """A phase in fresh Python processes (see `best_of_runs`); its figures, or the error it ended with."""
    return best_of_runs(lambda: _run_phase_once(name, inputs))


def _run_phase_once(name: str, inputs: Path) -> dict:
    """One phase in a fresh Python process; its figures, or the error it ended with."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    try:
        done = subprocess.run([sys.executable, "-m", "bench.phases", name, str(inputs), str(out)], cwd=ROOT,
                              env={**os.environ, "PYTHONHASHSEED": "0", "TQDM_DISABLE": "1"},
                              capture_output=True, text=True, timeout=PHASE_TIMEOUT_S)
        if done.returncode != 0:
            return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
        return json.loads(out.read_text(encoding="utf-8"))
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {PHASE_TIMEOUT_S} s"}
    finally:
        out.unlink(missing_ok=True)


def _build_in_child(inputs: Path, *, sizes: Sizes, seed: int, force: bool, keep: bool) -> dict:
    command = [sys.executable, "-m", "bench.inputs", str(inputs), json.dumps(asdict(sizes)), str(seed)]
    command += (["--force"] if force else []) + (["--keep"] if keep else [])
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"building the inputs failed:\n{done.stderr}")
    return json.loads(done.stdout)


def _summary(figures: dict) -> str:
    if "error" in figures or "unavailable" in figures:
        return figures.get("error") or figures["unavailable"]
    amount = f"{figures['pages']} pages" if "pages" in figures else f"{figures['mb']:.1f} MB"
    return f"{amount} in {figures['seconds']:.1f} s, peak RSS {figures['peak_rss_mb']:.0f} MB"


def _size_tag(sizes: Sizes) -> str:
    return f"{sizes.en_mb:g}-{sizes.zh_mb:g}-{sizes.en_large_mb:g}-{sizes.pdf_pages}"


def _machine() -> dict:
    import jieba
    import spacy

    return {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "spacy": spacy.__version__, "jieba": jieba.__version__}


def cmd_bench(args) -> int:
    """The `bench` command: run, print the table, point to the JSON."""
    report = run_bench(sizes=sizes_from(args), seed=args.seed, inputs=args.inputs, rebuild=args.rebuild,
                       keep_inputs=args.keep_inputs, only=args.only, out=args.out)
    print()
    print(report["table"])
    print(f"\nfigures: {args.out}/ ({report['seconds']:.0f} s in all)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = configure_parser(argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0],
                                                      formatter_class=argparse.RawDescriptionHelpFormatter))
    return cmd_bench(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
