"""Resolve merges only the same work, and the demo week comes out the same in any order."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agent.app import owner_from
from agent.clock import fixed
from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from agent.graph import run_batch
from agent.nodes.resolve import same_item
from agent.settings import load
from agent.state import Context
from connectors.mime import parse_message
from connectors.types import Message
from planner.models import Item
from planner.store import Store
from tests.conftest import DEMO, DEMO_NOW, make_message

Row = tuple[str, str, str, str | None, str]


@pytest.fixture(scope="module")
def demo_owner() -> Owner:
    return owner_from(load(DEMO / "focusd.toml"))


def _read(folder: Path, name: str) -> list[Message]:
    msgs = []
    for path in sorted(folder.glob("*.demo*")):
        msg = parse_message(path.read_bytes())
        msg.folder = name
        msgs.append(msg)
    return msgs


def _inbox() -> list[Message]:
    return _read(DEMO / "mail" / "cur", "INBOX")


def _sent() -> list[Message]:
    return _read(DEMO / "mail" / ".Sent" / "cur", "Sent")


def _ctx(owner: Owner, store: Store | None = None) -> Context:
    return Context(extractor=EmbeddedExtractor(), owner=owner, clock=fixed(DEMO_NOW), store=store)


def _rows(items: list[Item]) -> list[Row]:
    return sorted((i.message_id, i.kind, i.title, i.due, i.status) for i in items)


def _batch_items(msgs: list[Message], owner: Owner) -> list[Row]:
    state = run_batch(msgs, _ctx(owner))
    return _rows([i for items in state["new_items"].values() for i in items])


def _by_date(msgs: list[Message]) -> list[Message]:
    return sorted(msgs, key=lambda m: m.date)


def test_a_name_shared_by_two_titles_is_no_evidence_of_the_same_work(demo_owner: Owner) -> None:
    """The owner's promise of the deck and Maria's later ask for the data room share only "Maria"."""
    promise = next(m for m in _sent() if m.message_id == "<s1.ada@loom.example>")
    data_room = next(m for m in _inbox() if m.message_id == "<m2.maria@northwind.vc>")
    rows = _batch_items([promise, data_room], demo_owner)
    assert ("<s1.ada@loom.example>", "commitment", "Send Maria the updated deck", "2026-11-20", "open") in rows
    assert ("<m2.maria@northwind.vc>", "request", "Give Maria access to the data room", "2026-11-23",
            "open") in rows


def test_the_demo_week_comes_out_the_same_in_any_order(demo_owner: Owner) -> None:
    inbox, sent = _inbox(), _sent()
    expected = _batch_items(_by_date(inbox + sent), demo_owner)
    assert len(expected) >= 15
    orders = {"sent first": _by_date(sent) + _by_date(inbox), "reversed": _by_date(inbox + sent)[::-1]}
    for seed in range(5):
        shuffled = inbox + sent
        random.Random(seed).shuffle(shuffled)
        orders[f"shuffle {seed}"] = shuffled
    for name, msgs in orders.items():
        assert _batch_items(msgs, demo_owner) == expected, name


def test_sent_replies_stored_before_the_mail_they_answer_lose_no_request(demo_owner: Owner) -> None:
    """A backlog: the Sent folder's batch is stored before the INBOX batch it answers."""
    in_order = Store.open(":memory:")
    run_batch(_by_date(_inbox() + _sent()), _ctx(demo_owner, in_order))
    sent_first = Store.open(":memory:")
    run_batch(_by_date(_sent()), _ctx(demo_owner, sent_first))
    run_batch(_by_date(_inbox()), _ctx(demo_owner, sent_first))
    by_work = lambda store: sorted((i.thread_id, i.due or "", i.status) for i in store.all_items())  # noqa: E731
    assert by_work(sent_first) == by_work(in_order)
    assert "Give Maria access to the data room" in [i.title for i in sent_first.all_items()]


def _item(kind: str, title: str, date: str, counterparty: str = "maria@fund.example",
          sender: str = "maria@fund.example") -> Item:
    return Item(kind=kind, title=title, evidence=title + ".", thread_id="t", counterparty=counterparty,
                source={"message_id": f"<{date}@x>", "from": sender, "date": date})


@pytest.mark.parametrize("a,b,same", [
    # Only a name, or only stop words, in common.
    (("commitment", "Send Maria the updated deck"), ("request", "Give Maria access to the data room"), False),
    (("request", "Send me the report"), ("request", "Send me the invoice"), False),
    # Different numbers are different work.
    (("request", "Send Maria report 12"), ("request", "Send Maria report 13"), False),
    (("request", "Send the Q3 numbers"), ("request", "Send the Q4 numbers"), False),
    # One word among several, asked after the promise: a new ask, not a restatement.
    (("commitment", "Review the new pricing page copy and send notes"), ("request", "Get the final pricing to Tom"),
     False),
    # A restatement: all of the shorter title, or two content words.
    (("request", "Send Maria the updated deck with the Q3 numbers"), ("commitment", "Send Maria the updated deck"),
     True),
    (("request", "Send the cap table and pipeline"), ("request", "Share cap table numbers"), True),
])
def test_same_item_needs_real_shared_content(a: tuple[str, str], b: tuple[str, str], same: bool) -> None:
    first = _item(a[0], a[1], "2026-11-16T09:00:00+00:00")
    second = _item(b[0], b[1], "2026-11-18T09:00:00+00:00")
    names = {"maria", "chen", "ada", "lovelace", "tom"}
    assert same_item(first, second, names) is same
    assert same_item(second, first, names) is same


def test_the_owners_promise_after_a_request_may_restate_it_in_other_words() -> None:
    ask = _item("request", "Take the culture round", "2026-11-16T09:00:00+00:00")
    promise = _item("commitment", "Prepare the culture questions", "2026-11-16T10:00:00+00:00")
    assert same_item(ask, promise) and same_item(promise, ask)
    before = _item("commitment", "Prepare the culture questions", "2026-11-15T10:00:00+00:00")
    assert not same_item(ask, before)


def test_the_date_in_the_latest_message_wins_whatever_the_order(owner: Owner) -> None:
    from datetime import UTC, datetime

    ask = make_message("Could you send me the updated deck with the Q3 numbers by Friday?", message_id="<1@x>",
                       date=datetime(2026, 11, 16, 9, 0, tzinfo=UTC))
    promise = make_message("I'll send you the updated deck by Thursday.", sender="ada@example.com",
                           to=("maria@fund.example",), message_id="<2@x>", references=("<1@x>",), name="Ada",
                           date=datetime(2026, 11, 16, 10, 0, tzinfo=UTC))
    for msgs in ([ask, promise], [promise, ask]):
        state = run_batch(msgs, _ctx(owner))
        assert "<2@x>" not in state["new_items"]
        [item] = state["new_items"]["<1@x>"]
        assert (item.kind, item.title, item.due) == ("request", "Send Maria the updated deck with the Q3 numbers",
                                                     "2026-11-19")


def _deck_thread() -> list[Message]:
    """Maria asks for Friday, then Monday; the owner's reply on Tuesday promises Thursday."""
    from datetime import UTC, datetime

    ask = make_message("Could you send me the updated investor deck by Friday?", message_id="<1@x>",
                       date=datetime(2026, 11, 16, 9, 0, tzinfo=UTC))
    promise = make_message("I'll send you the updated investor deck by Thursday.", sender="ada@example.com",
                           to=("maria@fund.example",), message_id="<2@x>", references=("<1@x>",), name="Ada",
                           date=datetime(2026, 11, 17, 10, 0, tzinfo=UTC))
    promise.folder = "Sent"
    again = make_message("Could you send me the updated investor deck by Monday instead?", message_id="<3@x>",
                         references=("<1@x>",), date=datetime(2026, 11, 16, 12, 0, tzinfo=UTC))
    return [ask, promise, again]


def _stored_rows(batches: list[list[Message]], owner: Owner) -> list[tuple[str, str, str | None, str]]:
    store = Store.open(":memory:")
    for batch in batches:
        run_batch(batch, _ctx(owner, store))
    return sorted((i.kind, i.title, i.due, i.status) for i in store.all_items())


def test_a_date_said_later_in_a_later_sync_does_not_lose_to_one_said_earlier(owner: Owner) -> None:
    ask, promise, again = _deck_thread()
    together = _stored_rows([[ask, promise, again]], owner)
    assert [(kind, due) for kind, _, due, _ in together] == [("request", "2026-11-19")]  # Tuesday's word
    assert _stored_rows([[ask, promise], [again]], owner) == together


def _splits(msgs: list[Message]) -> dict[str, list[list[Message]]]:
    """Every order of ``msgs``, read in one sync and in every split into two."""
    from itertools import permutations

    runs: dict[str, list[list[Message]]] = {}
    for order in permutations(msgs):
        ids = [m.message_id for m in order]
        runs[" ".join(ids)] = [list(order)]
        for cut in range(1, len(order)):
            runs[f"{ids[:cut]} then {ids[cut:]}"] = [list(order[:cut]), list(order[cut:])]
    return runs


def test_the_deck_thread_comes_out_the_same_in_every_order_and_split_into_syncs(owner: Owner) -> None:
    expected = _stored_rows([_deck_thread()], owner)
    for name, batches in _splits(_deck_thread()).items():
        assert _stored_rows(batches, owner) == expected, name


def test_the_demo_week_comes_out_the_same_split_into_separate_syncs(demo_owner: Owner) -> None:
    mail = _inbox() + _sent()
    expected = _stored_rows([_by_date(mail)], demo_owner)
    assert len(expected) >= 15
    for seed in range(24):
        rng = random.Random(seed)
        shuffled = mail[:]
        rng.shuffle(shuffled)
        cuts = sorted(rng.sample(range(1, len(shuffled)), 1 + seed % 2))  # two or three syncs
        batches = [shuffled[a:b] for a, b in zip([0, *cuts], [*cuts, len(shuffled)], strict=True)]
        assert _stored_rows(batches, demo_owner) == expected, f"seed {seed}: syncs of {[len(b) for b in batches]}"


class _Proposes:
    """An extractor that proposes the given items for every message, as a model might."""

    def __init__(self, *items: Item) -> None:
        self.items = items

    def extract(self, message: Message, owner: Owner) -> list[Item]:
        from dataclasses import replace

        return [replace(i, source={"message_id": message.message_id, "from": message.sender.email,
                                   "date": message.date.isoformat()}, thread_id=message.thread_id)
                for i in self.items]


def _grounded(extractor: _Proposes, msg: Message, owner: Owner) -> list[Item]:
    ctx = Context(extractor=extractor, owner=owner, clock=fixed(DEMO_NOW))  # type: ignore[arg-type]
    return run_batch([msg], ctx).get("grounded", {}).get(msg.message_id, [])


def test_ground_drops_a_counterparty_who_took_no_part_in_the_message(owner: Owner) -> None:
    msg = make_message("Could you send me the signed contract by Friday?", cc=("legal@fund.example",))
    ask = Item(kind="request", title="Send the signed contract", evidence="send me the signed contract",
               source={}, counterparty="maria@fund.example")
    assert [i.counterparty for i in _grounded(_Proposes(ask), msg, owner)] == ["maria@fund.example"]
    cc = Item(kind="request", title="Send the signed contract", evidence="send me the signed contract",
              source={}, counterparty="legal@fund.example")
    assert len(_grounded(_Proposes(cc), msg, owner)) == 1
    stranger = Item(kind="request", title="Wire the deposit", evidence="send me the signed contract",
                    source={}, counterparty="mallory@elsewhere.example")
    assert _grounded(_Proposes(stranger), msg, owner) == []
    named = make_message("Could you send Mallory the signed contract by Friday?")
    named_item = Item(kind="request", title="Send Mallory the contract", evidence="send Mallory the signed contract",
                      source={}, counterparty="mallory@elsewhere.example")
    assert len(_grounded(_Proposes(named_item), named, owner)) == 1


def test_ground_drops_a_due_date_before_the_message_unless_the_text_says_so(owner: Owner) -> None:
    # The message is dated Wednesday 18 November.
    msg = make_message("Could you send me the signed contract by Friday?")
    early = Item(kind="request", title="Send the signed contract", evidence="send me the signed contract",
                 source={}, counterparty="maria@fund.example", due="2026-11-13")
    [item] = _grounded(_Proposes(early), msg, owner)
    assert item.due is None
    late = make_message("The signed contract was due yesterday, could you send it today?")
    overdue = Item(kind="request", title="Send the signed contract", evidence="could you send it today",
                   source={}, counterparty="maria@fund.example", due="2026-11-17")
    [item] = _grounded(_Proposes(overdue), late, owner)
    assert item.due == "2026-11-17"


def test_the_culture_round_takes_no_date_from_the_promise_to_prepare_its_questions(demo_owner: Owner) -> None:
    """Tom asks Ada to take the culture round; her promise to prepare the questions tomorrow is a
    step, so the request does not turn overdue on its date, in any order or split into syncs."""
    ask = next(m for m in _inbox() if m.message_id == "<m10.tom@loom.example>")
    promise = next(m for m in _sent() if m.message_id == "<s4.ada@loom.example>")
    for batches in ([[ask, promise]], [[promise, ask]], [[ask], [promise]], [[promise], [ask]]):
        store = Store.open(":memory:")
        for batch in batches:
            run_batch(batch, _ctx(demo_owner, store))
        assert [(i.kind, i.title, i.due) for i in store.all_items()] == [("request", "Take the culture round", None)]


def test_a_sentence_that_shares_only_a_day_or_one_word_delivers_nothing(owner: Owner) -> None:
    from agent.nodes.resolve import delivery

    promise = Item(kind="commitment", title="Send the revised budget to Tom by Friday",
                   evidence="I'll send you the revised budget by Friday.", counterparty="tom@example.com",
                   thread_id="<t1@x>", source={"message_id": "<p1@x>", "date": "2026-11-16T09:00:00+00:00"})

    def sent(text: str) -> Message:
        msg = make_message(text, sender="ada@example.com", to=("tom@example.com",), message_id="<d1@x>",
                           references=("<t1@x>",), date=datetime(2026, 11, 18, 9, tzinfo=UTC))
        assert msg.thread_id == "<t1@x>"  # the root of its references
        return msg

    for text in ("Here is the agenda for Friday.", "Here are my questions about the budget."):
        assert delivery(sent(text), promise, owner, text) is None, text
    assert delivery(sent("Here is the revised budget."), promise, owner, "Here is the revised budget.") \
        == "Here is the revised budget."
