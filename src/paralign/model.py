"""The plain data model that flows through the pipeline.

read → clean → segment → embed → align → review → export. Every stage takes and
returns these dataclasses; none of them holds behaviour beyond small derived views,
and this module imports nothing above it: turning an alignment into a file or a
review is the stages' work (the one-call forms are in :mod:`paralign.api`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .vocab import BeadStatus


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the raw input kept out of the sentences (header, page number, …).

    ``kind`` (a :class:`~paralign.vocab.SpanKind`) names what it is: ``"fw"``
    (running header/footer, letterhead),
    ``"pb"`` (page number / page break), ``"debris"`` (web-page leftovers),
    ``"editorial"`` (an editor's bracketed insertion), ``"metadata"``,
    ``"separator"`` (a typed rule), ``"join"`` (blank lines of a page break inside a
    paragraph); see docs/archival.md.
    """

    start: int
    end: int
    kind: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text and where it lies in the document's raw text.

    ``text`` is what is embedded and exported (line breaks inside it normalised to
    spaces, words hyphenated across a line break rejoined); ``raw[start:end]`` is
    the exact stretch of input it came from. ``paragraph`` is the 0-based index of
    the paragraph that holds it.
    """

    text: str
    start: int
    end: int
    paragraph: int = 0


@dataclass
class Document:
    """One side of a translation pair: raw text, language and its sentences."""

    raw: str
    lang: str
    sentences: list[Sentence]
    kept_out: list[Span] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    #: stretches that stay in the sentences but carry markup: letter parts
    #: (``letter``, ``head``, ``opener``, ``dateline``, ``salute``, ``address``,
    #: ``closer``, ``signed``), editorial brackets kept in the text (``editorial``),
    #: hyphens of words broken at a line end (``hyphen``); see docs/archival.md
    marks: list[Span] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.sentences)

    @property
    def texts(self) -> list[str]:
        """The sentence texts, in order."""
        return [s.text for s in self.sentences]

    @property
    def paragraphs(self) -> list[list[int]]:
        """Sentence indices grouped by paragraph, in order."""
        groups: list[list[int]] = []
        last = None
        for i, s in enumerate(self.sentences):
            if s.paragraph != last:
                groups.append([])
                last = s.paragraph
            groups[-1].append(i)
        return groups

    @classmethod
    def from_sentences(cls, sentences: Sequence[str], lang: str) -> Document:
        """Build a document from already segmented sentences (one per line)."""
        parts: list[Sentence] = []
        pos = 0
        for text in sentences:
            parts.append(Sentence(text=text, start=pos, end=pos + len(text), paragraph=0))
            pos += len(text) + 1
        return cls(raw="\n".join(sentences), lang=lang, sentences=parts)


@dataclass(frozen=True)
class Bead:
    """One alignment unit: consecutive source sentences ↔ consecutive target sentences.

    Either side may be empty (a 1-0 omission or a 0-1 addition), never both.
    ``confidence`` is the probability, in 0..1, that the bead is exactly right.
    ``status`` says whether a person confirmed it (:class:`BeadStatus`).
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float = 1.0
    score: float = 0.0
    status: BeadStatus = BeadStatus.AUTOMATIC

    def __post_init__(self) -> None:
        # "confirmed" reads as BeadStatus.CONFIRMED; an unknown word is a ValueError
        if not isinstance(self.status, BeadStatus):
            object.__setattr__(self, "status", BeadStatus(self.status))

    @property
    def shape(self) -> str:
        """The bead type, e.g. ``"2-1"``."""
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def confirmed(self) -> bool:
        """Whether a person confirmed this bead."""
        return self.status is BeadStatus.CONFIRMED


@dataclass
class Alignment:
    """Two documents and the beads that align them, with how they were made."""

    src: Document
    tgt: Document
    beads: list[Bead]
    model: str = ""
    settings: dict[str, object] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Bead]:
        return iter(self.beads)

    def __len__(self) -> int:
        return len(self.beads)

    def pairs(self) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        """The beads as (source ids, target ids) tuples, as the scorer takes them."""
        return [(b.src, b.tgt) for b in self.beads]

    def doubtful_share(self, below: float = 0.5) -> float:
        """The share of sentences, both sides together, in beads with confidence under
        ``below`` or in no translation (1-0 / 0-1 beads): near 0 for a text and its
        translation, near 1 for two unrelated texts."""
        total = len(self.src) + len(self.tgt)
        doubtful = sum(
            len(b.src) + len(b.tgt)
            for b in self.beads
            if not (b.src and b.tgt) or b.confidence < below
        )
        return doubtful / total if total else 0.0

    def texts(self, bead: Bead, joiner: str = " ") -> tuple[str, str]:
        """The source and target text of one bead."""
        return (
            joiner.join(self.src.sentences[i].text for i in bead.src),
            joiner.join(self.tgt.sentences[j].text for j in bead.tgt),
        )
