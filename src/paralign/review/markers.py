"""Negation, certainty, modality and quotation that one side has and the other has not.

These are the small words that turn a meaning around and that sentence similarity
barely sees (a bead with a changed verb still scores 0.8): "no" dropped; a fact
turned into a possibility ("los EE.UU. hicieron posible" — made possible — rendered
"the USA might facilitate"); a modal verb more or less; a word the translator puts
in quotation marks ('the American "right"'). Each is counted per side; a mismatch
is a finding of kind ``meaning`` whose ``evidence["marker"]`` says which.

Severities are not guessed: each marker's is set from how often it fires on
correct beads (see :func:`paralign.review.calibration.severity_for_rate`).
"""

from __future__ import annotations

import unicodedata

import regex

from ..vocab import FindingKind
from .base import CHECKS, Finding, ReviewContext
from .calibration import MEANING_SEVERITY
from .lexicon import HEDGES, MODALITY, NEGATION, SUBJUNCTIVE_CUES, words_of

_TOKEN = regex.compile(r"\p{L}+(?=n't)|n't|\p{L}+(?:_\p{L}+)?", regex.IGNORECASE)
#: contracted English modals before "n't": "can't", "won't", "shan't"
_CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}
_QUOTE_CHARS = '"“”«»„'
_QUOTED = regex.compile(r'["“«„]([^"“”«»„]{1,200})["”»]')
#: a dialogue dash: Spanish prints speech with dashes where English uses quotation marks
_DASH = regex.compile(r"(?:^|\s)(?:--|—|―)")
#: a quoted passage this short is a term in quotation marks ("right"), not speech
TERM_WORDS = 4
#: Spanish forms of "poder" (can, could, might): they may be what an English hedge renders
_PODER = regex.compile(
    r"^(?:pued|pod|pud)(?:e|en|es|o|a|an|as|amos|er|emos|eis|ia|ian|ias|iamos|ido|iendo"
    r"|ra|ran|ras|ria|rian|rias|riamos|ieron|iste|iera|ieran|ieras|iese|iesen|o)$"
)
#: "ser/parecer posible que": it may be that (an epistemic hedge); "hacer posible" is not
_SER = frozenset(["es", "era", "sea", "fuera", "fue", "sera", "seria", "parece", "parecia"])
_EN_POSSIBILITY = frozenset(["can", "could", "able"])


def _fold(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c)
    )


def _tokens(text: str) -> list[str]:
    text = regex.sub(r"(?i)\btal vez\b", "tal_vez", text)
    text = regex.sub(r"(?i)\bcannot\b", "can not", text)
    return [_CONTRACTED.get(t.lower(), t.lower()) for t in _TOKEN.findall(text)]


def _marked(tokens: list[str], words: frozenset[str]) -> list[str]:
    return [t for t in tokens if t in words]


def hedges(tokens: list[str], lang: str) -> list[str]:
    """The epistemic hedges of a text ("perhaps", "might", "tal vez", "es posible que")."""
    words = words_of(HEDGES, lang)
    primary = lang.split("-")[0].lower()
    out = []
    for i, tok in enumerate(tokens):
        f = _fold(tok)
        before = tokens[max(0, i - 4) : i]
        if f in words:
            if f == "possibly" and set(tokens[max(0, i - 2) : i]) & {"can", "could", "not"}:
                continue  # "cannot possibly": an intensifier
            out.append(tok)
        elif primary == "en" and (
            f == "might" or (f == "may" and tokens[i + 1 : i + 2] in (["be"], ["have"]))
        ):
            if i > 0 and not set(before) & SUBJUNCTIVE_CUES:
                out.append(tok)
        elif primary == "es" and f in ("tal_vez", "posible", "probable", "puede"):
            if f == "tal_vez":
                out.append("tal vez")
            elif f == "puede" and tokens[i + 1 : i + 2] == ["que"]:
                out.append("puede que")
            elif f in ("posible", "probable") and i > 0 and _fold(tokens[i - 1]) in _SER:
                out.append(f"{tokens[i - 1]} {f}")
    return out


def _possibility(tokens: list[str], lang: str) -> int:
    """How many words of ability/possibility (can, could, poder) a text has."""
    primary = lang.split("-")[0].lower()
    if primary == "es":
        return sum(bool(_PODER.match(_fold(t))) for t in tokens)
    if primary == "en":
        return sum(t in _EN_POSSIBILITY for t in tokens)
    return 0


def certainty_shift(
    ta: list[str], tb: list[str], src_lang: str, tgt_lang: str
) -> tuple[list[str], list[str]] | None:
    """Hedges one side has with nothing on the other side to render or excuse them.

    A hedge in the translation is excused by a hedge in the source or by a form of
    *poder* that no *can/could* of the translation accounts for ("podía sumar" →
    "might amount"); likewise the other way. Returns the unexcused (source,
    translation) hedges, or None when both sides agree.
    """
    ha, hb = hedges(ta, src_lang), hedges(tb, tgt_lang)
    if not (ha or hb):
        return None
    pa, pb = _possibility(ta, src_lang), _possibility(tb, tgt_lang)
    extra_b = len(hb) - len(ha) - max(0, pa - pb)
    extra_a = len(ha) - len(hb) - max(0, pb - pa)
    if extra_b > 0 and not ha:
        return [], hb
    if extra_a > 0 and not hb:
        return ha, []
    return None


def scare_quotes(text: str) -> list[str]:
    """Terms in quotation marks inside running text: 'the American "right" to'.

    A short quoted phrase (at most :data:`TERM_WORDS` words, no punctuation inside)
    that follows a word, as against speech or a title standing on its own.
    """
    out = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1).strip()
        if len(inner.split()) > TERM_WORDS or regex.search(r"[,.;:!?¡¿]", inner):
            continue
        before = text[: m.start()].rstrip()
        if before and regex.search(r"\p{L}$", before) and before != text[: m.start()]:
            out.append(inner)
    return out


@CHECKS.register("markers", order=40)
def check_markers(ctx: ReviewContext) -> list[Finding]:
    """Negation on one side only, a certainty shift, a different number of modal words,
    and quotation marks one side has.

    A modal word in the translation alone is common and weighs little: Spanish
    subjunctives ("para que nos informara") are often rendered with "might" or
    "should". A hedge ("might", "perhaps") that nothing in the source accounts for
    turns a statement into a doubt and weighs more.
    """
    neg = (words_of(NEGATION, ctx.src_lang), words_of(NEGATION, ctx.tgt_lang))
    mod = (words_of(MODALITY, ctx.src_lang), words_of(MODALITY, ctx.tgt_lang))
    both_hedge = bool(words_of(HEDGES, ctx.src_lang) and words_of(HEDGES, ctx.tgt_lang))
    out = []

    def add(marker: str, view, text: str, **evidence: object) -> None:
        sev = MEANING_SEVERITY[marker]
        out.append(
            ctx.finding(FindingKind.MEANING, sev, view.index, text, marker=marker, **evidence)
        )

    for view in ctx.beads:
        if not (view.bead.src and view.bead.tgt):
            continue
        ta, tb = _tokens(view.src_plain), _tokens(view.tgt_plain)
        if neg[0] and neg[1]:
            na, nb = _marked(ta, neg[0]), _marked(tb, neg[1])
            if bool(na) != bool(nb):
                side, words = ("source", na) if na else ("translation", nb)
                text = f"negation ({', '.join(words)}) in the {side} only"
                add("negation", view, text, source=na, target=nb)
        shift = certainty_shift(ta, tb, ctx.src_lang, ctx.tgt_lang) if both_hedge else None
        if shift is not None:
            ha, hb = shift
            who, other, words = (
                ("translation", "source", hb) if hb else ("source", "translation", ha)
            )
            text = f"certainty: the {who} hedges ({', '.join(words)}) where the {other} asserts"
            add("certainty", view, text, source=ha, target=hb)
        elif mod[0] and mod[1]:
            ma, mb = _marked(ta, mod[0]), _marked(tb, mod[1])
            if len(ma) != len(mb):
                what = (
                    f"the translation has {', '.join(mb) or 'no modal word'} where the source has "
                    f"{', '.join(ma) or 'none'}"
                )
                add("modality", view, f"modality differs: {what}", source=ma, target=mb)
        quoted = _quotation(view.src_plain, view.tgt_plain)
        if quoted is not None:
            marker, text, evidence = quoted
            add(marker, view, text, **evidence)
    return out


def _quotation(src: str, tgt: str) -> tuple[str, str, dict[str, object]] | None:
    """Scare quotes one side has, else quoted passages one side has (speech aside)."""
    sa, sb = scare_quotes(src), scare_quotes(tgt)
    if len(sa) != len(sb):
        side, terms, other = ("translation", sb, sa) if len(sb) > len(sa) else ("source", sa, sb)
        terms = [t for t in terms if t not in other] or terms
        shown = ", ".join(f'"{t}"' for t in terms)
        text = f"only the {side} puts {shown} in quotation marks (scare quotes)"
        return "scare-quotes", text, {"quoted": terms, "side": side}
    qa = sum(src.count(c) for c in _QUOTE_CHARS)
    qb = sum(tgt.count(c) for c in _QUOTE_CHARS)
    if abs(qa - qb) < 2:
        return None
    more, side, other = (src, "source", tgt) if qa > qb else (tgt, "translation", src)
    if _DASH.search(other):
        return None  # speech: quotation marks on one side, dialogue dashes on the other
    quoted = [q.strip() for q in _QUOTED.findall(more)]
    shown = ", ".join(f'"{q}"' for q in quoted) or "a passage"
    return (
        "quotation",
        f"only the {side} puts {shown} in quotation marks",
        {
            "quoted": quoted,
            "side": side,
        },
    )
