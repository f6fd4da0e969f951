"""An editing session of a real TEI file (seed 001 as paralign exported it): every
operation journaled and replayed after a crash, undo and redo, saving that keeps
what the file held and refuses when the file changed on disk."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from paralign import read_tei, to_tei
from paralign.editor import Conflict, Session
from paralign.editor.journal import journal_path
from paralign.errors import InputError
from paralign.review import review

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "texts" / "1962-12-02_mikoyan-kennedy-conversations"
SEED_TEI = SEED / "1962-12-02_mikoyan-kennedy-conversations.tei.xml"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture
def tei(tmp_path) -> Path:
    path = tmp_path / "seed.tei.xml"
    shutil.copy(SEED_TEI, path)
    return path


def crash(session: Session) -> None:
    """What a killed server leaves: the journal on disk, its lock released, no save."""
    session.journal._fh.close()


def rows(session: Session):
    return session.state(sentences=False)["beads"]


def test_a_crashed_session_resumes_with_every_operation(tei):
    s = Session(tei)
    s.do("merge", {"bead": 0})
    s.do("split_sentence", {"side": "src", "sentence": 4, "at": 10})
    s.do("confirm_through", {"bead": 4})
    s.do("undo", {})
    before, texts = rows(s), s.current.src.texts
    crash(s)
    again = Session(tei)
    assert again.replayed == 4
    assert rows(again) == before and again.current.src.texts == texts
    again.do("redo", {})
    assert again.state(False)["confirmed"] == 5
    again.close()
    assert journal_path(tei).exists()  # unsaved work stays in the journal


def test_a_second_editor_of_the_same_file_is_refused(tei):
    s = Session(tei)
    with pytest.raises(InputError, match="open in another paralign edit"):
        Session(tei)
    s.close()
    assert not journal_path(tei).exists()  # nothing unsaved: no journal left behind


def test_a_journal_begun_on_another_version_of_the_file_is_kept_and_refused(tei):
    s = Session(tei)
    s.do("merge", {"bead": 2})
    crash(s)
    # another version of the file: its header says something else
    tei.write_bytes(tei.read_bytes().replace(b"The paralign project", b"The paralign team"))
    with pytest.raises(InputError, match="changed since its journal"):
        Session(tei)
    assert journal_path(tei).exists()


def test_a_stale_page_cannot_change_the_alignment(tei):
    s = Session(tei)
    s.do("merge", {"bead": 0}, version=0)
    with pytest.raises(Conflict, match="another tab"):
        s.do("merge", {"bead": 0}, version=0)
    s.close()


def test_save_keeps_header_and_findings_and_refuses_after_a_change_on_disk(tei):
    opened = read_tei(tei)
    tei.write_bytes(to_tei(review(opened, similarity=[None] * len(opened.beads))))
    original = etree.fromstring(tei.read_bytes())
    s = Session(tei)
    hash_seen = s.file_hash
    s.do("merge", {"bead": 0})
    s.do("confirm_through", {"bead": 2})
    new_hash = s.save(hash_seen)
    saved = etree.fromstring(tei.read_bytes())
    assert etree.tostring(saved.find(f"{TEI}teiHeader")) == etree.tostring(
        original.find(f"{TEI}teiHeader")
    )
    back = read_tei(tei)
    assert back.pairs() == s.current.pairs()
    assert back.pairs()[0] == ((0,), (0, 1)) and len(back.beads) == len(opened.beads) - 1
    # every finding is kept and points at the link that holds its sentences now
    before = original.findall(f".//{TEI}interp")
    after = saved.findall(f".//{TEI}interp")
    assert len(after) == len(before) > 0
    links = {
        el.get("{http://www.w3.org/XML/1998/namespace}id"): el
        for el in saved.iter(f"{TEI}link", f"{TEI}ptr")
    }
    for interp in after:
        link = links[interp.get("inst")[1:]]
        assert (
            f"#{interp.get('{http://www.w3.org/XML/1998/namespace}id')}" in link.get("ana").split()
        )
    # a page that opened the file before that save is refused, and so is any save
    # after another program changed the file
    with pytest.raises(Conflict, match="changed on disk"):
        s.save(hash_seen)
    s.do("merge", {"bead": 3})
    tei.write_bytes(tei.read_bytes() + b"\n")
    with pytest.raises(Conflict, match="changed on disk"):
        s.save(new_hash)
    s.close()


def test_saving_an_unchanged_file_gives_the_same_bytes(tei):
    data = tei.read_bytes()
    s = Session(tei)
    s.save()
    s.close()
    assert tei.read_bytes() == data


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("merge"), st.builds(lambda k: {"bead": k}, st.integers(0, 60))),
        st.tuples(
            st.just("shift"),
            st.builds(
                lambda k, s, d: {"bead": k, "side": s, "direction": d},
                st.integers(0, 60),
                st.sampled_from(["src", "tgt"]),
                st.sampled_from(["up", "down"]),
            ),
        ),
        st.tuples(st.just("confirm"), st.builds(lambda k: {"bead": k}, st.integers(0, 60))),
        st.tuples(
            st.just("split_sentence"),
            st.builds(
                lambda i, at: {"side": "tgt", "sentence": i, "at": at},
                st.integers(0, 50),
                st.integers(1, 40),
            ),
        ),
        st.tuples(st.just("undo"), st.just({})),
        st.tuples(st.just("redo"), st.just({})),
    ),
    max_size=12,
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_replaying_the_journal_gives_the_same_alignment(tei, ops):
    journal_path(tei).unlink(missing_ok=True)
    s = Session(tei, review=False)
    for name, args in ops:
        with contextlib.suppress(InputError):
            s.do(name, args)
    expected = (s.current.pairs(), [b.status for b in s.current.beads], s.current.tgt.texts)
    crash(s)
    again = Session(tei, review=False)
    assert (again.current.pairs(), [b.status for b in again.current.beads]) == expected[:2]
    assert again.current.tgt.texts == expected[2]
    again.journal.close(remove=True)
