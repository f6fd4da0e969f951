"""Numbers and dates that differ between a source sentence and its translation.

Numbers are read from digits (``1.000`` and ``1,000`` are both a thousand; ``44TH``
is 44), from number words in both languages (``dos meses`` ↔ ``two months``, read
with text2num), and month names next to a number (``Diciembre 5 de 1962`` ↔
``5 December 1962`` are the same three values). Words that are often not numbers
(``un``/``una``/``one``, ordinals such as ``primero``, ``both``, Roman numerals)
only excuse a number on the other side; they never raise a finding.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import regex

from ..vocab import FindingKind
from .base import CHECKS, Finding, ReviewContext
from .lexicon import MONTHS, ORDINALS

_DIGITS = regex.compile(
    r"(?<![\p{L}\d.,])(\d+(?:[.,]\d{3})*(?:[.,]\d+)?)(st|nd|rd|th|º|ª|°)?(?![\p{L}\d])",
    regex.IGNORECASE,
)
_WORD = regex.compile(r"\p{L}+")
_ROMAN = regex.compile(
    r"(?<!\p{L})(?=[IVXLC]{2,}(?!\p{L}))(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
#: languages text2num reads number words in
_WORD_LANGS = {"en", "es", "fr", "pt", "de", "nl", "it", "da"}
_WEAK_WORDS = {"ambos": "2", "ambas": "2", "both": "2", "docena": "12", "dozen": "12"}


@dataclass
class Numbers:
    """The numbers of a text: ``strong`` ones can raise a finding, ``weak`` ones only excuse."""

    strong: Counter = field(default_factory=Counter)
    weak: set[str] = field(default_factory=set)
    surface: dict[str, str] = field(default_factory=dict)

    def add(self, value: str, surface: str, strong: bool = True) -> None:
        if strong:
            self.strong[value] += 1
        else:
            self.weak.add(value)
        self.surface.setdefault(value, surface)


def canonical(number: str) -> str:
    """A digit string as a value: thousands separators dropped, decimal comma as point."""
    parts = regex.split(r"[.,]", number)
    if len(parts) == 1:
        return str(int(parts[0]))
    if all(len(p) == 3 for p in parts[1:]):
        return str(int("".join(parts)))
    whole = "".join(parts[:-1]) or "0"
    value = float(f"{int(whole)}.{parts[-1]}")
    return str(int(value)) if value.is_integer() else repr(value)


def _roman(text: str) -> int:
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=False):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total


def extract(text: str, lang: str) -> Numbers:
    """The numbers in ``text`` (digits, number words, months next to a number)."""
    lang = lang.split("-")[0].lower()
    out = Numbers()
    digit_spans = []
    digit_values: Counter = Counter()
    for m in _DIGITS.finditer(text):
        value = canonical(m.group(1))
        out.add(value, m.group(0))
        digit_values[value] += 1
        digit_spans.append((m.start(), m.end()))
    if lang in _WORD_LANGS:
        _number_words(text, lang, digit_values, out)
    for m in _ROMAN.finditer(text):
        if m.group(0):
            out.add(str(_roman(m.group(0))), m.group(0), strong=False)
    months = MONTHS.get(lang, {})
    ordinals = ORDINALS.get(lang, {})
    for m in _WORD.finditer(text):
        word = m.group(0).lower()
        if word in _WEAK_WORDS:
            out.add(_WEAK_WORDS[word], m.group(0), strong=False)
        elif word in ordinals:
            out.add(str(ordinals[word]), m.group(0), strong=False)
        if word in months:
            near = any(abs(s - m.end()) <= 5 or abs(m.start() - e) <= 5 for s, e in digit_spans)
            out.add(f"month {months[word]}", m.group(0), strong=near)
    return out


def _number_words(text: str, lang: str, digit_values: Counter, out: Numbers) -> None:
    """Add the numbers written in words (text2num), as those it finds beyond the digits."""
    try:
        from text_to_num import alpha2digit

        converted = alpha2digit(text.lower(), lang, threshold=0)
    except Exception:  # text2num rejects some inputs; number words are then not read
        return
    seen: Counter = Counter()
    for m in _DIGITS.finditer(converted):
        value = canonical(m.group(1))
        seen[value] += 1
        if seen[value] <= digit_values[value]:
            continue  # one of the digits already in the text
        ordinal = bool(m.group(2))
        strong = value != "1" and not ordinal
        out.add(value, _word_for(text, lang, value), strong=strong)


def _word_for(text: str, lang: str, value: str) -> str:
    """The word of ``text`` that reads as ``value`` (for the explanation), else the value."""
    from text_to_num import alpha2digit

    for m in _WORD.finditer(text):
        try:
            if alpha2digit(m.group(0).lower(), lang, threshold=0).strip() == value:
                return m.group(0)
        except Exception:  # pragma: no cover - text2num refusing one word
            continue
    return value


def describe(values: Counter, nums: Numbers) -> str:
    """Values as the text wrote them, e.g. ``"155", "dos"``."""
    return ", ".join(f'"{nums.surface.get(v, v)}"' for v in sorted(values.elements()))


@CHECKS.register("numbers", order=20)
def check_numbers(ctx: ReviewContext) -> list[Finding]:
    """Numbers on one side of a bead that the other side does not have."""
    findings = []
    for view in ctx.beads:
        if not (view.bead.src and view.bead.tgt):
            continue
        # page furniture is optional: its numbers need no translation, but excuse one
        a = extract(view.src_plain, ctx.src_lang)
        a_all = a if view.src_plain == view.src else extract(view.src, ctx.src_lang)
        b = extract(view.tgt_plain, ctx.tgt_lang)
        only_a = Counter({v: n for v, n in (a.strong - b.strong).items() if v not in b.weak})
        only_b = Counter(
            {v: n for v, n in (b.strong - a_all.strong).items() if v not in a_all.weak}
        )
        if not only_a and not only_b:
            continue
        if only_a and only_b:
            text = (
                f"the source has {describe(only_a, a)} "
                f"where the translation has {describe(only_b, b)}"
            )
            severity = 0.85
        elif only_a:
            text = f"{describe(only_a, a)} in the source is not in the translation"
            severity = 0.6
        else:
            text = f"{describe(only_b, b)} in the translation is not in the source"
            severity = 0.55
        findings.append(
            ctx.finding(
                FindingKind.NUMBER,
                severity,
                view.index,
                text,
                source=sorted(a.surface.get(v, v) for v in only_a.elements()),
                target=sorted(b.surface.get(v, v) for v in only_b.elements()),
            )
        )
    return findings
