"""Which language a text is in: detect an omitted language, check a given one.

The identifier is py3langid (see :mod:`paralign.archive.languages` and
docs/dependencies.md); its scores over all the languages it knows become
probabilities. The thresholds below were set from the figures of
``python -m bench.languages`` (bench/results/languages.json, docs/languages.md):
on every gold-set document and on texts as short as a one-line letter, no text
in its own language was ever taken for a contradiction.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import InputError
from .languages import check_language
from .vocab import Vocabulary

#: the options that give each side's language, named in messages
LANGUAGE_OPTIONS = ("--src-lang", "--tgt-lang")
#: the most characters of a text that are read to tell its language
SAMPLE_CHARS = 20_000
#: a detected language is used only when its probability is at least this …
MIN_CONFIDENCE = 0.9
#: … and the text has at least this many letters …
MIN_LETTERS = 20
#: … in at least this many different words (a run of one letter is no evidence)
MIN_WORDS = 4
#: two texts look swapped when each has at least :data:`MIN_LETTERS` letters and,
#: between the two languages given, each is the other's with a probability above this
SWAP_CONFIDENCE = 0.999
#: one text contradicts the language given when it has at least this many letters,
#: the language detected is sure and the one given has a probability below
#: :data:`MAX_GIVEN` (names and headings make short openings read as a neighbour:
#: English as Nigerian Pidgin, French as German; none of 40 words or more did)
CHECK_LETTERS = 150
#: … in at least this many different words (a name repeated is no evidence of a language)
CHECK_WORDS = 10
MAX_GIVEN = 0.001
_WORD = re.compile(r"[^\W\d_]+")
#: the option that turns the check off, named in every message
OVERRIDE = "--no-language-check"


@dataclass(frozen=True)
class Detection:
    """What the identifier says of a text: the most likely language and its probability,
    the probability of the language the user gave (None when none was given or the
    identifier does not know it), and how many letters it read."""

    lang: str
    confidence: float
    letters: int
    words: int = 0
    given: str | None = None
    given_confidence: float | None = None

    @property
    def sure(self) -> bool:
        """Whether the detection is strong enough to act on."""
        return (
            self.letters >= MIN_LETTERS
            and self.words >= MIN_WORDS
            and self.confidence >= MIN_CONFIDENCE
        )

    @property
    def contradicts(self) -> bool:
        """Whether the text clearly is not in the language given."""
        return (
            self.given is not None
            and self.given_confidence is not None
            and self.lang != self.given
            and self.letters >= CHECK_LETTERS
            and self.words >= CHECK_WORDS
            and self.sure
            and self.given_confidence < MAX_GIVEN
        )

    def as_dict(self) -> dict[str, object]:
        """The detection as a settings dict (what the TEI header and summary show)."""
        out: dict[str, object] = {"detected": self.lang, "confidence": round(self.confidence, 3)}
        if self.given is not None:
            out["given"] = self.given
        return out


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    ident.set_languages(None)
    return ident


def known_languages() -> frozenset[str]:
    """The language codes the identifier knows."""
    return frozenset(_identifier().nb_classes)


def _probabilities(text: str, among: frozenset[str] | None = None) -> dict[str, float]:
    """The probability of each language (of ``among``, or of all) for ``text``."""
    ranked = [(k, v) for k, v in _identifier().rank(text) if among is None or k in among]
    top = max(score for _, score in ranked)
    weights = {lang: math.exp(score - top) for lang, score in ranked}
    total = sum(weights.values())
    return {lang: w / total for lang, w in weights.items()}


@lru_cache(maxsize=1)
def _major() -> frozenset[str]:
    """The languages a text is detected as: those with an ISO 639-1 code (the
    identifier's regional varieties, such as Nigerian Pidgin or Extremaduran, take
    short English or Spanish openings for theirs)."""
    return frozenset(k for k in known_languages() if len(k) == 2)


def detect(text: str, given: str | None = None) -> Detection:
    """The language of ``text`` (its first :data:`SAMPLE_CHARS` characters) with its
    probability; with ``given``, also the probability of that language."""
    sample = text[:SAMPLE_CHARS]
    letters = sum(ch.isalpha() for ch in sample)
    probs = _probabilities(sample, _major())
    lang = max(probs, key=lambda k: (probs[k], k))
    given_p = None
    if given is not None and given in known_languages():
        given_p = probs[given] if given in probs else _probabilities(sample).get(given)
    words = len(set(_WORD.findall(sample.lower())))
    return Detection(_code(lang), probs[lang], letters, words, given, given_p)


def pair_probability(text: str, first: str, second: str) -> float:
    """The probability that ``text`` is in ``first`` rather than ``second``."""
    return _probabilities(text[:SAMPLE_CHARS], frozenset({first, second}))[first]


def _code(lang: str) -> str:
    try:
        return check_language(lang)
    except InputError:
        return lang


def language_of(text: str, name: str, option: str) -> Detection:
    """The detected language of a text whose language was not given; an
    :class:`InputError` naming ``option`` when it cannot be told."""
    found = detect(text)
    if not found.sure:
        raise InputError(
            f"cannot tell the language of {name} (best guess {found.lang}, confidence "
            f"{found.confidence:.2f}, from {found.letters} letters): give it with {option}"
        )
    return found


def check_language_of(text: str, given: str, name: str, option: str) -> Detection:
    """Check one given language against its text: an :class:`InputError` of one line
    when the text clearly is in another language."""
    found = detect(text, given)
    if found.contradicts:
        raise InputError(
            f"{name} reads as {found.lang} (confidence {found.confidence:.2f}), not {given} "
            f"as given: give {option} {found.lang}, or {OVERRIDE} to keep {given}"
        )
    return found


def check_languages(
    texts: tuple[str, str], given: tuple[str, str], names: tuple[str, str], options: tuple[str, str]
) -> tuple[Detection, Detection]:
    """Check the two given languages against the two texts.

    Raises an :class:`InputError` of one line when a text clearly is in another
    language than the one given: the two texts swapped, or a wrong code.
    """
    a, b = (detect(text, lang) for text, lang in zip(texts, given, strict=True))
    known = known_languages()
    if given[0] != given[1] and given[0] in known and given[1] in known:
        p = (
            pair_probability(texts[0], given[1], given[0]),
            pair_probability(texts[1], given[0], given[1]),
        )
        enough = all(d.letters >= MIN_LETTERS and d.words >= MIN_WORDS for d in (a, b))
        if enough and min(p) > SWAP_CONFIDENCE:
            raise InputError(
                f"the two texts look swapped: {names[0]} reads as {given[1]} and {names[1]} "
                f"as {given[0]} (confidence {p[0]:.3f}, {p[1]:.3f}), not the other way round: "
                f"swap them, or give {OVERRIDE} to align them as they are"
            )
    for text, lang, name, option in zip(texts, given, names, options, strict=True):
        check_language_of(text, lang, name, option)
    return a, b


class LanguageSource(Vocabulary):
    """How a side's language was found (``Alignment.settings["languages"]``)."""

    GIVEN = "given"
    DETECTED = "detected"


def resolve_languages(
    texts: tuple[str, str],
    given: tuple[str | None, str | None],
    names: tuple[str, str],
    language_check: bool = True,
) -> tuple[tuple[str, str], dict[str, dict[str, object]]]:
    """Each side's language: the one given (checked against the text unless
    ``language_check`` is False) or the one detected; and, per side, what was found."""
    found: dict[int, dict[str, object]] = {}
    langs = list(given)
    if language_check and given[0] is not None and given[1] is not None:
        for k, det in enumerate(check_languages(texts, given, names, LANGUAGE_OPTIONS)):
            found[k] = {"source": LanguageSource.GIVEN.value, **det.as_dict()}
    for k, (text, lang, name, option) in enumerate(
        zip(texts, given, names, LANGUAGE_OPTIONS, strict=True)
    ):
        if k in found:
            continue
        if lang is None:
            det = language_of(text, name, option)
            langs[k] = det.lang
            found[k] = {"source": LanguageSource.DETECTED.value, **det.as_dict()}
        elif language_check:
            found[k] = {
                "source": LanguageSource.GIVEN.value,
                **check_language_of(text, lang, name, option).as_dict(),
            }
        else:
            found[k] = {"source": LanguageSource.GIVEN.value, "given": lang, "checked": "no"}
    if langs[0] == langs[1] and given[0] is None and given[1] is None:
        raise InputError(
            f"both texts read as {langs[0]}: {names[0]} and {names[1]} should be a text and its "
            "translation; give the languages with --src-lang and --tgt-lang to align them anyway"
        )
    settings = {side: found[k] for k, side in enumerate(("source", "target"))}
    return (str(langs[0]), str(langs[1])), settings


__all__ = [
    "LANGUAGE_OPTIONS",
    "LanguageSource",
    "resolve_languages",
    "CHECK_LETTERS",
    "MAX_GIVEN",
    "MIN_CONFIDENCE",
    "MIN_LETTERS",
    "OVERRIDE",
    "SWAP_CONFIDENCE",
    "Detection",
    "check_language_of",
    "check_languages",
    "detect",
    "language_of",
    "pair_probability",
]
