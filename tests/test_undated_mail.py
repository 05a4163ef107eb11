"""An undated message is dated by when it arrived, but never later than the clock."""

from __future__ import annotations

from pathlib import Path

from agent.cycle import sync_once
from tests.test_demoted_strangers import _app


def test_a_message_without_a_date_is_dated_by_the_clock_not_a_later_file_time(tmp_path: Path) -> None:
    """With the clock set back (FOCUSD_NOW), a file's time is later than now: an undated
    message takes now, so "by Friday" counts from the clock's Wednesday."""
    app = _app(tmp_path)
    inbox = tmp_path / "mail" / "cur"
    (inbox / "nodate").write_text("From: Maria Chen <maria@fund.example>\nTo: ada@loom.example\n"
                                  "Subject: Slides\nMessage-ID: <nodate@x.example>\n\n"
                                  "Could you send me the slides by Friday?\n")
    sync_once(app)
    slides = [i for i in app.store.items(("open",)) if "slides" in i.title.lower()]
    assert slides and slides[0].due == "2026-11-20"  # the clock's Friday, not the file's (27 Nov on)
