"""Sentences that must yield no item, each in a short mail of its own, across many senders and
registers; and sentences in the same registers that must still yield one (asks, promises, things
owed, blockers), so that quieting the first cannot cost the second.

Each list is split once, before any rule was changed for it: every third case (index % 3 == 2) is
ASIDE and is never used to shape a rule; the rest are TUNE. Cases that do not pass yet are listed
in KNOWN with why, and are expected to fail (strictly, so a fix shows up).

The owner is Ada (ada@example.com); messages are dated Wednesday 2026-11-18.
"""

from __future__ import annotations

import pytest

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from tests.conftest import LONDON, make_message

EX = EmbeddedExtractor()

# who writes, to whom, and how they open and close
SENDERS: dict[str, dict[str, object]] = {
    "colleague": {"sender": "tom@example.com", "name": "Tom Reyes", "open": "Hi Ada,", "close": "Thanks,\nTom"},
    "customer": {"sender": "lena@acme.example", "name": "Lena Ortiz", "open": "Hello Ada,", "close": "Best regards,\nLena Ortiz\nAcme Corp"},
    "vendor": {"sender": "accounts@supplyco.example", "name": "SupplyCo", "open": "Dear Ada,", "close": "Kind regards,\nThe SupplyCo team"},
    "recruiter": {"sender": "jo@talentbridge.example", "name": "Jo Park", "open": "Hi Ada,", "close": "Cheers,\nJo"},
    "tool": {"sender": "notifications@tracker.example", "name": "Tracker", "open": "", "close": "-- \nYou are receiving this because you are subscribed."},
    # the owner copied on a mail to Tom
    "cc": {"sender": "jen@example.com", "name": "Jen Alvarez", "open": "Hi Tom,", "close": "Thanks,\nJen",
           "to": ("tom@example.com",), "cc": ("ada@example.com",)},
}


def mail(sentence: str, who: str) -> list[str]:
    s = SENDERS[who]
    text = "\n\n".join(p for p in (str(s["open"]), sentence, str(s["close"])) if p)
    kw: dict[str, object] = {"sender": s["sender"], "name": s["name"], "subject": "Re: this week"}
    for key in ("to", "cc"):
        if key in s:
            kw[key] = s[key]
    owner = Owner("Ada Lovelace", "ada@example.com", LONDON)
    return [i.kind for i in EX.extract(make_message(text, **kw), owner)]  # type: ignore[arg-type]


NOT_ITEMS: list[tuple[str, str]] = [
    # status updates
    ("The migration finished overnight and all services are green.", "colleague"),
    ("Quick update: the vendor shipped the replacement parts this morning.", "colleague"),
    ("We closed 14 tickets this sprint, up from 9 last time.", "colleague"),
    ("The Berlin office moved to the new floor last week.", "colleague"),
    ("Legal signed off on the NDA yesterday afternoon.", "colleague"),
    ("Payroll ran on time and everyone has been paid.", "colleague"),
    ("The build is passing again after Priya's fix.", "colleague"),
    ("Our NPS for October came in at 42.", "colleague"),
    ("The warehouse count matched the system within two units.", "colleague"),
    ("FYI, the client moved their offsite to March.", "colleague"),
    # FYIs
    ("FYI, the parking garage is closed on Friday for maintenance.", "colleague"),
    ("Just so you know, Marcus is out sick today.", "colleague"),
    ("Heads up that the VPN will be slow during the upgrade tonight.", "colleague"),
    ("For your records, the invoice was paid on 12 November.", "vendor"),
    ("No action needed on your side, this is just for visibility.", "colleague"),
    ("Sharing for context: the board deck from last quarter is attached.", "colleague"),
    # thanks and praise
    ("Thanks so much for jumping on the call yesterday.", "customer"),
    ("Really appreciate your help with the audit prep.", "colleague"),
    ("Thank you for the quick turnaround on the contract!", "customer"),
    ("Great work on the launch, the team was thrilled.", "colleague"),
    ("Many thanks for the introduction to Sofia.", "recruiter"),
    # scheduling chatter that asks nothing
    ("I'm in meetings most of Thursday but free on Friday.", "colleague"),
    ("The standup has moved to 9:30 starting next week.", "colleague"),
    ("See you at the offsite on Tuesday.", "colleague"),
    ("Looking forward to catching up next week.", "customer"),
    ("The room for tomorrow's review is Orion on the third floor.", "colleague"),
    ("I've rescheduled our 1:1 to Monday at 2pm, same link.", "colleague"),
    ("Tom will be chairing the meeting in my absence.", "colleague"),
    # others doing things for others
    ("Priya will send the revised forecast to the finance team on Friday.", "colleague"),
    ("Marcus is going to call the landlord about the lease tomorrow.", "colleague"),
    ("The design team will review the mockups with the client on Monday.", "colleague"),
    ("Sam has agreed to cover the support rota next week.", "colleague"),
    ("Our accountant will file the VAT return before the deadline.", "colleague"),
    ("Jen asked Luis to update the pricing sheet, and he said he would.", "colleague"),
    # past events
    ("I sent the proposal to the client last Tuesday.", "colleague"),
    ("We met with the auditors on Monday and it went well.", "colleague"),
    ("The customer called yesterday to confirm the order.", "colleague"),
    ("Last week I asked Legal for a review and they finished it.", "colleague"),
    ("We already renewed the domain for another two years.", "vendor"),
    ("The shipment arrived damaged, but the carrier has replaced it already.", "customer"),
    # hypotheticals
    ("If the budget gets approved, we might expand the pilot to Spain.", "customer"),
    ("Should the weather turn, the event would move indoors.", "colleague"),
    ("In theory we could switch vendors next year, but nothing is decided.", "colleague"),
    ("If I had more time I would rewrite the onboarding guide.", "colleague"),
    ("We may revisit pricing sometime in the spring.", "vendor"),
    # offers the owner need not take up
    ("Happy to help if needed.", "colleague"),
    ("Let me know if you ever want a walkthrough of the new dashboard.", "vendor"),
    ("If anything comes up, feel free to reach out.", "customer"),
    ("I'm around all afternoon if you have questions.", "colleague"),
    ("Don't hesitate to ping me if something looks off.", "colleague"),
    ("No need to reply to this one.", "colleague"),
    # earlier asks, quoted and done
    ("Last month you asked whether we could extend the trial, and we did.", "vendor"),
    ("As Tom requested on Monday, the report now includes the EMEA numbers.", "colleague"),
    ("Per your earlier request, I've added Jen to the distribution list.", "colleague"),
    ("Following up on Sam's question from last week: it's been resolved.", "colleague"),
    # marketing
    ("Save 20% on all annual plans this Black Friday.", "vendor"),
    ("Join thousands of teams who trust our platform every day.", "vendor"),
    ("Our new release brings faster sync and a refreshed design.", "vendor"),
    ("Register now for our free webinar on cloud cost control.", "vendor"),
    ("Upgrade today and unlock unlimited projects.", "vendor"),
    ("Don't miss our biggest sale of the year!", "vendor"),
    ("Click here to view this email in your browser.", "vendor"),
    # signatures and legal footers
    ("This email and any attachments are confidential and intended solely for the addressee.", "customer"),
    ("If you received this message in error, please notify the sender and delete it.", "customer"),
    ("Please consider the environment before printing this email.", "vendor"),
    ("To unsubscribe from these emails, click here.", "vendor"),
    ("Registered in England and Wales, company number 01234567.", "vendor"),
    ("Sent from my iPhone", "colleague"),
    ("Maria Chen | Head of Partnerships | +44 20 7946 0000", "customer"),
    # rhetorical questions
    ("Who knew a spreadsheet could cause so much drama?", "colleague"),
    ("Isn't it amazing how fast this year went?", "customer"),
    ("What could possibly go wrong, right?", "colleague"),
    ("Why do printers always break right before a deadline?", "colleague"),
    # small talk
    ("How was the trip to Lisbon?", "colleague"),
    ("Did you have a nice weekend?", "customer"),
    ("How are the kids doing?", "colleague"),
    ("How's the new place treating you?", "recruiter"),
    ("Did you catch the match last night?", "colleague"),
    # auto-replies
    ("I am out of the office until 2 December with limited access to email.", "customer"),
    ("For urgent matters, please contact support@acme.example.", "customer"),
    ("Thank you for your message, we will get back to you within two business days.", "vendor"),
    ("Your ticket #4821 has been received and will be reviewed by our team.", "tool"),
    ("This is an automated message, please do not reply.", "tool"),
    # tool notifications
    ("Your weekly report is ready to view in the dashboard.", "tool"),
    ("Build #1182 passed on main.", "tool"),
    ("Jen commented on the pull request: looks good to me.", "tool"),
    ("Your password was changed successfully.", "tool"),
    ("Your subscription renews on 1 December; no action is required.", "tool"),
    ("Luis assigned TASK-311 to Priya.", "tool"),
    # recruiters
    ("I came across your profile and was impressed by your background.", "recruiter"),
    ("Our client is a fast-growing fintech based in Amsterdam.", "recruiter"),
    ("The role offers a competitive salary and flexible working.", "recruiter"),
    ("No pressure at all, just thought it might interest you.", "recruiter"),
    # customers
    ("We've been really happy with the service so far.", "customer"),
    ("Our team loved the new reporting feature.", "customer"),
    ("We're planning to roll the tool out to two more departments next year.", "customer"),
    # vendors
    ("Your order #55102 has shipped and should arrive Thursday.", "vendor"),
    ("We will be closed on 25 and 26 December.", "vendor"),
    ("Our prices will increase by 3% from January.", "vendor"),
    ("The technician completed the repair on site this morning.", "vendor"),
    # asks and promises to Tom, the owner copied
    ("Tom, could you send me the signed SOW by Friday?", "cc"),
    ("Can you book the meeting room for Thursday, Tom?", "cc"),
    ("Tom, please review the draft and send comments to Jen.", "cc"),
    ("I'll send you the invoice tomorrow, Tom.", "cc"),
    ("Tom, don't forget to update the tracker before the review.", "cc"),
    # opinions, news, pleasantries
    ("The quarterly numbers look strong across the board.", "colleague"),
    ("I think the new logo works really well.", "colleague"),
    ("Honestly, the workshop was the best one we've had.", "customer"),
    ("The contract is attached for your records.", "vendor"),
    ("Attached are the slides from today's session.", "colleague"),
    ("Welcome aboard, Jen! We're glad to have you.", "colleague"),
    ("Congratulations on the promotion, well deserved!", "recruiter"),
    ("Hope you're having a great week.", "customer"),
    ("Sorry I missed your call earlier, I was driving.", "colleague"),
    ("We decided to go with the blue packaging in the end.", "colleague"),
    ("The team agreed to keep the current release schedule.", "colleague"),
    ("I'm still waiting to hear back from the bank about the loan.", "colleague"),
    ("The printer on floor two is fixed.", "colleague"),
    ("Everyone enjoyed the team lunch on Friday.", "colleague"),
    ("I wonder whether the market will recover next year.", "customer"),
    ("We were wondering how the product would do in Japan, and it's doing great.", "customer"),
    ("Marketing is running a survey of customers this month.", "colleague"),
    ("Our office will close early on Christmas Eve.", "vendor"),
    ("I've updated the wiki page with the new process.", "colleague"),
    ("I'll be on holiday from Monday to Wednesday next week.", "colleague"),
    ("Jen and Luis will present the roadmap at the all-hands.", "colleague"),
    ("Just closing the loop: the issue turned out to be a DNS cache.", "colleague"),
    ("The candidate accepted an offer from another company.", "recruiter"),
    ("The interview with Sofia is confirmed for Tuesday at 10am.", "recruiter"),
    ("Nothing else from me this week.", "colleague"),
    # sales, product and hiring threads: work that is someone else's, or already done
    ("The customer wants a revised quote by Friday, and Tom is preparing it.", "colleague"),
    ("Priya is waiting on Legal for the redlines.", "colleague"),
    ("Engineering needs the final specs from design by Monday.", "colleague"),
    ("The candidate asked whether the role is remote; I told her it's hybrid.", "recruiter"),
    ("Sofia asked if she could start in January, and the hiring manager agreed.", "recruiter"),
    ("The prospect asked for a discount, which I declined.", "colleague"),
    ("Jen will follow up with the prospect next week.", "colleague"),
    ("Our SDRs booked 23 meetings this week.", "colleague"),
    ("The pipeline review is every Monday at 10am.", "colleague"),
    ("The PRD is in Confluence if you want to take a look.", "colleague"),
    ("Let's see how the beta goes before deciding anything.", "colleague"),
    ("Can't believe the quarter is almost over!", "customer"),
    ("The hiring manager will send the offer letter to the candidate on Monday.", "recruiter"),
    ("Marcus needs to update the roadmap before the review.", "colleague"),
    ("QA found two blockers in the release candidate, both fixed now.", "colleague"),
    ("The recruiter asked me to send my CV, which I did yesterday.", "colleague"),
    ("Next steps: Tom to send the proposal, Priya to schedule the demo.", "customer"),
    ("Action items: Luis to update the Jira board; Jen to book the venue.", "colleague"),
    ("Interviews are running all day Thursday in room 4.", "recruiter"),
    ("Three candidates made it to the final round.", "recruiter"),
    ("The offer was approved by the comp committee on Tuesday.", "colleague"),
    ("I'll be presenting the Q4 results at the town hall.", "colleague"),
    ("We'll keep you posted.", "vendor"),
    ("I'll keep an eye on it.", "colleague"),
    ("Sounds good to me.", "colleague"),
    ("Works for me, see you then.", "customer"),
    ("Could be worth a look at some point.", "colleague"),
    ("The prospect's CFO is the real decision maker here.", "colleague"),
    ("Our renewal rate this quarter is 91%.", "colleague"),
    ("The demo environment will be down for maintenance on Saturday.", "tool"),
]

ITEMS: list[tuple[str, str]] = [
    ("Could you send me the signed NDA by Friday?", "customer"),
    ("Can you review the Q3 budget before Thursday's meeting?", "colleague"),
    ("Please approve the purchase order for the new laptops.", "colleague"),
    ("Would you be able to join the customer call on Monday at 3pm?", "colleague"),
    ("Could you let me know which date works for the board dinner?", "colleague"),
    ("Please confirm the headcount for the offsite by Tuesday.", "colleague"),
    ("I'll send you the updated contract by Friday.", "customer"),
    ("You'll have the revised quote from me tomorrow.", "vendor"),
    ("We're blocked until you sign off on the design.", "colleague"),
    ("We can't ship the release until you approve the security review.", "colleague"),
    ("Can you share the deck with the investors before Monday?", "colleague"),
    ("Would you mind reviewing my draft offer letter today?", "colleague"),
    ("Please send over the candidate's feedback by end of day.", "recruiter"),
    ("Can you introduce me to your contact at Northwind?", "customer"),
    ("Could you sign the expense report in the portal?", "colleague"),
    ("I need your approval on the discount before I can send the quote.", "colleague"),
    ("Please renew your certificate before it expires on 30 November.", "tool"),
    ("Could you fill in the vendor onboarding form by Friday?", "vendor"),
    ("We still need the W-9 from you to release the payment.", "vendor"),
    ("Please update the forecast in the shared sheet before the review.", "colleague"),
    ("I'll get back to you with the numbers on Monday.", "colleague"),
    ("Our team will deliver the final designs to you by 4 December.", "vendor"),
    ("Are you free to interview the candidate on Thursday afternoon?", "recruiter"),
    ("Could you give me a call when you get a chance today?", "customer"),
    ("Please let me know by Friday if you'd like to proceed with the renewal.", "vendor"),
    ("Can you decide between option A and option B by Tuesday?", "colleague"),
    ("Please send me your availability for next week.", "recruiter"),
    ("Could you approve Jen's time off request?", "colleague"),
    ("The launch is on hold until we get your answer on pricing.", "colleague"),
    ("Would you be able to present the roadmap at Thursday's all-hands?", "colleague"),
    ("Ada, can you check the numbers in the attached invoice?", "cc"),
    ("Please review and sign the attached SOW.", "vendor"),
    ("Could you forward me the latest org chart?", "recruiter"),
    ("I promise to have the report on your desk by Wednesday.", "colleague"),
    ("We'll send you the signed agreement by end of week.", "customer"),
    ("Can you confirm whether the candidate should get a second round?", "recruiter"),
    ("Please book the flights for the Madrid trip by Monday.", "colleague"),
    ("Can you send the recruiter your notes on the shortlist?", "colleague"),
    ("Ada, could you chase Finance for the missing PO?", "cc"),
    ("Could you have a look at the failing build and tell me if it's safe to merge?", "colleague"),
    ("Would you send me the final headcount plan by Thursday?", "colleague"),
    ("I'm waiting on your comments before I can finalise the deck.", "colleague"),
    ("Could you check whether the venue deposit has been paid?", "colleague"),
    ("Please choose a date for the quarterly review.", "colleague"),
    ("Could you send the customer the renewal quote today?", "colleague"),
    ("Can you cover my shift on Saturday?", "colleague"),
    ("I'll have the candidate shortlist to you by Friday.", "recruiter"),
    ("Could you send the candidate an update before Friday?", "recruiter"),
    ("Can you join the pricing call with Acme on Thursday?", "colleague"),
    ("Please sign off on the PRD so engineering can start.", "colleague"),
    ("Ada, we need your decision on the hire by Monday.", "cc"),
    ("Let me know by Thursday if you want me to extend the offer.", "recruiter"),
]


# A second batch, written after the first fixes and before any fix for it, split the same way
# (every third case ASIDE): chatter that agrees, plans together or asks after the owner.
NOT_ITEMS_2: list[tuple[str, str]] = [
    ("Works for me, talk then.", "colleague"),
    ("Sounds like a plan!", "customer"),
    ("Perfect, that time suits us.", "vendor"),
    ("Let's hope the weather holds for the launch.", "colleague"),
    ("Let's see what the numbers say next month.", "colleague"),
    ("Let's not worry about the logo for now.", "colleague"),
    ("How did the board meeting go?", "colleague"),
    ("Did you enjoy the conference?", "customer"),
    ("How's the new role treating you?", "recruiter"),
    ("Are you going to the summer party this year?", "colleague"),
    ("Did you see the news about the merger?", "colleague"),
    ("Can you believe it's already December?", "customer"),
    ("Welcome to the team, Sofia!", "colleague"),
    ("Great to have you on board.", "colleague"),
    ("Glad the workshop was useful.", "customer"),
    ("Fingers crossed for the pitch tomorrow.", "colleague"),
    ("Good luck with the launch!", "vendor"),
    ("Enjoy your holiday, see you when you're back.", "colleague"),
    ("If the client signs, the project would start in January.", "colleague"),
    ("Were the audit to slip, the filing would move to March.", "colleague"),
    ("Had we known earlier, we would have booked a bigger room.", "colleague"),
    ("We should grab coffee sometime.", "recruiter"),
    ("Would be great to catch up properly one of these days.", "customer"),
    ("No worries at all, these things happen.", "customer"),
    ("All good on our side.", "vendor"),
    ("Agreed, the second option is cleaner.", "colleague"),
    ("Makes sense to me.", "colleague"),
    ("Totally understand if the timing doesn't work.", "recruiter"),
    ("Tom, how was the flight back?", "cc"),
    ("Tom, can you believe how busy this week has been?", "cc"),
    ("Jen, did you manage to get the quotes from the printers?", "cc"),
    ("Nice to e-meet you, Ada!", "recruiter"),
    ("Hope the kids are over their colds.", "colleague"),
    ("Our pipeline looks healthier than last quarter.", "colleague"),
    ("The sprint review went really well, the stakeholders were happy.", "colleague"),
    ("The candidate was strong on system design but weaker on communication.", "recruiter"),
    ("The client loved the demo and asked lots of questions.", "colleague"),
    ("Who would have thought the old pricing would win?", "colleague"),
    ("Doesn't matter either way for us.", "vendor"),
    ("Any day next week works for us.", "customer"),
    ("We're all set for Thursday.", "vendor"),
    ("Quick note to say the deposit arrived, thank you.", "vendor"),
    ("Apologies for the delay in getting back to you.", "customer"),
    ("I'll let Priya know you said hi.", "colleague"),
    ("Will do, thanks!", "colleague"),
]
ITEMS_2: list[tuple[str, str]] = [
    ("Works for me - can you send the invite?", "colleague"),
    ("Did you get a chance to review the contract?", "customer"),
    ("How did the board react to the budget, and can you share the minutes?", "colleague"),
    ("Are you able to make the 10am with the auditors on Friday?", "colleague"),
    ("If the client signs, could you kick off the project plan on Monday?", "colleague"),
    ("Let's meet on Thursday; can you book a room?", "colleague"),
    ("Welcome back! Could you approve the two pending invoices?", "colleague"),
    ("Any day next week works for us, just let us know which one you pick.", "customer"),
    ("Ada, did you manage to get the quotes from the printers?", "cc"),
    ("Which of the two candidates would you like to move forward with?", "recruiter"),
    ("I'll send over the signed order form by Monday.", "vendor"),
    ("We can't order the stock until you confirm the quantities.", "vendor"),
]



def split(cases: list[tuple[str, str]], aside: bool) -> list[tuple[str, str]]:
    return [c for i, c in enumerate(cases) if (i % 3 == 2) == aside]


# sentence -> why it does not pass yet
KNOWN: dict[str, str] = {
    # TUNE
    "Are you going to the summer party this year?": (
        "a question after the owner's plans, read as an ask: 'are you going to send it?' has the same words"),
    "Did you see the news about the merger?": (
        "small talk read as an ask: 'did you see my mail about the budget?' is a nudge in the same words"),
    "Please consider the environment before printing this email.": (
        "a footer's ask of every reader; a rule for it cost a held-out request sentence, so it was dropped"),
    # ASIDE (never used to shape a rule)
    "How's the new role treating you?": "small talk the request model reads as an ask (ASIDE)",
    "Did you catch the match last night?": "small talk the request model reads as an ask (ASIDE)",
    # ("Welcome aboard, Jen! We're glad to have you." passes since 75e9f76: "have you" asks only where a
    # question opens on it. It was never used to shape that rule.)
}


def _params(cases: list[tuple[str, str]]) -> list[object]:
    return [pytest.param(s, who, marks=pytest.mark.xfail(reason=KNOWN[s], strict=True)) if s in KNOWN
            else pytest.param(s, who) for s, who in cases]


@pytest.mark.parametrize(("sentence", "who"), _params(NOT_ITEMS + NOT_ITEMS_2))
def test_not_an_item(sentence: str, who: str) -> None:
    assert mail(sentence, who) == []


@pytest.mark.parametrize(("sentence", "who"), _params(ITEMS + ITEMS_2))
def test_still_an_item(sentence: str, who: str) -> None:
    assert mail(sentence, who) != []


def rates() -> dict[str, str]:
    """Pass rates of each half, for the record: ``python -m tests.test_more_not_items``."""
    out = {}
    for name, cases, want in (("negatives", NOT_ITEMS, False), ("positives", ITEMS, True),
                              ("negatives 2", NOT_ITEMS_2, False), ("positives 2", ITEMS_2, True)):
        for half in (False, True):
            part = split(cases, half)
            ok = sum(bool(mail(s, w)) == want for s, w in part)
            out[f"{name} {'ASIDE' if half else 'TUNE'}"] = f"{ok}/{len(part)}"
    return out


if __name__ == "__main__":
    for k, v in rates().items():
        print(k, v)


# -- rules, each with its own varied sentences (beside the TUNE/ASIDE lists above) ---------------

THIRD_PARTY_PLANS = [
    "Omar is going to walk the auditors through the ledger on Thursday.",
    "Then Hana will share the pricing with the client tomorrow.",
    "The account manager will call the customer on Monday.",
    "She'll go over the contract with Legal next week.",
    "Our recruiter plans to send the shortlist to the hiring panel by Friday.",
    "Fyi, Bruno will take the new engineers through onboarding on the 3rd.",
]
THIRD_PARTY_FOR_THE_OWNER = [
    "Omar is going to send you the ledger on Thursday.",
    "Hana will share the pricing with you tomorrow.",
    "Our team will deliver the final designs to you by 4 December.",
    "Bruno will send the contract to Ada on Friday.",
]


@pytest.mark.parametrize("sentence", THIRD_PARTY_PLANS)
def test_a_plan_between_others_is_owed_to_no_one(sentence: str) -> None:
    assert mail(sentence, "colleague") == []


@pytest.mark.parametrize("sentence", THIRD_PARTY_FOR_THE_OWNER)
def test_a_third_party_promise_to_the_owner_is_still_waiting(sentence: str) -> None:
    assert mail(sentence, "colleague") == ["waiting"]


STOCK_NOTICES = [
    "This is an automatic notification, please don't reply to this email.",
    "Please do not respond to this message.",
    "In case of anything urgent, please call the front desk on 020 7946 0011.",
    "If it's urgent, contact my colleague Dan at dan@acme.example.",
    "In my absence, please contact Rosa for billing questions.",
    "Let us know if you ever need extra seats on the plan.",
    "If you ever fancy a tour of the plant, just say the word.",
    "Might be worth revisiting the supplier list down the line.",
]
NOTICE_LIKE_ASKS = [
    "Please do not reply-all; send your vote to me by Friday.",
    "Please reply to this email with your shirt size by Thursday.",
    "Can you call the front desk and book the room for Monday?",
    "Could you take a look at the supplier list at some point this week?",
    "Let me know if you want the extra seats before Friday.",
]
NEEDS_BETWEEN_OTHERS = [
    "The auditors need the bank confirmations from Barclays by the 10th.",
    "Sales needs the updated price list from marketing before Monday.",
    "The printer needs the final artwork from the agency by Thursday.",
]
NEEDS_OF_THE_OWNER = [
    "The auditors need the bank confirmations from you by the 10th.",
    "Sales needs your updated price list before Monday.",
]


@pytest.mark.parametrize("sentence", STOCK_NOTICES)
def test_a_stock_notice_or_an_offer_for_whenever_is_no_item(sentence: str) -> None:
    assert mail(sentence, "customer") == []


@pytest.mark.parametrize("sentence", NOTICE_LIKE_ASKS)
def test_an_ask_worded_like_a_notice_is_still_a_request(sentence: str) -> None:
    assert mail(sentence, "colleague") == ["request"]


@pytest.mark.parametrize("sentence", NEEDS_BETWEEN_OTHERS)
def test_a_need_between_others_is_no_request(sentence: str) -> None:
    assert mail(sentence, "colleague") == []


@pytest.mark.parametrize("sentence", NEEDS_OF_THE_OWNER)
def test_a_need_from_the_owner_is_still_a_request(sentence: str) -> None:
    assert mail(sentence, "colleague") == ["request"]


ACTIVITY_REPORTS = [
    "Omar approved your expense claim: thanks for sending the receipts.",
    "Priya Shah commented on Budget 2027: I think we should cut travel.",
    "@marek merged pull request #212 into main.",
    "Hana commented on the document: the numbers in section 2 need a second look by finance.",
    "Marek approved the merge request: nice work on the tests.",
    "Lena has shared the folder Q4 Reviews with you.",
]
ACTIVITY_WITH_AN_ASK = [
    "Jen commented on the pull request: can you take a look before Friday?",
    "Omar mentioned you in TASK-88: please confirm the delivery date.",
]


@pytest.mark.parametrize("sentence", ACTIVITY_REPORTS)
def test_a_report_of_what_someone_did_is_no_request(sentence: str) -> None:
    assert mail(sentence, "tool") == []


@pytest.mark.parametrize("sentence", ACTIVITY_WITH_AN_ASK)
def test_a_report_quoting_an_ask_is_still_a_request(sentence: str) -> None:
    assert mail(sentence, "tool") == ["request"]


STATEMENTS_THAT_ASK_NOTHING = [
    "Let's just hope the courier turns up on time.",
    "Ok, let's wait and see what the regulator says.",
    "Let's see how the pilot lands before we decide.",
    "Let's keep our fingers crossed for the renewal.",
    "Thursday afternoon suits us.",
    "Perfect, that works for me, speak then.",
    "Sounds good to us!",
    "If the vendor drops the price, we might renew for three years.",
    "Had the shipment come earlier, we could have opened on Monday.",
    "I'll let Marta know you said hello.",
    "We'll pass on your thanks to the crew.",
]
STATEMENTS_WITH_AN_ASK = [
    "Let's see the numbers first - can you pull them by Friday?",
    "Thursday suits us, could you send the invite?",
    "Works for me, but please move the call to 3pm.",
    "If the vendor drops the price, could you sign the renewal?",
    "If it's approved, you would need to sign the form by Monday.",
    "I'll send you the signed form by Friday.",
]


@pytest.mark.parametrize("sentence", STATEMENTS_THAT_ASK_NOTHING)
def test_a_hope_an_agreement_a_hypothetical_or_a_greeting_passed_on_is_no_item(sentence: str) -> None:
    assert mail(sentence, "colleague") == []


@pytest.mark.parametrize("sentence", STATEMENTS_WITH_AN_ASK)
def test_the_same_with_an_ask_or_a_promise_is_still_an_item(sentence: str) -> None:
    assert mail(sentence, "colleague") != []


@pytest.mark.parametrize("text", [
    "Let's regroup in January.",
    "Let's pick this up after the holidays.",
    "We can revisit it next quarter.",
    "OK, let's circle back in the new year.",
])
def test_work_put_off_asks_nothing_now(text: str, owner: Owner) -> None:
    """A cancelled kickoff's "Let's regroup in January" became "Reply to Dana about Pilot kickoff"."""
    msg = make_message(f"Hi Ada,\n\n{text}\n\nDana")
    assert EmbeddedExtractor().extract(msg, owner) == []
