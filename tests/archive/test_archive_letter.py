"""Letter parts (opener, dateline, salutation, closer, signature) found in the seeds."""

from __future__ import annotations

import pytest
from archival_helpers import SEED_000, SEED_001, SEED_003

from paralign.archive import documents, load_transcription
from paralign.archive.letter import PART_KINDS, is_signature, is_valediction, letter_parts


def parts(doc, kind):
    return [" ".join(m.text.split()) for m in doc.marks if m.kind == kind]


@pytest.fixture(scope="module")
def seed001(shared):
    return documents(load_transcription(shared / "seeds" / SEED_001))


def test_cover_note_and_memo_are_two_letters(seed001):
    spanish = seed001["original"]
    assert len(parts(spanish, "letter")) == 2
    # the memo's own dateline is a sentence of its own (``SUITE 201`` between it and ``Rául:``)
    assert parts(spanish, "dateline") == ["La Habana, Diciembre 5 de 1962", "2 de diciembre, 1962"]
    assert parts(spanish, "address") == ["AL: Dr. Raúl Roa García Presente."]
    assert parts(spanish, "salute") == ["Fraternalmente,", "PATRIA O MUERTE VENCEREMOS", "Rául:"]
    assert parts(spanish, "signed") == ["Osvaldo Dorticos Torredo"]
    (closer,) = parts(spanish, "closer")
    assert closer.startswith("Fraternalmente,") and closer.endswith("ODT:mmc.")
    english = seed001["translation"]
    assert parts(english, "dateline") == [
        "5 December 1962",
        "Havana, 5 December 1962",
        "Permanent Mission of Cuba in the United Nations, 2 December 1962",
    ]
    assert parts(english, "salute") == [
        "Fraternally,",
        "HOMELAND OR DEATH, WE WILL WIN",
        "Raúl:",
    ]
    assert parts(english, "signed") == ["Osvaldo Dorticos Torrado"]


def test_letter_parts_never_cut_a_sentence(seed001):
    for doc in seed001.values():
        for m in doc.marks:
            if m.kind not in PART_KINDS:
                continue
            for s in doc.sentences:
                assert not (s.start < m.start < s.end or s.start < m.end < s.end), (m, s)


def test_opener_block_and_closer_of_seed_003(shared):
    doc = documents(load_transcription(shared / "seeds" / SEED_003))["original"]
    assert parts(doc, "dateline") == ["Havana October 31, 1962"]
    assert parts(doc, "address") == [
        "Mr. Nikita S. Khrushchev Prime Minister of the Soviet Union USSR"
    ]
    assert parts(doc, "salute") == ["Dear Comrade Khrushchev:", "Fraternalily"]
    assert parts(doc, "letter") == []  # one letter: no division


def test_heading_repeating_the_title_in_seed_000(shared):
    tr = load_transcription(shared / "seeds" / SEED_000)
    doc = documents(tr)["translation"]
    (head,) = parts(doc, "head")
    assert head.startswith(tr.record.title)
    assert parts(doc, "salute") == ["Comrade Fidel:"]
    assert parts(doc, "address")[0].startswith("Commander Fidel Castro Ruz")


def test_prose_alone_has_no_letter_parts():
    raw = (
        "The committee met on Tuesday and discussed the harvest at length.\n\n"
        "It decided to send two delegates to the capital before the end of the month."
    )
    assert letter_parts(raw) == []


@pytest.mark.parametrize("text", ["Fraternalmente,", "Sincerely yours,", "PATRIA O MUERTE"])
def test_valedictions(text):
    assert is_valediction(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Osvaldo Dorticos Torredo", True),
        ("Raúl Roa García", True),
        ("ODT:mmc.", False),
        ("He laughed.", False),
        ("Kennedy", False),
    ],
)
def test_signatures(text, expected):
    assert is_signature(text) is expected
