"""The HTML brief in a real browser at a phone's width (390 px): nothing runs off the screen,
and the focus section is above the fold (844 px). Headless Chromium renders the brief inside a
390 x 844 frame of a measuring page, whose script writes what it measured into the DOM."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from agent.app import App
from agent.clock import fixed
from agent.cycle import compose_brief, sync_once
from agent.settings import load
from tests.conftest import DEMO_NOW
from tests.test_brief_render import compose, full_input

WIDTH, HEIGHT = 390, 844  # a common phone's viewport, in CSS pixels
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars")

# The brief is put in a frame of the phone's size: a headless window cannot be made that narrow.
MEASURE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="phone" width="{width}" height="{height}" style="border:0" srcdoc="{page}"></iframe>
<script>
document.getElementById("phone").addEventListener("load", function () {{
  var doc = this.contentDocument, focus = doc.getElementById("focus");
  var out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({{width: this.contentWindow.innerWidth,
    scrollWidth: doc.documentElement.scrollWidth,
    focusBottom: focus ? focus.getBoundingClientRect().bottom : null,
    scripts: doc.scripts.length}});
  document.body.appendChild(out);
}});
</script></body></html>"""


@pytest.fixture
def chromium() -> str:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: CI installs it (.ci/run)")
        pytest.skip("chromium is not installed (apt-get install chromium); CI runs this test")
    return CHROMIUM


def measure(browser: str, page: str, tmp: Path) -> dict[str, float]:
    """Render ``page`` at the phone's size and return what the measuring script saw."""
    wrapper = tmp / "measure.html"
    wrapper.write_text(MEASURE.format(width=WIDTH, height=HEIGHT, page=html.escape(page, quote=True)))
    done = subprocess.run([browser, *FLAGS, f"--user-data-dir={tmp / 'profile'}", "--dump-dom", wrapper.as_uri()],
                          capture_output=True, text=True, timeout=90)
    found = re.search(r'<pre id="measured">(.*?)</pre>', done.stdout)
    assert found, f"chromium did not measure the page (exit {done.returncode}): {done.stderr[-2000:]}"
    result: dict[str, float] = json.loads(html.unescape(found.group(1)))
    return result


def assert_fits_a_phone(seen: dict[str, float]) -> None:
    assert seen["width"] == WIDTH, seen  # the frame really is a phone's width
    assert seen["scripts"] == 0, seen
    assert seen["scrollWidth"] <= WIDTH, f"something runs off the screen: {seen}"
    assert seen["focusBottom"] is not None and 0 < seen["focusBottom"] <= HEIGHT, f"focus below the fold: {seen}"


def test_the_demo_brief_with_long_titles_and_a_long_quote_fits_a_phone(chromium: str, demo_dir: Path,
                                                                       tmp_path: Path) -> None:
    app = App(load(demo_dir / "focusd.toml"), fixed(DEMO_NOW))
    sync_once(app)
    focus = [bl.item for bl in compose_brief(app, app.today()).lines if bl.section == "focus" and bl.item]
    # The worst case: every focus title long, and one quote longer than any brief shows.
    for item in focus:
        assert item.id is not None
        app.store.update_item(item.id, {"title": item.title + " and the revised hiring plan, the pricing page "
                                        "and the board memo before the partner meeting on Friday"})
    assert focus[0].id is not None
    app.store.update_item(focus[0].id, {"evidence": "Could you send me the updated deck with the Q3 numbers "
                                        "by Friday, with the hiring plan? " * 10})
    brief = compose_brief(app, app.today())
    assert len([bl for bl in brief.lines if bl.section == "focus"]) == 3
    assert_fits_a_phone(measure(chromium, brief.html, tmp_path))


def test_a_brief_with_every_part_set_fits_a_phone(chromium: str, tmp_path: Path) -> None:
    brief = compose(full_input())
    assert "Latest version:" in brief.html and "Re-planned:" in brief.html and "Mail has not synced" in brief.html
    assert_fits_a_phone(measure(chromium, brief.html, tmp_path))


def test_an_unbreakable_line_does_not_widen_the_page(chromium: str, tmp_path: Path) -> None:
    """A Message-ID or a title with no space in it wraps rather than pushing the page sideways."""
    from planner.models import ItemContext, Link

    long_id = "<" + "x" * 300 + "@example.com>"
    brief = compose(full_input(context=lambda it: ItemContext(links=[Link("Message-ID", long_id)])))
    assert long_id in html.unescape(brief.html)
    seen = measure(chromium, brief.html, tmp_path)
    assert seen["scrollWidth"] <= WIDTH, seen
