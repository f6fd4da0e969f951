"""Omissions (1-0 beads: source with no translation) and additions (0-1 beads)."""

from __future__ import annotations

from .base import Finding, ReviewContext

#: a null bead of this many characters or more gets the highest severity
FULL_LENGTH = 150
#: a 1-0 bead that is only page furniture (a letterhead line, a page number)
FURNITURE_SEVERITY = 0.2


def _severity(text: str) -> float:
    """Short leftovers (a page number, "Presente.") matter less than a whole sentence."""
    letters = sum(c.isalpha() for c in text)
    return 0.45 + 0.45 * min(1.0, letters / FULL_LENGTH)


def check_nulls(ctx: ReviewContext) -> list[Finding]:
    """One finding per 1-0 bead (omission) and per 0-1 bead (addition)."""
    out = []
    for view in ctx.beads:
        bead = view.bead
        if bead.src and not bead.tgt:
            n = len(bead.src)
            what = f"{n} source sentence{'s' if n > 1 else ''} with no translation"
            furniture = not view.src_plain.strip()
            out.append(
                ctx.finding(
                    "omission",
                    FURNITURE_SEVERITY if furniture else _severity(view.src_plain),
                    view.index,
                    what + (" (page furniture: a letterhead or page line)" if furniture else ""),
                    source=view.src,
                )
            )
        elif bead.tgt and not bead.src:
            n = len(bead.tgt)
            plain = view.tgt_plain.strip()
            if not plain:
                continue  # only an editorial insertion: the editorial check reports it
            out.append(
                ctx.finding(
                    "addition",
                    _severity(plain) - 0.05,
                    view.index,
                    f"{n} target sentence{'s' if n > 1 else ''} with no source",
                    target=view.tgt,
                )
            )
    return out
