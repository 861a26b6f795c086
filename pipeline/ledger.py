"""Write and read the ledger CSV (UTF-8, header row, LEDGER.md columns), atomically."""
from __future__ import annotations

import csv
import io
import json
import os
import stat
import tempfile
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from .merge import DealLinks, link_key
from .records import LEDGER_COLUMNS, Event

_DEAL_ID = LEDGER_COLUMNS.index("deal_id")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


def ledger_row(event: Event) -> list[str]:
    """The event's cells, in LEDGER_COLUMNS order."""
    return [_cell(getattr(event, c)) for c in LEDGER_COLUMNS]


def ledger_text(events: list[Event]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LEDGER_COLUMNS)
    for event in events:
        writer.writerow(ledger_row(event))
    return buffer.getvalue()


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, fsync, then rename over it: never half a file."""
    with AtomicFile(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


class AtomicFile:
    """`with AtomicFile(path) as fh:` writes a temporary file beside `path`; a clean exit fsyncs it
    and renames it over `path`, an exception removes it and leaves `path` as it was. With
    `only_if_changed`, a file with the bytes `path` already holds is dropped; `changed` says which."""

    def __init__(self, path: Path, *, only_if_changed: bool = False):
        self.path, self.only_if_changed, self.changed = Path(path), only_if_changed, False

    def __enter__(self) -> BinaryIO:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(self.path)
        fd, self.tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        try:
            self.fh = os.fdopen(fd, "wb")
            os.chmod(self.tmp, mode)  # mkstemp makes 0600: the ledger would be unreadable to everyone else
        except BaseException:
            self._discard()
            raise
        return self.fh

    def __exit__(self, kind, value, tb) -> bool:
        renamed = False
        try:
            if kind is None:
                self.fh.flush()
                os.fsync(self.fh.fileno())
                self.fh.close()
                self.changed = not (self.only_if_changed and _same_bytes(Path(self.tmp), self.path))
                if self.changed:
                    os.replace(self.tmp, self.path)
                    renamed = True
        finally:
            if not renamed:
                self._discard()
        return False

    def _discard(self) -> None:
        try:
            getattr(self, "fh", None) and self.fh.close()
        finally:
            Path(self.tmp).unlink(missing_ok=True)


def _same_bytes(a: Path, b: Path, chunk: int = 1 << 20) -> bool:
    """Whether two files hold the same bytes, read a chunk at a time."""
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        with a.open("rb") as fa, b.open("rb") as fb:
            while True:
                block = fa.read(chunk)
                if block != fb.read(chunk):
                    return False
                if not block:
                    return True
    except FileNotFoundError:
        return False


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


class LedgerSpool:
    """The ledger written in two passes, so no more than one document's events are held at once.

    `add` takes events as they come (document by document, in ledger order), appends each
    row's cells to a spool file beside the ledger (JSON lines of the formatted cells: Decimals
    stay exact) and keeps only what `link_deals` needs (`DealLinks`, a few dozen bytes per deal
    and sides). `write` streams the spool back, gives the rows without an amount their deal's
    id and writes the ledger atomically: the bytes `write_ledger(link_deals(events))` writes.
    The spool is removed on leaving the `with`; a killed run's goes with the next `ledger_lock`.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self.links = DealLinks()
        self.rows = 0

    def __enter__(self) -> LedgerSpool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._name = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".spool.tmp")
        self._spool = os.fdopen(fd, "w+b")
        return self

    def __exit__(self, *exc) -> bool:
        try:
            self._spool.close()
        finally:
            Path(self._name).unlink(missing_ok=True)
        return False

    def add(self, events: Iterable[Event]) -> None:
        for event in events:
            self.links.add(event)
            self.rows += 1
            key = link_key(event)
            self._spool.write(json.dumps([key.hex() if key else "", *ledger_row(event)]).encode("ascii") + b"\n")

    def write(self, *, only_if_changed: bool = False) -> bool:
        """Write the ledger from the spool; whether its bytes changed (always True without `only_if_changed`)."""
        self._spool.flush()
        self._spool.seek(0)
        target = AtomicFile(self.path, only_if_changed=only_if_changed)
        with target as fh:
            writer = csv.writer(_Utf8(fh), lineterminator="\n")
            writer.writerow(LEDGER_COLUMNS)
            for line in self._spool:
                key, *cells = json.loads(line)
                deal = self.links.deal_for(bytes.fromhex(key)) if key else None
                if deal is not None:
                    cells[_DEAL_ID] = deal
                writer.writerow(cells)
        self._spool.seek(0, os.SEEK_END)
        return target.changed


class _Utf8:
    """What csv.writer writes to: each row encoded as UTF-8 into a binary file."""

    def __init__(self, fh: BinaryIO):
        self.fh = fh

    def write(self, text: str) -> None:
        self.fh.write(text.encode("utf-8"))


def read_ledger_rows(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
