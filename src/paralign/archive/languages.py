"""Which language a stretch of text is in, and language names as codes.

Language identification is py3langid (a maintained fork of langid.py: BSD, numpy
only, a 4 MB model shipped in the wheel, no download; see docs/dependencies.md).
Names such as ``Spanish`` become codes through the ISO 639 tables paralign already
uses (``iso639-lang``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..errors import InputError
from ..languages import check_language


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)


def language_code(name: str) -> str | None:
    """The code of a language named in English (``Spanish`` → ``es``), or None."""
    from iso639 import Lang
    from iso639.exceptions import InvalidLanguageValue

    name = name.strip().title()
    try:
        lang = Lang(name)
    except (InvalidLanguageValue, KeyError, ValueError):
        try:
            return check_language(name)
        except InputError:
            return None
    return lang.pt1 or lang.pt3


def identify(text: str) -> str:
    """The most likely language of ``text`` among all py3langid knows."""
    ident = _identifier()
    ident.set_languages(None)
    return ident.classify(text)[0]


def log_odds(texts: Sequence[str], first: str, second: str) -> list[float]:
    """For each text, log P(text | ``first``) − log P(text | ``second``).

    Positive where the text reads as ``first``. The figure grows with the length
    of the text, so long paragraphs weigh more than a short heading. A text with
    nothing the model knows (``-----``) gives 0.
    """
    ident = _identifier()
    ident.set_languages([first, second])
    out = []
    for text in texts:
        scores = dict(ident.rank(text))
        diff = float(scores[first] - scores[second])
        out.append(diff if abs(diff) < 1e30 else 0.0)
    return out


def main_languages(texts: Sequence[str], limit: int = 2) -> list[tuple[str, float]]:
    """The languages most of ``texts`` is in, with their share of the letters (0..1)."""
    weights: dict[str, float] = {}
    total = 0.0
    for text in texts:
        letters = sum(c.isalpha() for c in text)
        if not letters:
            continue
        lang = identify(text)
        weights[lang] = weights.get(lang, 0.0) + letters
        total += letters
    ranked = sorted(weights.items(), key=lambda kv: -kv[1])[:limit]
    return [(lang, w / total) for lang, w in ranked] if total else []
