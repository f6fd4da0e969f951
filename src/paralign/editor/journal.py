"""The editor's journal: every operation on disk the moment it is made.

``FILE.paralign-journal`` beside the file being edited is a JSON-lines file,
appended to and synced (``fsync``) after each line, so that a closed tab, a
killed server or a power cut loses nothing a person did. Its first line names
the file's content hash when editing began::

    {"paralign_journal": 1, "file": "pair.tei.xml", "sha256": "…"}
    {"op": "merge", "args": {"bead": 4}}
    {"op": "undo"}
    {"op": "saving", "sha256": "…"}

The next ``paralign edit`` of the file replays the operations on the file as
it was (its hash must match) and goes on from there. ``saving`` is written just
before the file itself is replaced: if the program dies between the two, the
next start sees that the file on disk is the saved one and begins afresh.
While an editor has the journal open it holds an exclusive lock on it, so two
editors cannot work on one file at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ..errors import InputError

SUFFIX = ".paralign-journal"
VERSION = 1
#: entries that are not operations on the alignment
UNDO = "undo"
REDO = "redo"
SAVING = "saving"


def journal_path(path: Path) -> Path:
    """Where the journal of ``path`` lives: beside it, ``NAME.paralign-journal``."""
    return path.with_name(path.name + SUFFIX)


@dataclass(frozen=True)
class Entry:
    """One line of the journal: an operation (name and arguments), an undo or redo."""

    op: str
    args: dict[str, Any]


class Journal:
    """An open, locked journal; :meth:`append` adds one synced line."""

    def __init__(self, path: Path, handle: TextIO) -> None:
        self.path = path
        self._fh = handle

    @classmethod
    def open(cls, path: Path, file_name: str, sha256: str) -> tuple[Journal, list[Entry]]:
        """Open (or start) the journal of a file whose content hash is ``sha256``,
        lock it, and return it with the entries to replay.

        Raises :class:`InputError` when another editor holds it, or when it was
        begun on another version of the file (its entries then cannot be replayed;
        it is left as it is).
        """
        fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (held open while editing)
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise InputError(
                f"{file_name} is open in another paralign edit (its journal {path} is locked): "
                "close that one first"
            ) from None
        try:
            fh.seek(0)
            lines = fh.read().splitlines()
            entries = _entries(path, lines, file_name, sha256)
        except BaseException:
            fh.close()
            raise
        journal = cls(path, fh)
        if entries is None:  # new, empty, or superseded by a completed save
            journal._restart(file_name, sha256)
            entries = []
        return journal, entries

    def append(self, op: str, args: dict[str, Any] | None = None) -> None:
        """Add one entry and sync it to disk before returning."""
        line = {"op": op, **({"args": args} if args else {})}
        self._write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")

    def saving(self, sha256: str) -> None:
        """Record that the file is about to be replaced by content with this hash."""
        self._write(json.dumps({"op": SAVING, "sha256": sha256}) + "\n")

    def saved(self, file_name: str, sha256: str) -> None:
        """The file now holds the saved content: the journal starts afresh from it."""
        self._restart(file_name, sha256)

    def close(self, *, remove: bool = False) -> None:
        """Release the lock; with ``remove`` delete the journal (nothing unsaved in it)."""
        if self._fh.closed:
            return
        if remove:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self._fh.close()

    def _restart(self, file_name: str, sha256: str) -> None:
        header = {"paralign_journal": VERSION, "file": file_name, "sha256": sha256}
        self._fh.seek(0)
        self._fh.truncate()
        self._write(json.dumps(header, ensure_ascii=False) + "\n")

    def _write(self, text: str) -> None:
        self._fh.write(text)
        self._fh.flush()
        os.fsync(self._fh.fileno())


def _entries(path: Path, lines: list[str], file_name: str, sha256: str) -> list[Entry] | None:
    """The entries to replay, or None when the journal has nothing to replay."""
    if not lines:
        return None
    try:
        header = json.loads(lines[0])
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("paralign_journal") != VERSION:
        raise InputError(f"{path} is not a paralign journal: move it away to edit {file_name}")
    entries = list(_parse(path, lines[1:]))
    saving = [e.args["sha256"] for e in entries if e.op == SAVING]
    if saving and saving[-1] == sha256:
        return None  # the last save went through: the file holds everything
    if header.get("sha256") != sha256:
        ops = sum(1 for e in entries if e.op != SAVING)
        raise InputError(
            f"{file_name} changed since its journal {path} was begun ({ops} operation"
            f"{'s' * (ops != 1)} in it were never saved): the journal is kept; move it away "
            "to edit the file as it is now"
        )
    return [e for e in entries if e.op != SAVING]


def _parse(path: Path, lines: list[str]) -> Iterator[Entry]:
    for n, line in enumerate(lines, start=2):
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            if n == len(lines) + 1:  # a last line cut short by a crash: it never happened
                return
            raise InputError(f"{path}, line {n}: not a JSON line") from None
        if not isinstance(item, dict) or not isinstance(item.get("op"), str):
            raise InputError(f"{path}, line {n}: not a journal entry")
        if item["op"] == SAVING:
            yield Entry(SAVING, {"sha256": item.get("sha256")})
        else:
            yield Entry(item["op"], item.get("args") or {})
