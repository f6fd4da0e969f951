"""Repeated lines that differ in a number: a letterhead "155 EAST 44TH STREET" printed
once as "135 EAST 44TH STREET".

Running headers, letterheads and footers repeat on every page; when one copy
differs from the others only in its digits, one of them (usually the odd one) is a
typing or OCR error worth a look. The raw text of both documents is read, so
lines that the clean-up stage kept out of the sentences are checked too.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict

import regex

from ..model import Alignment, Document
from ..vocab import FindingKind
from .base import CHECKS, Finding, ReviewContext

_DIGIT = regex.compile(r"\d+")


def _lines(raw: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in raw.splitlines(keepends=True):
        text = " ".join(line.split())
        if len(text) >= 8 and _DIGIT.search(text) and sum(c.isalpha() for c in text) >= 4:
            out.append((pos, text))
        pos += len(line)
    return out


def _bead_at(alignment: Alignment, doc: Document, side: int, offset: int) -> int:
    """The bead of the sentence the line interrupts, else of the next sentence."""
    starts = [s.start for s in doc.sentences]
    k = bisect.bisect_right(starts, offset) - 1
    if k < 0 or doc.sentences[k].end <= offset:
        k = min(k + 1, len(starts) - 1)
    for i, bead in enumerate(alignment.beads):
        if k in (bead.src if side == 0 else bead.tgt):
            return i
    return len(alignment.beads) - 1


@CHECKS.register("repeated", order=30)
def check_repeated(ctx: ReviewContext) -> list[Finding]:
    """Minority variants of a repeated line that differ from the majority only in digits."""
    out = []
    a = ctx.alignment
    for side, doc in enumerate((a.src, a.tgt)):
        if not doc.sentences:
            continue
        groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for pos, text in _lines(doc.raw):
            groups[_DIGIT.sub("#", text)].append((pos, text))
        for items in groups.values():
            counts = Counter(text for _, text in items)
            if len(counts) < 2:
                continue
            (major, n_major), (_, n_second) = counts.most_common(2)
            if n_major < 2 or n_major == n_second:
                continue  # no clear majority: page numbers, dates that simply differ
            for pos, text in items:
                if text == major:
                    continue
                odd = [d for d in _DIGIT.findall(text) if d not in _DIGIT.findall(major)]
                usual = [d for d in _DIGIT.findall(major) if d not in _DIGIT.findall(text)]
                where = "source" if side == 0 else "translation"
                out.append(
                    ctx.finding(
                        FindingKind.NUMBER,
                        0.9,
                        _bead_at(a, doc, side, pos),
                        f'the {where} line "{text}" differs from its {n_major} other copies '
                        f'"{major}": {", ".join(odd)} instead of {", ".join(usual)}',
                        line=text,
                        usual=major,
                        side=where,
                        offset=pos,
                    )
                )
    return out
