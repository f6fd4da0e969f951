"""paralign's named vocabularies: every closed set of words that flows between stages.

Each is a ``str`` enum: a member *is* its string (``SpanKind.FW == "fw"``, the same
hash, ``str()``, f-string and JSON text), so data, files and dict keys written
with the plain strings stay byte-identical and interchangeable; code names the
member instead of repeating the literal. Where a value can come from a user
(an option, a file), ``Enum(value)`` checks it and :func:`choices` lists the
allowed values for messages and ``argparse``.
"""

from __future__ import annotations

from enum import Enum

__all__ = [
    "DEFAULT_EDITORIAL",
    "BeadStatus",
    "ContentsKind",
    "EditorialMode",
    "FindingKind",
    "KEPT_OUT_KINDS",
    "LETTER_PARTS",
    "Level",
    "OverlapMode",
    "PairKind",
    "PairStatus",
    "Role",
    "SegmenterName",
    "SpanKind",
    "Vocabulary",
    "choices",
]


class Vocabulary(str, Enum):
    """Base of the vocabularies: members print, format and compare as their value."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


def choices(vocabulary: type[Vocabulary]) -> tuple[str, ...]:
    """The values of a vocabulary as plain strings, in their declared order."""
    return tuple(member.value for member in vocabulary)


class BeadStatus(Vocabulary):
    """Who stands behind a bead: the aligner, or a person who confirmed it.

    A confirmed bead is a hard anchor for re-alignment (:func:`paralign.realign`):
    the search passes through it and changes only the stretches between confirmed
    beads. The values are the serialised forms (TEI, JSON, the editor's journal).
    """

    #: found by the aligner (or read from a file that says nothing)
    AUTOMATIC = "automatic"
    #: checked and confirmed by a person
    CONFIRMED = "confirmed"


class SpanKind(Vocabulary):
    """What a :class:`~paralign.model.Span` marks (``Span.kind``); see docs/archival.md.

    Kept out of the sentences (``Document.kept_out``): ``FW`` … ``JOIN``. Kept in
    the sentences but carrying markup (``Document.marks``): ``HYPHEN``,
    ``EDITORIAL`` (brackets kept in the text) and the letter parts ``LETTER`` …
    ``SIGNED``. An editorial insertion is one of ``GAP``, ``NOTE``, ``SUPPLIED``.
    """

    #: running header or footer, letterhead (TEI ``<fw>``)
    FW = "fw"
    #: page number / page break (TEI ``<pb>``)
    PB = "pb"
    #: web-page leftovers
    DEBRIS = "debris"
    #: an editor's bracketed insertion
    EDITORIAL = "editorial"
    METADATA = "metadata"
    #: a typed rule
    SEPARATOR = "separator"
    #: blank lines of a page break inside a paragraph
    JOIN = "join"
    #: the hyphen of a word broken at a line end
    HYPHEN = "hyphen"
    LETTER = "letter"
    HEAD = "head"
    OPENER = "opener"
    CLOSER = "closer"
    DATELINE = "dateline"
    ADDRESS = "address"
    SALUTE = "salute"
    SIGNED = "signed"
    #: kinds of editorial insertion (TEI ``<gap>``, ``<note type="editorial">``, ``<supplied>``)
    GAP = "gap"
    NOTE = "note"
    SUPPLIED = "supplied"


#: span kinds left out of the sentence text
KEPT_OUT_KINDS = frozenset(
    {
        SpanKind.FW,
        SpanKind.PB,
        SpanKind.DEBRIS,
        SpanKind.EDITORIAL,
        SpanKind.METADATA,
        SpanKind.SEPARATOR,
        SpanKind.JOIN,
    }
)
#: letter-part marks, outermost first
LETTER_PARTS = (
    SpanKind.LETTER,
    SpanKind.HEAD,
    SpanKind.OPENER,
    SpanKind.CLOSER,
    SpanKind.DATELINE,
    SpanKind.ADDRESS,
    SpanKind.SALUTE,
    SpanKind.SIGNED,
)


class EditorialMode(Vocabulary):
    """``clean(editorial=…)``: what happens to an editor's bracketed insertions."""

    #: keep them in the sentence text, marked (they reach the TEI as markup)
    MARK = "mark"
    #: leave them out of the sentence text (they still reach the TEI)
    OMIT = "omit"
    #: leave them alone
    KEEP = "keep"


#: how editorial brackets are treated by default: left out of the text that is
#: embedded and aligned, still shown in the TEI (as the corpus files have them)
DEFAULT_EDITORIAL = EditorialMode.OMIT


class OverlapMode(Vocabulary):
    """``align(overlaps=…)``: which blocks of several sentences get their own embedding."""

    AUTO = "auto"
    ALL = "all"
    NONE = "none"


class SegmenterName(Vocabulary):
    """The sentence segmenters ``segment(segmenter=…)`` knows."""

    SENTENCEX_RULES = "sentencex+rules"
    SENTENCEX = "sentencex"
    REGEX_RULES = "regex+rules"


class FindingKind(Vocabulary):
    """``Finding.kind``: what a review check found, in the order the report lists them."""

    OMISSION = "omission"
    ADDITION = "addition"
    NUMBER = "number"
    MEANING = "meaning"
    LOW_SIMILARITY = "low-similarity"
    LENGTH = "length"
    NAME = "name"
    UNTRANSLATED = "untranslated"
    EDITORIAL = "editorial"


class Level(Vocabulary):
    """``Finding.level``: a finding's severity band, highest first."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"


class Role(Vocabulary):
    """``Document.meta["role"]``: which part of a translation pair a document is.

    The TEI writer lists the original in a translation's source description.
    """

    ORIGINAL = "original"
    TRANSLATION = "translation"


class ContentsKind(Vocabulary):
    """``metadata.toml`` ``[source] contents``: what a transcription holds."""

    BILINGUAL = "bilingual"
    TRANSLATION = "translation"
    ORIGINAL = "original"


class PairKind(Vocabulary):
    """What one pair of a batch run is (``paralign.batch``)."""

    #: two text files, as ``paralign align SRC TGT`` reads them
    TEXTS = "texts"
    #: a corpus document folder with its metadata.toml, as ``build-corpus`` reads it
    DOCUMENT = "document"


class PairStatus(Vocabulary):
    """What became of one pair of a batch run (the summary's ``status``)."""

    #: aligned and written by this run
    DONE = "done"
    #: output complete, inputs and settings as before: not redone
    UNCHANGED = "unchanged"
    #: could not be aligned; the summary's error says why
    FAILED = "failed"
