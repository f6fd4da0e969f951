"""The review report of seed 001 in a real headless Chromium: it loads cleanly and offline,
shows every bead and finding, and its filters and keys work."""

from __future__ import annotations

import io

import pytest
from review_seed import DATA, seed001

from paralign.report import write_html
from paralign.review import review

PIL = pytest.importorskip("PIL.Image", reason="pip install pillow")


@pytest.fixture(scope="module")
def seed_review():
    a = seed001()
    return review(a, similarity=[None] * len(a.beads))


@pytest.fixture(scope="module")
def opened(chromium, seed_review, tmp_path_factory):
    """The report page, with what it logged and requested while loading."""
    path = write_html(seed_review, tmp_path_factory.mktemp("report") / "seed001.html")
    page = chromium.new_page()
    log = {"console": [], "requests": []}
    page.on("console", lambda m: log["console"].append((m.type, m.text)))
    page.on("pageerror", lambda e: log["console"].append(("pageerror", str(e))))
    page.on("request", lambda r: log["requests"].append(r.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    yield page, log, path
    page.close()


def visible(page, selector: str) -> int:
    return page.locator(selector).evaluate_all(
        "els => els.filter(e => e.offsetParent !== null).length"
    )


def test_opens_without_console_errors_or_network_requests(opened):
    page, log, path = opened
    assert [m for m in log["console"] if m[0] in ("error", "pageerror", "warning")] == []
    assert log["requests"] == [path.as_uri()]


def test_shows_every_bead_and_finding_of_seed_001(opened, seed_review):
    page, _, _ = opened
    gold_beads = len((DATA / "seed001.es-en.gold").read_text().splitlines())
    assert page.locator("#beads .bead").count() == gold_beads == 58
    assert visible(page, "#findings li.finding") == len(seed_review) >= 20
    assert (
        page.locator("#shown").inner_text()
        == f"{len(seed_review)} of {len(seed_review)} findings shown"
    )
    top = page.locator("#findings li.finding").first.inner_text()
    assert "135" in top and "HIGH" in top.upper()


def test_kind_filters_hide_and_show_findings(opened, seed_review):
    page, _, _ = opened
    total = len(seed_review)
    editorial = seed_review.counts()["editorial"]
    page.locator('#filters input[data-kind="editorial"]').uncheck()
    assert visible(page, "#findings li.finding") == total - editorial
    assert visible(page, '.notes li[data-kind="editorial"]') == 0
    page.locator("#only-findings").check()
    wanted = {f.bead for f in seed_review if f.kind != "editorial"}
    assert visible(page, "#beads .bead") == len(wanted)
    page.locator("#only-findings").uncheck()
    page.locator('#filters input[data-kind="editorial"]').check()
    assert visible(page, "#findings li.finding") == total
    assert visible(page, "#beads .bead") == 58


def test_keys_step_through_the_visible_findings(opened, seed_review):
    page, _, _ = opened
    page.locator('#filters input[data-kind="editorial"]').uncheck()
    order = [f for f in seed_review if f.kind != "editorial"]
    page.keyboard.press("Escape")
    for expected, key in ((0, "n"), (1, "j"), (2, "n"), (1, "p"), (0, "k"), (len(order) - 1, "p")):
        page.keyboard.press(key)
        current = page.locator('#findings li[aria-current="true"]')
        assert current.count() == 1
        assert current.get_attribute("data-bead") == str(order[expected].bead)
        assert current.get_attribute("data-kind") != "editorial"
        row = page.locator(f"#b-{order[expected].bead}")
        assert "current" in row.get_attribute("class")
        box, height = row.bounding_box(), page.viewport_size["height"]
        assert box is not None and box["y"] < height and box["y"] + box["height"] > 0
    page.locator('#filters input[data-kind="editorial"]').check()
    page.keyboard.press("Escape")


def test_clicking_a_ring_in_the_path_picture_goes_to_its_bead(opened, seed_review):
    page, _, _ = opened
    top = seed_review.findings[0].bead
    page.locator(f'#path a.mark[data-bead="{top}"]').click()
    assert page.evaluate("location.hash") == f"#b-{top}"


def test_screenshot_is_not_blank(opened):
    page, _, _ = opened
    page.evaluate("window.scrollTo(0, 0)")
    img = PIL.open(io.BytesIO(page.screenshot())).convert("L")
    from PIL import ImageStat

    assert ImageStat.Stat(img).stddev[0] > 20
    assert len(img.getcolors(maxcolors=1 << 16) or []) > 20
