"""Editorial insertions: words in square brackets, and parentheses only one side has."""

from __future__ import annotations

import regex

from ..vocab import FindingKind
from .base import CHECKS, Finding, ReviewContext

#: an editor's insertion: ``[Anatoly F. Dobrynin]``, ``[i.e., draft-ed.]``, ``[...]``
BRACKETS = regex.compile(r"\[[^\[\]\n]{0,300}\]")
_PARENS = regex.compile(r"\([^()\n]{0,300}\)")
#: a gloss: a parenthesis of this many words or fewer that the source has not ("(said)")
GLOSS_WORDS = 4


def strip_glosses(tgt: str, src: str) -> str:
    """``tgt`` without short parenthesised glosses, when ``src`` has no parentheses at all.

    "Mikoyan (said) that…", "inspection (of Cuba.)": the translator's additions,
    which the editorial check reports; the other checks should not read them as
    translated text (a name or a number the source "lacks").
    """
    if "(" in src:
        return tgt
    out = _PARENS.sub(lambda m: " " if len(m.group().split()) <= GLOSS_WORDS else m.group(), tgt)
    return regex.sub(r"\s{2,}", " ", out).strip()


def strip_brackets(text: str) -> str:
    """``text`` without its square-bracketed insertions (spaces tidied)."""
    return regex.sub(r"\s{2,}", " ", BRACKETS.sub(" ", text)).strip()


@CHECKS.register("brackets", order=80)
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
                    FindingKind.EDITORIAL,
                    0.15,
                    view.index,
                    f"editorial insertion{'s' if len(added) > 1 else ''} in the translation: "
                    + ", ".join(added),
                    target=added,
                )
            )
        if view.bead.src and view.bead.tgt:
            tgt = strip_brackets(view.tgt)
            extra = len(_PARENS.findall(tgt)) - len(_PARENS.findall(view.src))
            if extra > 0:
                parens = _PARENS.findall(tgt)
                out.append(
                    ctx.finding(
                        FindingKind.EDITORIAL,
                        0.2,
                        view.index,
                        f"the translation has {extra} parenthesis more than the source: "
                        + ", ".join(parens),
                        target=parens,
                    )
                )
    return out
