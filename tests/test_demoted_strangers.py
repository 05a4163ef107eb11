"""A stranger's mail that reads as marketing or a scam (one trait is enough to doubt it, two skip
it in triage) ranks below every known correspondent, takes no focus slot, and comes last among
what is due, in the brief a real cycle composes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from agent.app import App
from agent.clock import fixed
from agent.cycle import compose_brief, sync_once
from agent.settings import load
from planner.brief import compose
from planner.models import Item
from planner.priority import DEMOTED
from tests.test_brief_render import TODAY, full_input

OWNER = "ada@loom.example"
NOW = "Wed, 18 Nov 2026 08:00:00 +0000"


def _mail(folder: Path, name: str, sender: str, subject: str, body: str, to: str = OWNER, reply: str = "") -> None:
    head = f"From: {sender}\nTo: {to}\nSubject: {subject}\nDate: {NOW}\nMessage-ID: <{name}@x.example>\n"
    if reply:
        head += f"In-Reply-To: {reply}\nReferences: {reply}\n"
    (folder / name).write_text(head + "\n" + body + "\n")


def _app(tmp_path: Path) -> App:
    inbox, sent = tmp_path / "mail" / "cur", tmp_path / "mail" / ".Sent" / "cur"
    for d in (inbox, tmp_path / "mail" / "new", tmp_path / "mail" / "tmp", sent):
        d.mkdir(parents=True, exist_ok=True)
    # Maria is known: the owner wrote in her thread.
    _mail(inbox, "m1", "Maria Chen <maria@fund.example>", "Deck", "Could you send me the deck by Friday?")
    _mail(sent, "s1", f"Ada <{OWNER}>", "Re: Deck", "Will do.", to="maria@fund.example", reply="<m1@x.example>")
    _mail(inbox, "m2", "Maria Chen <maria@fund.example>", "Budget", "Could you review the budget by Thursday?")
    # A stranger with one scam trait (asks for account details): kept, but never focus.
    _mail(inbox, "x1", "Sam Reed <billing@payments-help.example>", "Invoice 4471",
          "Please confirm your bank account details today so we can release the payment.")
    (tmp_path / "focusd.toml").write_text(
        f'[owner]\nname = "Ada Lovelace"\nemail = "{OWNER}"\ntimezone = "Europe/London"\n'
        '[mail]\nbackend = "maildir"\npath = "mail"\n[smtp]\nbackend = "file"\npath = "outbox"\n'
        '[storage]\npath = "focusd.db"\n')
    return App(load(tmp_path / "focusd.toml"), fixed(datetime(2026, 11, 18, 9, tzinfo=UTC)))


def test_a_strangers_scam_like_ask_is_no_focus_and_comes_after_known_work(tmp_path: Path) -> None:
    app = _app(tmp_path)
    sync_once(app)
    items = {i.source.get("from"): i for i in app.store.items(("open",))}
    assert "billing@payments-help.example" in items  # one trait: kept, not skipped
    brief = compose_brief(app, date(2026, 11, 18))
    focus = [bl.item for bl in brief.lines if bl.section == "focus" and bl.item is not None]
    assert focus and all(i.source.get("from") != "billing@payments-help.example" for i in focus)
    shown = [bl.item.source.get("from") for bl in brief.lines if bl.item is not None]
    if "billing@payments-help.example" in shown:
        assert shown.index("billing@payments-help.example") > max(
            i for i, s in enumerate(shown) if s == "maria@fund.example")


def test_the_brief_keeps_a_demoted_item_out_of_focus_and_last_among_the_due() -> None:
    inp = full_input()
    scam = Item(kind="request", title="Confirm your bank details", evidence="Please confirm your bank details.",
                due=TODAY.isoformat(), counterparty="billing@x.example", id=99, score=50.0,
                source={"from": "billing@x.example", "subject": "Invoice", "message_id": "<x>"}, reasons=[DEMOTED])
    inp.items = [scam, *inp.items]  # first in rank order, and due today
    brief = compose(inp)
    focus = [bl.item for bl in brief.lines if bl.section == "focus"]
    assert scam not in focus and len(focus) == 3
    due = [bl.item for bl in brief.lines if bl.section == "due_soon"]
    assert scam not in due[:-1]  # listed, if at all, after everything else that is due


