"""The reference metric, checked against figures derived by hand from its definition
(../shared/eval/README.md), and the gold-file reader/writer."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paralign.errors import FormatError, InputError
from paralign.goldfile import format_bead, parse_line, read_beads, read_pairs, write_pairs
from paralign.metrics import count, merge_verses, read_verses, score, score_documents
from paralign.model import Bead

# ---------------------------------------------------------------- hand-derived cases

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2, 3))]
TEST = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2,)), ((), (3,))]


def test_one_document_by_hand():
    # Precision: the 6 test beads against all 4 gold beads (nulls kept).
    # Gold targets linked to each source id: 0→{0}, 1→{1}, 2→{1}, 3→{}, 4→{2,3}.
    #   [0]:[0]  exact in gold                  strict TP, lax TP
    #   [1]:[1]  not exact; {1} ∩ {1} ≠ ∅       strict FP, lax TP
    #   [2]:[]   not exact; no target ids       strict FP, lax FP
    #   [3]:[]   exact in gold (a 1-0 bead)     strict TP, lax TP
    #   [4]:[2]  not exact; {2,3} ∩ {2} ≠ ∅     strict FP, lax TP
    #   []:[3]   not exact; no source ids       strict FP, lax FP
    # → strict P = 2/6 = 1/3, lax P = 4/6 = 2/3.
    # Recall: nulls removed from both; gold beads [0]:[0], [1,2]:[1], [4]:[2,3]
    # against test beads [0]:[0], [1]:[1], [4]:[2] (links 0→{0}, 1→{1}, 4→{2}):
    #   [0]:[0]      exact                          strict TP, lax TP
    #   [1,2]:[1]    not exact; {1} ∩ {1} ≠ ∅       strict FN, lax TP
    #   [4]:[2,3]    not exact; {2} ∩ {2,3} ≠ ∅     strict FN, lax TP
    # → strict R = 1/3, lax R = 3/3 = 1.
    # F1 strict = 2·(1/3)(1/3)/(2/3) = 1/3; F1 lax = 2·(2/3)·1/(5/3) = 4/5.
    result = score(GOLD, TEST)
    assert result.strict.precision == pytest.approx(1 / 3)
    assert result.strict.recall == pytest.approx(1 / 3)
    assert result.strict.f1 == pytest.approx(1 / 3)
    assert result.lax.precision == pytest.approx(2 / 3)
    assert result.lax.recall == pytest.approx(1.0)
    assert result.lax.f1 == pytest.approx(4 / 5)
    precision, recall = count(GOLD, TEST)
    assert precision.astuple() == (2, 4, 4, 2)
    assert recall.astuple() == (1, 2, 3, 0)


def test_micro_average_sums_counts_over_documents():
    # Document A: gold = test = [0]:[0], [1]:[1] → 2 TP of 2, both sides.
    # Document B: gold [0]:[0], test [0]:[1]; target 1 is not linked to source 0
    # → 0 TP of 1 on both sides, strict and lax.
    # Micro: P = R = (2+0)/(2+1) = 2/3, F1 = 2/3 (a macro average would give 1/2).
    doc_a = ([((0,), (0,)), ((1,), (1,))], [((0,), (0,)), ((1,), (1,))])
    doc_b = ([((0,), (0,))], [((0,), (1,))])
    result = score_documents([doc_a, doc_b])
    assert result.documents == 2
    for prf in (result.strict, result.lax):
        assert prf.precision == pytest.approx(2 / 3)
        assert prf.recall == pytest.approx(2 / 3)
        assert prf.f1 == pytest.approx(2 / 3)


def test_zero_over_zero_is_zero():
    # No test beads: P = 0/0 = 0; R = 0/1 = 0; F1 = 0 (P + R = 0).
    empty = score([((0,), (0,))], [])
    assert (empty.strict.precision, empty.strict.recall, empty.strict.f1) == (0.0, 0.0, 0.0)
    # Only null beads, predicted exactly: P = 1/1; recall has nothing left on
    # either side (nulls removed) → R = 0/0 = 0; F1 = 2·1·0/1 = 0.
    nulls = score([((0,), ())], [((0,), ())])
    assert nulls.strict.precision == 1.0
    assert nulls.strict.recall == 0.0
    assert nulls.strict.f1 == 0.0


def test_duplicates_and_the_empty_bead_are_dropped():
    # test = {[0]:[0], [0]:[0], []:[]} → one bead [0]:[0] after dropping → P = R = 1.
    result = score([((0,), (0,))], [((0,), (0,)), ((0,), (0,)), ((), ())])
    assert result.strict.f1 == 1.0
    assert result.precision_counts.astuple() == (1, 0, 1, 0)


def test_a_wrong_null_bead_is_a_strict_and_lax_false_positive():
    # gold [0]:[0]; test []:[0] and [0]:[] — neither is in gold and neither has
    # both sides, so neither can meet a linked target: 2 FP strict, 2 FP lax.
    precision, recall = count([((0,), (0,))], [((), (0,)), ((0,), ())])
    assert precision.astuple() == (0, 2, 0, 2)
    # Recall: gold [0]:[0] against no non-null test beads → 1 FN strict and lax.
    assert recall.astuple() == (0, 1, 0, 1)


def test_accepts_beads_and_alignment_objects():
    beads = [Bead((0,), (0,), 0.9), Bead((1, 2), (1,), 0.5)]
    assert score(beads, [((0,), (0,)), ((1, 2), (1,))]).strict.f1 == 1.0


@st.composite
def alignments(draw):
    """A monotone alignment of n source and m target sentences (every id once)."""
    beads, i, j = [], 0, 0
    for _ in range(draw(st.integers(1, 12))):
        a, b = draw(st.sampled_from([(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1)]))
        beads.append((tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    return beads


@given(alignments())
def test_an_alignment_scores_one_against_itself(beads):
    result = score(beads, beads)
    assert result.strict.precision == 1.0
    has_links = any(s and t for s, t in beads)
    assert result.strict.recall == (1.0 if has_links else 0.0)


@given(alignments(), alignments())
def test_lax_is_never_below_strict_and_all_figures_are_in_0_1(gold, test):
    result = score(gold, test)
    for name in ("precision", "recall", "f1"):
        strict, lax = getattr(result.strict, name), getattr(result.lax, name)
        assert 0.0 <= strict <= lax <= 1.0


@given(alignments(), alignments())
def test_f1_is_the_harmonic_mean_of_exact_counts(gold, test):
    precision, recall = count(gold, test)
    p = Fraction(precision.strict_tp, max(1, precision.strict_tp + precision.strict_fp))
    r = Fraction(recall.strict_tp, max(1, recall.strict_tp + recall.strict_fp))
    f1 = 2 * p * r / (p + r) if p + r else 0
    assert score(gold, test).strict.f1 == pytest.approx(float(f1))


# ---------------------------------------------------------------- the shared gold sets


def test_text_berg_gold_scores_one_against_itself(shared):
    folder = shared / "eval" / "textberg-de-fr"
    golds = [read_pairs(folder / f"test{i}.defr") for i in range(7)]
    result = score_documents([(g, g) for g in golds])
    assert result.strict.f1 == 1.0 and result.lax.f1 == 1.0
    # README: test0..6 hold 916 beads.
    assert result.precision_counts.strict_tp == 916


def test_bible_gold_is_unchanged_by_verse_merging(shared):
    folder = shared / "eval" / "bible-en-zh"
    gold = read_pairs(folder / "gold" / "001.align")
    src, tgt = read_verses(folder / "en.verse"), read_verses(folder / "zh.verse")
    assert score(gold, merge_verses(gold, src, tgt)).strict.f1 == 1.0


# ---------------------------------------------------------------- verse merging


def test_merge_verses_joins_consecutive_beads_of_one_verse():
    src_verses = ["a", "a", "b"]
    tgt_verses = ["a", "b", "b"]
    # [0]:[0] is in verse a, [1]:[] too (null side ignored) → [0,1]:[0];
    # [2]:[1] is in b, []:[2] too → [2]:[1,2].
    test = [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((), (2,))]
    assert merge_verses(test, src_verses, tgt_verses) == [((0, 1), (0,)), ((2,), (1, 2))]


def test_merge_verses_keeps_beads_that_cross_verses():
    src_verses = ["a", "a", "b"]
    tgt_verses = ["a", "b", "b"]
    # [0]:[0] is in a; [1]:[1] has source in a, target in b → no verse, kept;
    # [2]:[2] is in b but follows a bead of no verse → kept on its own.
    test = [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert merge_verses(test, src_verses, tgt_verses) == test


def test_merge_verses_rejects_ids_beyond_the_verse_file():
    with pytest.raises(InputError, match="beyond the verse file"):
        merge_verses([((5,), (0,))], ["a"], ["a"])


# ---------------------------------------------------------------- gold files


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("[0]:[0]", (((0,), (0,)), None)),
        ("[1,2]:[1,2,3]", (((1, 2), (1, 2, 3)), None)),
        ("[6, 7]:[9]", (((6, 7), (9,)), None)),
        ("[]:[4]", (((), (4,)), None)),
        ("[3]:[]:0.873", (((3,), ()), 0.873)),
        ("  [0, 1] : [2] : 1.0  ", (((0, 1), (2,)), 1.0)),
    ],
)
def test_parse_line(line, expected):
    assert parse_line(line) == expected


@pytest.mark.parametrize(
    "line", ["[0]", "0:1", "[a]:[1]", "[0]:[1]:high", "[,]:[1]", "[0]:[1]:nan", "[-1]:[0]"]
)
def test_parse_line_rejects_malformed_lines(line):
    with pytest.raises(ValueError):
        parse_line(line)


def test_read_reports_the_bad_line(tmp_path):
    path = tmp_path / "bad.align"
    path.write_text("[0]:[0]\n\n[1]:[1\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad\.align:3"):
        read_pairs(path)


def test_read_rejects_missing_empty_and_binary_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_pairs(tmp_path / "absent.align")
    (tmp_path / "empty").write_text("\n", encoding="utf-8")
    with pytest.raises(FormatError, match="no beads"):
        read_pairs(tmp_path / "empty")
    (tmp_path / "binary").write_bytes(b"\xff\xfe\x00[0]")
    with pytest.raises(FormatError, match="not UTF-8"):
        read_pairs(tmp_path / "binary")


@given(alignments(), st.lists(st.floats(0, 1), min_size=12, max_size=12))
def test_write_then_read_gives_the_beads_back(tmp_path_factory, beads, confs):
    path = tmp_path_factory.mktemp("gold") / "out.align"
    write_pairs(path, beads, confs[: len(beads)])
    back = read_beads(path)
    assert [pair for pair, _ in back] == beads
    # written with 3 decimals: off by at most half a unit of the last, plus float error
    assert [c for _, c in back] == pytest.approx(confs[: len(beads)], abs=5e-4 + 1e-12)


def test_format_bead_matches_the_published_format():
    assert format_bead((0, 1), (2,)) == "[0, 1]:[2]"
    assert format_bead((), (3,), 0.8734) == "[]:[3]:0.873"


# ---------------------------------------------------------------- paralign score


def _write(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


def test_score_command_prints_the_micro_averaged_figures(tmp_path, capsys):
    from paralign.cli import main

    # the two documents of test_micro_average_sums_counts_over_documents: P = R = F1 = 2/3
    gold_a = _write(tmp_path / "a.gold", ["[0]:[0]", "[1]:[1]"])
    test_a = _write(tmp_path / "a.test", ["[0]:[0]:0.9", "[1]:[1]:0.8"])
    gold_b = _write(tmp_path / "b.gold", ["[0]:[0]"])
    test_b = _write(tmp_path / "b.test", ["[0]:[1]"])
    assert main(["score", gold_a, test_a, gold_b, test_b]) == 0
    out = capsys.readouterr().out
    assert "2 pair(s)" in out
    assert "F1           0.6667   0.6667" in out


def test_score_command_json_and_verses(tmp_path, capsys):
    import json

    from paralign.cli import main

    gold = _write(tmp_path / "gold", ["[0, 1]:[0]", "[2]:[1, 2]"])
    test = _write(tmp_path / "test", ["[0]:[0]", "[1]:[]", "[2]:[1]", "[]:[2]"])
    src_verses = _write(tmp_path / "src.verse", ["a", "a", "b"])
    tgt_verses = _write(tmp_path / "tgt.verse", ["a", "b", "b"])
    assert main(["score", gold, test, "--verses", src_verses, tgt_verses, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["strict"]["f1"] == 1.0
    # without merging, 0 of the 4 test beads is a gold bead
    assert main(["score", gold, test, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["strict"]["precision"] == 0.0


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (["only-one"], "expected GOLD TEST pairs"),
        (["absent.gold", "absent.test"], "no such file"),
    ],
)
def test_score_command_bad_input_is_one_line_and_exit_2(tmp_path, capsys, files, message):
    from paralign.cli import main

    assert main(["score", *(str(tmp_path / f) for f in files)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
