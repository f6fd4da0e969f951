"""The words that trigger a finding, and where they are in the bead's text.

Each check keeps its evidence (``Finding.evidence``): the numbers that differ, the
hedge or negation, the quoted term, the names, the letterhead line. The report and
the terminal summary highlight those words in the text, so that a reader sees at
once what the finding is about. Findings about a whole bead (an omission, a length,
a low similarity) highlight nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import regex

from ..vocab import FindingKind
from .base import Finding

#: kinds whose finding is about the bead as a whole, with no word to point at
WHOLE_BEAD = frozenset(
    {
        FindingKind.OMISSION,
        FindingKind.ADDITION,
        FindingKind.LENGTH,
        FindingKind.LOW_SIMILARITY,
        FindingKind.UNTRANSLATED,
    }
)
#: evidence keys that hold terms of one side, that side named by ``evidence["side"]``
SIDED_KEYS = ("names", "quoted", "line")


def _terms(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, Iterable):
        return [str(v) for v in value if str(v).strip()]
    return []


def trigger_terms(finding: Finding) -> tuple[list[str], list[str]]:
    """The (source, translation) words that triggered ``finding``."""
    if finding.kind in WHOLE_BEAD:
        return [], []
    ev = finding.evidence
    src, tgt = _terms(ev.get("source")), _terms(ev.get("target"))
    side = ev.get("side")
    for key in SIDED_KEYS:
        terms = _terms(ev.get(key))
        if terms:
            (src if side == "source" else tgt).extend(terms)
    return list(dict.fromkeys(src)), list(dict.fromkeys(tgt))


def term_pattern(terms: Iterable[str]) -> regex.Pattern[str] | None:
    """A pattern matching any of ``terms`` as whole words, whitespace-insensitive."""
    parts = sorted(
        {r"\s+".join(regex.escape(w) for w in t.split()) for t in terms if t.split()},
        key=len,
        reverse=True,
    )
    if not parts:
        return None
    return regex.compile(r"(?<![\p{L}\d])(?:" + "|".join(parts) + r")(?![\p{L}\d])", regex.I)


def highlight(
    text: str,
    terms: Iterable[str],
    wrap: Callable[[str], str],
    plain: Callable[[str], str] = lambda s: s,
) -> str:
    """``text`` with each occurrence of ``terms`` passed through ``wrap`` and the
    rest through ``plain`` (e.g. HTML escaping)."""
    pattern = term_pattern(terms)
    if pattern is None:
        return plain(text)
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(plain(text[pos : m.start()]))
        out.append(wrap(m.group()))
        pos = m.end()
    out.append(plain(text[pos:]))
    return "".join(out)


def excerpt(text: str, terms: Iterable[str], width: int = 90) -> tuple[str, str] | None:
    """A stretch of ``text`` of about ``width`` characters around the first term,
    with ``…`` where it is cut; None when no term occurs in it."""
    pattern = term_pattern(terms)
    m = pattern.search(text) if pattern is not None else None
    if m is None:
        return None
    start = max(0, m.start() - (width - len(m.group())) // 2)
    end = min(len(text), start + max(width, len(m.group())))
    start = max(0, min(start, end - width))
    head = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return head + text[start:end] + tail, m.group()


__all__ = ["WHOLE_BEAD", "excerpt", "highlight", "term_pattern", "trigger_terms"]
