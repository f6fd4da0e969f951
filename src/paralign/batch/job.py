"""One pair's work, as a worker does it: bytes in, the output files' bytes out.

A :class:`Job` carries everything a worker needs (the input files' bytes, the
settings), so it runs the same in this process, in a local worker process and on a
Dask worker on another machine with no file system in common. :func:`run_job`
never raises for a bad pair: it returns a :class:`Result` whose ``error`` is the
one line a user reads in the summary.

Each worker process keeps the encoders it loaded (:func:`encoder_for`), so a model
is loaded once per process, not once per pair.
"""

from __future__ import annotations

import contextlib
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..archive.corpus import TEI_SUFFIX, Built
from ..encoders import Encoder, load_encoder
from ..errors import ParalignError
from ..model import Alignment
from .settings import DOCUMENT, DONE, FAILED, Settings

#: the characters of each side the language identifier reads
DETECT_CHARS = 20_000


@dataclass(frozen=True)
class Job:
    """A pair to align: what it is called, its input files' bytes and its settings.

    ``inputs`` maps a role to ``(label, bytes)``: ``src``/``tgt`` for two texts (the
    label is the path as given, for messages), or, for a corpus document, each file
    of the folder by its name there (``metadata.toml``, the transcription).
    ``stem`` is the output's file name without the format's suffix.
    """

    name: str
    kind: str
    inputs: dict[str, tuple[str, bytes]]
    settings: Settings
    stem: str
    digest: str = ""


@dataclass
class Result:
    """What aligning one pair gave: its output files by name, or the error line."""

    name: str
    status: str
    files: dict[str, bytes] = field(default_factory=dict)
    stats: dict[str, object] = field(default_factory=dict)
    error: str = ""
    seconds: float = 0.0
    digest: str = ""
    #: what building a corpus document gave (``build-corpus`` prints its summary)
    built: Built | None = None


_encoders: dict[tuple[str, bool], Encoder] = {}
_lock = threading.Lock()


def encoder_for(model: str, cache: bool = True) -> Encoder:
    """The encoder ``model`` of this process, loaded on first use and kept."""
    key = (model, cache)
    with _lock:
        if key not in _encoders:
            _encoders[key] = load_encoder(model, cache=None if cache else False)
        return _encoders[key]


#: a pair a worker aligns before its first job, so that the one-time costs (the
#: compiled search loaded, the model's first call) are not counted to a pair
WARM_UP = (
    "Llegó el barco. El capitán bajó a tierra. Nadie lo esperaba.",
    "The ship arrived. The captain went ashore. No one was waiting for him.",
)


def preload(model: str, cache: bool = True, beside: int = 1) -> None:
    """Load an encoder and align a small pair with it (a worker's initializer);
    ``beside``: the workers on this machine, this one included, which share its cores
    (each then runs its threads on its share: :func:`paralign.cores.use_cores`).
    Large arrays come from the heap, as in a plain process, even in a Dask worker
    (:func:`paralign.allocator.reuse_freed_memory`)."""
    from ..allocator import reuse_freed_memory
    from ..cores import cpu_count, use_cores
    from ..pipeline import align

    reuse_freed_memory()
    if beside > 1:
        use_cores(cpu_count() // beside)

    with contextlib.suppress(ParalignError):  # reported with the first pair that needs it
        encoder = encoder_for(model, cache)
        align(*WARM_UP, src_lang="es", tgt_lang="en", model=getattr(encoder, "inner", encoder))


def run_job(job: Job, encoder: Encoder | None = None) -> Result:
    """Align one pair and render its output; a bad pair gives a failed :class:`Result`."""
    start = time.perf_counter()
    try:
        if job.kind == DOCUMENT:
            files, stats, built = _build_document(job, encoder)
        else:
            files, stats = _align_texts(job, encoder)
            built = None
    except ParalignError as exc:
        return _failed(job, str(exc), start)
    except MemoryError as exc:
        detail = f" ({exc})" if str(exc) else ""
        return _failed(job, f"out of memory{detail}: split the pair into smaller parts", start)
    except RecursionError:
        return _failed(job, "the text is nested too deeply to process", start)
    seconds = time.perf_counter() - start
    return Result(job.name, DONE, files, stats, "", seconds, job.digest, built)


def _failed(job: Job, error: str, start: float) -> Result:
    line = " ".join(error.split())
    return Result(
        job.name, FAILED, error=line, seconds=time.perf_counter() - start, digest=job.digest
    )


def unexpected(job: Job, exc: BaseException) -> Result:
    """The failed result of a job whose run raised something no bad input raises."""
    error = " ".join(f"{type(exc).__name__}: {exc}".split())
    return Result(job.name, FAILED, error=error, digest=job.digest)


def _align_texts(job: Job, encoder: Encoder | None) -> tuple[dict[str, bytes], dict]:
    """Read, align and export two texts, as ``paralign align`` does."""
    from ..pipeline import align
    from ..read import decode_text

    s = job.settings
    src_label, src_bytes = job.inputs["src"]
    tgt_label, tgt_bytes = job.inputs["tgt"]
    src_text = decode_text(src_bytes, src_label)
    tgt_text = decode_text(tgt_bytes, tgt_label)
    alignment = align(
        src_text,
        tgt_text,
        src_lang=s.src_lang,
        tgt_lang=s.tgt_lang,
        model=encoder or encoder_for(s.model, s.cache),
        max_bead=s.max_bead,
        overlaps=s.overlaps,
        presegmented=s.presegmented,
        paragraphs=s.paragraphs,
    )
    files = render(alignment, s.format, job.stem, s.date)
    stats = alignment_stats(alignment)
    stats["src_detected"] = detect(src_text)
    stats["tgt_detected"] = detect(tgt_text)
    if s.review:
        from ..report import render_html
        from ..review import review

        result = review(alignment)
        title = f"Translation review: {Path(src_label).name} → {Path(tgt_label).name}"
        files[f"{job.stem}{REVIEW_SUFFIX}"] = render_html(result, title=title).encode("utf-8")
        stats["findings"] = len(result)
    return files, stats


#: the review report written beside a pair's output (``--review``)
REVIEW_SUFFIX = ".review.html"


def render(alignment: Alignment, fmt: str, stem: str, date: str | None) -> dict[str, bytes]:
    """The output files of ``alignment`` in ``fmt`` by name, the bytes ``paralign align
    -o STEM.SUFFIX`` writes."""
    from ..export import export_named

    options = {"date": date} if date else {}
    return export_named(alignment, fmt, stem, **options)


def alignment_stats(alignment: Alignment) -> dict[str, object]:
    """The summary's figures of one alignment."""
    beads = alignment.beads
    shapes = Counter(b.shape for b in beads)
    order = sorted(shapes, key=lambda s: (-shapes[s], s))
    mean = sum(b.confidence for b in beads) / len(beads) if beads else 0.0
    return {
        "src_lang": alignment.src.lang,
        "tgt_lang": alignment.tgt.lang,
        "src_sentences": len(alignment.src),
        "tgt_sentences": len(alignment.tgt),
        "beads": len(beads),
        "shapes": {s: shapes[s] for s in order},
        "mean_confidence": round(mean, 4),
        "doubtful_share": round(alignment.doubtful_share(), 4),
    }


def detect(text: str) -> str:
    """The language py3langid finds in the start of ``text``."""
    from ..archive.languages import identify

    return identify(text[:DETECT_CHARS])


def _build_document(job: Job, encoder: Encoder | None) -> tuple[dict[str, bytes], dict, Built]:
    """Build a corpus document's TEI from its folder's files, as ``build-corpus`` does."""
    from ..archive.corpus import render_document

    s = job.settings
    with tempfile.TemporaryDirectory(prefix="paralign-batch-") as tmp:
        folder = Path(tmp) / job.name
        for name, (_, data) in job.inputs.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        built, data, alignment = render_document(
            folder,
            model=encoder or encoder_for(s.model, s.cache),
            editorial=s.editorial,
            date=s.date,
        )
    if alignment is not None:
        stats = alignment_stats(alignment)
        # the reader found each part's language
        stats["src_detected"], stats["tgt_detected"] = stats["src_lang"], stats["tgt_lang"]
    else:
        ((lang, n),) = built.sentences.items()
        stats = {"src_lang": lang, "src_detected": lang, "src_sentences": n}
    return {f"{job.stem}{TEI_SUFFIX}": data}, stats, built
