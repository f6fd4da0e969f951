"""Read and write alignments in the gold-file format of the published aligners.

One bead per line: ``[source ids]:[target ids]``, optionally followed by
``:confidence``, e.g. ``[0, 1]:[2]`` or ``[3]:[]:0.873``. Ids are 0-based
sentence (line) numbers; an empty list is an empty side.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import FormatError
from .files import write_file
from .output import confidence_text
from .read import unreadable

Pair = tuple[tuple[int, ...], tuple[int, ...]]

_IDS = r"\[\s*(?:(\d+(?:\s*,\s*\d+)*)\s*,?)?\s*\]"
_LINE = re.compile(rf"^\s*{_IDS}\s*:\s*{_IDS}\s*(?::\s*(\S+)\s*)?$")


def parse_line(line: str) -> tuple[Pair, float | None]:
    """One bead and its confidence (``None`` when the line has none).

    Raises :class:`ValueError` when the line is not in the format.
    """
    match = _LINE.match(line)
    if match is None:
        raise ValueError("expected '[ids]:[ids]' or '[ids]:[ids]:confidence'")
    src, tgt, conf = match.groups()
    pair = (_ids(src), _ids(tgt))
    if conf is None:
        return pair, None
    try:
        confidence = float(conf)
    except ValueError:
        raise ValueError(f"confidence {conf!r} is not a number") from None
    if math.isnan(confidence):
        raise ValueError("confidence is NaN")
    return pair, confidence


def _ids(group: str | None) -> tuple[int, ...]:
    return tuple(int(x) for x in group.split(",")) if group else ()


def read_pairs(path: str | os.PathLike[str]) -> list[Pair]:
    """The beads of a gold or prediction file, in file order (blank lines skipped)."""
    return [pair for pair, _ in read_beads(path)]


def read_beads(path: str | os.PathLike[str]) -> list[tuple[Pair, float | None]]:
    """The beads of a file with their confidences (``None`` where a line has none)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FormatError(f"{path}: not UTF-8 text; expected an alignment file") from None
    except OSError as exc:
        raise unreadable(exc, str(path), "an alignment file") from None
    beads = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            beads.append(parse_line(line))
        except ValueError as exc:
            shown = line.strip()[:60]
            raise FormatError(f"{path}:{number}: {exc}, got {shown!r}") from None
    if not beads:
        raise FormatError(f"{path}: no beads; expected lines like '[0, 1]:[2]'")
    return beads


def check_alignment(pairs: Sequence[Pair], name: str, *, monotone: bool = True) -> None:
    """Raise :class:`FormatError` (naming bead ``k``, 1-based) unless ``pairs`` is an
    alignment: no empty bead ``[]:[]``, no sentence twice in a bead, no bead twice; with
    ``monotone`` (what an aligner writes) also no sentence in two beads and the beads in
    the order of both texts. A gold file may hold crossing beads and a sentence in two
    beads (Text+Berg's hand alignment has both); pass ``monotone=False`` for it.
    """
    seen: set[Pair] = set()
    used: tuple[dict[int, int], dict[int, int]] = ({}, {})
    last = [-1, -1]
    for k, (src, tgt) in enumerate(pairs, 1):
        shown = format_bead(src, tgt)
        if not src and not tgt:
            raise FormatError(f"{name}: bead {k} is empty ([]:[]), which aligns nothing")
        for side, ids in (("source", src), ("target", tgt)):
            if len(set(ids)) != len(ids):
                raise FormatError(f"{name}: bead {k} {shown} names a {side} sentence twice")
        if (src, tgt) in seen:
            raise FormatError(f"{name}: bead {k} {shown} is there twice")
        seen.add((src, tgt))
        if not monotone:
            continue
        for side, ids in enumerate((src, tgt)):
            label = ("source", "target")[side]
            for i in ids:
                if i in used[side]:
                    raise FormatError(
                        f"{name}: bead {k} {shown} overlaps bead {used[side][i]}: {label} "
                        f"sentence {i} is in both; each sentence belongs to one bead"
                    )
                used[side][i] = k
            if ids and min(ids) < last[side]:
                raise FormatError(
                    f"{name}: bead {k} {shown} is out of order: its {label} sentence "
                    f"{min(ids)} comes before {last[side]}, in an earlier bead; an aligner "
                    "writes beads in the order of both texts"
                )
            if ids:
                last[side] = max(ids)


def format_bead(src: Sequence[int], tgt: Sequence[int], confidence: float | None = None) -> str:
    """One line of the format (without the newline), e.g. ``[0, 1]:[2]:0.873``."""
    line = f"[{', '.join(map(str, src))}]:[{', '.join(map(str, tgt))}]"
    return line if confidence is None else f"{line}:{confidence_text(confidence)}"


def write_pairs(
    path: str | os.PathLike[str],
    pairs: Iterable[Pair],
    confidences: Iterable[float] | None = None,
) -> None:
    """Write beads (and confidences, when given) one per line."""
    pairs = list(pairs)
    confs = [None] * len(pairs) if confidences is None else list(confidences)
    lines = [format_bead(s, t, c) for (s, t), c in zip(pairs, confs, strict=True)]
    write_file(path, "".join(line + "\n" for line in lines).encode("utf-8"))
