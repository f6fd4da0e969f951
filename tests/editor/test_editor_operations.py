"""The editor's operations on an alignment: each by hand on a small case, and any
sequence of them (hypothesis) keeps every sentence of both sides once, in order,
with its offsets into the raw text right."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paralign.editor.operations import (
    EditError,
    apply,
    attach,
    check_alignment,
    confirm,
    confirm_through,
    detach,
    join_sentences,
    merge,
    shift,
    split,
    split_at,
    split_sentence,
)
from paralign.model import Alignment, Bead, BeadStatus, Document
from paralign.tei.vocab import normalise_space

SRC = ["Uno dos.", "Tres cuatro cinco.", "Seis.", "Siete ocho.", "Nueve."]
TGT = ["One two.", "Three four five.", "Six.", "Seven eight.", "Nine."]


def pair(beads=None) -> Alignment:
    beads = beads or [Bead((i,), (i,), 0.9 - i / 10) for i in range(5)]
    return Alignment(Document.from_sentences(SRC, "es"), Document.from_sentences(TGT, "en"), beads)


def pairs(a: Alignment):
    return [(b.src, b.tgt) for b in a.beads]


def test_shift_moves_the_first_sentence_up_and_the_last_down():
    a = pair()
    up = shift(a, 1, "src", "up")
    assert pairs(up) == [((0, 1), (0,)), ((), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,))]
    down = shift(up, 0, "src", "down")
    assert pairs(down)[:2] == [((0,), (0,)), ((1,), (1,))]
    # a bead emptied on both sides disappears
    gone = shift(shift(a, 1, "src", "up"), 1, "tgt", "up")
    assert pairs(gone)[:2] == [((0, 1), (0, 1)), ((2,), (2,))]
    with pytest.raises(EditError, match="first bead"):
        shift(a, 0, "tgt", "up")


def test_edited_beads_take_the_lowest_confidence_and_are_automatic_again():
    a = confirm(pair(), 1)
    assert a.beads[1].status is BeadStatus.CONFIRMED
    m = merge(a, 0)
    assert pairs(m)[0] == ((0, 1), (0, 1))
    assert m.beads[0].confidence == pytest.approx(0.8)
    assert m.beads[0].status is BeadStatus.AUTOMATIC


def test_split_and_split_at_cut_a_bead_in_two():
    a = merge(merge(pair(), 0), 0)  # (0 1 2 | 0 1 2)
    assert pairs(split(a, 0, 1, 2))[:2] == [((0,), (0, 1)), ((1, 2), (2,))]
    assert pairs(split_at(a, 0, "src", 1))[:2] == [((0,), (0,)), ((1, 2), (1, 2))]
    assert pairs(split_at(a, 0, "tgt", 2))[:2] == [((0, 1), (0, 1)), ((2,), (2,))]
    with pytest.raises(EditError, match="no sentence"):
        split(a, 0, 0, 0)


def test_detach_and_attach_an_unaligned_sentence():
    a = merge(pair(), 0)  # (0 1 | 0 1)
    d = detach(a, 0, "tgt", "last")
    assert pairs(d)[:2] == [((0, 1), (0,)), ((), (1,))]
    assert pairs(attach(d, 1, "up"))[0] == ((0, 1), (0, 1))
    f = detach(a, 0, "src", "first")
    assert pairs(f)[:2] == [((0,), ()), ((1,), (0, 1))]
    assert pairs(attach(f, 0, "down"))[0] == ((0, 1), (0, 1))
    with pytest.raises(EditError, match="unaligned already"):
        detach(f, 0, "src", "first")


def test_confirm_through_confirms_everything_above():
    a = confirm_through(pair(), 2)
    assert [b.status.value for b in a.beads] == ["confirmed"] * 3 + ["automatic"] * 2
    assert confirm(a, 0, confirmed=False).beads[0].status is BeadStatus.AUTOMATIC


def test_split_and_join_a_sentence_keep_its_place_in_the_raw_text():
    a = pair()
    s = split_sentence(a, "src", 1, len("Tres cuatro"))
    assert s.src.texts[1:3] == ["Tres cuatro", "cinco."]
    assert pairs(s)[1:3] == [((1, 2), (1,)), ((3,), (2,))]
    for sent in s.src.sentences:
        assert s.src.raw[sent.start : sent.end] == sent.text
    j = join_sentences(s, "src", 1)
    assert j.src.sentences == a.src.sentences
    assert pairs(j) == pairs(a)
    # joining across beads: the second sentence leaves its bead, which is dropped if empty
    k = join_sentences(a, "tgt", 0)
    assert k.tgt.texts[0] == "One two. Three four five."
    assert pairs(k)[:2] == [((0,), (0,)), ((1,), ())]
    with pytest.raises(EditError, match="both parts"):
        split_sentence(a, "src", 2, 0)


def test_a_sentence_cut_across_a_line_break_and_a_hyphen_maps_to_the_raw_text():
    raw = "El exa-\nmen termina   aquí. Fin."
    from paralign.model import Sentence

    doc = Document(
        raw=raw,
        lang="es",
        sentences=[Sentence("El examen termina aquí.", 0, 27), Sentence("Fin.", 28, 32)],
    )
    en = Document.from_sentences(["The exam ends here.", "End."], "en")
    a = Alignment(doc, en, pair().beads[:2])
    s = split_sentence(a, "src", 0, len("El examen"))
    first, second = s.src.sentences[:2]
    assert raw[first.start : first.end] == "El exa-\nmen"
    assert raw[second.start : second.end] == "termina   aquí."


def test_apply_names_unknown_operations_and_bad_arguments():
    with pytest.raises(EditError, match="unknown operation"):
        apply(pair(), "explode", {})
    with pytest.raises(EditError, match="wrong arguments"):
        apply(pair(), "merge", {"beads": 1})
    with pytest.raises(EditError, match="no bead 9"):
        apply(pair(), "merge", {"bead": 9})


# ---------------------------------------------------------------- properties

WORDS = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
SENTENCE = st.lists(WORDS, min_size=1, max_size=5).map(" ".join)


@st.composite
def alignments(draw):
    src = draw(st.lists(SENTENCE, min_size=1, max_size=12))
    tgt = draw(st.lists(SENTENCE, min_size=1, max_size=12))
    beads, i, j = [], 0, 0
    while i < len(src) or j < len(tgt):
        a = draw(st.integers(0, min(3, len(src) - i)))
        b = draw(st.integers(0 if a else 1, min(3, len(tgt) - j))) if j < len(tgt) else 0
        if a == 0 and b == 0:
            a = 1
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), draw(st.floats(0, 1))))
        i, j = i + a, j + b
    return Alignment(Document.from_sentences(src, "xx"), Document.from_sentences(tgt, "yy"), beads)


OPS = st.one_of(
    st.tuples(
        st.just("shift"),
        st.fixed_dictionaries(
            {
                "bead": st.integers(0, 20),
                "side": st.sampled_from(["src", "tgt"]),
                "direction": st.sampled_from(["up", "down"]),
            }
        ),
    ),
    st.tuples(st.just("merge"), st.fixed_dictionaries({"bead": st.integers(0, 20)})),
    st.tuples(
        st.just("split"),
        st.fixed_dictionaries(
            {"bead": st.integers(0, 20), "src_at": st.integers(0, 3), "tgt_at": st.integers(0, 3)}
        ),
    ),
    st.tuples(
        st.just("split_at"),
        st.fixed_dictionaries(
            {
                "bead": st.integers(0, 20),
                "side": st.sampled_from(["src", "tgt"]),
                "position": st.integers(0, 3),
            }
        ),
    ),
    st.tuples(
        st.just("detach"),
        st.fixed_dictionaries(
            {
                "bead": st.integers(0, 20),
                "side": st.sampled_from(["src", "tgt"]),
                "end": st.sampled_from(["first", "last"]),
            }
        ),
    ),
    st.tuples(
        st.just("attach"),
        st.fixed_dictionaries(
            {"bead": st.integers(0, 20), "direction": st.sampled_from(["up", "down"])}
        ),
    ),
    st.tuples(
        st.just("split_sentence"),
        st.fixed_dictionaries(
            {
                "side": st.sampled_from(["src", "tgt"]),
                "sentence": st.integers(0, 15),
                "at": st.integers(0, 30),
            }
        ),
    ),
    st.tuples(
        st.just("join_sentences"),
        st.fixed_dictionaries(
            {"side": st.sampled_from(["src", "tgt"]), "sentence": st.integers(0, 15)}
        ),
    ),
    st.tuples(st.just("confirm"), st.fixed_dictionaries({"bead": st.integers(0, 20)})),
    st.tuples(st.just("confirm_through"), st.fixed_dictionaries({"bead": st.integers(0, 20)})),
)


def letters(doc: Document) -> str:
    return "".join("".join(s.text.split()) for s in doc.sentences)


@given(alignments(), st.lists(OPS, max_size=25))
def test_any_sequence_of_operations_keeps_every_sentence_once_in_order(a, ops):
    start = a
    for name, args in ops:
        try:
            changed = apply(a, name, args)
        except EditError:
            continue
        check_alignment(changed)
        for before, after in ((a.src, changed.src), (a.tgt, changed.tgt)):
            assert after.raw == before.raw
            assert letters(after) == letters(before)
            for prev, sent in zip(after.sentences, after.sentences[1:], strict=False):
                assert prev.end <= sent.start
            for sent in after.sentences:
                assert normalise_space(after.raw[sent.start : sent.end]) == sent.text
        a = changed
    assert letters(a.src) == letters(start.src) and letters(a.tgt) == letters(start.tgt)
    # the input was never changed
    check_alignment(start)
