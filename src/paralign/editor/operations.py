"""The editor's operations: each a small pure function from an alignment to a new one.

An operation never changes the alignment it is given; it returns a new
:class:`~paralign.model.Alignment` that shares what did not change. Every
operation keeps the one invariant of an alignment: every sentence of both sides
in exactly one bead, in order, and no bead empty on both sides. Beads an
operation touches become :attr:`BeadStatus.AUTOMATIC` again (a person confirms
them when they are right) and take the lowest confidence of the beads they came
from. Sentence operations (split one in two, join two) keep each sentence's
offsets into the document's raw text right; the raw text itself never changes.

:func:`apply` runs an operation named in :data:`OPERATIONS` with JSON arguments,
as the server and the journal give them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from ..errors import InputError
from ..model import Alignment, Bead, BeadStatus, Document, Sentence
from ..tei.vocab import normalise_space

#: the two sides, as operations name them
SRC = "src"
TGT = "tgt"
SIDES = (SRC, TGT)
#: directions: toward the previous bead (up) or the next (down)
UP = "up"
DOWN = "down"
DIRECTIONS = (UP, DOWN)
#: the ends of one side of a bead
FIRST = "first"
LAST = "last"
ENDS = (FIRST, LAST)


class EditError(InputError):
    """An operation that cannot be done on this alignment (a clear one-line reason)."""


# ---------------------------------------------------------------- helpers


def _check_bead(a: Alignment, k: object) -> int:
    if not isinstance(k, int) or isinstance(k, bool) or not 0 <= k < len(a.beads):
        raise EditError(f"no bead {k!r}: the alignment has {len(a.beads)} beads (0-based)")
    return k


def _check(value: object, allowed: Sequence[str], what: str) -> str:
    if value not in allowed:
        raise EditError(f"{what} must be one of {', '.join(allowed)}, not {value!r}")
    return str(value)


def _ids(bead: Bead, side: str) -> tuple[int, ...]:
    return bead.src if side == SRC else bead.tgt


def _with(bead: Bead, side: str, ids: tuple[int, ...]) -> Bead:
    return replace(bead, src=ids) if side == SRC else replace(bead, tgt=ids)


def _edited(*beads: Bead) -> dict[str, Any]:
    """What a bead made from ``beads`` carries: their lowest confidence, not confirmed."""
    return {
        "confidence": min(b.confidence for b in beads),
        "score": 0.0,
        "status": BeadStatus.AUTOMATIC,
    }


def _splice(a: Alignment, start: int, stop: int, new: Sequence[Bead]) -> Alignment:
    """``a`` with beads ``start:stop`` replaced by ``new`` (beads empty on both sides dropped)."""
    kept = [b for b in new if b.src or b.tgt]
    return replace(a, beads=[*a.beads[:start], *kept, *a.beads[stop:]])


def _doc(a: Alignment, side: str) -> Document:
    return a.src if side == SRC else a.tgt


# ---------------------------------------------------------------- bead operations


def shift(a: Alignment, bead: int, side: str, direction: str) -> Alignment:
    """Move the first sentence of one side of ``bead`` to the previous bead (``up``),
    or its last sentence to the next bead (``down``)."""
    k = _check_bead(a, bead)
    side = _check(side, SIDES, "side")
    direction = _check(direction, DIRECTIONS, "direction")
    ids = _ids(a.beads[k], side)
    if not ids:
        raise EditError(f"bead {k + 1} has no {side} sentence to move")
    other = k - 1 if direction == UP else k + 1
    if not 0 <= other < len(a.beads):
        where = "first" if direction == UP else "last"
        raise EditError(f"bead {k + 1} is the {where} bead: there is no bead to move into")
    here, there = a.beads[k], a.beads[other]
    props = _edited(here, there)
    if direction == UP:
        moved = _with(there, side, (*_ids(there, side), ids[0]))
        rest = _with(here, side, ids[1:])
        return _splice(a, other, k + 1, [replace(moved, **props), replace(rest, **props)])
    moved = _with(there, side, (ids[-1], *_ids(there, side)))
    rest = _with(here, side, ids[:-1])
    return _splice(a, k, other + 1, [replace(rest, **props), replace(moved, **props)])


def merge(a: Alignment, bead: int) -> Alignment:
    """Merge ``bead`` with the bead after it."""
    k = _check_bead(a, bead)
    if k + 1 >= len(a.beads):
        raise EditError(f"bead {k + 1} is the last bead: there is no next bead to merge with")
    x, y = a.beads[k], a.beads[k + 1]
    merged = Bead(x.src + y.src, x.tgt + y.tgt, **_edited(x, y))
    return _splice(a, k, k + 2, [merged])


def split(a: Alignment, bead: int, src_at: int, tgt_at: int) -> Alignment:
    """Split ``bead`` in two: its first ``src_at`` source and ``tgt_at`` target
    sentences, then the rest. Both parts must hold a sentence."""
    k = _check_bead(a, bead)
    b = a.beads[k]
    for at, ids, name in ((src_at, b.src, "src_at"), (tgt_at, b.tgt, "tgt_at")):
        if not isinstance(at, int) or isinstance(at, bool) or not 0 <= at <= len(ids):
            raise EditError(f"{name} must be a whole number in 0..{len(ids)}, not {at!r}")
    first = Bead(b.src[:src_at], b.tgt[:tgt_at], **_edited(b))
    second = Bead(b.src[src_at:], b.tgt[tgt_at:], **_edited(b))
    if not (first.src or first.tgt) or not (second.src or second.tgt):
        raise EditError(f"splitting bead {k + 1} there leaves one part with no sentence")
    return _splice(a, k, k + 1, [first, second])


def split_at(a: Alignment, bead: int, side: str, position: int) -> Alignment:
    """Split ``bead`` before its sentence ``position`` (0-based within the bead) of
    ``side``; the other side is cut in the same proportion, each part keeping a
    sentence."""
    k = _check_bead(a, bead)
    side = _check(side, SIDES, "side")
    b = a.beads[k]
    ids, others = _ids(b, side), _ids(b, TGT if side == SRC else SRC)
    if not isinstance(position, int) or isinstance(position, bool):
        raise EditError(f"position must be a whole number, not {position!r}")
    cut = round(len(others) * position / len(ids)) if ids else 0
    if position <= 0:
        cut = max(cut, 1)
    if position >= len(ids):
        cut = min(cut, len(others) - 1)
    cut = max(0, min(cut, len(others)))
    return split(a, k, position, cut) if side == SRC else split(a, k, cut, position)


def detach(a: Alignment, bead: int, side: str, end: str) -> Alignment:
    """Make the first or last sentence of one side of ``bead`` unaligned: a 1-0 or
    0-1 bead of its own, before the bead (first) or after it (last)."""
    k = _check_bead(a, bead)
    side = _check(side, SIDES, "side")
    end = _check(end, ENDS, "end")
    b = a.beads[k]
    ids = _ids(b, side)
    if not ids:
        raise EditError(f"bead {k + 1} has no {side} sentence")
    other_side = _ids(b, TGT if side == SRC else SRC)
    if len(ids) == 1 and not other_side:
        raise EditError(f"bead {k + 1} is unaligned already")
    props = _edited(b)
    if end == FIRST:
        alone, rest = _with(Bead((), (), **props), side, ids[:1]), _with(b, side, ids[1:])
        return _splice(a, k, k + 1, [alone, replace(rest, **props)])
    alone, rest = _with(Bead((), (), **props), side, ids[-1:]), _with(b, side, ids[:-1])
    return _splice(a, k, k + 1, [replace(rest, **props), alone])


def attach(a: Alignment, bead: int, direction: str) -> Alignment:
    """Join ``bead`` to the previous bead (``up``) or the next (``down``): how an
    unaligned sentence (a 1-0 or 0-1 bead) is attached to its neighbour."""
    k = _check_bead(a, bead)
    direction = _check(direction, DIRECTIONS, "direction")
    if direction == UP:
        if k == 0:
            raise EditError("bead 1 is the first bead: there is no bead above to attach it to")
        return merge(a, k - 1)
    return merge(a, k)


def confirm(a: Alignment, bead: int, confirmed: bool = True) -> Alignment:
    """Mark ``bead`` confirmed by a person (or automatic again with ``confirmed=False``)."""
    k = _check_bead(a, bead)
    status = BeadStatus.CONFIRMED if confirmed else BeadStatus.AUTOMATIC
    return _splice(a, k, k + 1, [replace(a.beads[k], status=status)])


def confirm_through(a: Alignment, bead: int) -> Alignment:
    """Confirm every bead from the first to ``bead`` included."""
    k = _check_bead(a, bead)
    done = [
        b if b.status is BeadStatus.CONFIRMED else replace(b, status=BeadStatus.CONFIRMED)
        for b in a.beads[: k + 1]
    ]
    return _splice(a, 0, k + 1, done)


def replace_beads(a: Alignment, beads: Sequence[Sequence[Any]]) -> Alignment:
    """All beads replaced (what re-alignment gives), as ``[src ids, tgt ids,
    confidence, status]`` rows; they must cover both texts once, in order."""
    new = [bead_from_row(row) for row in beads]
    check_alignment(replace(a, beads=new))
    return replace(a, beads=new)


# ---------------------------------------------------------------- sentence operations


def _raw_cut(raw: str, sent: Sentence, at: int) -> tuple[int, int]:
    """Where the raw stretch of ``sent`` ends before text offset ``at`` and where
    the rest begins: each non-space character of the text is matched to the next
    equal character of the raw text (which may hold line breaks and the hyphens
    of words broken at a line end that the text has not)."""
    p = sent.start
    end = sent.start
    for ch in sent.text[:at]:
        if ch.isspace():
            continue
        found = raw.find(ch, p, sent.end)
        if found < 0:  # the text and raw disagree more than in space: cut in proportion
            share = at / max(1, len(sent.text))
            end = sent.start + round((sent.end - sent.start) * share)
            break
        p = end = found + 1
    rest = end
    for ch in sent.text[at:]:
        if ch.isspace():
            continue
        found = raw.find(ch, end, sent.end)
        rest = found if found >= 0 else end
        break
    return end, rest


def split_sentence(a: Alignment, side: str, sentence: int, at: int) -> Alignment:
    """Split sentence ``sentence`` of ``side`` in two before character ``at`` of its
    text; both parts stay in its bead. Later sentences are numbered one higher."""
    side = _check(side, SIDES, "side")
    doc = _doc(a, side)
    if not isinstance(sentence, int) or not 0 <= sentence < len(doc.sentences):
        raise EditError(f"no {side} sentence {sentence!r}: the text has {len(doc.sentences)}")
    sent = doc.sentences[sentence]
    ok = isinstance(at, int) and not isinstance(at, bool)
    first, second = (sent.text[:at].rstrip(), sent.text[at:].lstrip()) if ok else ("", "")
    if not first or not second:
        raise EditError(
            f"cannot split {side} sentence {sentence + 1} at {at!r}: both parts need text"
        )
    end, rest = _raw_cut(doc.raw, sent, at)
    parts = [
        Sentence(first, sent.start, max(end, sent.start), sent.paragraph),
        Sentence(second, max(rest, end), sent.end, sent.paragraph),
    ]
    sentences = [*doc.sentences[:sentence], *parts, *doc.sentences[sentence + 1 :]]
    beads = []
    for b in a.beads:
        ids = _ids(b, side)
        if ids and ids[-1] >= sentence:
            new = tuple(i + (i > sentence) for i in ids)
            if sentence in ids:
                new = tuple(sorted((*new, sentence + 1)))
            b = replace(_with(b, side, new), **(_edited(b) if sentence in ids else {}))
        beads.append(b)
    return _rebuilt(a, side, sentences, beads)


def join_sentences(a: Alignment, side: str, sentence: int) -> Alignment:
    """Join sentence ``sentence`` of ``side`` with the one after it (a sentence the
    segmenter cut in two). The joined sentence stays in the first one's bead; a
    bead left empty disappears. Later sentences are numbered one lower."""
    side = _check(side, SIDES, "side")
    doc = _doc(a, side)
    if not isinstance(sentence, int) or not 0 <= sentence < len(doc.sentences) - 1:
        raise EditError(
            f"cannot join {side} sentence {sentence!r} with the next: "
            f"the text has {len(doc.sentences)} sentences"
        )
    x, y = doc.sentences[sentence], doc.sentences[sentence + 1]
    joined = Sentence(normalise_space(f"{x.text} {y.text}"), x.start, y.end, x.paragraph)
    sentences = [*doc.sentences[:sentence], joined, *doc.sentences[sentence + 2 :]]
    beads = []
    for b in a.beads:
        ids = _ids(b, side)
        new = tuple(i - 1 if i > sentence + 1 else i for i in ids if i != sentence + 1)
        if new != ids:
            touched = sentence in ids or sentence + 1 in ids
            b = _with(b, side, new)
            b = replace(b, **_edited(b)) if touched else b
        if b.src or b.tgt:
            beads.append(b)
    return _rebuilt(a, side, sentences, beads)


def _rebuilt(a: Alignment, side: str, sentences: list[Sentence], beads: list[Bead]) -> Alignment:
    doc = replace(_doc(a, side), sentences=sentences)
    return replace(a, beads=beads, **{side: doc})


# ---------------------------------------------------------------- checks and rows


def check_alignment(a: Alignment) -> None:
    """Raise :class:`EditError` unless every sentence of both sides is in exactly one
    bead, in order, and no bead is empty on both sides."""
    nxt = [0, 0]
    for n, b in enumerate(a.beads):
        if not b.src and not b.tgt:
            raise EditError(f"bead {n + 1} has no sentence on either side")
        for k, ids in enumerate((b.src, b.tgt)):
            for i in ids:
                if i != nxt[k]:
                    raise EditError(
                        f"bead {n + 1} holds {SIDES[k]} sentence {i + 1} where sentence "
                        f"{nxt[k] + 1} was due: beads must cover the text once, in order"
                    )
                nxt[k] += 1
    for k, doc in enumerate((a.src, a.tgt)):
        if nxt[k] != len(doc.sentences):
            raise EditError(
                f"the beads cover {nxt[k]} of the {len(doc.sentences)} {SIDES[k]} sentences"
            )


def bead_row(b: Bead) -> list[Any]:
    """A bead as a JSON row: ``[src ids, tgt ids, confidence, status]``."""
    return [list(b.src), list(b.tgt), round(b.confidence, 4), b.status.value]


def bead_from_row(row: Sequence[Any]) -> Bead:
    """The inverse of :func:`bead_row`."""
    try:
        src, tgt, confidence, status = row
        return Bead(
            tuple(int(i) for i in src),
            tuple(int(j) for j in tgt),
            float(confidence),
            status=BeadStatus(status),
        )
    except (TypeError, ValueError) as exc:
        raise EditError(f"not a bead row [src, tgt, confidence, status]: {row!r} ({exc})") from None


#: every operation by the name the page and the journal use
OPERATIONS: dict[str, Callable[..., Alignment]] = {
    "shift": shift,
    "merge": merge,
    "split": split,
    "split_at": split_at,
    "detach": detach,
    "attach": attach,
    "split_sentence": split_sentence,
    "join_sentences": join_sentences,
    "confirm": confirm,
    "confirm_through": confirm_through,
    "replace_beads": replace_beads,
}

#: operations that change the sentences of a side (not only the beads)
SEGMENTATION = frozenset({"split_sentence", "join_sentences"})


def apply(a: Alignment, name: str, args: dict[str, Any]) -> Alignment:
    """Run the operation ``name`` on ``a`` with keyword ``args`` (as JSON gives them)."""
    op = OPERATIONS.get(name)
    if op is None:
        raise EditError(f"unknown operation {name!r}; the operations are: {', '.join(OPERATIONS)}")
    if not isinstance(args, dict):
        raise EditError(f"the arguments of {name} must be an object, not {args!r}")
    try:
        return op(a, **args)
    except TypeError as exc:
        raise EditError(f"wrong arguments for {name}: {exc}") from None
