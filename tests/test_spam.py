"""Spam verdicts, known correspondents, allowed lists, and a mixed inbox of spam and real asks."""

from __future__ import annotations

import dataclasses
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from agent.nodes.triage import triage_reason
from agent.spam import Correspondents, MailPolicy, verdict
from connectors.mime import parse_message
from connectors.types import Message
from planner.models import Item
from planner.priority import rank
from planner.store import Store

OWNER = Owner("Ada Lovelace", "ada@acme.example", ZoneInfo("Europe/London"))
TODAY = date(2026, 3, 2)
RECEIVED = ("Received: from mx.sender.example (mx.sender.example [203.0.113.9])\n"
            "\tby mx.acme.example with ESMTPS id 4F1; Mon, 2 Mar 2026 08:00:01 +0000\n")
_seq = iter(range(10_000))


def raw(sender: str, subject: str, body: str, *, top: str = "", own: str = "", to: str = "ada@acme.example",
        received: bool = True) -> bytes:
    """A message as delivered: ``top`` headers a server on the way wrote above its Received
    line, ``own`` headers the sender wrote beneath it."""
    head = top + (RECEIVED if received else "")
    head += (f"From: {sender}\nTo: {to}\nSubject: {subject}\nDate: Mon, 2 Mar 2026 08:00:00 +0000\n"
             f"Message-ID: <m{next(_seq)}@mix.example>\n{own}")
    return f"{head}\n{body}\n".encode()


def msg(data: bytes, folder: str = "INBOX") -> Message:
    parsed = parse_message(data)
    parsed.folder = folder
    return parsed


# -- 1. the server's verdict ---------------------------------------------------------------------

SPAM_HEADERS = [
    "X-Spam-Flag: YES", "X-Spam-Status: Yes, score=9.1 required=5.0 tests=BAYES_99",
    "X-Spam-Status: score=6.2 required=5.0", "X-Spam-Score: 7.4", "X-Spam-Level: *******",
    "X-Rspamd-Action: add header", "X-Rspamd-Action: rewrite subject", "X-Rspamd-Action: reject",
    "X-Forefront-Antispam-Report: CIP:203.0.113.9;CTRY:;SFV:SPM;SCL:6;SRV:;",
    "X-Microsoft-Antispam: BCL:0;SCL:9;", "X-MS-Exchange-Organization-SCL: 5"]
HAM_HEADERS = [
    "X-Spam-Flag: NO", "X-Spam-Status: No, score=-0.1 required=5.0", "X-Spam-Score: 1.2",
    "X-Spam-Status: No, score=5.4 required=8.0",  # the server's own threshold said no
    "X-Spam-Level: **", "X-Rspamd-Action: no action", "X-Rspamd-Action: greylist",
    "X-Forefront-Antispam-Report: CIP:203.0.113.9;SFV:NSPM;SCL:1;",
    "X-Microsoft-Antispam: BCL:0;", "X-MS-Exchange-Organization-SCL: -1"]
ASK = "Hi Ada,\n\nCould you send me the signed contract by Friday?\n\nThanks, Bo"


@pytest.mark.parametrize("header", SPAM_HEADERS)
def test_a_spam_verdict_written_by_a_server_skips_the_message(header: str) -> None:
    m = msg(raw("bo@vendor.example", "Contract", ASK, top=header + "\n"))
    assert verdict(m) == header.split(":")[0].lower()
    assert triage_reason(m) == "spam"


@pytest.mark.parametrize("header", HAM_HEADERS)
def test_a_clean_verdict_lets_the_message_through(header: str) -> None:
    m = msg(raw("bo@vendor.example", "Contract", ASK, top=header + "\n"))
    assert verdict(m) == ""
    assert triage_reason(m) == ""


@pytest.mark.parametrize("header", SPAM_HEADERS[:2] + SPAM_HEADERS[-1:])
def test_a_verdict_beneath_every_received_line_is_the_senders_own_and_ignored(header: str) -> None:
    # Written by the sender: a forged verdict could only hide mail, so it is not taken on trust.
    assert triage_reason(msg(raw("bo@vendor.example", "Contract", ASK, own=header + "\n"))) == ""
    # Without any Received line nothing tells a server's verdict from the sender's.
    assert triage_reason(msg(raw("bo@vendor.example", "Contract", ASK, top=header + "\n", received=False))) == ""


@pytest.mark.parametrize("folder", ["[Gmail]/Spam", "[Google Mail]/Spam", "Junk", "INBOX.Junk E-mail", "Spam"])
def test_mail_read_from_a_spam_folder_is_spam(folder: str) -> None:
    assert triage_reason(msg(raw("bo@vendor.example", "Contract", ASK), folder)) == "spam"
    assert triage_reason(msg(raw("bo@vendor.example", "Contract", ASK), "INBOX")) == ""


# -- 3. allowed lists ------------------------------------------------------------------------------

GROUP = ("List-Id: <eng-team.acme.example>\nList-Post: <mailto:eng-team@acme.example>\n"
         "List-Unsubscribe: <mailto:eng-team+unsubscribe@acme.example>\nPrecedence: list\n")
GROUP_BODY = ("Ada, can you review the migration plan by Thursday?\n\n--\nYou received this message because "
              "you are subscribed to the Google Groups \"eng-team\" group.\nTo unsubscribe from this group, "
              "send an email to eng-team+unsubscribe@acme.example.")


@pytest.mark.parametrize("allowed", ["eng-team.acme.example", "Eng Team <eng-team.acme.example>",
                                     "eng-team@acme.example", "ENG-TEAM@acme.example"])
def test_mail_from_an_allowed_list_is_read_like_personal_mail(allowed: str) -> None:
    m = msg(raw("cy@acme.example", "Migration", GROUP_BODY, own=GROUP, to="eng-team@acme.example"))
    assert m.is_bulk and m.list_id == "<eng-team.acme.example>"
    assert triage_reason(m) == "bulk"
    policy = MailPolicy.of([allowed], Correspondents.of([OWNER.email]))
    assert triage_reason(m, policy) == ""
    assert EmbeddedExtractor().extract(m, OWNER)
    other = msg(raw("cy@acme.example", "Migration", GROUP_BODY, to="all@acme.example",
                    own=GROUP.replace("eng-team", "all-hands")))
    assert triage_reason(other, policy) == "bulk"


def test_an_allowed_list_does_not_lift_a_spam_verdict() -> None:
    m = msg(raw("cy@acme.example", "Migration", GROUP_BODY, own=GROUP, top="X-Spam-Flag: YES\n"))
    assert triage_reason(m, MailPolicy.of(["eng-team.acme.example"])) == "spam"


# -- 2. known correspondents -----------------------------------------------------------------------

def test_known_correspondents_come_from_threads_the_owner_wrote_in(tmp_path) -> None:
    store = Store.open(tmp_path / "s.db")
    sent = msg(raw("ada@acme.example", "Pilot", "Hi Dee, shall we start the pilot?", to="dee@client.example"), "Sent")
    answer = parse_message(raw("dee@client.example", "Re: Pilot", "Yes, gladly.",
                               own=f"In-Reply-To: {sent.message_id}\nReferences: {sent.message_id}\n"))
    stranger = msg(raw("eve@elsewhere.example", "Hello", "Hi Ada."))
    for m in (sent, answer, stranger):
        store.record_message(m, [], [])
    known = Correspondents.from_store(store, [OWNER.email], "Sent")
    assert known.known("Dee@client.example") and known.known("bob@acme.example")
    assert not known.known("eve@elsewhere.example")
    # A webmail domain is shared by strangers: it makes no one known.
    assert not Correspondents.of(["ada@gmail.com"]).known("eve@gmail.com")


def test_known_correspondents_kept_up_to_date_read_only_new_mail_and_agree_with_a_full_read(tmp_path) -> None:
    """Seeded mail of every kind in random order (replies into and out of the owner's threads,
    the owner writing into a thread a stranger began): after each message the correspondents
    updated from the new messages alone equal a read of the whole store."""
    import random

    store = Store.open(tmp_path / "s.db")
    rng = random.Random(5)
    people = ["dee@client.example", "eve@elsewhere.example", "raj@fund.example", "mo@vendor.example", "ada@acme.example"]
    roots: list[str] = []
    known = Correspondents.from_store(store, [OWNER.email], "Sent")
    threads = store.sent_threads("Sent")
    mark = store.messages_mark()
    for _ in range(60):
        sender = rng.choice(people)
        folder = "Sent" if sender == "ada@acme.example" else "INBOX"
        own = ""
        if roots and rng.random() < 0.7:
            root = rng.choice(roots)
            own = f"In-Reply-To: {root}\nReferences: {root}\n"
        m = msg(raw(sender, "Re: plans", "Noted.", own=own), folder)
        if not own:
            roots.append(m.message_id)
        store.record_message(m, [], [])
        known = known.updated(store, mark, threads, "Sent")
        mark = store.messages_mark()
        full = Correspondents.from_store(store, [OWNER.email], "Sent")
        assert known == full
    assert len(known.people) >= 3  # the owner's threads drew people in


def item(sender: str, subject: str, due: str | None = None, pinned: bool = False) -> Item:
    return Item(kind="request", title=f"Reply to {sender}", evidence="Could you reply?", due=due, pinned=pinned,
                counterparty=sender, source={"from": sender, "subject": subject, "message_id": "<x>"})


def test_a_strangers_promotional_item_ranks_below_every_known_correspondents() -> None:
    known = Correspondents.of([OWNER.email], ["dee@client.example"])
    promo = item("deals@shop.example", "Last chance: 40% off, reply by today", due="2026-03-01")
    cold = item("zoe@newco.example", "Question about your API", due="2026-03-20")
    friend = item("dee@client.example", "Notes", None)
    colleague = item("bob@acme.example", "Exclusive offer for the team lunch", None)  # known: not demoted
    ranked = rank([promo, cold, friend, colleague], [], TODAY, known.known)
    assert ranked[-1] is promo and promo.score is not None and friend.score is not None
    assert promo.score > friend.score  # the overdue promotion had the most points
    assert "a stranger's promotional mail" in promo.reasons
    assert rank([promo, friend], [], TODAY)[0] is promo  # without ``known`` nothing moves
    pinned = item("deals@shop.example", "Big sale", pinned=True)
    assert rank([friend, pinned], [], TODAY, known.known)[0] is pinned


def test_a_stranger_with_one_weak_trait_is_kept_with_a_strong_one_dropped() -> None:
    policy = MailPolicy.of([], Correspondents.of([OWNER.email], ["dee@client.example"]))
    cold = msg(raw("zoe@newco.example", "Partnership offer", ASK))  # one weak trait: kept, ranked low
    assert triage_reason(cold, policy) == ""
    bcc = msg(raw("zoe@newco.example", "Partnership offer", ASK, to="zoe@newco.example"))  # and hidden
    assert triage_reason(bcc, policy) == "marketing"
    unsub = msg(raw("zoe@newco.example", "Quick question", ASK + "\n\nHaving trouble? View this email online."))
    assert triage_reason(unsub, policy) == "marketing"
    friend = dataclasses.replace(unsub, sender=dataclasses.replace(unsub.sender, email="dee@client.example"))
    assert triage_reason(friend, policy) == ""


# -- the mix ---------------------------------------------------------------------------------------

SPAMMY = [  # (verdict header, or a folder, or "" for marketing no filter caught)
    ("X-Spam-Flag: YES", "wire@payments-secure.example", "Urgent: invoice overdue",
     "Dear Ada,\n\nPlease wire the outstanding $4,800 to the account below by Friday."),
    ("X-Spam-Status: Yes, score=12.0", "ceo.office@acme-corp.example", "Quick favour",
     "Ada, I need you to buy five gift cards today and send me the codes."),
    ("X-Spam-Score: 8.8", "support@account-verify.example", "Your mailbox is full",
     "Please confirm your password by Thursday or your mailbox will be closed."),
    ("X-Spam-Level: **********", "lottery@win.example", "You have won",
     "Could you send us your bank details by Monday so we can pay your prize?"),
    ("X-Rspamd-Action: add header", "seo@rank-top.example", "Your website ranking",
     "Can you reply by Wednesday so we can get your site to page one?"),
    ("X-Rspamd-Action: rewrite subject", "loans@fastcash.example", "*** SPAM *** Approved loan",
     "Please sign the loan papers by tomorrow to receive your funds."),
    ("X-Forefront-Antispam-Report: SFV:SPM;SCL:9;", "admin@docu-share.example", "Document shared with you",
     "Please review and sign the attached document by Friday."),
    ("X-MS-Exchange-Organization-SCL: 6", "hr@payroll-update.example", "Payroll update required",
     "Could you update your direct deposit details by end of day?"),
    ("X-Microsoft-Antispam: BCL:8;SCL:5;", "crypto@moon.example", "Double your coins",
     "Send 0.5 BTC by Tuesday and we will send back 1 BTC."),
    ("[Gmail]/Spam", "prince@royal.example", "Confidential proposal",
     "I need you to help me transfer the funds. Please reply by Friday."),
    ("[Gmail]/Spam", "pharma@pills.example", "Cheap meds",
     "Can you confirm your order of 90 tablets by Monday?"),
    ("Junk", "leads@b2b-data.example", "Verified leads list",
     "Could you confirm by Thursday whether you want the 50,000 contacts?"),
]
UNSUB = "\n\nYou are receiving this email because you signed up. Unsubscribe | Manage preferences"
MARKETING = [  # (sender, subject, body, sender-written headers, To)
    ("news@saasweekly.example", "This week in SaaS", "Can you answer our 2-minute survey by Friday?" + UNSUB,
     "List-Unsubscribe: <mailto:u@saasweekly.example>\n", ""),
    ("noreply@shop.example", "Your cart is waiting", "Please complete your order by tomorrow.", "", ""),
    ("hello@crm-tool.example", "Black Friday: 50% off all plans", "View this email in your browser\n\n"
     "Could you upgrade before Friday to lock in the price?", "", ""),
    ("events@conf.example", "Last chance to register", "View it in your browser.\n\nPlease register by "
     "Thursday to keep your seat.", "", ""),
    ("offers@travel.example", "Exclusive deal for you", "Could you book by Sunday? Prices go up Monday.", "",
     "undisclosed-recipients:;"),
    ("team@growth-hack.example", "Webinar: 10x your pipeline", "Can you join us on Wednesday at 4pm?",
     "", "list@growth-hack.example"),
    ("marketing@cloud.example", "Your free trial ends soon", "Please add a card by Friday to keep your data.",
     "", ""),
    ("do-not-reply@bank-promo.example", "A special offer on loans", "Please apply by March 10.", "", ""),
    ("promo@fashion.example", "Save $50 today only", "Could you use your code before midnight?" + UNSUB, "", ""),
    ("digest@forum.example", "Your weekly digest", "Could you reply to the thread by Friday?",
     "List-Id: <digest.forum.example>\nPrecedence: bulk\n", ""),
    ("sales@leadgen.example", "Exclusive: 40% off lead lists", "Can you confirm your interest by Tuesday?",
     "", "sales@leadgen.example"),
    ("ann@outreach-agency.example", "Grow your revenue", "Could we book 15 minutes on Thursday?\n\n"
     "If you'd rather not hear from me, unsubscribe here.", "", ""),
    ("deals@gadgets.example", "Flash sale: 70% off", "Please order by tonight to get the price.", "", ""),
    ("newsletter@vc-insights.example", "Founders newsletter", "Can you share this with your team by Friday?",
     "List-Unsubscribe: <https://vc-insights.example/u>\n", ""),
    ("noreply@app-store.example", "Rate us", "Could you leave a review by Sunday?", "", ""),
    ("info@coaching.example", "Don't miss our masterclass", "Please reserve your seat by Wednesday.",
     "", "undisclosed-recipients:;"),
    ("mailer@surveys.example", "Quick survey", "Can you fill in the survey by Friday?", "", ""),
    ("hi@saas-tool.example", "Limited time: free shipping on hardware", "Could you order by Thursday?",
     "", "customers@saas-tool.example"),
    ("promotions@airline.example", "Miles offer", "Please book by Friday to double your miles.", "", ""),
    ("partners@affiliate.example", "Win a trip to Bali", "Can you sign up three friends by Monday?",
     "", "undisclosed-recipients:;"),
]
GENUINE = [  # (sender, subject, body): known people, colleagues, and cold but real asks from strangers
    ("bob@acme.example", "Board deck", "Ada, can you send me the board deck by Thursday?"),
    ("cy@acme.example", "Hiring plan", "Could you review the hiring plan before Friday?"),
    ("dee@client.example", "Pilot", "Can you confirm the pilot start date by Wednesday?"),
    ("fay@partner.example", "Contract", "Please sign the contract by Friday."),
    ("gus@acme.example", "Offsite", "Could you book the offsite venue by Tuesday?"),
    ("hal@investor.example", "Update", "Can you share the monthly metrics by Monday?"),
    ("ivy@acme.example", "Budget", "Please approve the Q2 budget by Wednesday."),
    ("jo@client.example", "Invoice", "Could you send the corrected invoice by Friday?"),
    ("kai@acme.example", "Security review", "Can you sign off the security review by Thursday?"),
    ("lea@partner.example", "Co-marketing", "Could you send us your logo by Tuesday?"),
    ("max@acme.example", "Roadmap", "Please send me your comments on the roadmap by Friday."),
    ("ned@investor.example", "Intro", "Could you send me a short blurb for the intro by Wednesday?"),
    ("oli@acme.example", "Interview", "Can you interview the candidate on Thursday at 2pm?"),
    ("pam@client.example", "Renewal", "Please confirm the renewal terms by Friday."),
    ("quin@acme.example", "Launch", "Could you review the launch post by Monday?"),
    ("ray@partner.example", "Integration", "Can you share the API keys for staging by Tuesday?"),
    ("sue@acme.example", "Expenses", "Please submit your expenses by Friday."),
    ("tom@client.example", "Training", "Could you run the training session on Wednesday?"),
    ("uma@acme.example", "Press", "Can you approve the press release by Thursday?"),
    ("vic@investor.example", "Board", "Please send the board minutes by Monday."),
    # strangers, cold but genuine
    ("liz@retailer.example", "Question about your product", "Hi, we are considering your product for 40 "
     "stores. Could you send me a quote by Friday?"),
    ("recruiter@talentco.example", "Head of Product role", "Hi Ada, would you have 20 minutes on Thursday for "
     "a call about a Head of Product role?"),
    ("reporter@dailytech.example", "Interview request", "I'm writing a piece on scheduling tools. Could you "
     "answer three questions by Wednesday?"),
    ("wes@prospect.example", "Pricing for 200 seats", "Can you send me pricing for 200 seats by Tuesday?"),
    ("xia@university.example", "Guest lecture", "Would you give a guest lecture on Friday? Please let me "
     "know by Monday."),
    ("yan@customer.example", "Bug report", "Could you look at the export bug by Thursday? It blocks our audit."),
    ("zed@startup.example", "Partnership offer", "Could you send me your partnership terms by Friday?"),
    ("amy@conference.example", "Speaker invitation", "Could you confirm your talk title by Wednesday?"),
    ("ben@agency.example", "Referral", "Can you send me the referral details by Monday?"),
    ("cal@lawfirm.example", "Data request", "Please send the signed DPA by Friday."),
]
KNOWN = ["dee@client.example", "fay@partner.example", "hal@investor.example", "jo@client.example",
         "lea@partner.example", "ned@investor.example", "pam@client.example", "ray@partner.example",
         "tom@client.example", "vic@investor.example"]


def mix() -> list[tuple[str, Message]]:
    """(kind, message) for every message of the mixed inbox: "spam" or "normal"."""
    out: list[tuple[str, Message]] = []
    for mark, sender, subject, body in SPAMMY:
        header = mark if ":" in mark else ""
        out.append(("spam", msg(raw(sender, subject, body, top=f"{header}\n" if header else ""),
                                "INBOX" if header else mark)))
    for sender, subject, body, own, to in MARKETING:
        out.append(("spam", msg(raw(sender, subject, body, own=own, to=to or "ada@acme.example"))))
    for sender, subject, body in GENUINE:
        out.append(("normal", msg(raw(sender, subject, f"Hi Ada,\n\n{body}\n\nBest"))))
    return out


def run_mix(policy: MailPolicy | None) -> tuple[dict[str, int], list[Item]]:
    """Items per kind of mail, and all items; ``None`` is triage as it was (no verdict, no policy)."""
    extractor, counts, items = EmbeddedExtractor(), {"spam": 0, "normal": 0}, []
    for kind, m in mix():
        reason = (triage_reason(dataclasses.replace(m, verdicts=[], folder="INBOX")) if policy is None
                  else triage_reason(m, policy))
        if reason:
            continue
        found = extractor.extract(m, OWNER)
        for it in found:
            it.source["kind"] = kind
        counts[kind] += len(found)
        items += found
    return counts, items


def test_the_mix_spam_takes_no_focus_slot_and_genuine_stranger_asks_stay() -> None:
    assert len(SPAMMY) + len(MARKETING) >= 30 and len(GENUINE) >= 30
    known = Correspondents.of([OWNER.email], KNOWN)
    before, before_items = run_mix(None)
    after, items = run_mix(MailPolicy.of([], known))
    print(f"\nitems from spam: {before['spam']} -> {after['spam']}; from normal mail: "
          f"{before['normal']} -> {after['normal']}")
    assert before["spam"] >= 15  # the mix does fool the old triage
    assert after["spam"] == 0
    assert after["normal"] == before["normal"] >= 30
    strangers = {s for s, _, _ in GENUINE[20:]}
    assert strangers <= {i.source["from"] for i in items}
    top = rank(items, [], TODAY, known.known)[:3]
    assert all(i.source["kind"] == "normal" for i in top)
    assert any(i.source["kind"] == "spam" for i in rank(before_items, [], TODAY)[:3])


def test_a_strangers_ask_that_mentions_opting_out_is_no_mass_mail() -> None:
    policy = MailPolicy.of([], Correspondents.of([OWNER.email]))
    ask = "Hi Ada,\n\nCould you confirm by Friday whether your team will opt out of the pilot?\n\nThanks, Noor"
    assert policy.marketing(msg(raw("noor@newclient.example", "Pilot", ask))) == ""
    footer = ASK + "\n\nYou can opt out of these emails at any time."
    assert policy.marketing(msg(raw("maria@shop.example", "Offer", footer))) != ""


def test_a_service_named_on_another_domain_and_a_cold_pitch_yield_nothing_from_strangers() -> None:
    """A fake DocuSign and a sales cadence once led a month-long trial's brief ("Review and sign
    the term sheet : http://docu-sign-secure...", "Reply to keep your 40% discount")."""
    policy = MailPolicy.of([], Correspondents.of([OWNER.email]))
    phish = "Maria Chen sent you a document to review and sign.\n\nPlease review and sign the term sheet by end of " \
            "day: http://docu-sign-secure.co/review?id=88231\n\nIf you do not sign today the envelope will expire."
    assert "service named on another domain" in policy.marketing(msg(raw("DocuSign <dse@docu-sign-secure.co>",
                                                                         "Please review and sign", phish)))
    assert "service named on another domain" not in policy.marketing(msg(raw("DocuSign <dse@docusign.net>",
                                                                             "Please review and sign", phish)))
    pitch = ("Hi Ada,\n\nI noticed Acme is growing fast. Can you hop on a 15 min call this week? Reply by Friday to "
             "lock in 40% off our outbound package.\n\nJake")
    assert "cold sales pitch" in policy.marketing(msg(raw("Jake <jake@leadboostr.example>", "Quick question", pitch)))
    # One move alone is any vendor's, and a stranger's real ask is read.
    vendor = "Hi Ada,\n\nThanks for the RFP. Could we do a 15 min call on Thursday to go through the scope?\n\nNoor"
    assert policy.marketing(msg(raw("noor@vendor.example", "RFP", vendor))) == ""
