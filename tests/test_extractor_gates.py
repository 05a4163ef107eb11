"""The literal gates and shortcuts in front of the extractor's patterns never hide a match."""

from __future__ import annotations

import pytest

from agent.extractors import dates, embedded
from agent.extractors.dates import PATTERNS, fold
from agent.extractors.kinds import ACTS, shipped_kinds_model
from agent.extractors.model import features

# A sentence for each branch of the patterns whose gates name the literals of every branch.
BRANCHES = {
    "RHETORICAL": ["Who knew.", "Who would have thought", "What could possibly go wrong", "Isn't it great?",
                   "Wasn't that fun", "How cool is that", "Why not.", "Guess what", "Can you believe it", "Right?",
                   "You should've seen the crowd.", "you might have heard", "Should be fine on Friday.",
                   "It should work."],
    "WISH": ["We'd love a decision on the budget.", "I would also like a copy of the deck.",
             "The renewal needs your signature.", "I am waiting for the answer.", "Legal awaits the draft.",
             "Can we get the deck?", "May I have the file", "could i see your notes",
             "Your signature is still required."],
    "COURTESY": ["Let us know if there's any issue", "Let me know if anything comes up", "Any thoughts? ping me",
                 "Hope this helps", "Hope all is well", "Looking forward to it", "Feel free to call",
                 "Don't hesitate to ask", "Happy to help", "Thanks again", "Thank you for the notes",
                 "Have a nice day", "Let me know what you think", "Enjoy the weekend", "Congrats!",
                 "Call me if that works", "Ping me if you need anything else", "Just wanted to say hi",
                 "Just a quick note", "Please find attached the deck", "See below", "Find enclosed the form",
                 "Attached is the deck", "Please don't forward this", "Never share it", "Do not reply",
                 "Shout if anything.", "Ping if anything!", "Please note that the office is closed.",
                 "Please give Mochi a pat from us", "Say hi to Jo", "Send my love to the kids",
                 "Please take the weekend off", "Get some rest", "Please keep it confidential",
                 "Please find in attachment the offer", "Please find herewith the minutes",
                 "Hope you have a good weekend"],
    "BARE_PROMISE": ["Will send it over tomorrow.", "Sure, will do it Friday.", "Should have it to you by Monday.",
                     "Happy to draft it tonight.", "Sending the deck on Friday.", "I'm sharing it today.",
                     "Preparing the memo now.", "Drafting it.", "Finishing the budget tonight.", "Getting it signed.",
                     "The signed copy will follow tomorrow.", "Our notes are coming your way.",
                     "The deck will be with you Monday.", "The parcel should reach you Friday.",
                     "My reply will be in your inbox soon."],
    "MARKETING": ["If you no longer want these emails", "If you don't wish to hear from us", "Please ignore this",
                  "Add news@shop.example to your address book", "$link", "Click here", "50% off",
                  "Save up to 20 % today", "Register now", "Early-bird pricing", "A limited time deal",
                  "Sign up today", "Subscribe now"],
}
ODD = ["HOPE THİS HELPS", "Pleaſe ſign up today", "ıSN'T IT", "WE NEED your ſignature", "\u212aINDLY",
       "Cheers, \u212aaren"]


@pytest.mark.parametrize(("name", "sentence"), [(n, s) for n, ss in BRANCHES.items() for s in ss])
def test_each_branch_matches_and_holds_a_key(name: str, sentence: str) -> None:
    rx, keys = getattr(embedded, f"_{name}_RE"), getattr(embedded, f"_{name}_KEYS")
    assert rx.search(sentence), (name, sentence)
    assert any(k in fold(sentence) for k in keys), (name, sentence)


@pytest.mark.parametrize("sentence", ODD + [s for ss in BRANCHES.values() for s in ss])
def test_no_gate_hides_a_match(sentence: str) -> None:
    low = fold(sentence)
    for name in ("COURTESY", "OOO", "MARKETING", "ASK", "NEED_FROM", "OWED", "WISH", "PROMISE", "LET_ME",
                 "BLOCKER", "RHETORICAL", "BARE_PROMISE"):
        if getattr(embedded, f"_{name}_RE").search(sentence):
            assert any(k in low for k in getattr(embedded, f"_{name}_KEYS")), (name, sentence)


DATED = ["Send it by 2026-12-15.", "Due Dec 3, 2026.", "By the 3rd of March", "Can we do 12/4?", "before the 18th",
         "On the 1ſt please", "next Tuesday at 3pm", "our Thursday board call", "by Friday EOD", "tmrw morning",
         "end of next week", "before the weekend", "over the weekend", "by EOW", "end of next month",
         "end of the month", "early next week", "in a couple of days", "in 3 business days", "in two weeks",
         "this afternoon", "close of business", "later today", "today", "Due ٣/٤", "THURSDAY", "on MON",
         "We spoke on the 5th floor about plan 66.", "The numbers from Q3 are in the folder (40 rows)."]


@pytest.mark.parametrize("sentence", DATED)
def test_date_gates_hide_no_match(sentence: str) -> None:
    low = fold(sentence)
    expected = tuple((kind, m.span()) for kind, rx in PATTERNS if (m := rx.search(sentence)) is not None)
    for kind, rx in PATTERNS:
        if rx.search(sentence):
            assert dates._may_match(kind, sentence, low), (kind, sentence)
    dates._SCANS.pop(sentence, None)
    assert tuple((kind, m.span()) for kind, m in dates._matches(sentence)) == expected


@pytest.mark.parametrize("line", ["Good afternoon " + "x" * 39 + ".", "Good afternoon " + "x" * 39 + ".\n",
                                  "Good afternoon " + "x" * 40 + ".", "All the best " + "y" * 29, "Hi Ada,",
                                  "Kind regards, Ada Lovelace and the whole team at Loom", "Thanks!"])
def test_greetings_and_sign_offs_are_short(line: str) -> None:
    plain = bool(embedded._GREETING_RE.match(line) or embedded._SIGNOFF_RE.match(line))
    assert embedded._greeting_or_signoff(line) is plain
    if plain:
        assert len(line) <= embedded._SHORT_LINE + 1


@pytest.mark.parametrize("sentence", ["Could you send the deck?", "I'll send it Friday.", "We're blocked on legal.",
                                      "Nice weather.", "", "?"])
def test_the_best_act_is_the_first_likeliest(sentence: str) -> None:
    kinds = shipped_kinds_model()
    probs = kinds.probabilities(sentence)
    act = max(ACTS, key=lambda a: probs[a])
    assert kinds.best(sentence) == (act, probs[act])
    assert features(sentence)[-1] == "bias"
