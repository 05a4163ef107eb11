"""A scripted week of 20 threads, run through the whole graph into a store: every thread's work
comes out once, closed exactly where the mail closed it, with the date the latest word gave.

Decision on the same ask made in two threads: two items. A thread is the conversation the work
lives in; the same words in another thread (a monthly report, a second contract) are as often
new work as old, and a wrong merge loses work, where a second line costs a glance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from agent.clock import fixed
from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from agent.graph import run_batch
from agent.state import Context
from connectors.types import Address, Attachment, Message
from planner.models import Item
from planner.store import Store

OWNER = Owner("Ada Lovelace", "ada@loom.example", UTC)
NOW = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)  # the Saturday after the scripted week
NAMES = {"maria@fund.example": "Maria Chen", "ben@ledger.example": "Ben Ortiz", "rachel@law.example": "Rachel Stone",
         "tom@loom.example": "Tom Baker", "priya@acme.example": "Priya Nair", "james@harbor.example": "James Wu",
         "grace@angels.example": "Grace Hill", "dana@acme.example": "Dana Fox", "jordan@talent.example": "Jordan Lee",
         "sam@partner.example": "Sam Reed", "maya@loom.example": "Maya Ito", "lee@law.example": "Lee Park",
         "ada@loom.example": "Ada Lovelace"}


@dataclass(frozen=True)
class Truth:
    """One piece of work the scenario should end with."""

    thread: str
    kind: str
    phrase: str  # words of its title or evidence that name it
    status: str = "open"
    due: str | None = None


@dataclass
class _Thread:
    name: str
    messages: list[Message] = field(default_factory=list)

    def mail(self, day: int, hour: int, sender: str, to: str, text: str, folder: str = "",
             attachments: tuple[str, ...] = (), new_thread: bool = False) -> _Thread:
        """Add a message to the thread: a reply to its first message unless ``new_thread``."""
        n = len(self.messages) + 1
        mid = f"<{self.name}.{n}@scenario.example>"
        root = [] if not self.messages or new_thread else [self.messages[0].message_id]
        owners = sender == OWNER.email
        self.messages.append(Message(
            message_id=mid, subject=f"{'Re: ' if root else ''}{self.name}", sender=Address(NAMES[sender], sender),
            to=[Address(NAMES[to], to)], cc=[], date=datetime(2026, 11, day, hour, 0, tzinfo=UTC), text=text,
            reply_text=text, in_reply_to=root[0] if root else "", references=root,
            attachments=[Attachment(a, "application/pdf", 1000) for a in attachments],
            folder=folder or ("Sent" if owners else "INBOX")))
        return self


ME = OWNER.email


def scenario() -> tuple[list[Message], list[Truth]]:
    """The 20 threads' mail, in date order, and the work they should leave behind."""
    t = {name: _Thread(name) for name in (
        "deck", "pricing", "burn", "side-letter", "release", "csv", "cap-table", "update-a", "hiring", "w9-wrong",
        "msa", "dpa", "culture", "memo", "feedback", "w9", "board-deck", "nda", "launch", "invoices")}
    # A request answered by the owner's promise of an earlier day: one item, the promise's date.
    t["deck"].mail(16, 9, "maria@fund.example", ME, "Could you send me the updated investor deck by Friday?")
    t["deck"].mail(17, 10, ME, "maria@fund.example", "I'll send you the updated investor deck by Thursday.")
    # A promise delivered with its attachment.
    t["pricing"].mail(16, 11, ME, "ben@ledger.example", "I'll send you the pricing proposal by Wednesday.")
    t["pricing"].mail(18, 15, ME, "ben@ledger.example", "Attached is the pricing proposal.",
                      attachments=("pricing_proposal.pdf",))
    # A request delivered in the body.
    t["burn"].mail(16, 12, "ben@ledger.example", ME, "Could you send me the November burn numbers by Friday?")
    t["burn"].mail(19, 9, ME, "ben@ledger.example", "Here are the November burn numbers.")
    # A waiting item answered.
    t["side-letter"].mail(17, 8, ME, "rachel@law.example", "Could you review the draft side letter by Monday?")
    t["side-letter"].mail(18, 10, "rachel@law.example", ME, "Done, my comments are in the draft.")
    # A blocker cleared.
    t["release"].mail(16, 15, "tom@loom.example", ME, "The release is blocked on the security review.")
    t["release"].mail(19, 11, "tom@loom.example", ME, "Good news: the security review is approved.")
    # A request restated later with a new date: the later date stands.
    t["csv"].mail(16, 16, "priya@acme.example", ME, "Can you add CSV export by Friday?")
    t["csv"].mail(18, 16, "priya@acme.example", ME, "Can you add CSV export by Thursday instead?")
    # Two asks in one thread stay two.
    t["cap-table"].mail(17, 9, "james@harbor.example", ME, "Could you send me the cap table by Friday? "
                        "Could you also give me access to the data room?")
    # The same ask in two threads: two items (see the module's docstring).
    t["update-a"].mail(17, 10, "grace@angels.example", ME, "Could you send me the November investor update by Friday?")
    t["update-a"].mail(18, 10, "grace@angels.example", ME, "Could you send me the November investor update by Friday?",
                       new_thread=True)
    # A delivery of something else ("attached is the venue map") closes no promise.
    t["hiring"].mail(17, 11, ME, "tom@loom.example", "I'll share the hiring plan by Friday.")
    t["hiring"].mail(18, 12, ME, "tom@loom.example", "Attached is the venue map.", attachments=("venue_map.pdf",))
    # Someone else's reply does not answer what the owner asked Ben.
    t["w9-wrong"].mail(17, 12, ME, "rachel@law.example", "Could you send me the signed engagement letter by Friday?")
    t["w9-wrong"].mail(18, 13, "lee@law.example", ME, "Rachel is out this week; she will be back on Monday.")
    # A blocker that is not cleared yet, then one that is.
    t["msa"].mail(17, 13, "dana@acme.example", ME, "We are blocked on legal review of the MSA.")
    t["msa"].mail(19, 13, "dana@acme.example", ME, "Legal has not signed the MSA yet.")
    t["dpa"].mail(17, 14, "dana@acme.example", ME, "We are blocked on the DPA signature.")
    t["dpa"].mail(20, 9, "dana@acme.example", ME, "The DPA is signed.")
    # The owner's promise of a step towards what was asked: its date is the step's.
    t["culture"].mail(17, 12, "tom@loom.example", ME, "Can you take the culture round?")
    t["culture"].mail(17, 13, ME, "tom@loom.example", "Yes, happy to. I'll prepare the culture questions tomorrow.")
    # The owner's promise restated with a new date.
    t["memo"].mail(17, 15, ME, "maya@loom.example", "I'll send you the board memo by Wednesday.")
    t["memo"].mail(18, 15, ME, "maya@loom.example", "I'll send you the board memo by Friday instead.")
    # A request delivered by an attachment that names it.
    t["feedback"].mail(17, 16, "jordan@talent.example", ME, "Please send me your feedback on Alex by Wednesday.")
    t["feedback"].mail(18, 9, ME, "jordan@talent.example", "Attached, as promised.", attachments=("Alex_feedback.docx",))
    # A waiting item answered with "sent it".
    t["w9"].mail(18, 9, ME, "ben@ledger.example", "Could you send me the signed W-9 by Friday?")
    t["w9"].mail(19, 10, "ben@ledger.example", ME, "Sent it this morning.")
    # Mail in the inbox that claims to be the owner's delivers nothing.
    t["board-deck"].mail(18, 10, "maria@fund.example", ME, "Could you send me the Q3 board deck by Friday?")
    t["board-deck"].mail(18, 11, ME, "maria@fund.example", "Here is the Q3 board deck.", folder="INBOX")
    # Asked, promised, delivered.
    t["nda"].mail(18, 11, "sam@partner.example", ME, "Could you send me the signed NDA by Tuesday?")
    t["nda"].mail(18, 12, ME, "sam@partner.example", "I'll send you the signed NDA tomorrow.")
    t["nda"].mail(19, 12, ME, "sam@partner.example", "Attached is the signed NDA.", attachments=("NDA_signed.pdf",))
    # Two blockers from one person; the reply clears the one it names.
    t["launch"].mail(18, 13, "tom@loom.example", ME, "The launch is blocked on the legal review.")
    t["launch"].mail(19, 8, "tom@loom.example", ME, "The launch is also blocked on the payment provider approval.")
    t["launch"].mail(20, 10, "tom@loom.example", ME, "The legal review is done.")
    # A reminder that repeats the ask word for word.
    t["invoices"].mail(18, 14, "maya@loom.example", ME, "Please approve the October contractor invoices by Friday.")
    t["invoices"].mail(19, 14, "maya@loom.example", ME,
                       "Reminder: please approve the October contractor invoices by Friday.")
    truth = [
        Truth("deck", "request", "investor deck", due="2026-11-19"),
        Truth("pricing", "commitment", "pricing proposal", "done", "2026-11-18"),
        Truth("burn", "request", "burn numbers", "done", "2026-11-20"),
        Truth("side-letter", "waiting", "side letter", "done", "2026-11-23"),
        Truth("release", "blocker", "security review", "done"),
        Truth("csv", "request", "csv export", due="2026-11-19"),
        Truth("cap-table", "request", "cap table", due="2026-11-20"),
        Truth("cap-table", "request", "data room"),
        Truth("update-a", "request", "investor update", due="2026-11-20"),
        Truth("update-a.2", "request", "investor update", due="2026-11-20"),
        Truth("hiring", "commitment", "hiring plan", due="2026-11-20"),
        Truth("w9-wrong", "waiting", "engagement letter", due="2026-11-20"),
        Truth("msa", "blocker", "msa"),
        Truth("dpa", "blocker", "dpa", "done"),
        Truth("culture", "request", "culture round"),
        Truth("memo", "commitment", "board memo", due="2026-11-20"),
        Truth("feedback", "request", "feedback", "done", "2026-11-18"),
        Truth("w9", "waiting", "w-9", "done", "2026-11-20"),
        Truth("board-deck", "request", "board deck", due="2026-11-20"),
        Truth("nda", "request", "nda", "done", "2026-11-19"),
        Truth("launch", "blocker", "legal review", "done"),
        Truth("launch", "blocker", "payment provider"),
        Truth("invoices", "request", "contractor invoices", due="2026-11-20"),
    ]
    mail = sorted((m for th in t.values() for m in th.messages), key=lambda m: m.date)
    return mail, truth


def _thread_name(item: Item) -> str:
    """The scenario's name for an item's thread ("update-a.2" for the second thread of a name)."""
    name, n = item.thread_id.strip("<>").split("@")[0].rsplit(".", 1)
    return name if n == "1" else f"{name}.{n}"


@dataclass
class Figures:
    """How the scenario came out against its truth."""

    items: int
    expected: int
    missing: list[Truth]
    duplicates: list[Item]
    unexpected: list[Item]
    completions_expected: int
    completions_found: int
    false_completions: list[Item]
    closed_without_note: list[Item]
    wrong_due: list[tuple[Truth, str | None]]
    handled: int


def run_scenario(batches: int = 1) -> Figures:
    """Run the scenario through the graph into a fresh store, in ``batches`` syncs, and score it."""
    mail, truth = scenario()
    store = Store.open(":memory:", fixed(NOW))
    ctx = Context(extractor=EmbeddedExtractor(), owner=OWNER, clock=fixed(NOW), store=store)
    size = -(-len(mail) // batches)
    for start in range(0, len(mail), size):
        run_batch(mail[start:start + size], ctx)
    items = store.all_items()
    matched: dict[Truth, list[Item]] = {t: [] for t in truth}
    unexpected = []
    for item in items:
        text = f"{item.title} {item.evidence}".lower()
        owners = [t for t in truth if t.thread == _thread_name(item) and t.kind == item.kind and t.phrase in text]
        if owners:
            matched[owners[0]].append(item)
        else:
            unexpected.append(item)
    found = {t: got[0] for t, got in matched.items() if got}
    done = [t for t in truth if t.status == "done"]
    return Figures(
        items=len(items), expected=len(truth), missing=[t for t in truth if t not in found],
        duplicates=[i for got in matched.values() for i in got[1:]], unexpected=unexpected,
        completions_expected=len(done), completions_found=sum(1 for t in done if t in found
                                                              and found[t].status == "done"),
        false_completions=[i for t, i in found.items() if t.status == "open" and i.status != "open"]
        + [i for i in unexpected if i.status != "open"],
        closed_without_note=[i for i in items if i.status == "done" and not i.notes],
        wrong_due=[(t, found[t].due) for t in truth if t in found and (found[t].due or None) != t.due],
        handled=len(store.closed_since("2026-11-01T00:00:00+00:00")))


def test_the_twenty_threads_resolve_without_duplicates_and_close_where_the_mail_closed_them() -> None:
    mail, truth = scenario()
    assert len({m.thread_id for m in mail}) == 21  # 20 named threads, one asked twice in a second thread
    got = run_scenario()
    assert got.duplicates == []
    assert got.missing == [] and got.unexpected == []
    assert got.completions_found == got.completions_expected == 9
    assert got.false_completions == []
    assert got.closed_without_note == []
    assert got.wrong_due == []
    assert got.handled == got.completions_expected


def test_the_scenario_comes_out_the_same_read_over_several_syncs() -> None:
    one = run_scenario()
    for batches in (2, 5, 41):
        got = run_scenario(batches)
        assert (got.duplicates, got.missing, got.unexpected, got.false_completions, got.wrong_due) == (
            [], [], [], [], []), batches
        assert got.completions_found == one.completions_found, batches
