"""The agent's benchmarks, one section per function called from :func:`main`.

    python bench/agent.py [PATH/parakweet-ask-train.tsv]

``extraction()``: the embedded extractor against hand-labelled weeks (the demo week, the
development weeks and the held-out weeks of ``EVAL_WEEKS``, as ``eval/README.md`` lists them), with precision,
recall and F1 per kind and overall and the share of matched items whose due date is right; then
request precision, recall and F1 on the held-out split of the shared request sentences, as
``bench/extract.py`` computes it.

``economy()``: the LLM extractor, with a scripted model that answers nothing and counts its
calls, on an inbox of the three labelled weeks mixed with public mail (the shared reply corpora
and CPython's email test messages): the share of messages that reach the model, the prompt
tokens sent per 100 messages (4 characters a token), the calls a second run saves through the
cache, and the gold items whose message the triage or the gate keeps from the model.

``resolution()``: the scripted 20-thread scenario, as ``bench/resolution.py`` prints it.

A week is scored message by message, as the cycle extracts it: each message is parsed, mail the
triage skips (bulk, notifications, hostile) yields nothing, and every other message goes through
the extractor. An item matches a gold entry of the same message and kind whose evidence it
quotes; each gold entry and each item matches at most once.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

if __name__ == "agent":
    # A script run from bench/ (python bench/extract.py) has this folder first on sys.path, so
    # its "import agent" finds this file: hand it the package, which the import then returns.
    import importlib

    _bench = str(Path(__file__).resolve().parent)
    _saved = list(sys.path)
    sys.path[:] = [str(Path(__file__).resolve().parent.parent)] + [
        p for p in sys.path if p and str(Path(p).resolve()) != _bench]
    del sys.modules["agent"]
    sys.modules["agent"] = importlib.import_module("agent")
    sys.path[:] = _saved

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: python bench/agent.py
    sys.path.insert(0, str(ROOT))

from agent import logs  # noqa: E402
from agent.extractors.base import Owner  # noqa: E402
from agent.extractors.embedded import EmbeddedExtractor  # noqa: E402
from agent.nodes.triage import triage_reason  # noqa: E402
from connectors.mime import try_parse  # noqa: E402
from connectors.types import Message  # noqa: E402
from planner.models import Item  # noqa: E402

KINDS = ("request", "commitment", "waiting", "blocker")
DEMO_GOLD = ROOT / "tests" / "gold" / "demo_items.json"
DEMO_DIR = ROOT / "config" / "demo"
DEMO_OWNER = Owner("Ada Lovelace", "ada@loom.example", ZoneInfo("Europe/London"))
WEEKS = ROOT / "eval"
# The evaluation weeks in eval/, development first; the held-out ones are scored, never read for misses.
EVAL_WEEKS = ("week-em", "week-ops", "week-shop", "week-cfo", "week-bd", "week-design", "week-talent",
              "week-agency", "week-lead", "week-legal", "week-clinic", "week-arch", "week-lab",
              "week-hotel", "week-sre", "week-school", "week-biotech", "week-freight",
              "week-restaurant", "week-univ", "week-tax", "week-build", "week-game", "week-mro", "week-compliance", "week-music",
              "week-consult", "week-wedding", "week-solar", "week-vet", "week-insure", "week-ohio", "week-auckland", "week-munich", "week-lyon", "week-zurich", "week-mumbai", "week-cologne", "week-doha", "week-nairobi", "week-warsaw", "week-cebu", "week-graz", "week-singapore", "week-amsterdam", "week-boston", "week-saopaulo", "week-ngo", "week-editor", "week-film", "week-devrel", "week-property", "week-sales", "week-pm", "week-recruit", "week-cs", "week-founder", "week-events", "week-berlin", "week-montreal", "week-joburg", "week-dubai",
              "week-vienna", "week-brussels", "week-geneva", "week-lagos", "week-casablanca", "week-manila", "week-lisbon", "week-antwerp", "week-austin",
              "week-istanbul", "week-osaka", "week-monterrey", "week-council", "week-milan", "week-seattle",
              "week-turin", "week-toronto", "week-bologna", "week-bogota", "week-valencia", "week-madrid", "week-chicago",
              "week-denver", "week-saigon", "week-leeds", "week-wichita", "week-bordeaux",
              "week-dublin", "week-accra", "week-manchester", "week-stuttgart",
              "week-speyside", "week-calgary", "week-sydney", "week-rotterdam",
              "week-phoenix", "week-helsinki", "week-kampala", "week-perth", "week-chennai",
              "week-linz", "week-london", "week-pasig", "week-riyadh", "week-lima", "week-glasgow")
HELD_OUT = frozenset({"week-sales", "week-pm", "week-recruit", "week-cs", "week-founder", "week-ngo", "week-editor", "week-film",
                      "week-devrel", "week-property", "week-events", "week-berlin", "week-montreal", "week-joburg", "week-dubai",
                      "week-vienna", "week-brussels", "week-geneva", "week-lagos", "week-casablanca", "week-manila", "week-lisbon", "week-antwerp",
                      "week-austin", "week-istanbul", "week-milan", "week-seattle", "week-bologna", "week-bogota",
                      "week-madrid", "week-chicago", "week-wichita", "week-bordeaux",
                      "week-manchester", "week-stuttgart", "week-sydney",
                      "week-rotterdam", "week-phoenix", "week-helsinki", "week-kampala",
                      "week-linz", "week-london", "week-lima", "week-glasgow"})


@dataclass
class Week:
    """A labelled week: its owner, parsed messages and gold entries."""

    name: str
    owner: Owner
    messages: list[Message]
    gold: list[dict[str, str | None]]


@dataclass
class Score:
    """Counts per kind, plus due-date agreement on matched gold entries that carry a due date."""

    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    due_right: int = 0
    due_total: int = 0
    misses: list[dict[str, str | None]] = field(default_factory=list)
    extras: list[Item] = field(default_factory=list)
    wrong_due: list[tuple[dict[str, str | None], str | None]] = field(default_factory=list)

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        """Precision, recall and F1 for one kind, or over all kinds."""
        kinds = KINDS if kind is None else (kind,)
        tp = sum(self.tp[k] for k in kinds)
        fp = sum(self.fp[k] for k in kinds)
        fn = sum(self.fn[k] for k in kinds)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    @property
    def due_accuracy(self) -> float:
        return self.due_right / self.due_total if self.due_total else 1.0


def read_maildir(root: Path) -> list[Message]:
    """Every message of a Maildir (inbox and Sent), oldest first."""
    files = sorted(p for sub in ("cur", "new", ".Sent/cur", ".Sent/new") for p in (root / sub).glob("*") if p.is_file())
    parsed = (try_parse(p.read_bytes())[0] for p in files)
    # The demo holds an empty file on purpose: what does not parse is skipped, as the sync does.
    return sorted((m for m in parsed if m is not None), key=lambda m: m.date)


def load_week(path: Path) -> Week:
    """An evaluation week folder: ``gold.json`` (owner and items) beside its ``mail`` Maildir."""
    gold = json.loads((path / "gold.json").read_text())
    o = gold["owner"]
    owner = Owner(o["name"], o["email"], ZoneInfo(o["timezone"]))
    return Week(path.name, owner, read_maildir(path / "mail"), gold["items"])


def demo_week() -> Week:
    """The demo week with its gold labels (they carry no due dates)."""
    return Week("demo", DEMO_OWNER, read_maildir(DEMO_DIR / "mail"), json.loads(DEMO_GOLD.read_text())["items"])


def extract_week(week: Week, extractor: EmbeddedExtractor) -> list[Item]:
    """The items the extractor finds in the messages the triage lets through."""
    items: list[Item] = []
    for msg in week.messages:
        if not triage_reason(msg):
            items.extend(extractor.extract(msg, week.owner))
    return items


def score(week: Week, items: list[Item]) -> Score:
    """Match items to gold entries one to one (same message and kind, evidence quoted)."""
    s = Score()
    free = list(items)
    for g in week.gold:
        evidence = str(g["evidence"]).lower()
        hit = next((i for i in free if i.message_id == g["message_id"] and i.kind == g["kind"]
                    and evidence in i.evidence.lower()), None)
        kind = str(g["kind"])
        if hit is None:
            s.fn[kind] += 1
            s.misses.append(g)
            continue
        free.remove(hit)
        s.tp[kind] += 1
        if g.get("due"):
            s.due_total += 1
            got = hit.due[:10] if hit.due else None
            if got == g["due"]:
                s.due_right += 1
            else:
                s.wrong_due.append((g, got))
    for i in free:
        s.fp[i.kind] += 1
        s.extras.append(i)
    return s


def print_score(name: str, s: Score) -> None:
    for kind in (*KINDS, None):
        p, r, f = s.prf(kind)
        label = kind or "overall"
        n = sum(s.tp[k] + s.fn[k] for k in ((kind,) if kind else KINDS))
        print(f"{name:<13} {label:<11} {p:>9.3f} {r:>7.3f} {f:>6.3f} {n:>5}")
    print(f"{name:<13} {'due dates':<11} {s.due_right}/{s.due_total} right ({s.due_accuracy:.0%})")


def requests_split(path: Path) -> tuple[float, float, float] | None:
    """Request precision, recall and F1 on the held-out split, or None without the data."""
    from agent.extractors.train import load_rows, split
    from bench.extract import OWNER, prf, wrap

    if not path.is_file():
        return None
    _, held_out = split(load_rows(path))
    extractor = EmbeddedExtractor()
    predicted = [any(i.kind == "request" for i in extractor.extract(wrap(s, n), OWNER))
                 for n, (s, _) in enumerate(held_out)]
    return prf(predicted, [label for _, label in held_out])


def extraction(request_data: Path, show_dev_misses: bool = False) -> None:
    """The embedded extractor on the labelled weeks and the held-out request sentences."""
    extractor = EmbeddedExtractor()
    print("== extraction: embedded extractor ==")
    print(f"{'week':<13} {'kind':<11} {'precision':>9} {'recall':>7} {'F1':>6} {'gold':>5}")
    for week in [demo_week()] + [load_week(WEEKS / name) for name in EVAL_WEEKS]:
        s = score(week, extract_week(week, extractor))
        print_score(week.name + ("*" if week.name in HELD_OUT else ""), s)
        # A held-out week's misses are never printed: it is scored, not read.
        if show_dev_misses and week.name not in HELD_OUT:
            for g in s.misses:
                print(f"   miss  {g['message_id']} {g['kind']}: {g['evidence']}")
            for i in s.extras:
                print(f"   extra {i.message_id} {i.kind}: {i.title!r} <- {i.evidence!r}")
            for g, got in s.wrong_due:
                print(f"   due   {g['message_id']} {g['evidence']}: want {g['due']} got {got}")
    print("(* held out: scored, never read for misses, never tuned on)")
    result = requests_split(request_data)
    if result is None:
        print(f"requests: {request_data} is missing (the shared request data); skipped")
    else:
        p, r, f = result
        print(f"{'requests':<13} {'held-out':<11} {p:>9.3f} {r:>7.3f} {f:>6.3f}")


PUBLIC_REPLIES = ROOT.parent / "shared" / "data" / "replies"
# The owner public mail is read for; its senders are strangers, as most of an inbox's are.
PUBLIC_OWNER = DEMO_OWNER


def _wrapped(body: bytes, n: int) -> bytes:
    """A bare reply body (the crisp corpus holds only bodies) as a message to the public owner."""
    head = (f"From: Sender {n} <sender{n}@public.example>\r\nTo: {PUBLIC_OWNER.email}\r\n"
            f"Subject: Re: thread {n}\r\nDate: Tue, 17 Nov 2026 09:{n % 60:02d}:00 +0000\r\n"
            f"Message-ID: <crisp.{n}@public.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
    return head.encode() + body


def public_mail() -> list[Message]:
    """Public mail written by others: talon's reply fixtures, crisp's bare replies, and the
    email test messages CPython ships. What does not parse is skipped, as the sync does."""
    raw: list[bytes] = [p.read_bytes() for p in sorted((PUBLIC_REPLIES / "talon").glob("*.eml"))]
    raw += [_wrapped(p.read_bytes(), n) for n, p in enumerate(sorted((PUBLIC_REPLIES / "crisp").glob("*.txt")))]
    try:
        import test.test_email

        raw += [p.read_bytes() for p in sorted((Path(test.test_email.__file__).parent / "data").glob("msg_*.txt"))]
    except ImportError:  # an interpreter without its test suite
        pass
    parsed = (try_parse(b)[0] for b in raw)
    return [m for m in parsed if m is not None]


@dataclass
class Inbox:
    """Messages, each with the owner it is read for, and the gold entries that come with them."""

    mail: list[tuple[Message, Owner]]
    gold: dict[str, list[dict[str, str | None]]]  # week name -> its gold entries
    weeks: dict[str, set[str]]  # week name -> its message ids


def inbox() -> Inbox:
    """The three labelled weeks mixed with the public mail."""
    weeks = [demo_week(), load_week(WEEKS / "week-em"), load_week(WEEKS / "week-sales")]
    mail = [(m, w.owner) for w in weeks for m in w.messages] + [(m, PUBLIC_OWNER) for m in public_mail()]
    return Inbox(mail, {w.name: w.gold for w in weeks}, {w.name: {m.message_id for m in w.messages} for w in weeks})


def _counting_extractor(cache_path: Path | None, gated: bool) -> object:
    """An LLM extractor on a scripted model that answers "no items" to every call and keeps
    the prompts it was sent."""
    import itertools

    from agent.extractors.llm import Cache, CircuitBreaker, LlmExtractor
    from tests.fake_chat import ScriptedChat, tool_reply

    model = ScriptedChat(messages=itertools.repeat(tool_reply([])))
    cache = Cache(cache_path) if cache_path is not None else None
    llm = LlmExtractor(model, "openai", "scripted", goals=["Close the seed round"], cache=cache, retries=0,
                       breaker=CircuitBreaker(threshold=10**9), gate=None if gated else (lambda m, o: True))
    return llm


def _run(llm: object, box: Inbox, triaged: bool) -> tuple[int, int]:
    """Extract every message (the triage first when ``triaged``); the model's calls and the
    prompt characters it was sent."""
    from agent.extractors.llm import LlmExtractor

    assert isinstance(llm, LlmExtractor)
    model = llm.model
    before_calls, before_prompts = model.calls, len(model.prompts)  # type: ignore[attr-defined]
    for msg, owner in box.mail:
        if triaged and triage_reason(msg):
            continue
        llm.extract(msg, owner)
    sent = model.prompts[before_prompts:]  # type: ignore[attr-defined]
    return model.calls - before_calls, sum(len(str(m.content)) for p in sent for m in p)  # type: ignore[attr-defined]


def economy() -> dict[str, float]:
    """Print and return the LLM economy figures on the assembled inbox."""
    import tempfile

    from agent.extractors.llm import CHARS_PER_TOKEN

    box = inbox()
    n = len(box.mail)
    public = n - sum(len(ids) for ids in box.weeks.values())
    everything = _counting_extractor(None, gated=False)
    all_calls, all_chars = _run(everything, box, triaged=False)
    with tempfile.TemporaryDirectory() as tmp:
        gated = _counting_extractor(Path(tmp) / "llm-cache.db", gated=True)
        calls, chars = _run(gated, box, triaged=True)
        second_calls, _ = _run(gated, box, triaged=True)
    embedded = EmbeddedExtractor()
    passed = {m.message_id for m, o in box.mail if not triage_reason(m) and embedded.flags(m, o)}
    triage_passed = {m.message_id for m, _ in box.mail if not triage_reason(m)}
    print("== economy: the LLM extractor on an assembled inbox ==")
    print(f"inbox: {n} messages ({', '.join(f'{k} {len(v)}' for k, v in box.weeks.items())}, public mail {public})")
    print(f"reach the model: {calls}/{n} ({calls / n:.0%}, with two work-dense labelled weeks in; the goal of <= 40% "
          f"is on the demo week mixed with public mail, below), against {all_calls} sending everything")
    # The labelled weeks hold work in most of their messages: those must reach the model anyway.
    holding = {str(g["message_id"]) for gold in box.gold.values() for g in gold}
    labelled = set().union(*box.weeks.values())
    public_passed = sum(1 for m, _ in box.mail if m.message_id in passed and m.message_id not in labelled)
    print(f"messages holding a gold item: {len(holding)}/{n} ({len(holding) / n:.0%}); "
          f"public mail reaching the model: {public_passed}/{public}")
    # The inbox the goal names: the demo week mixed with public mail, without the two labelled
    # weeks that were written to be full of work.
    dense = set().union(*(ids for week, ids in box.weeks.items() if week != "demo"))
    mixed = [m.message_id for m, _ in box.mail if m.message_id not in dense]
    mixed_passed = sum(1 for mid in mixed if mid in passed)
    print(f"the demo week mixed with public mail: {mixed_passed}/{len(mixed)} reach the model "
          f"({mixed_passed / max(len(mixed), 1):.0%}; goal <= 40%)")
    print(f"prompt tokens per 100 messages: {chars / CHARS_PER_TOKEN / n * 100:,.0f} "
          f"(sending everything: {all_chars / CHARS_PER_TOKEN / n * 100:,.0f})")
    print(f"second run of the same inbox: {second_calls} calls, {calls - second_calls} saved by the cache")
    figures: dict[str, float] = {"messages": n, "share_to_llm": calls / n, "calls": calls,
                                 "share_demo_and_public": mixed_passed / max(len(mixed), 1),
                                 "tokens_per_100": chars / CHARS_PER_TOKEN / n * 100,
                                 "second_run_calls": second_calls}
    missed_total = 0
    for week, gold in box.gold.items():
        by_triage = sum(1 for g in gold if g["message_id"] not in triage_passed)
        by_gate = sum(1 for g in gold if g["message_id"] in triage_passed and g["message_id"] not in passed)
        missed_total += by_triage + by_gate
        recall = 1 - by_gate / max(len(gold) - by_triage, 1)
        print(f"{week:<11} gold {len(gold):>3}: missed by the triage {by_triage}, by the gate {by_gate} "
              f"(gate recall {recall:.0%})")
    figures["gold_missed"] = missed_total
    return figures


def due_cases() -> None:
    """Due dates on the two sets of sentences in tests/fixtures/due (see tests/test_due_cases.py)."""
    from datetime import datetime

    from agent.extractors.dates import find_due

    print("== due dates on sentences written by others ==")
    for name, role in (("dev.jsonl", "development"), ("heldout.jsonl", "held out")):
        cases = [json.loads(line) for line in (ROOT / "tests" / "fixtures" / "due" / name).read_text().splitlines()
                 if line.strip()]
        right = 0
        for c in cases:
            got, _ = find_due(c["sentence"], datetime.fromisoformat(c["sent"]), ZoneInfo(c["tz"]))
            right += (got[:10] if got else None) == c["due"]
        print(f"{name:<14} {role:<12} {right}/{len(cases)} right ({right / len(cases):.1%})")


def main() -> None:
    from bench.completion import completion
    from bench.extract import DEFAULT
    from bench.resolution import resolution

    logs.configure(level="warning")
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    extraction(Path(args[0]) if args else DEFAULT, show_dev_misses="--dev-misses" in sys.argv)
    due_cases()
    economy()
    resolution()
    completion()


if __name__ == "__main__":
    main()
