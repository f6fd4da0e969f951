"""One editing session of one TEI file: the current alignment, undo and redo, the
journal, saving and re-alignment. The server is a thin layer over this.

The session is the one authority on the alignment: the page sends operations
and shows what comes back. ``version`` counts the changes; an operation sent
from a page that has not seen the latest change (a second tab) is refused
rather than applied to beads that page never saw.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, ParalignError
from ..model import Alignment, BeadStatus
from ..tei import read_tei
from . import operations
from .journal import REDO, UNDO, Journal, journal_path
from .operations import EditError, bead_row
from .save import Locator, saved_tei


class Conflict(ParalignError):
    """A change or a save refused because the file or the alignment moved on meanwhile."""


#: evidence keys of a finding that name words in the source, the target, or either
_EVIDENCE_SIDES = {
    "source": ("src",),
    "target": ("tgt",),
    "names": ("src", "tgt"),
    "marker": ("src", "tgt"),
    "line": ("src", "tgt"),
}
#: words longer than this are whole sentences, not words to highlight
_MAX_WORDS = 60


@dataclass(frozen=True)
class ShownFinding:
    """A review finding as the page shows it."""

    kind: str
    level: str
    explanation: str
    #: bead index in the alignment reviewed (followed through the edits by Locator)
    opened_bead: int
    #: words to highlight, per side
    words: dict[str, list[str]]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Session:
    """An open file, its alignment as edited so far, and its journal."""

    def __init__(self, path: str | Path, *, review: bool = True) -> None:
        self.path = Path(path)
        try:
            self._original = self.path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        self.file_hash = sha256(self._original)
        self.opened = read_tei(self._original)
        #: the review's findings, on the beads of ``_review_base`` (followed through every
        #: edit by the raw offsets of their sentences); computed in the background, as a
        #: long document takes seconds
        self.findings: list[ShownFinding] = []
        self.findings_pending = review
        self._review_base = self.opened
        self.current = self.opened
        self._undo: list[Alignment] = []
        self._redo: list[Alignment] = []
        self.version = 0
        self.lock = threading.RLock()
        self._realigner: Any = None  # made at the first re-alignment, then kept
        self.journal, entries = Journal.open(
            journal_path(self.path), self.path.name, self.file_hash
        )
        try:
            for entry in entries:
                self._step(entry.op, entry.args)
        except ParalignError as exc:
            self.journal.close()
            raise InputError(
                f"cannot replay the journal {self.journal.path}: {exc}; it is kept, move it away "
                "to edit the file as it is"
            ) from None
        self.replayed = len(entries)
        self._review_process: Any = None
        if review:
            threading.Thread(target=self._review, name="paralign-review", daemon=True).start()

    def _review(self) -> None:
        """Run the review in a child process (a long document takes minutes of pure
        Python, which in a thread would slow every request down) and take its findings."""
        import multiprocessing

        found: list[ShownFinding] = []
        try:
            ctx = multiprocessing.get_context("spawn")
            receive, give = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_review_child, args=(self._review_base, give), daemon=True)
            self._review_process = proc
            proc.start()
            give.close()
            found = receive.recv()
            proc.join()
        except Exception:  # noqa: BLE001 (the findings are a help; editing goes on without)
            found = []
        with self.lock:
            self.findings, self.findings_pending = found, False

    # ------------------------------------------------------------ changes

    def do(self, op: str, args: dict[str, Any], version: int | None = None) -> None:
        """Apply an operation (or ``undo`` / ``redo``), journal it, bump the version."""
        with self.lock:
            if version is not None and version != self.version:
                raise Conflict(
                    "the alignment changed in another tab since this one last saw it: "
                    "reload the page"
                )
            self._step(op, args)
            self.journal.append(op, args)

    def _step(self, op: str, args: dict[str, Any]) -> None:
        if op == UNDO:
            if not self._undo:
                raise EditError("nothing to undo")
            self._redo.append(self.current)
            self.current = self._undo.pop()
        elif op == REDO:
            if not self._redo:
                raise EditError("nothing to redo")
            self._undo.append(self.current)
            self.current = self._redo.pop()
        else:
            changed = operations.apply(self.current, op, args)
            self._undo.append(self.current)
            self._redo.clear()
            self.current = changed
        self.version += 1

    def realign(self, version: int | None = None) -> None:
        """Re-align every bead a person has not confirmed (:func:`paralign.realign`),
        journaled as the beads it gave so that a replay needs no model."""
        with self.lock:
            if version is not None and version != self.version:
                raise Conflict("the alignment changed in another tab: reload the page")
            if self._realigner is None:
                from ..pipeline import Realigner

                self._realigner = Realigner()
            result = self._realigner(self.current)
            self.do("replace_beads", {"beads": [bead_row(b) for b in result.beads]})

    # ------------------------------------------------------------ saving

    def save(self, seen_hash: str | None = None) -> str:
        """Write the corrected alignment to the file; return its new content hash.

        Refused with :class:`Conflict` when the file on disk is no longer what this
        session (or, with ``seen_hash``, the page asking) opened: another tab saved
        first, another person or program changed it.
        """
        from ..files import write_file

        with self.lock:
            try:
                on_disk = sha256(self.path.read_bytes())
            except OSError as exc:
                raise Conflict(f"cannot read {self.path} to check it: {exc.strerror}") from None
            expected = seen_hash or self.file_hash
            if on_disk != self.file_hash or on_disk != expected:
                raise Conflict(
                    f"{self.path.name} changed on disk since this page opened it (another tab, "
                    "person or program saved it): not saved; your operations are kept in the "
                    "journal: reload to see the file as it is now"
                )
            data = saved_tei(self._original, self.opened, self.current)
            new_hash = sha256(data)
            self.journal.saving(new_hash)
            write_file(self.path, data)
            self._original, self.file_hash = data, new_hash
            self.opened = self.current = read_tei(data)
            self._undo.clear()
            self._redo.clear()
            self.version += 1
            self.journal.saved(self.path.name, new_hash)
            return new_hash

    @property
    def dirty(self) -> bool:
        """Whether the alignment differs from the file (unsaved operations)."""
        return self.current is not self.opened

    def close(self) -> None:
        """Release the journal (removed when nothing in it is unsaved); stop the review."""
        proc = self._review_process
        if proc is not None and proc.is_alive():
            proc.terminate()
        self.journal.close(remove=not self.dirty)

    # ------------------------------------------------------------ the page's view

    def state(self, sentences: bool = True) -> dict[str, Any]:
        """Everything the page shows, as JSON-ready data."""
        a = self.current
        where = Locator(self._review_base, a)
        out: dict[str, Any] = {
            "version": self.version,
            "file": self.path.name,
            "file_hash": self.file_hash,
            "dirty": self.dirty,
            "can_undo": bool(self._undo),
            "can_redo": bool(self._redo),
            "beads": [bead_row(b) for b in a.beads],
            "confirmed": sum(1 for b in a.beads if b.status is BeadStatus.CONFIRMED),
            "findings": [
                {
                    "bead": where.bead_of_old(f.opened_bead),
                    "kind": f.kind,
                    "level": f.level,
                    "explanation": f.explanation,
                    "words": f.words,
                }
                for f in self.findings
            ],
            "findings_pending": self.findings_pending,
            "model": a.model,
        }
        if sentences:
            out["src"] = {"lang": a.src.lang, "sentences": a.src.texts}
            out["tgt"] = {"lang": a.tgt.lang, "sentences": a.tgt.texts}
        return out


def _review_child(alignment: Alignment, give: Any) -> None:
    """The review process: its findings sent back through ``give``; it ends with
    its parent (Linux), so a killed editor leaves no review running."""
    import contextlib

    with contextlib.suppress(Exception):
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    give.send(_findings(alignment))
    give.close()


def _findings(a: Alignment) -> list[ShownFinding]:
    """The review's findings (the checks that need no model), with words to highlight."""
    from ..review import review

    if not a.beads:
        return []
    out = []
    for f in review(a, similarity=[None] * len(a.beads)):
        words: dict[str, list[str]] = {"src": [], "tgt": []}
        for key, value in f.evidence.items():
            sides = _EVIDENCE_SIDES.get(key, ())
            values = value if isinstance(value, (list, tuple)) else [value]
            for v in values:
                if isinstance(v, str) and 0 < len(v.strip()) <= _MAX_WORDS:
                    for side in sides:
                        words[side].append(v.strip())
        out.append(ShownFinding(f.kind, f.level, f.explanation, f.bead, words))
    return out
