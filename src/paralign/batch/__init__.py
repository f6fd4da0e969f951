"""Align a whole collection: many pairs, in parallel, resumable (``paralign batch``).

::

    import paralign
    result = paralign.batch("aligned/", src_dir="es/", tgt_dir="en/", src_lang="es",
                            tgt_lang="en", format="tmx")
    result.failed          # the rows of the pairs that failed, each with its error line

The collection is two folders paired by file name, two patterns with a ``{name}``
placeholder, a manifest (CSV, TSV or JSON lines: :mod:`.manifest`) or a corpus of
document folders (``build-corpus``'s). Each pair is one job (:mod:`.job`): run in
worker processes on this machine (:mod:`.local`) or as tasks on a Dask cluster
(:mod:`.cluster`); its output and a summary row come back here (:mod:`.runner`,
:mod:`.summary`). See docs/batch.md.
"""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

from ..errors import InputError
from .collection import Pair, from_corpus, from_folders, from_patterns
from .manifest import read_manifest
from .runner import BatchResult, run_pairs
from .settings import DOCUMENT, DONE, FAILED, STATUSES, TEXTS, UNCHANGED, Settings
from .summary import COLUMNS, JOURNAL, SUMMARY_JSON, SUMMARY_TSV, Row


def collect(
    out_dir: str | os.PathLike[str] | None,
    *,
    src_dir: str | os.PathLike[str] | None = None,
    tgt_dir: str | os.PathLike[str] | None = None,
    src: str | None = None,
    tgt: str | None = None,
    manifest: str | os.PathLike[str] | None = None,
    corpus: str | os.PathLike[str] | None = None,
    settings: Settings | None = None,
) -> list[Pair]:
    """The pairs of the one collection given (folders, patterns, manifest or corpus)."""
    settings = settings or Settings()
    given = [
        name
        for name, value in (
            ("src_dir/tgt_dir", src_dir or tgt_dir),
            ("src/tgt patterns", src or tgt),
            ("manifest", manifest),
            ("corpus", corpus),
        )
        if value
    ]
    if len(given) != 1:
        raise InputError(
            "give one collection: two folders (--src-dir, --tgt-dir), two patterns "
            "(--src, --tgt), a manifest (--manifest) or a corpus folder (--corpus)"
            + (f"; got {' and '.join(given)}" if given else "")
        )
    out = Path(out_dir) if out_dir is not None else None
    if corpus:
        return from_corpus(corpus, out, settings)
    if out is None:
        raise InputError("give the output folder (-o OUT_DIR)")
    if manifest:
        return read_manifest(manifest, out, settings)
    if src_dir or tgt_dir:
        if not (src_dir and tgt_dir):
            raise InputError("give both --src-dir and --tgt-dir")
        return from_folders(src_dir, tgt_dir, out, settings)
    if not (src and tgt):
        raise InputError("give both --src and --tgt patterns")
    return from_patterns(src, tgt, out, settings)


def batch(
    out_dir: str | os.PathLike[str],
    *,
    src_dir: str | os.PathLike[str] | None = None,
    tgt_dir: str | os.PathLike[str] | None = None,
    src: str | None = None,
    tgt: str | None = None,
    manifest: str | os.PathLike[str] | None = None,
    corpus: str | os.PathLike[str] | None = None,
    workers: int | None = None,
    scheduler: object = None,
    retries: int = 1,
    progress: bool = False,
    **settings: object,
) -> BatchResult:
    """Align every pair of a collection into ``out_dir``, with its summary there.

    ``settings`` are :class:`Settings` fields (``src_lang``, ``tgt_lang``,
    ``format``, ``model``, ``max_bead``, ``overlaps``, ``presegmented``,
    ``paragraphs``, ``cache``, ``max_bytes``, ``review``, ``editorial``, ``date``).
    ``workers``: processes on this machine (default: as the cores and memory allow;
    0: this process); ``scheduler``: a Dask scheduler address (``tcp://HOST:PORT``)
    or ``distributed.Client`` to run on instead. Pairs done before with the same
    inputs and settings are not redone. Never raises for a bad pair: see
    :attr:`BatchResult.failed`.
    """
    try:
        chosen = Settings(**settings)  # type: ignore[arg-type]
    except TypeError as exc:
        raise InputError(f"unknown batch setting: {exc}") from None
    pairs = collect(
        out_dir,
        src_dir=src_dir,
        tgt_dir=tgt_dir,
        src=src,
        tgt=tgt,
        manifest=manifest,
        corpus=corpus,
        settings=with_date(chosen),
    )
    return run_pairs(
        pairs, out_dir, workers=workers, scheduler=scheduler, retries=retries, progress=progress
    )


def with_date(settings: Settings) -> Settings:
    """The settings with the date headers get, read here (``SOURCE_DATE_EPOCH``) rather
    than on the workers, whose environment may differ; the date is checked."""
    from dataclasses import replace

    from ..export.base import ExportOptions

    options = ExportOptions(date=settings.date)
    options.check()
    return replace(settings, date=options.header_date())


class _Callable(types.ModuleType):
    """This package, callable: ``paralign.batch(...)`` is :func:`batch`."""

    def __call__(self, *args: object, **kwargs: object) -> BatchResult:
        return batch(*args, **kwargs)  # type: ignore[arg-type]


sys.modules[__name__].__class__ = _Callable

__all__ = [
    "COLUMNS",
    "DOCUMENT",
    "DONE",
    "FAILED",
    "JOURNAL",
    "STATUSES",
    "SUMMARY_JSON",
    "SUMMARY_TSV",
    "TEXTS",
    "UNCHANGED",
    "BatchResult",
    "Pair",
    "Row",
    "Settings",
    "batch",
    "collect",
    "run_pairs",
    "with_date",
]
