"""Negation, modality and quotation that one side has and the other has not.

These are the small words that turn a meaning around and that sentence
similarity barely sees: "no" dropped, "hicieron posible" (made possible)
rendered "might facilitate", a word put in quotation marks by the translator
("the American "right""). Each is counted per side; a mismatch is a finding.
"""

from __future__ import annotations

import regex

from .base import Finding, ReviewContext
from .lexicon import MODALITY, NEGATION, words_of

_TOKEN = regex.compile(r"\p{L}+(?=n't)|n't|\p{L}+(?:_\p{L}+)?", regex.IGNORECASE)
_QUOTE_CHARS = '"“”«»„'
_QUOTED = regex.compile(r'["“«„]([^"“”«»„]{1,200})["”»]')
#: a dialogue dash: Spanish prints speech with dashes where English uses quotation marks
_DASH = regex.compile(r"(?:^|\s)(?:--|—|―)")
#: a quoted passage this short is a term in quotation marks ("right"), not speech
TERM_WORDS = 4


def _tokens(text: str) -> list[str]:
    text = regex.sub(r"(?i)\btal vez\b", "tal_vez", text)
    return [t.lower() for t in _TOKEN.findall(text)]


def _marked(tokens: list[str], words: frozenset[str]) -> list[str]:
    return [t for t in tokens if t in words]


def check_markers(ctx: ReviewContext) -> list[Finding]:
    """Negation on one side only, a different number of modal words, unmatched quotation.

    A modal word in the translation alone weighs least: Spanish subjunctives
    ("para que nos informara") are often rendered with "might" or "should".
    """
    neg = (words_of(NEGATION, ctx.src_lang), words_of(NEGATION, ctx.tgt_lang))
    mod = (words_of(MODALITY, ctx.src_lang), words_of(MODALITY, ctx.tgt_lang))
    out = []
    for view in ctx.beads:
        if not (view.bead.src and view.bead.tgt):
            continue
        ta, tb = _tokens(view.src), _tokens(view.tgt_plain)
        if neg[0] and neg[1]:
            na, nb = _marked(ta, neg[0]), _marked(tb, neg[1])
            if bool(na) != bool(nb):
                side, words = ("source", na) if na else ("translation", nb)
                out.append(
                    ctx.finding(
                        "meaning",
                        0.5,
                        view.index,
                        f"negation ({', '.join(words)}) in the {side} only",
                        source=na,
                        target=nb,
                    )
                )
        if mod[0] and mod[1]:
            ma, mb = _marked(ta, mod[0]), _marked(tb, mod[1])
            if len(ma) != len(mb):
                what = (
                    f"the translation has {', '.join(mb) or 'no modal word'} where the source has "
                    f"{', '.join(ma) or 'none'}"
                )
                out.append(
                    ctx.finding(
                        "meaning",
                        0.4 if not mb else 0.3 if not ma else 0.35,
                        view.index,
                        f"modality differs: {what}",
                        source=ma,
                        target=mb,
                    )
                )
        qa = sum(view.src.count(c) for c in _QUOTE_CHARS)
        qb = sum(view.tgt_plain.count(c) for c in _QUOTE_CHARS)
        if abs(qa - qb) >= 2:
            more, side = (view.src, "source") if qa > qb else (view.tgt_plain, "translation")
            other = view.tgt_plain if qa > qb else view.src
            quoted = [q.strip() for q in _QUOTED.findall(more)]
            terms = [q for q in quoted if len(q.split()) <= TERM_WORDS]
            if _DASH.search(other) and not terms:
                continue  # speech: quotation marks on one side, dialogue dashes on the other
            shown = ", ".join(f'"{q}"' for q in quoted) or "a passage"
            out.append(
                ctx.finding(
                    "meaning",
                    0.35,
                    view.index,
                    f"only the {side} puts {shown} in quotation marks",
                    quoted=quoted,
                    side=side,
                )
            )
    return out
