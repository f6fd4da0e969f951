"""``paralign edit`` in a real headless Chromium: a correction of seed 001 by keyboard
only, a killed server that loses nothing, a second tab's save refused, and the Bible
pair (5,000 × 6,301 sentences) opened, scrolled and re-aligned. Every test starts
the real command and stops it; the screenshots of docs/editor.md are made here."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from editor_server import ROOT, editor, start
from review_seed import gold_beads

from paralign import BeadStatus, read_tei
from paralign.tei import validate

PIL = pytest.importorskip("PIL.Image", reason="pip install pillow")

SEED_TEI = (
    ROOT
    / "texts"
    / "1962-12-02_mikoyan-kennedy-conversations"
    / "1962-12-02_mikoyan-kennedy-conversations.tei.xml"
)
GOLD = ROOT / "tests" / "data" / "editor" / "seed001.corrected.es-en.gold"
IMG = ROOT / "docs" / "img"


@pytest.fixture
def seed(tmp_path) -> Path:
    path = tmp_path / "seed001.tei.xml"
    shutil.copy(SEED_TEI, path)
    return path


def seed_findings(path: Path) -> int:
    """How many findings the review gives the file through the API, without the encoder's
    similarity (what the editor's review process runs): the page must show that count."""
    from paralign import read_tei
    from paralign.review import review

    alignment = read_tei(path)
    return len(review(alignment, similarity=[None] * len(alignment.beads)))


def watch(page) -> list:
    log: list = []
    page.on("console", lambda m: log.append((m.type, m.text)))
    page.on("pageerror", lambda e: log.append(("pageerror", str(e))))
    return log


def errors(log: list) -> list:
    return [m for m in log if m[0] in ("error", "pageerror")]


def open_editor(context, url: str):
    page = context.new_page()
    log = watch(page)
    page.goto(url)
    page.wait_for_selector('body[data-ready="1"]')
    return page, log


def version(page) -> int:
    return int(page.evaluate("document.body.dataset.version"))


def press(page, key: str, *, changes: bool = True, timeout: float = 30_000) -> None:
    """Press a key; when it changes the alignment, wait until the server answered."""
    before = version(page)
    page.keyboard.press(key)
    if changes:  # (no wait_for_function: the page's CSP forbids the eval it needs)
        page.wait_for_selector(f'body:not([data-version="{before}"])', timeout=timeout)


def state(page) -> dict:
    return page.evaluate("window.paralignEdit.state()")


def cursor(page) -> dict:
    return page.evaluate("window.paralignEdit.cursor()")


def pairs(st: dict) -> list:
    return [(tuple(b[0]), tuple(b[1])) for b in st["beads"]]


def shoot(page, name: str) -> None:
    """A small PNG of what the page shows: into docs/img/ for docs/editor.md when
    PARALIGN_DOC_IMAGES is set (so that a test run leaves the checkout as it was)."""
    image = PIL.open(io.BytesIO(page.screenshot()))
    image = image.resize((image.width * 2 // 3, image.height * 2 // 3), PIL.Resampling.LANCZOS)
    image = image.convert("P", palette=PIL.Palette.ADAPTIVE, colors=48)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    assert buffer.getvalue().startswith(b"\x89PNG")
    if os.environ.get("PARALIGN_DOC_IMAGES"):
        IMG.mkdir(parents=True, exist_ok=True)
        (IMG / name).write_bytes(buffer.getvalue())


def test_correct_seed_001_by_keyboard_then_reload_and_read_back(chromium, seed, shared):
    gold = gold_beads(GOLD)
    with editor(seed) as ed:
        page, log = open_editor(chromium, ed.url)
        assert page.locator("#rows .bead").count() < len(gold)  # only what is on screen
        # the review's findings arrive (computed aside) with their words highlighted
        page.wait_for_selector("mark.hl", timeout=60_000)
        assert "Torredo" in page.locator("mark.hl").all_inner_texts()
        assert f"{seed_findings(seed)} findings" in page.locator("#counts").inner_text()
        for _ in range(3):
            press(page, "j", changes=False)
        press(page, "h", changes=False)
        press(page, ".", changes=False)
        assert cursor(page) == {"bead": 3, "side": "src", "pos": 1}
        assert page.locator(".bead.cur .s.at").inner_text() == "Presente."
        press(page, "x")  # "Presente." is unaligned
        for _ in range(5):
            press(page, "j", changes=False)
        assert state(page)["beads"][cursor(page)["bead"]][:2] == [[9, 10], [8]]
        press(page, "x")  # "ODT:mmc." is unaligned
        shoot(page, "editor-seed001.png")
        press(page, "j", changes=False)
        press(page, "C")  # everything down to here is right
        assert state(page)["confirmed"] == 11
        press(page, "r", timeout=240_000)  # re-align the rest around what is confirmed
        press(page, "End", changes=False)
        press(page, "C")
        press(page, "Control+s")
        page.wait_for_selector("#saved:not(.dirty)")
        shown = state(page)
        assert pairs(shown) == gold
        assert {b[3] for b in shown["beads"]} == {"confirmed"}
        assert shown["dirty"] is False

        page.reload()
        page.wait_for_selector('body[data-ready="1"]')
        assert pairs(state(page)) == gold and state(page)["confirmed"] == len(gold)
        assert cursor(page)["bead"] == len(gold) - 1  # the cursor is where it was
        assert errors(log) == []
        page.close()

    back = read_tei(seed)
    assert back.pairs() == gold
    assert {b.status for b in back.beads} == {BeadStatus.CONFIRMED}
    report = validate(seed)
    assert report.valid, report.errors
    tei_all = shared / "schemas" / "tei_all.rng"
    assert validate(seed, schema=tei_all).valid
    if shutil.which("jing"):
        jing = subprocess.run(["jing", str(tei_all), str(seed)], capture_output=True, text=True)
        assert jing.returncode == 0, jing.stdout + jing.stderr


def test_a_killed_server_loses_no_operation(chromium, seed):
    ed = start(seed)
    try:
        page, log = open_editor(chromium, ed.url)
        press(page, "m")
        press(page, "j", changes=False)
        press(page, "c")
        press(page, "j", changes=False)
        press(page, "l", changes=False)
        press(page, "x")
        press(page, "Control+z")
        before = state(page)
        page.close()
        ed.kill()  # no clean shutdown, no save
    finally:
        ed.stop()
    assert read_tei(seed).pairs() != pairs(before)  # nothing was saved

    with editor(seed) as again:
        page, log = open_editor(chromium, again.url)
        after = state(page)
        assert pairs(after) == pairs(before)
        assert [b[3] for b in after["beads"]] == [b[3] for b in before["beads"]]
        assert after["can_undo"] and after["can_redo"] and after["dirty"]
        press(page, "Control+y")  # the undone detach comes back
        assert len(state(page)["beads"]) == len(before["beads"]) + 1
        assert errors(log) == []
        page.close()


def test_a_second_tabs_save_after_the_first_is_refused(chromium, seed):
    with editor(seed) as ed:
        first, _ = open_editor(chromium, ed.url)
        second, _ = open_editor(chromium, ed.url)
        press(first, "m")
        press(first, "Control+s")
        first.wait_for_selector("#saved:not(.dirty)")
        saved = seed.read_bytes()
        second.keyboard.press("Control+s")
        message = second.locator("#message.error")
        message.wait_for(state="visible")
        assert "changed on disk" in message.inner_text()
        shoot(second, "editor-refused.png")
        assert seed.read_bytes() == saved
        assert read_tei(seed).pairs()[0] == ((0,), (0, 1))
        first.close()
        second.close()


def test_the_bible_pair_opens_scrolls_and_realigns_without_console_errors(
    chromium, shared, tmp_path
):
    from bible_tei import bible_tei

    path = bible_tei(shared, tmp_path)
    with editor(path) as ed:
        page, log = open_editor(chromium, ed.url)
        st = state(page)
        assert len(st["src"]["sentences"]) == 5000 and len(st["tgt"]["sentences"]) == 6301
        assert page.locator("#rows .bead").count() < 100
        page.mouse.move(800, 500)  # over the beads
        for _ in range(30):
            page.mouse.wheel(0, 4000)
        page.wait_for_timeout(200)
        middle = page.locator("#rows .bead").first.get_attribute("data-k")
        assert int(middle) > 200
        press(page, "End", changes=False)
        last = page.locator("#rows .bead").last.get_attribute("data-k")
        assert int(last) == len(st["beads"]) - 1
        press(page, "Home", changes=False)
        for _ in range(20):
            press(page, "j", changes=False)
        press(page, "C")
        shoot(page, "editor-bible.png")
        press(page, "r", timeout=600_000)
        after = state(page)
        assert pairs(after)[:21] == pairs(st)[:21]  # the confirmed beads are kept
        assert errors(log) == [], log
        page.close()
