"""The summary of a batch run: one row per pair, written as TSV and JSON.

The rows also go, one JSON line each as the pairs finish, to the run's journal
(:data:`JOURNAL` in the output folder): with the content hash of each pair's inputs
and settings and the SHA-256 of each output file, it is what a rerun reads to skip
the pairs whose output is complete and unchanged.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import ParalignError
from ..files import write_file
from .settings import STATUSES

#: the summary files in the output folder
SUMMARY_TSV = "summary.tsv"
SUMMARY_JSON = "summary.json"
#: the journal of finished pairs in the output folder (what a rerun reads)
JOURNAL = ".paralign-batch.jsonl"

#: the summary's columns, in order, with what each holds (docs/batch.md lists them)
COLUMNS = {
    "name": "the pair's name",
    "status": "done, unchanged (output complete, inputs and settings as before: not redone) "
    "or failed",
    "src_sentences": "sentences of the source",
    "tgt_sentences": "sentences of the target",
    "beads": "beads of the alignment",
    "shapes": "beads by shape, most frequent first (1-1:40 2-1:3 …)",
    "mean_confidence": "mean confidence of the beads",
    "doubtful_share": "share of sentences unaligned or in beads with confidence under 0.5",
    "findings": "findings of the review (with --review)",
    "src_lang": "language of the source (given, or found by the reader)",
    "tgt_lang": "language of the target",
    "src_detected": "language py3langid finds in the source",
    "tgt_detected": "language py3langid finds in the target",
    "seconds": "seconds the pair took in its worker",
    "outputs": "the files written, relative to the output folder",
    "error": "why the pair failed: one line",
    "source": "the source file (a corpus document: its folder)",
    "target": "the target file",
}


@dataclass
class Row:
    """One pair's line of the summary; ``digest`` and ``files`` are what a rerun checks."""

    name: str
    status: str
    src_sentences: int | None = None
    tgt_sentences: int | None = None
    beads: int | None = None
    shapes: dict[str, int] = field(default_factory=dict)
    mean_confidence: float | None = None
    doubtful_share: float | None = None
    findings: int | None = None
    src_lang: str = ""
    tgt_lang: str = ""
    src_detected: str = ""
    tgt_detected: str = ""
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)
    error: str = ""
    source: str = ""
    target: str = ""
    #: the content hash of the pair's inputs and settings
    digest: str = ""
    #: SHA-256 of each output file, by its path relative to the output folder
    files: dict[str, str] = field(default_factory=dict)
    #: a line for people on what was built (a corpus document: ``build-corpus`` prints it)
    note: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Row:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def cells(self) -> list[str]:
        """The row as TSV cells, in :data:`COLUMNS` order."""
        out = []
        for key in COLUMNS:
            value = getattr(self, key)
            if value is None:
                text = ""
            elif key == "shapes":
                text = " ".join(f"{k}:{v}" for k, v in value.items())
            elif key == "outputs":
                text = " ".join(value)
            elif isinstance(value, float):
                text = f"{value:.3f}" if key == "seconds" else f"{value:.4f}"
            else:
                text = str(value)
            out.append(" ".join(text.split()))
        return out


def write_summary(out_dir: Path, rows: list[Row]) -> list[Path]:
    """Write ``summary.tsv`` and ``summary.json`` in ``out_dir``; their paths."""
    lines = ["\t".join(COLUMNS)] + ["\t".join(r.cells()) for r in rows]
    counts = {status: sum(r.status == status for r in rows) for status in STATUSES}
    report = {"pairs": len(rows), **counts, "rows": [r.as_dict() for r in rows]}
    tsv, js = out_dir / SUMMARY_TSV, out_dir / SUMMARY_JSON
    write_file(tsv, ("\n".join(lines) + "\n").encode("utf-8"))
    write_file(js, (json.dumps(report, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return [tsv, js]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Journal:
    """The rows of finished pairs, appended one JSON line each as they finish."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / JOURNAL

    def read(self) -> dict[str, Row]:
        """The last row of each pair (a line cut short by a killed run is skipped)."""
        rows: dict[str, Row] = {}
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return rows
        for line in text.splitlines():
            with contextlib.suppress(ValueError, TypeError):
                row = Row.from_dict(json.loads(line))
                rows[row.name] = row
        return rows

    def append(self, row: Row) -> None:
        """Add a row; it is on disk when this returns."""
        line = json.dumps(row.as_dict(), ensure_ascii=False) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(line)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise ParalignError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def rewrite(self, rows: list[Row]) -> None:
        """Keep only ``rows`` (at the end of a run: the journal stops growing)."""
        data = "".join(json.dumps(r.as_dict(), ensure_ascii=False) + "\n" for r in rows)
        write_file(self.path, data.encode("utf-8"))


def complete(row: Row, out_dir: Path) -> bool:
    """Whether every output file of ``row`` is there with the bytes it was written with."""
    if not row.files:
        return False
    for name, digest in row.files.items():
        try:
            data = (out_dir / name).read_bytes()
        except OSError:
            return False
        if sha256(data) != digest:
            return False
    return True
