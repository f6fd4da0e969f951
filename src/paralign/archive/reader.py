"""Read a raw archival transcription: catalogue record, original, translation.

``split_bilingual(text)`` finds the catalogue record at the head (see
:mod:`.record`), then where the original ends and the translation begins, and
returns a :class:`Transcription` whose parts are exact slices of the input:
``text[part.start:part.end] == part.text``. ``read_transcription`` does the same
but also accepts a document in one language (a translation whose original is not
in the file). Nothing of the input is dropped: what is in no part is the record
(``metadata`` spans), web debris (``debris`` spans) or whitespace.

Where the languages change is found from the text alone: every block (paragraph)
is scored with a language identifier, and the one split point that best
separates the two languages wins (a change-point over the blocks' log-odds), so
a letterhead in English capitals inside the Spanish original, or a Spanish name in
the English translation, cannot move it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..clean.base import Block, SpanSet, blocks, lines
from ..clean.debris import is_debris
from ..clean.pages import RULE
from ..errors import InputError
from ..languages import check_language
from ..model import Span
from ..read import check_encoding, decode_text, read_bytes, read_text
from ..vocab import Role, SpanKind
from .languages import log_odds, main_languages
from .record import CatalogueRecord, read_record

#: the least share of the body's letters a second language needs to count as a part
MIN_SHARE = 0.1
#: the least evidence (summed log-odds) each side of a split needs
MIN_EVIDENCE = 40.0
#: the least number of letters each part needs
MIN_LETTERS = 80


@dataclass(frozen=True)
class Part:
    """One language's part of a transcription: ``role`` is ``original`` or ``translation``."""

    role: str
    lang: str
    start: int
    end: int
    text: str

    def __len__(self) -> int:
        return self.end - self.start


@dataclass
class Transcription:
    """A transcription read: its text, record, parts, and the spans outside the parts."""

    raw: str
    record: CatalogueRecord
    parts: list[Part]
    #: ``metadata`` (the record) and ``debris`` spans over ``raw`` outside every part
    kept_out: list[Span] = field(default_factory=list)
    #: the name of the file read (or ``input``)
    name: str = "input"

    def part(self, role: str) -> Part | None:
        """The part with this role, or None."""
        return next((p for p in self.parts if p.role == role), None)

    @property
    def original(self) -> Part | None:
        return self.part(Role.ORIGINAL)

    @property
    def translation(self) -> Part | None:
        return self.part(Role.TRANSLATION)


def load_transcription(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    langs: tuple[str, str] | None = None,
    bilingual: bool = False,
    known: CatalogueRecord | dict[str, str] | None = None,
) -> Transcription:
    """Read the transcription file at ``path`` (see :func:`read_transcription`).

    The file must be UTF-8 unless ``encoding`` names its encoding (``cp1252``,
    ``latin-1``): nothing is guessed, and a file that is not UTF-8 is refused with
    a message that says how to name its encoding. With ``bilingual``, a file
    without both parts is an :class:`InputError`.
    """
    name = str(path)
    text = read_text(path) if encoding is None else decode_with(read_bytes(path), encoding, name)
    reader = split_bilingual if bilingual else read_transcription
    return reader(text, langs=langs, name=name, known=known)


def decode_with(data: bytes, encoding: str, name: str = "input") -> str:
    """Decode ``data`` with a named encoding; a byte it cannot decode is an error, never lost."""
    if check_encoding(encoding) == "utf-8":
        return decode_text(data, name)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: byte 0x{data[exc.start]:02X} at offset {exc.start} is not {encoding}: "
            "name the file's real encoding"
        ) from None
    except UnicodeError as exc:  # a codec that fails without saying where (utf-16 odd length)
        raise InputError(f"{name} cannot be read as {encoding}: {exc}") from None
    if not text.strip():
        raise InputError(f"{name} holds only whitespace: give the transcription's text")
    return text


def split_bilingual(
    text: str,
    *,
    langs: tuple[str, str] | None = None,
    name: str = "input",
    known: CatalogueRecord | dict[str, str] | None = None,
) -> Transcription:
    """Split a transcription holding an original and its translation.

    Raises :class:`InputError` when no second language part can be found.
    """
    tr = read_transcription(text, langs=langs, name=name, known=known)
    if len(tr.parts) < 2:
        found = tr.parts[0].lang if tr.parts else "no text"
        raise InputError(
            f"{name}: no recognisable translation part: the body reads as one language "
            f"({found}) throughout; for a document in one language use read_transcription "
            "(paralign split-bilingual --single), or give the two texts as separate files"
        )
    return tr


def read_transcription(
    text: str,
    *,
    langs: tuple[str, str] | None = None,
    name: str = "input",
    known: CatalogueRecord | dict[str, str] | None = None,
) -> Transcription:
    """Read a transcription: its record and one or two language parts.

    ``langs`` fixes the two languages to look for (``("es", "en")``); by default
    they are the two languages most of the body is written in. ``known`` holds
    record fields known from elsewhere (a metadata file); they win over what the
    transcription's own record says. Without a record saying which language is the
    original, the first part is taken as the original.
    """
    if not isinstance(text, str):
        raise InputError(f"expected the transcription's text (str), got {type(text).__name__}")
    if not text.strip():
        raise InputError(f"{name} is empty: give the transcription's text")
    if langs is not None:
        langs = (check_language(langs[0]), check_language(langs[1]))
    record, record_blocks, body_start = read_record(text)
    if known:
        record.update(known.as_dict() if isinstance(known, CatalogueRecord) else known)
    kept = [
        Span(b.block.start, b.block.end, SpanKind.METADATA, text[b.block.start : b.block.end])
        for b in record_blocks
    ]
    taken = SpanSet(kept)
    debris = [
        Span(ln.content_start, ln.content_end, SpanKind.DEBRIS, ln.stripped)
        for ln in lines(text)
        if not ln.blank and is_debris(ln.text) and not taken.overlaps(ln.start, ln.end)
    ]
    content = [
        b
        for b in blocks(text)
        if b.start >= body_start and not all(is_debris(ln.text) for ln in b.lines)
    ]
    if not content:
        raise InputError(f"{name}: nothing but a catalogue record and page debris: no text found")
    groups = _split(content, record, langs)
    parts = [_part(text, role, lang, group) for role, lang, group in groups]
    kept.extend(d for d in debris if not any(p.start <= d.start < p.end for p in parts))
    kept.sort(key=lambda s: s.start)
    return Transcription(raw=text, record=record, parts=parts, kept_out=kept, name=name)


def _part(text: str, role: str, lang: str, group: list[Block]) -> Part:
    start, end = group[0].start, group[-1].end
    return Part(role, lang, start, end, text[start:end])


def _split(
    content: list[Block], record: CatalogueRecord, langs: tuple[str, str] | None
) -> list[tuple[str, str, list[Block]]]:
    """The parts as ``(role, lang, blocks)``: one or two, in the order of the text."""
    texts = [b.text for b in content]
    if langs is None:
        ranked = main_languages(texts)
        if len(ranked) < 2 or ranked[1][1] < MIN_SHARE:
            lang = ranked[0][0] if ranked else (record.translation_lang or "und")
            return [(_single_role(lang, record), lang, content)]
        first, second = ranked[0][0], ranked[1][0]
    else:
        first, second = langs
    odds = log_odds(texts, first, second)
    split = _change_point(odds, content)
    if split is None:
        lang = first if sum(odds) >= 0 else second
        return [(_single_role(lang, record), lang, content)]
    k, sign = split
    head, tail = content[:k], content[k:]
    head_lang, tail_lang = (first, second) if sign > 0 else (second, first)
    if record.original_lang == tail_lang or record.translation_lang == head_lang:
        roles = (Role.TRANSLATION, Role.ORIGINAL)
    else:
        roles = (Role.ORIGINAL, Role.TRANSLATION)
    return [(roles[0], head_lang, head), (roles[1], tail_lang, tail)]


def _single_role(lang: str, record: CatalogueRecord) -> str:
    """A lone part is the original when the record says so (or says nothing of a translation)."""
    if record.original_lang and record.original_lang != lang:
        return Role.TRANSLATION
    if record.translation_lang == lang or record.translator:
        return Role.TRANSLATION
    return Role.ORIGINAL


def _change_point(odds: list[float], content: list[Block]) -> tuple[int, int] | None:
    """``(k, sign)``: the language changes before block ``k``; ``sign`` 1 if the first
    language of the log-odds comes first. None when one side lacks evidence.

    Maximises ``sign * (sum(odds[:k]) - sum(odds[k:]))``; among equally good splits a
    typed rule (``-----``) stays with the part it closes, and other blocks without
    evidence go with the part that follows.
    """
    n = len(odds)
    prefix = [0.0]
    for d in odds:
        prefix.append(prefix[-1] + d)
    total = prefix[-1]
    candidates = []
    for sign in (1, -1):
        for k in range(1, n):
            score = sign * (2 * prefix[k] - total)
            rule_before = RULE.fullmatch(content[k - 1].text.strip()) is not None
            candidates.append(((round(score, 6), rule_before, -k), k, sign))
    if not candidates:
        return None
    _, k, sign = max(candidates)
    head, tail = sign * prefix[k], -sign * (total - prefix[k])
    letters_head = sum(c.isalpha() for b in content[:k] for c in b.text)
    letters_tail = sum(c.isalpha() for b in content[k:] for c in b.text)
    if min(head, tail) < MIN_EVIDENCE or min(letters_head, letters_tail) < MIN_LETTERS:
        return None
    return k, sign
