"""The runner: reads each pair's inputs, skips what is done, sends the rest to the
workers, writes what comes back, and keeps the summary.

Only this process writes: the workers (local processes or Dask workers) return the
bytes of each output file and each is written here whole or not at all
(:func:`paralign.files.write_files`), so an interrupted or killed run leaves no
partial output. A pair counts as done once its row is in the journal, after its
files are written.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..encoders import Encoder
from ..errors import InputError, ParalignError
from ..files import write_files
from ..memory import peak_of_files, workers_for
from ..progress import Progress
from ..read import read_bytes
from ..version import __version__
from .collection import Pair, check_names
from .job import Job, Result
from .settings import DOCUMENT, DONE, FAILED, UNCHANGED, Settings
from .summary import Journal, Row, complete, sha256, write_summary


@dataclass
class BatchResult:
    """What a batch run did: a row per pair (collection order), the summary files."""

    rows: list[Row]
    summary: list[Path]
    workers: int

    @property
    def failed(self) -> list[Row]:
        return [r for r in self.rows if r.status == FAILED]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for row in self.rows:
            out[row.status] = out.get(row.status, 0) + 1
        return out


def run_pairs(
    pairs: list[Pair],
    out_dir: str | os.PathLike[str] | None,
    *,
    workers: int | None = None,
    scheduler: object = None,
    retries: int = 1,
    progress: bool | Progress = False,
    encoder: Encoder | None = None,
    on_result: Callable[[Row], None] | None = None,
) -> BatchResult:
    """Align every pair; with ``out_dir``, skip those done before and write the summary
    and journal there (``None``: outputs where the pairs say, nothing else written).

    ``workers``: worker processes on this machine (``None``: as many as the cores and
    the memory allow; ``0``: in this process, with ``encoder`` if given).
    ``scheduler``: a Dask scheduler address or ``distributed.Client``; the pairs then
    run there. ``on_result`` gets each pair's row as it is settled.
    """
    check_names(pairs)
    base = Path(out_dir) if out_dir is not None else None
    journal = Journal(base) if base is not None else None
    before = journal.read() if journal is not None else {}
    by_name = {p.name: p for p in pairs}
    rows: dict[str, Row] = {}
    if scheduler is None and workers is None:
        workers = min(len(pairs), workers_for(peak_of_files(_largest(pairs))))
    bar = progress if isinstance(progress, Progress) else Progress(enabled=progress)

    with bar.tally(len(pairs), "pairs", "pair", "sentences") as advance:

        def settle(row: Row) -> None:
            rows[row.name] = row
            if journal is not None and row.status != UNCHANGED:
                journal.append(row)
            advance(1, (row.src_sentences or 0) + (row.tgt_sentences or 0))
            if on_result is not None:
                on_result(row)

        def finish(result: Result) -> None:
            settle(_written(result, by_name[result.name], base))

        def jobs() -> Iterator[Job]:
            for pair in pairs:
                try:
                    job = make_job(pair)
                except ParalignError as exc:
                    settle(_row(pair, status=FAILED, error=" ".join(str(exc).split())))
                    continue
                old = before.get(pair.name)
                if (
                    old is not None
                    and old.status in (DONE, UNCHANGED)
                    and old.digest == job.digest
                    and base is not None
                    and complete(old, base)
                ):
                    settle(replace(old, status=UNCHANGED))
                    continue
                yield job

        _dispatch(jobs(), finish, pairs, workers, scheduler, retries, encoder)

    ordered = [rows[p.name] for p in pairs]
    written: list[Path] = []
    if base is not None:
        written = write_summary(base, ordered)
        journal.rewrite([r for r in ordered if r.status != FAILED])
    return BatchResult(ordered, written, 0 if scheduler is not None else int(workers or 0))


def _dispatch(jobs, finish, pairs, workers, scheduler, retries, encoder) -> None:
    first = pairs[0].settings if pairs else Settings()
    if scheduler is not None:
        from .cluster import run_on_cluster

        run_on_cluster(
            jobs, finish, scheduler, model=first.model, cache=first.cache, retries=retries
        )
    elif workers == 0 or encoder is not None:
        from .local import run_in_process

        run_in_process(jobs, finish, encoder)
    else:
        from .local import run_in_workers

        run_in_workers(jobs, finish, workers, model=first.model, cache=first.cache, retries=retries)


def make_job(pair: Pair) -> Job:
    """Read a pair's input files and hash them with its settings: the job to send."""
    if pair.problem:
        raise InputError(pair.problem)
    s = pair.settings
    if pair.kind == DOCUMENT:
        inputs = _document_inputs(pair.src, s.max_bytes)
    else:
        if not s.src_lang or not s.tgt_lang:
            raise InputError(
                "no language given for the source or the target (--src-lang, "
                "--tgt-lang or the manifest's src_lang/tgt_lang)"
            )
        inputs = {
            "src": (str(pair.src), read_bytes(pair.src, max_bytes=s.max_bytes)),
            "tgt": (str(pair.tgt), read_bytes(pair.tgt, max_bytes=s.max_bytes)),
        }
    return Job(pair.name, pair.kind, inputs, s, pair.stem, digest(pair, inputs))


def digest(pair: Pair, inputs: dict[str, tuple[str, bytes]]) -> str:
    """The content hash of a pair: paralign's version, its settings, its output's name,
    its input files' names and bytes. Equal hashes: an equal output."""
    record = {
        "paralign": __version__,
        "kind": pair.kind,
        "stem": pair.stem,
        "settings": pair.settings.as_dict(),
        "inputs": {k: [Path(label).name, sha256(data)] for k, (label, data) in inputs.items()},
    }
    text = json.dumps(record, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _document_inputs(folder: Path, max_bytes: int | None) -> dict[str, tuple[str, bytes]]:
    from ..archive.corpus import METADATA
    from ..archive.metadata import load_metadata, transcription_path

    meta = load_metadata(folder / METADATA)
    source = transcription_path(folder, meta)
    return {
        METADATA: (str(folder / METADATA), read_bytes(folder / METADATA)),
        meta.transcription: (str(source), read_bytes(source, max_bytes=max_bytes)),
    }


def _largest(pairs: list[Pair]) -> int:
    """The bytes of the largest pair's inputs (files that cannot be read count 0)."""
    largest = 0
    for pair in pairs:
        size = 0
        for path in (pair.src, pair.tgt):
            if path is None:
                continue
            try:
                size += (
                    sum(f.stat().st_size for f in path.iterdir())
                    if path.is_dir()
                    else (path.stat().st_size)
                )
            except OSError:
                continue
        largest = max(largest, size)
    return largest


def _row(pair: Pair, **values: object) -> Row:
    source = str(pair.src) if pair.src is not None else ""
    target = str(pair.tgt) if pair.tgt is not None else ""
    return Row(name=pair.name, source=source, target=target, **values)


def _written(result: Result, pair: Pair, base: Path | None) -> Row:
    """Write a finished pair's files and make its row (failed when they cannot be written)."""
    row = _row(pair, status=result.status, error=result.error, digest=result.digest)
    row.seconds = round(result.seconds, 3)
    if result.status != DONE:
        return row
    for key, value in result.stats.items():
        setattr(row, key, value)
    outputs = {pair.folder / name: data for name, data in result.files.items()}
    try:
        write_files(outputs)
    except ParalignError as exc:
        row.status, row.error = FAILED, " ".join(str(exc).split())
        return row
    for path, data in outputs.items():
        key = os.path.relpath(path, base) if base is not None else str(path)
        row.files[key] = sha256(data)
    row.outputs = list(row.files)
    if result.built is not None:
        row.note = replace(result.built, folder=pair.src, tei=next(iter(outputs))).summary()
    return row
