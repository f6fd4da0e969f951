"""The memory check: a pair too large for the machine is refused before any embedding."""

from __future__ import annotations

import os
import sys

import pytest
from fake_encoder import HashingEncoder
from sample_pair import sample_pair, with_paragraph_marks

from paralign import InputError, align, memory, pipeline
from paralign.cli import main
from paralign.segment import segment, segment_lines

ES = ["Mikoyan habló extensamente de su visita a Cuba.", "Kennedy no hizo comentario alguno."]
EN = ["Mikoyan spoke extensively on his visit to Cuba.", "Kennedy made no comment."]


class CountingEncoder(HashingEncoder):
    """Counts the sentences it is asked to embed."""

    embedded = 0

    def _encode_batch(self, texts):
        CountingEncoder.embedded += len(texts)
        return super()._encode_batch(texts)


def test_the_estimate_grows_linearly_with_the_sentences():
    base = memory.estimated_peak(0, 0)
    assert memory.estimated_peak(1000, 2000) - base == 3 * (memory.estimated_peak(500, 500) - base)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/meminfo")
def test_available_memory_is_at_most_the_machine_s_memory():
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    have = memory.available_memory()
    assert have is not None and 0 < have <= total


def test_batch_workers_are_as_many_as_memory_holds_with_what_a_worker_keeps():
    have = memory.available_memory()
    if have is None:
        pytest.skip("this machine does not say how much memory is available")
    # two alignments of this peak fit; two workers, each holding WORKER_BYTES more, do not
    peak = have // 2 - memory.WORKER_BYTES // 2
    assert memory.workers_for(peak, cores=2) == 1
    assert memory.workers_for(have // 8, cores=2) == 2
    assert memory.workers_for(have * 2, cores=2) == 1


def test_a_pair_too_large_is_refused_before_anything_is_embedded(monkeypatch):
    monkeypatch.setattr(memory, "available_memory", lambda: memory.estimated_peak(1, 1))
    CountingEncoder.embedded = 0
    with pytest.raises(InputError, match=r"aligning 2 with 2 sentences needs about .* split"):
        align(ES, EN, src_lang="es", tgt_lang="en", model=CountingEncoder())
    assert CountingEncoder.embedded == 0


def test_a_source_too_large_is_refused_before_the_translation_is_read(monkeypatch):
    monkeypatch.setattr(memory, "available_memory", lambda: memory.estimated_peak(1, 0))
    with pytest.raises(InputError, match="the source text has 2 sentences"):
        # the target is not even text: it is never segmented
        align(ES, [""], src_lang="es", tgt_lang="en", model=CountingEncoder())


def test_the_same_pair_aligns_where_memory_is_enough_or_unknown(monkeypatch):
    for have in (memory.estimated_peak(2, 2), None):
        monkeypatch.setattr(memory, "available_memory", lambda have=have: have)
        result = align(ES, EN, src_lang="es", tgt_lang="en", model=CountingEncoder())
        assert [(b.src, b.tgt) for b in result.beads] == [((0,), (0,)), ((1,), (1,))]


def test_the_command_line_says_so_in_one_line_with_exit_2(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(memory, "available_memory", lambda: 64 * 1024**2)
    (tmp_path / "es.txt").write_text(" ".join(ES), encoding="utf-8")
    (tmp_path / "en.txt").write_text(" ".join(EN), encoding="utf-8")
    out = tmp_path / "out.xml"
    argv = ["align", str(tmp_path / "es.txt"), str(tmp_path / "en.txt")]
    code = main([*argv, "--src-lang", "es", "--tgt-lang", "en", "-o", str(out)])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.splitlines() == [
        "paralign: error: the source text has 2 sentences: aligning them needs over 0.4 GiB "
        "of memory and this machine has 0.1 GiB available: split both texts at the same "
        "places (chapters, letters) and align the parts"
    ]
    assert not out.exists()


def test_the_cgroup_limit_counts_page_cache_as_free(tmp_path):
    (tmp_path / "memory.max").write_text("8589934592\n")  # 8 GiB
    (tmp_path / "memory.current").write_text(f"{7 * 1024**3}\n")
    (tmp_path / "memory.stat").write_text(f"anon {2 * 1024**3}\nfile {5 * 1024**3}\nshmem 0\n")
    assert memory._cgroup_headroom(tmp_path) == 6 * 1024**3
    (tmp_path / "memory.max").write_text("max\n")
    assert memory._cgroup_headroom(tmp_path) is None
    assert memory._cgroup_headroom(tmp_path / "no-cgroup") is None


def test_the_count_before_segmenting_is_at_most_the_segmenter_s():
    for text, lang in zip(sample_pair(), ("es", "en"), strict=True):
        doc = segment(text, lang)
        sentences = doc.texts
        assert len(sentences) / 3 <= memory.sentences_at_least(text) <= len(sentences)
        lines = "\n".join(sentences)
        assert len(segment_lines(lines, lang).sentences) == len(sentences)
        assert memory.sentences_at_least(lines, presegmented=True) == len(sentences)
        assert memory.sentences_at_least(lines + "\n", presegmented=True) == len(sentences)
        # <p> lines are paragraph marks, no sentences (segment_lines)
        marked = with_paragraph_marks(doc.sentences)
        assert memory.sentences_at_least(marked, presegmented=True) == len(sentences)


def test_a_text_far_too_large_is_refused_before_it_is_segmented(monkeypatch):
    monkeypatch.setattr(memory, "available_memory", lambda: memory.estimated_peak(50_000, 0))
    segmented = []

    def counted(text, lang):
        segmented.append(text)
        return segment(text, lang)

    monkeypatch.setattr(pipeline, "segment", counted)
    many = "Sí. " * 250_000  # 250,000 one-word sentences, counted as at least 125,000
    with pytest.raises(InputError, match=r"the source text has at least 125,000 sentences"):
        align(many, EN, src_lang="es", tgt_lang="en", model=CountingEncoder(), clean=False)
    assert segmented == []
    # a translation far too large likewise, once the (small) source is segmented
    source = " ".join(ES)
    with pytest.raises(InputError, match=r"aligning 2 with at least 125,000 sentences needs at"):
        align(source, many, src_lang="es", tgt_lang="en", model=CountingEncoder(), clean=False)
    assert segmented == [source]
