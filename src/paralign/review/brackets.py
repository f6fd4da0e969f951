"""Editorial insertions: words in square brackets, and parentheses only one side has."""

from __future__ import annotations

import regex

from .base import Finding, ReviewContext

#: an editor's insertion: ``[Anatoly F. Dobrynin]``, ``[i.e., draft-ed.]``, ``[...]``
BRACKETS = regex.compile(r"\[[^\[\]\n]{0,300}\]")
_PARENS = regex.compile(r"\([^()\n]{0,300}\)")


def strip_brackets(text: str) -> str:
    """``text`` without its square-bracketed insertions (spaces tidied)."""
    return regex.sub(r"\s{2,}", " ", BRACKETS.sub(" ", text)).strip()


def check_brackets(ctx: ReviewContext) -> list[Finding]:
    """Square brackets in the translation that the source has not, and added parentheses.

    These are usually deliberate (an editor's gloss, "[several lines excised]"),
    so their severity is low: the finding is there so that a reviewer can see
    every place the translation says more than the original.
    """
    out = []
    for view in ctx.beads:
        src_brackets = BRACKETS.findall(view.src)
        added = [b for b in BRACKETS.findall(view.tgt) if b not in src_brackets]
        if added:
            out.append(
                ctx.finding(
                    "editorial",
                    0.15,
                    view.index,
                    f"editorial insertion{'s' if len(added) > 1 else ''} in the translation: "
                    + ", ".join(added),
                    target=added,
                )
            )
        if view.bead.src and view.bead.tgt:
            extra = len(_PARENS.findall(view.tgt_plain)) - len(_PARENS.findall(view.src))
            if extra > 0:
                parens = _PARENS.findall(view.tgt_plain)
                out.append(
                    ctx.finding(
                        "editorial",
                        0.2,
                        view.index,
                        f"the translation has {extra} parenthesis more than the source: "
                        + ", ".join(parens),
                        target=parens,
                    )
                )
    return out
