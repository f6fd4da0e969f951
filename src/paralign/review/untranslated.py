"""Untranslated text: a target that repeats its source word for word."""

from __future__ import annotations

import regex

from ..vocab import FindingKind
from .base import CHECKS, Finding, ReviewContext

_WORD = regex.compile(r"\p{L}+")


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


@CHECKS.register("untranslated", order=70)
def check_untranslated(ctx: ReviewContext) -> list[Finding]:
    """Beads whose target has the same words as the source, in order.

    Names, dates and headings that are the same in both languages ("Raúl Roa
    García") are not flagged: at least three words must be written in lower case,
    which proper names and all-capital headings are not.
    """
    out = []
    for view in ctx.beads:
        if not (view.bead.src and view.bead.tgt):
            continue
        a, b = _words(view.src_plain), _words(view.tgt_plain)
        if not a or a != b:
            continue
        lower = [w for w in _WORD.findall(view.tgt_plain) if w.islower()]
        if len(lower) < 3:
            continue
        out.append(
            ctx.finding(
                FindingKind.UNTRANSLATED,
                0.75,
                view.index,
                f"the target repeats the source word for word ({len(a)} words): not translated?",
                target=view.tgt,
            )
        )
    return out
