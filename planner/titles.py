"""Titles that say too little to stand alone.

An item's title is cut from the sentence that asked or promised, so the sentence's pronouns come
with it: "Can you review it tomorrow?" gives "Review it", "I can't draft anything until I know
which" gives "Unblock: I know". Under its quote and subject such a line still reads, but the
brief's opening line and its mail subject show the title alone. :func:`vague` tells those titles
apart, so the extractor can title a blocker by what it holds up instead, and the brief can add
the thread's subject where the title stands alone.
"""

from __future__ import annotations

import re

# The parts of a title that name nothing: pronouns, auxiliaries, particles, and words of
# quantity or time that no work is recognised by.
_EMPTY = frozenset("""
i me my mine we us our you your yours he him his she her hers they them their it its this that these
those which what one ones anything something everything nothing there here
is are was were be been being am has have had do does did can could will would shall should may might must
s ve re d ll t m don won isn aren didn doesn hasn haven wasn weren can't
to for on in at of by with from about back over out up off down into onto as
the a an and or but so if then than though also too just only still yet please yes no ok okay
first thing next soon later today tonight tomorrow asap separately shortly again along across
""".split())
_PREFIX_RE = re.compile(r"^(?:Unblock(?: [^:]{1,40})?|Follow up with [^:]{1,60}|Answer [^:]{1,40}):\s*")
# Contractions fall apart ("you've" -> "you", "ve"), so their pronoun is found.
_WORD_RE = re.compile(r"[^\W_]+(?:[-#.][^\W_]+)*|#\d+", re.U)
_SUBJECTS = frozenset("i we you he she they it that this there".split())


def content_words(text: str) -> list[str]:
    """The words of ``text`` that name something: all but those of _EMPTY."""
    return [w for w in _WORD_RE.findall(text.lower()) if w not in _EMPTY]


def vague(title: str) -> bool:
    """Whether ``title`` names no thing to act on: after its lead-in ("Unblock:", "Follow up
    with Sam:"), a clause with at most one word that names anything ("I know", "you confirm",
    "it is"), or a verb with nothing after it but pronouns, particles and names ("Review it",
    "Nudge him", "Send these", "Check", "Send Sam")."""
    core = _PREFIX_RE.sub("", title.strip())
    words = content_words(core)
    if not words or _VERBS_ON_A_PRONOUN_RE.match(core):
        return True  # ...nor do verbs on a pronoun alone: "Sign and return it", "Review and send them back"
    first = _WORD_RE.findall(core.lower())[0]
    if first in _SUBJECTS:  # a clause: its subject is a pronoun ("I know", "they agree to that")
        return len(words) < 2
    if len(words) < 2:
        return words[0] == first  # the verb alone
    # A verb that hands something over, and only names: "Send Sam", "Tell Léa" (what to send or
    # tell is missing; "Call Dana" says it all).
    named = [w for w in _WORD_RE.findall(core) if w.lower() in words[1:]]
    return words[0] == first and first in _HANDING and all(w[:1].isupper() for w in named)


_VERBS_ON_A_PRONOUN_RE = re.compile(r"^[a-z]+(?:,? (?:and|or|then) [a-z]+)+ (?:it|them|this|that|these|those)(?: (?:back|over|up|out))?"
                                    r"[.!]?$", re.I)
_HANDING = frozenset("send share give forward bring get show hand pass tell deliver".split())


# A request that is a reply to write: "Answer Rachel: could we do a call at 10?", "Reply to Dana
# about the kickoff", "Tell Tom which day works", "Confirm the venue to Priya".
_QUICK_REPLY_RE = re.compile(r"^(?:answer|reply to|tell|confirm|let \w+ know|give \w+ the ok)\b", re.I)


def quick_reply(kind: str, title: str) -> bool:
    """Whether a request is answered in a line or two, so it earns no 90-minute focus block."""
    return kind == "request" and bool(_QUICK_REPLY_RE.match(title))
