"""Write and read the ledger CSV (UTF-8, header row, LEDGER.md columns), atomically."""
from __future__ import annotations

import csv
import io
import os
import stat
import tempfile
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path

from .records import LEDGER_COLUMNS, Event


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


def ledger_text(events: list[Event]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LEDGER_COLUMNS)
    for event in events:
        row = asdict(event)
        writer.writerow([_cell(row[c]) for c in LEDGER_COLUMNS])
    return buffer.getvalue()


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, fsync, then rename over it: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            os.chmod(tmp, mode)  # mkstemp makes 0600: the ledger would be unreadable to everyone else
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The permissions the file has, or those a plain open() would give it."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_UMASK


_UMASK = os.umask(0o022)  # reading the umask means setting it: once, at import, before any thread
os.umask(_UMASK)


def write_ledger(events: list[Event], path: Path) -> None:
    atomic_write(Path(path), ledger_text(events))


def read_ledger_rows(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
