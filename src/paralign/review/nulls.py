"""Omissions (1-0 beads: source with no translation) and additions (0-1 beads)."""

from __future__ import annotations

from ..model import Bead
from ..vocab import FindingKind
from .base import CHECKS, Finding, ReviewContext

#: a null bead of this many characters or more gets the highest severity
FULL_LENGTH = 150
#: a 1-0 bead that is only page furniture (a letterhead line, a page number)
FURNITURE_SEVERITY = 0.2


def _severity(text: str) -> float:
    """Short leftovers (a page number, "Presente.") matter less than a whole sentence."""
    letters = sum(c.isalpha() for c in text)
    return 0.45 + 0.45 * min(1.0, letters / FULL_LENGTH)


def _runs(ctx: ReviewContext) -> dict[int, tuple[int, int]]:
    """For each null bead in a run of two or more of the same kind (1-0 or 0-1),
    by bead index: the sentence ids of the run's first and last sentence."""
    out: dict[int, tuple[int, int]] = {}
    views = ctx.beads
    k = 0
    while k < len(views):
        side = _null_side(views[k].bead)
        stop = k + 1
        while side and stop < len(views) and _null_side(views[stop].bead) == side:
            stop += 1
        if side and stop - k > 1:
            ids = [i for view in views[k:stop] for i in getattr(view.bead, side)]
            out.update((view.index, (ids[0], ids[-1])) for view in views[k:stop])
        k = stop
    return out


def _null_side(bead: Bead) -> str | None:
    """ "src" for a 1-0 bead, "tgt" for a 0-1 bead, else None."""
    if bead.src and not bead.tgt:
        return "src"
    return "tgt" if bead.tgt and not bead.src else None


def _in_run(runs: dict[int, tuple[int, int]], index: int) -> str:
    if index not in runs:
        return ""
    first, last = runs[index]
    return f", in a run of {last - first + 1} (sentences {first + 1}–{last + 1})"


@CHECKS.register("nulls", order=10)
def check_nulls(ctx: ReviewContext) -> list[Finding]:
    """One finding per 1-0 bead (omission) and per 0-1 bead (addition); a bead in a
    run of them (an untranslated passage) says so, and where the run lies."""
    out = []
    runs = _runs(ctx)
    for view in ctx.beads:
        bead, side = view.bead, _null_side(view.bead)
        run = {"run": list(runs[view.index])} if view.index in runs else {}
        if side == "src":
            n = len(bead.src)
            what = f"{n} source sentence{'s' if n > 1 else ''} with no translation"
            what += _in_run(runs, view.index)
            furniture = not view.src_plain.strip()
            out.append(
                ctx.finding(
                    FindingKind.OMISSION,
                    FURNITURE_SEVERITY if furniture else _severity(view.src_plain),
                    view.index,
                    what + (" (page furniture: a letterhead or page line)" if furniture else ""),
                    source=view.src,
                    **run,
                )
            )
        elif side == "tgt":
            n = len(bead.tgt)
            plain = view.tgt_plain.strip()
            if not plain:
                continue  # only an editorial insertion: the editorial check reports it
            out.append(
                ctx.finding(
                    FindingKind.ADDITION,
                    _severity(plain) - 0.05,
                    view.index,
                    f"{n} target sentence{'s' if n > 1 else ''} with no source"
                    + _in_run(runs, view.index),
                    target=view.tgt,
                    **run,
                )
            )
    return out
