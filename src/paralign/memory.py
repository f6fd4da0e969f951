"""Will an alignment fit in memory? Asked before any embedding, so that a pair far
too large for the machine is refused in seconds, with one clear line, instead of
being killed hours later by the kernel.

The estimate is the benchmark's: peak memory grows linearly with the number of
sentences (embeddings, block vectors and the search's band), about 14.5 KiB per
sentence of both sides over a base of about 450 MB (the model and the
interpreter). ``python -m bench --sets scale`` measured 1,062 MB for 45,204
sentences and 3,593 MB for 226,020 (2026-12-04, docs/benchmark.md).
"""

from __future__ import annotations

from pathlib import Path

import regex

from .cores import cpu_count
from .errors import InputError
from .segment.document import PARAGRAPH_MARK

#: peak memory of an alignment beyond its sentences (model, interpreter, libraries)
BASE_BYTES = 450 * 1024**2
#: peak memory per sentence of either side (the slope of the scale runs, rounded up)
BYTES_PER_SENTENCE = 14_848  # 14.5 KiB


#: a pre-segmented line that is a paragraph marker, not a sentence (``segment_lines``)
_PARAGRAPH_MARK = regex.compile(
    rf"^[^\S\n]*{regex.escape(PARAGRAPH_MARK)}[^\S\n]*$", regex.MULTILINE
)
#: a run of sentence-final punctuation before a space or the end of the text
_SENTENCE_END = regex.compile(r"[.!?…。！？]+(?=\s|$)")


def sentences_at_least(text: str, presegmented: bool = False) -> int:
    """How many sentences a text will come to, at the least, counted without
    segmenting it: its lines when pre-segmented (``<p>`` lines are no sentences),
    else half its runs of sentence-final punctuation (abbreviations and the like end
    no sentence).

    Segmenting holds about 0.8 KiB per sentence while it works, so a text far too
    large to align is refused on this count before it is segmented (a 62 MiB text
    of 13 million one-word sentences took 99 s and 10.2 GiB to segment)."""
    if presegmented:  # (old-Mac line ends undercount: a lower bound still)
        lines = text.count("\n") + (not text.endswith("\n"))
        return lines - sum(1 for _ in _PARAGRAPH_MARK.finditer(text))
    return sum(1 for _ in _SENTENCE_END.finditer(text)) // 2


#: texts that count fewer sentences cost little to segment (under 80 MB) and are
#: checked on the segmenter's exact count only
COUNT_FIRST_FROM = 100_000


def check_before_segmenting(text: str, presegmented: bool, n_src: int | None = None) -> None:
    """:func:`check_memory` on :func:`sentences_at_least` of a text about to be
    segmented, where that count is large: the source's (``n_src`` ``None``) or, with
    the source's sentences, its translation's."""
    n = sentences_at_least(text, presegmented)
    if n < COUNT_FIRST_FROM:
        return
    if n_src is None:
        check_memory(n, at_least=True)
    else:
        check_memory(n_src, n, at_least=True)


def estimated_peak(n_src: int, n_tgt: int) -> int:
    """The peak memory, in bytes, of aligning ``n_src`` with ``n_tgt`` sentences."""
    return BASE_BYTES + BYTES_PER_SENTENCE * (n_src + n_tgt)


#: bytes of text per sentence at the least, for a peak estimated from file sizes alone
#: (a sentence is 100–150 bytes in the gold sets; 50 errs on the side of memory)
BYTES_PER_SENTENCE_OF_TEXT = 50


def peak_of_files(n_bytes: int) -> int:
    """The peak memory of aligning texts of ``n_bytes`` (both sides together), estimated
    from their size alone, on the high side: one sentence per 50 bytes."""
    return estimated_peak(n_bytes // BYTES_PER_SENTENCE_OF_TEXT + 1, 0)


#: what a batch worker holds beyond an alignment's peak: its start-up pair, the freed
#: memory it keeps for reuse (``allocator``), the runner's modules (``bench.batch``:
#: workers peaked at 602-635 MB on pairs a ``paralign align`` process did in 443 MB)
WORKER_BYTES = 200 * 1024**2


def workers_for(peak: int, cores: int | None = None) -> int:
    """How many batch worker processes this machine runs at once, each aligning pairs
    of ``peak`` bytes: one per core it may use, no more than its available memory
    holds (with :data:`WORKER_BYTES` more each), at least one."""
    if cores is None:
        cores = cpu_count()
    have = available_memory()
    fit = cores if have is None else have // (peak + WORKER_BYTES)
    return max(1, min(cores, fit))


def available_memory() -> int | None:
    """Bytes this process can still take: the smaller of the system's available
    memory and what its cgroup's limit leaves; ``None`` where neither is known."""
    limits = [v for v in (_meminfo_available(), _cgroup_headroom()) if v is not None]
    return min(limits) if limits else None


def check_memory(n_src: int, n_tgt: int | None = None, *, at_least: bool = False) -> None:
    """:class:`InputError` when aligning ``n_src`` × ``n_tgt`` sentences needs more
    memory than the machine has available (nothing is checked where that is unknown).

    With ``n_tgt`` ``None`` (the target not yet segmented) the source alone is
    counted: a source far too large is refused before its translation is read.
    ``at_least``: the last count is :func:`sentences_at_least`'s, not a segmenter's.
    """
    need = estimated_peak(n_src, n_tgt or 0)
    have = available_memory()
    if have is None or need <= have:
        return
    least = "at least " if at_least else ""
    what = (
        f"aligning {n_src:,} with {least}{n_tgt:,} sentences needs {least or 'about '}{_gib(need)}"
        if n_tgt is not None
        else f"the source text has {least}{n_src:,} sentences: aligning them needs over "
        f"{_gib(need)}"
    )
    raise InputError(
        f"{what} of memory and this machine has {_gib(have)} available: split both texts "
        "at the same places (chapters, letters) and align the parts"
    )


def _gib(n: int) -> str:
    return f"{n / 1024**3:.1f} GiB"


def _meminfo_available() -> int | None:
    """``MemAvailable`` of ``/proc/meminfo`` (Linux), in bytes."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _cgroup_headroom(root: Path = Path("/sys/fs/cgroup")) -> int | None:
    """The cgroup v2 memory limit less what the cgroup uses, where there is a limit.

    Page cache counts in ``memory.current`` but is given back under pressure, so the
    ``file`` pages of ``memory.stat`` are not counted as used."""
    try:
        limit = (root / "memory.max").read_text().strip()
        if limit == "max":
            return None
        used = int((root / "memory.current").read_text().strip())
        for line in (root / "memory.stat").read_text().splitlines():
            name, _, value = line.partition(" ")
            if name == "file":
                used -= int(value)
                break
        return max(0, int(limit) - used)
    except (OSError, ValueError):
        return None


__all__ = [
    "available_memory",
    "check_before_segmenting",
    "check_memory",
    "estimated_peak",
    "peak_of_files",
    "sentences_at_least",
    "workers_for",
]
