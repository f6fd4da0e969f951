"""Running headers, footers and letterhead: lines printed on the paper, not written in the text.

Two rules, each giving ``fw`` spans (one per line):

* **Running headers.** Short heading-like lines that recur (compared with digits
  folded, so the typist's ``135 EAST 44TH STREET`` on page 2 matches ``155 EAST
  44TH STREET`` on page 1, and with a small tolerance for other typos) are running
  headers when one of their copies stands next to a page break (a page number or a
  form feed, blank lines and other such lines aside), or when they recur at least
  three times in capitals. Every copy is then kept out, the first page's letterhead
  included.
* **Letterhead at the top.** The leading blocks of a document that are short and
  all in capitals (``REPUBLICA DE CUBA / PRESIDENTE``, ``MEMORANDUM``) are kept
  out, up to the first block written in lower case. A document all in capitals
  (a telegram) has none: its text is never kept out by this rule.
"""

from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher

import regex

from ..model import Span
from ..vocab import SpanKind
from .base import CLEANERS, Block, Line, SpanSet, blocks, span

#: the most words a running-header or letterhead line may have
MAX_WORDS = 8
#: the longest running-header or letterhead line, in characters
MAX_CHARS = 60
#: how alike two header lines must be (difflib ratio of their folded forms) to match
SIMILARITY = 0.9
#: copies in capitals that make a line a running header without any page break near
MIN_CAPITAL_COPIES = 3
#: the most blocks the letterhead at the top of a document may have
MAX_LETTERHEAD_BLOCKS = 5

_SENTENCE_END = regex.compile(r"[.!?;:,][\"'”’»)\]]*$")
_ABBREVIATED_END = regex.compile(r"(?:\b\p{Lu}\.\s*){1,3}$")  # N. Y.  D.C.


def header_like(text: str) -> bool:
    """Whether a line could be a running header: short, has letters, reads as a heading."""
    text = text.strip()
    words = text.split()
    if not words or len(words) > MAX_WORDS or len(text) > MAX_CHARS:
        return False
    if not regex.search(r"\p{L}", text):
        return False
    if capitals(text):
        return not _SENTENCE_END.search(text) or bool(_ABBREVIATED_END.search(text))
    return not _SENTENCE_END.search(text)


def capitals(text: str) -> bool:
    """Whether the letters of ``text`` are all capitals (and it has some)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(not c.islower() for c in letters)


def fold(text: str) -> str:
    """The form header lines are compared in: case folded, digits as 0, punctuation gone."""
    text = regex.sub(r"\d", "0", text.casefold())
    text = regex.sub(r"[^\p{L}\p{N}]+", " ", text)
    return text.strip()


def _groups(candidates: list[Line]) -> list[list[Line]]:
    """Candidate lines grouped by folded form, near-identical forms merged."""
    by_key: dict[str, list[Line]] = defaultdict(list)
    for line in candidates:
        by_key[fold(line.text)].append(line)
    keys = sorted(by_key, key=lambda k: -len(by_key[k]))
    merged: list[tuple[str, list[Line]]] = []
    for key in keys:
        for rep, members in merged:
            if len(key) >= 6 and SequenceMatcher(None, key, rep).ratio() >= SIMILARITY:
                members.extend(by_key[key])
                break
        else:
            merged.append((key, list(by_key[key])))
    return [members for _, members in merged if len(members) >= 2]


@CLEANERS.register("headers", order=30)
def find_running_headers(raw: str, found: SpanSet) -> list[Span]:
    """``fw`` spans over every copy of each running header line."""
    all_blocks = blocks(raw)

    def free(line: Line) -> bool:
        return found.outside(raw, line.start, line.end) is not None

    candidates = [ln for b in all_blocks for ln in b.lines if free(ln) and header_like(ln.text)]
    groups = _groups(candidates)
    group_of = {id(ln): g for g in groups for ln in g}

    def page_break(block: Block) -> bool:
        """A block that holds nothing but page breaks (already kept out)."""
        return found.outside(raw, block.start, block.end) is None and any(
            s.kind == SpanKind.PB
            for s in (found.covering(ln.content_start) for ln in block.lines)
            if s
        )

    def repeated_only(block: Block) -> bool:
        free_lines = [ln for ln in block.lines if free(ln)]
        return bool(free_lines) and all(id(ln) in group_of for ln in free_lines)

    # grow page zones from each page-break block over neighbouring header-only blocks
    in_zone: set[int] = set()
    for i, block in enumerate(all_blocks):
        if not page_break(block):
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(all_blocks):
                b = all_blocks[j]
                if page_break(b) or found.outside(raw, b.start, b.end) is None:
                    j += step
                    continue
                if not repeated_only(b):
                    break
                in_zone.update(id(ln) for ln in b.lines if free(ln))
                j += step

    headers: list[Line] = []
    for group in groups:
        near_break = any(id(ln) in in_zone for ln in group)
        caps = len(group) >= MIN_CAPITAL_COPIES and all(capitals(ln.text) for ln in group)
        if near_break or caps:
            headers.extend(group)
    out = [span(raw, ln.content_start, ln.content_end, SpanKind.FW) for ln in headers]
    return sorted(out, key=lambda s: s.start)


@CLEANERS.register("letterhead", order=40)
def find_letterhead(raw: str, found: SpanSet) -> list[Span]:
    """``fw`` spans over the all-capitals blocks at the top of the document."""
    out: list[Span] = []
    taken = 0
    for block in blocks(raw):
        free_lines = [ln for ln in block.lines if found.outside(raw, ln.start, ln.end)]
        if not free_lines:
            continue  # already kept out (debris, a header, metadata)
        if not any(c.isalpha() for c in block.text):
            continue  # a number or date stamp: not letterhead, but no text either
        if not all(capitals(ln.text) and header_like(ln.text) for ln in free_lines):
            # the first block in lower case ends the letterhead; one in capitals
            # that reads as a sentence means the text itself is in capitals
            return out if _lower_case(block) else []
        if taken == MAX_LETTERHEAD_BLOCKS:
            return []
        out.extend(span(raw, ln.content_start, ln.content_end, SpanKind.FW) for ln in free_lines)
        taken += 1
    return []  # nothing but capitals: keep it all


def _lower_case(block: Block) -> bool:
    return any(c.islower() for c in block.text)
