"""Spam and mass mail: the receiving server's verdict, and mail from strangers with marketing traits.

A verdict counts only when a server on the way wrote it (``Message.verdicts`` holds the verdict
headers with a Received line below them): a sender writes its own headers beneath every Received
line, so a verdict the sender wrote is ignored, whatever it says. Nothing that trusts a "not spam"
verdict exists, so a forged verdict could only hide its own sender's mail.

A sender is a known correspondent when the owner has taken part in a thread with them (the
owner's Sent folder holds a message of that thread), or shares the owner's own (non-webmail)
domain. A stranger's mail with machine traits of mass mail (an unsubscribe link, "view in
browser", a noreply sender, List-Unsubscribe) yields nothing: a mass mailing is not an ask of
the owner. Weaker traits (promotional words in the subject, the owner among hidden recipients)
fit a cold but genuine ask too, so alone they only rank its items below every known
correspondent's (:mod:`planner.priority`); together they yield nothing.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from agent.gates import Gated
from connectors.types import Message
from planner.priority import promotional
from planner.store import Store

SPAM_SCORE = 5.0  # SpamAssassin's default required_score; Rspamd's add-header default is 6
SCL_SPAM = 5  # Exchange's spam confidence level from which mail goes to Junk
_RSPAMD_SPAM = ("reject", "add header", "rewrite subject")
_SCL_RE = re.compile(r"\bSCL:\s*(-?\d+)", re.I)
_SCORE_RE = re.compile(r"-?\d+(\.\d+)?")
_STATUS_SCORE_RE = re.compile(r"\b(?:score|hits)=(-?\d+(?:\.\d+)?)", re.I)
#: Spam folders by their last name part: Gmail's (in its interface languages), and the usual ones.
SPAM_FOLDERS = frozenset({
    "spam", "junk", "junk e-mail", "junk email", "bulk mail", "pourriel", "indésirables", "correo no deseado",
    "posta indesiderata", "lixo eletrônico", "ongewenste e-mail", "skräppost"})

# Webmail domains: sharing one says nothing about knowing each other.
_SHARED_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
    "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de",
    "gmx.net", "web.de", "mail.com", "yandex.ru", "fastmail.com", "zoho.com", "hey.com"})
#: Words of bulk mail's footer: searched gated (:mod:`agent.gates`), as most mail holds none.
MASS_BODY = Gated(
    re.I,
    (r"\bunsubscribe\b", [("unsubscribe",)]),
    (r"\bview (this |it |the )?(e-?mail |message |newsletter )?(online|(in|on) (your|a|the) (web )?browser)\b",
     [("view ",), ("online", "browser")]),
    (r"\bopt[- ]out (of (these|this|our|future) (e-?mails?|messages|mailings?|list)|here|at any time)\b",
     [("opt-out ", "opt out ")]),
    (r"email preferences", [("email preferences",)]),
    (r"manage (your )?(subscriptions?|preferences)", [("manage ",), ("subscription", "preferences")]))
_NOREPLY_RE = re.compile(r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer|marketing|news(letter)?|promo(tions)?|"
                         r"offers?|deals)([-+_.].*)?@", re.I)
#: Traits that alone make a stranger's mail mass mail; the others only weigh with another.
STRONG_TRAITS = frozenset({"list-unsubscribe", "unsubscribe link", "noreply sender"})


def verdict(msg: Message) -> str:
    """Why the receiving server's filter or the folder calls ``msg`` spam, or ""."""
    folder = re.split(r"[/.\\]", msg.folder)[-1].strip().lower()  # "[Gmail]/Spam", "INBOX.Junk"
    if folder in SPAM_FOLDERS:
        return f"in the {folder} folder"
    for name, value in msg.verdicts:
        low = value.strip().lower()
        if name == "x-spam-flag" and low.startswith("yes"):
            return name
        if name == "x-spam-status":
            # The server's own Yes or No is its verdict; a score counts only where it gave none.
            found = _STATUS_SCORE_RE.search(value)
            if low.startswith("yes") or (not low.startswith("no") and found and float(found.group(1)) >= SPAM_SCORE):
                return name
        if name == "x-spam-score":
            found = _SCORE_RE.search(value)
            if found and float(found.group()) >= SPAM_SCORE:
                return name
        if name == "x-spam-level" and value.count("*") >= SPAM_SCORE:
            return name
        if name == "x-rspamd-action" and low in _RSPAMD_SPAM:
            return name
        if name in ("x-microsoft-antispam", "x-forefront-antispam-report"):
            found = _SCL_RE.search(value)
            if found and int(found.group(1)) >= SCL_SPAM:
                return name
        if name == "x-ms-exchange-organization-scl" and re.fullmatch(r"-?\d+", low) and int(low) >= SCL_SPAM:
            return name
    return ""


def domain(address: str) -> str:
    """The lower-case domain of an address ("" without one)."""
    return address.rpartition("@")[2].strip().lower() if "@" in address else ""


@dataclass(frozen=True)
class Correspondents:
    """Who the owner knows: people the owner has written with, and the owner's own domain."""

    owner: frozenset[str]
    people: frozenset[str] = frozenset()
    domains: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, owner: Iterable[str], people: Iterable[str] = ()) -> Correspondents:
        """Known people and the domains of the owner's addresses that are no webmail domain."""
        mine = frozenset(a.lower() for a in owner if a)
        return cls(mine, frozenset(p.lower() for p in people if p),
                   frozenset(d for d in map(domain, mine) if d and d not in _SHARED_DOMAINS))

    @classmethod
    def from_store(cls, store: Store, owner: Iterable[str], sent_folder: str) -> Correspondents:
        """Everyone who wrote in a thread the owner wrote in (the Sent folder holds one of its
        messages). The store keeps senders, not recipients: a person the owner wrote to who
        answered in that thread is known; one who never answered is not yet."""
        rows = store.db.execute(
            "SELECT DISTINCT sender FROM messages WHERE thread_id IN "
            "(SELECT thread_id FROM messages WHERE folder = ?)", [sent_folder]).fetchall()
        return cls.of(owner, (r[0] for r in rows if r[0]))

    def updated(self, store: Store, since: int, threads: set[str], sent_folder: str) -> Correspondents:
        """These correspondents with the messages stored after rowid ``since``: a message in
        Sent brings in every sender of its thread, and a message in a thread the owner wrote in
        brings in its sender. ``threads`` (the owner's threads) is updated in place. The same
        as :meth:`from_store` once more mail is stored, for the cost of the new messages."""
        people = set(self.people)
        for thread_id, sender, folder in store.messages_after(since):
            if not thread_id:
                continue
            if folder == sent_folder and thread_id not in threads:
                threads.add(thread_id)
                people |= {s.lower() for s in store.thread_senders(thread_id)}
            elif thread_id in threads and sender:
                people.add(sender.lower())
        return Correspondents(self.owner, frozenset(people), self.domains)

    def known(self, address: str) -> bool:
        """Whether mail from ``address`` comes from someone the owner knows."""
        low = address.lower()
        return low in self.owner or low in self.people or domain(low) in self.domains


def traits(msg: Message, owner: Collection[str] = ()) -> set[str]:
    """The marketing and mass-mail traits of ``msg``; ``owner`` are the owner's addresses."""
    found = {t for t in msg.traits if t in ("list-unsubscribe", "hidden recipients")}
    if MASS_BODY.search(msg.text):
        found.add("unsubscribe link")
    if _NOREPLY_RE.match(msg.sender.email):
        found.add("noreply sender")
    if promotional(msg.subject):
        found.add("promotional subject")
    shown = {a.email.lower() for a in [*msg.to, *msg.cc]}
    if owner and shown and not shown & {o.lower() for o in owner}:
        found.add("hidden recipients")  # the owner was among the Bcc
    return found


@dataclass(frozen=True)
class MailPolicy:
    """What triage needs beyond the message: allowed lists and who the owner knows."""

    lists: frozenset[str] = frozenset()
    correspondents: Correspondents | None = None

    @classmethod
    def of(cls, lists: Iterable[str] = (), correspondents: Correspondents | None = None) -> MailPolicy:
        return cls(frozenset(_list_key(v) for v in lists if v.strip()), correspondents)

    def allowed_list(self, msg: Message) -> bool:
        """Whether ``msg`` came through a list the owner reads like personal mail."""
        keys = {_list_key(msg.list_id), msg.list_post.lower()} - {""}
        return bool(keys & self.lists)

    def marketing(self, msg: Message) -> str:
        """Why a stranger's ``msg`` is mass mail that yields nothing, or ""."""
        if self.correspondents is None or self.correspondents.known(msg.sender.email):
            return ""
        found = traits(msg, self.correspondents.owner)
        if found & STRONG_TRAITS or len(found) >= 2:
            return ", ".join(sorted(found))
        return ""


def _list_key(value: str) -> str:
    """A List-Id's bracketed id ("Team <team.corp.com>" -> "team.corp.com"), or an address."""
    value = value.strip().lower()
    found = re.search(r"<([^>]+)>", value)
    return (found.group(1) if found else value).strip()
