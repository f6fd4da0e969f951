"""Proper names that appear on one side of a bead only.

A name is a capitalised word that is not a function word and that the document
never writes in lower case (so "Gobierno" next to "gobierno" is not a name).
Names are compared through a transliteration key (``Jruschov`` and
``Khrushchev`` both become ``jrush?b``-like keys: kh→j, shch→sh, v→b, …) with
rapidfuzz's similarity ratio, so that the usual Spanish and English spellings
of Russian, Arabic or Chinese names match; international names whose spelling
does not carry over (EE.UU. ↔ USA) come from a small table, and names the
document itself renders consistently (a source name whose beads almost always
hold the same target word) are learnt from the alignment.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

import regex
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..vocab import FindingKind
from .base import CHECKS, Finding, ReviewContext
from .lexicon import FUNCTION_WORDS, MONTHS, NAME_EQUIVALENTS, words_of

_CAPITAL = regex.compile(
    r"(?<![\p{L}\d])(?:(?:\p{Lu}{1,2}\.){2,}|\p{Lu}[\p{L}\p{M}]*(?:['’-]\p{L}+)*)"
)
#: two or more words in capitals in a row: a heading or letterhead, not names
_CAPS_RUN = regex.compile(r"(?<![\p{L}\d])\p{Lu}{2,}(?:[\s\d,.]+\p{Lu}{2,}\b)+")
_WORD = regex.compile(r"(?:\p{L}{1,2}\.){2,}|\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}+)*")
_POSSESSIVE = regex.compile(r"['’]s$")
_SENTENCE_START = regex.compile(r"(?:^|[.!?¿¡:;]\s+|--|—|\(|\"|“|«)\s*[\"“«'‘(¿¡-]*\s*$")
#: rapidfuzz ratio (0-100) from which two transliteration keys name the same thing
MATCH_RATIO = 78
_RULES = (
    ("shch", "sh"), ("sch", "sh"), ("tch", "ch"), ("kh", "j"), ("ck", "k"), ("ph", "f"),
    ("th", "t"), ("qu", "k"), ("w", "v"), ("y", "i"), ("z", "s"), ("v", "b"),
)  # fmt: skip


def fold(word: str) -> str:
    """Lower case, accents, dots and a possessive 's removed: ``"EE.UU."`` → ``"eeuu"``."""
    text = unicodedata.normalize("NFKD", _POSSESSIVE.sub("", word).casefold())
    return "".join(c for c in text if c.isalpha() and not unicodedata.combining(c))


def translit_key(word: str) -> str:
    """A spelling-tolerant key: ``Jruschov`` and ``Khrushchev`` come out alike."""
    key = fold(word)
    for a, b in _RULES:
        key = key.replace(a, b)
    key = regex.sub(r"c(?=[ei])", "s", key).replace("c", "k")
    key = regex.sub(r"g(?=[ei])", "j", key)
    key = regex.sub(r"(?<=[^aeiou])h|^h", "", key)
    return regex.sub(r"(.)\1+", r"\1", key)


def same_name(a: str, b: str) -> bool:
    """Whether two words are spellings of one name."""
    ka, kb = translit_key(a), translit_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < 4:
        return False
    return fuzz.ratio(ka, kb) >= MATCH_RATIO


def _equivalent(a: str, words: set[str], src_side: bool) -> bool:
    fa = fold(a)
    for es, en in NAME_EQUIVALENTS:
        mine, theirs = (es, en) if src_side else (en, es)
        if fa in mine and words & theirs:
            return True
    return False


class NameFinder:
    """Finds the names of one document's texts (knows its lower-case vocabulary)."""

    def __init__(self, texts: list[str], lang: str) -> None:
        months = MONTHS.get(lang.split("-")[0].lower(), {})
        self.function = words_of(FUNCTION_WORDS, lang) | set(months)
        self.lower = {w for t in texts for w in _WORD.findall(t) if w.islower()}
        #: capitalised words seen inside a sentence, not at its start
        self.inner = {
            m.group(0) for t in texts for m in _CAPITAL.finditer(t) if not _initial(t, m.start())
        }

    def names(self, text: str) -> list[str]:
        letters = [c for c in text if c.isalpha()]
        if not letters or sum(c.isupper() for c in letters) > 0.6 * len(letters):
            return []  # an all-capitals heading: every word looks like a name
        caps = [(m.start(), m.end()) for m in _CAPS_RUN.finditer(text)]
        out = []
        for m in _CAPITAL.finditer(text):
            word = m.group(0)
            if any(a <= m.start() < b for a, b in caps):
                continue
            low = word.lower()
            if low in self.function or low.strip(".") in self.function or len(fold(word)) < 2:
                continue
            if low in self.lower:
                continue
            if _initial(text, m.start()) and word not in self.inner:
                continue  # "Fraternally", "Mostro": capitalised only where a sentence starts
            out.append(word)
        return out


def _initial(text: str, start: int) -> bool:
    """Whether ``start`` is where a sentence (or a quotation, a parenthesis) begins."""
    return bool(_SENTENCE_START.search(text[max(0, start - 12) : start]))


@CHECKS.register("names", order=60)
def check_names(ctx: ReviewContext) -> list[Finding]:
    """Names in one side of a bead with no spelling of them on the other side."""
    finders = (
        NameFinder([v.src_plain for v in ctx.beads], ctx.src_lang),
        NameFinder([v.tgt_plain for v in ctx.beads], ctx.tgt_lang),
    )
    full = [v for v in ctx.beads if v.bead.src and v.bead.tgt]
    words = {  # the source's words with the page furniture kept out at the bead (a
        # translation may render a letterhead the clean stage took out of the sentence)
        v.index: (
            {fold(w) for w in _WORD.findall(f"{v.src} {v.src_kept}")},
            {fold(w) for w in _WORD.findall(v.tgt)},
        )
        for v in full
    }
    names = {v.index: (finders[0].names(v.src_plain), finders[1].names(v.tgt_plain)) for v in full}
    learnt = (_learn(full, names, words, 0), _learn(full, names, words, 1))
    elsewhere = (
        {fold(w) for v in ctx.beads for w in _WORD.findall(v.src)},
        {fold(w) for v in ctx.beads for w in _WORD.findall(v.tgt)},
    )
    out = []
    for view in full:
        other_raw = (view.tgt, view.src)
        for side in (0, 1):
            other_words = words[view.index][1 - side]
            other_tokens = _WORD.findall(other_raw[side])
            missing, variants = [], []
            for name in dict.fromkeys(names[view.index][side]):
                f = fold(name)
                if f in other_words or _equivalent(name, other_words, side == 0):
                    continue
                if learnt[side].get(f, set()) & other_words:
                    continue
                close = [t for t in other_tokens if same_name(name, t)]
                if close:
                    other_names = set(names[view.index][1 - side])
                    near = [t for t in close if t in other_names and _typo(f, fold(t))]
                    if near and not any(fold(t) == f for t in close):
                        variants.append((name, near[0]))
                    continue
                missing.append(name)
            where = ("source", "translation")
            if missing:
                known = any(
                    any(same_name(n, w) for w in elsewhere[1 - side] if w[:2] == fold(n)[:2])
                    for n in missing
                )
                out.append(
                    ctx.finding(
                        FindingKind.NAME,
                        0.45 if known else 0.4,
                        view.index,
                        f"{', '.join(missing)} in the {where[side]} has no counterpart in the "
                        f"{where[1 - side]}",
                        names=missing,
                        side=where[side],
                    )
                )
            for a, b in variants:
                src_name, tgt_name = (a, b) if side == 0 else (b, a)
                out.append(
                    ctx.finding(
                        FindingKind.NAME,
                        0.3,
                        view.index,
                        f"the name is spelled differently: {src_name} (source) ↔ "
                        f"{tgt_name} (translation)",
                        source=src_name,
                        target=tgt_name,
                    )
                )
    return _dedupe(out)


def _typo(a: str, b: str) -> bool:
    """One letter replaced in a name of five or more letters (Torredo ↔ Torrado)."""
    return len(a) == len(b) >= 5 and Levenshtein.distance(a, b) == 1


def _learn(full, names, words, side: int) -> dict[str, set[str]]:
    """Name → the names of the other side found with it in at least 2/3 of its beads."""
    beads_of: dict[str, list[int]] = {}
    for v in full:
        for n in set(map(fold, names[v.index][side])):
            beads_of.setdefault(n, []).append(v.index)
    out: dict[str, set[str]] = {}
    for n, idx in beads_of.items():
        if len(idx) < 2:
            continue
        counts = Counter(w for i in idx for w in set(map(fold, names[i][1 - side])))
        out[n] = {w for w, c in counts.items() if c >= max(2, 2 * len(idx) / 3)}
    return out


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.bead, f.explanation)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
