"""The domain layer: corrections applied on top of a base segmenter's spans.

Measured on the archival gold of ``tests/data/segmentation`` (see
``docs/segmentation.md``). Splits first, then merges:

split
  - after an abbreviation that often ends a sentence, before a capital (``etc.``,
    ``EE.UU.``, ``nov.``: sentencex's Spanish list keeps them whole);
  - inside a quotation: sentencex never splits inside closed quotes, but a quoted
    speech here is often a whole paragraph of sentences (``“Humanity has been
    freed …. It must be understood …”``): where it splits once the quotation
    marks are blanked out, the boundary is taken;
  - before a dialogue dash glued to the end of a sentence (``…cubano.--Mostro``).
merge (remove a boundary) when
  - the sentence ends with a title (``Dr.``, ``Sra.``, ``Mr.``) or an initial
    followed by a capitalised word (``John F. Kennedy``, ``[Edwin M.] Martin``,
    ``N. Y.``);
  - it ends with an abbreviation written before numbers and a number follows
    (``núm. 2``, ``Nov. 20``, ``Vol. II``);
  - the next one starts with a lower-case letter, after any quotes, dashes or ¿¡
    (``EE.UU. de la crisis``, ``p.m. del martes``, ``¿Qué dice? --preguntó``, a
    series of questions ``¿Adónde me llevas? ¿adónde vamos?``), in a paragraph whose
    sentences mostly start with capitals; an opening bracket is not skipped
    (``view. [several lines excised]`` is two);
  - the next one starts with closing punctuation, or closes a bracket the
    sentence opened (``(this answer … on it. I don't know … way.) we must``).
"""

from __future__ import annotations

from bisect import bisect_right

import regex

from .abbreviations import BEFORE_NUMBER, ENDS_BEFORE_CAPITAL, TITLES
from .base import Segmenter, Spans, cuts_to_spans

# sentence-final punctuation, then closing quotes/brackets
_FINAL = r"(?:[.?!…]+|\.\.\.)[\"”»’'\)\]]*"
# a boundary the base segmenter may have passed over: final punctuation, space, a capital
_CANDIDATE = regex.compile(_FINAL + r"(?=\s+[¿¡«\"“‘(\[]?(?:--|—)?\p{Lu})")
# a dialogue dash glued to the end of a sentence: ``cubano.--Mostro``
_DASH_SPLIT = regex.compile(r"(?<=[.?!…][\"”»’'\)\]]*)(?=(?:--|—|―)[¿¡«\"“]?\p{Lu})")
# what a sentence that merely continues the previous one starts with
_LOWER_START = regex.compile(r"[\"“”«»'‘’¿¡—–\-\s]*\p{Ll}")
_CLOSING_START = regex.compile(r"[)\]}»”’,;:]")
_CAPITAL_START = regex.compile(r"[\"“«'‘(\[]*\p{Lu}")
_NUMBER_START = regex.compile(r"[(\[]*(?:\d|[IVXLCDM]+\b)")
_INITIAL = regex.compile(r"\p{Lu}\.")
_OPENERS = "\"“«'‘([¿¡"
_NO_QUOTES = str.maketrans(dict.fromkeys('"“”«»', " "))
#: how far back and ahead of a boundary the rules look
_WINDOW = 80


def _last_word(text: str) -> str:
    """The last whitespace-separated word, without opening punctuation or closing brackets."""
    words = text.rsplit(None, 1)
    return words[-1].lstrip(_OPENERS).rstrip(")]") if words else ""


def _bracket_balance(text: str) -> int:
    return text.count("(") + text.count("[") - text.count(")") - text.count("]")


class _Cased:
    """Whether sentences in a paragraph start with capitals (not a lower-cased
    corpus, where a lower-case start says nothing); worked out when first asked."""

    def __init__(self, text: str, spans: Spans) -> None:
        self.text = text
        self.spans = spans
        self._value: bool | None = None

    @property
    def value(self) -> bool:
        if self._value is None:
            upper = lower = 0
            for start, end in self.spans:
                head = self.text[start : min(end, start + 8)].lstrip(_OPENERS + "-—– ")
                if head[:1].isupper():
                    upper += 1
                elif head[:1].islower():
                    lower += 1
            self._value = upper >= lower
        return self._value


class RuleAugmented(Segmenter):
    """A base segmenter corrected by the archival-text rules of this module."""

    def __init__(self, base: Segmenter, lang: str) -> None:
        super().__init__(lang)
        self.base = base
        self.name = f"{base.name}+rules"
        self.covers = True
        self.titles = TITLES.get(lang, frozenset())
        self.before_number = BEFORE_NUMBER.get(lang, frozenset())
        self.ends_before_capital = ENDS_BEFORE_CAPITAL.get(lang, frozenset())

    def spans(self, text: str) -> Spans:
        spans = self.base.spans(text)
        if len(spans) < 1:
            return spans
        cased = _Cased(text, spans)
        spans = self._split(text, spans, cased)
        return self._merge(text, spans, cased) if len(spans) > 1 else spans

    def _protected(self, text: str, lo: int, end: int, start: int, hi: int, cased: _Cased) -> bool:
        """Whether ``text[lo:end]`` (a sentence's end) and ``text[start:hi]`` (the next
        one's start) are one sentence."""
        after = text[start : min(hi, start + _WINDOW)].lstrip()
        if not after:
            return False
        if _CLOSING_START.match(after) or (_LOWER_START.match(after) and cased.value):
            return True
        word = _last_word(text[max(lo, end - _WINDOW) : end])
        lowered = word.lower()
        if lowered in self.titles:
            return True
        if lowered in self.before_number and _NUMBER_START.match(after):
            return True
        return bool(_INITIAL.fullmatch(word) and _CAPITAL_START.match(after))

    def _split(self, text: str, spans: Spans, cased: _Cased) -> Spans:
        starts = [start for start, _ in spans]
        ends = {end for _, end in spans}
        cuts: list[int] = []
        span_index = -1
        balance = scanned = 0  # bracket balance of text[span start:scanned]
        for m in _CANDIDATE.finditer(text):
            at = m.end()
            if at in ends:
                continue
            i = bisect_right(starts, m.start()) - 1
            if i < 0 or at >= spans[i][1]:
                continue
            if i != span_index:
                span_index, balance, scanned = i, 0, spans[i][0]
            balance += _bracket_balance(text[scanned:at])
            scanned = at
            if balance <= 0 and self._passed_over_boundary(text, spans[i], at, cased):
                cuts.append(at)
        if "-" in text or "—" in text or "―" in text:
            cuts.extend(m.start() for m in _DASH_SPLIT.finditer(text, 1))
        if not cuts:
            return spans
        return cuts_to_spans(text, sorted({*starts[1:], *cuts}))

    def _passed_over_boundary(
        self, text: str, span: tuple[int, int], at: int, cased: _Cased
    ) -> bool:
        """Whether a candidate boundary at ``at`` inside ``span`` that the base
        segmenter did not take (and that no open bracket encloses) is one.

        Yes after an abbreviation of ``ENDS_BEFORE_CAPITAL``; no when a rule of
        this module protects it; otherwise yes when the base segmenter splits there
        once quotation marks are out of the way (it never splits inside quotes, and
        a quoted speech here is often a whole paragraph of sentences).
        """
        start, end = span
        lo = max(start, at - _WINDOW)
        word = _last_word(text[lo:at]).lower()
        if word in self.ends_before_capital:
            return True
        if self._protected(text, start, at, at, end, cased):
            return False
        window = text[lo : min(end, at + _WINDOW)].translate(_NO_QUOTES)
        return any(e == at - lo for _, e in self.base.spans(window)[:-1])

    def _merge(self, text: str, spans: Spans, cased: _Cased) -> Spans:
        brackets = "(" in text or "[" in text
        out: Spans = []
        balance: list[int] = []
        for start, end in spans:
            own = _bracket_balance(text[start:end]) if brackets else 0
            if out:
                p_start, p_end = out[-1]
                if self._protected(text, p_start, p_end, start, end, cased) or (
                    balance[-1] > 0 and own < 0
                ):
                    out[-1] = (p_start, end)
                    balance[-1] += own
                    continue
            out.append((start, end))
            balance.append(own)
        return out
