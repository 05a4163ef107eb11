"""The embedded extractor: rules, a small request model and a sentence classifier, offline and fast.

It reads only the head of a message's visible reply text (``base.MAX_TEXT``), sentence by
sentence. The owner's own mail yields commitments ("I'll send...") and waiting items (the owner
asked someone). Other people's mail yields requests (asked of the owner), waiting items
(promised to the owner) and blockers. Precision comes first: courtesy lines, out-of-office notes, vague promises, rhetorical
questions and requests aimed at someone else on the thread produce nothing.
"""

from __future__ import annotations

import re
import re._constants as _sre_constants
import re._parser as _sre_parser
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice

from agent.extractors.base import Owner, examined_text
from agent.extractors.dates import KeyFinder, find_due, find_due_in_context, fold, names_a_date
from agent.extractors.kinds import KindsModel, shipped_kinds_model
from agent.extractors.model import RequestModel, shipped_model
from agent.extractors.tongues import INTERJECTIONS, Tongue, clauses, english_words, tongue_of
from connectors.types import Address, Forwarded, Message, is_forward_subject
from planner.models import Item
from planner.priority import display_name
from planner.titles import vague

_BULLET_RE = re.compile(r"^([-*•]|\d+[.)]|[a-h]\)|\[[ xX✓]?\])\s+")
_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9@])")
# Phone mail starts sentences in lower case ("...moved). if you can drop them round tmrw") and
# joins them with a spaced dash ("sorry - I can't ship till..."): a break there too, but not after
# an abbreviation's stop ("the model no. off the plate", "inc. the bowl").
# (Not where the sentence goes on to its question mark, "Who signs the plan – you or Aga?", "we need
# it by Friday – can you chase them?", or to its deadline, "a decision on hosting – self-hosted or
# Mapbox – by Monday": one sentence with an aside.)
_LOOSE_SPLIT_RE = re.compile(r"(?<=[!?])\s+(?=[a-z])|(?<=[a-z)]\.)\s+(?=[a-z])|\s+[-–—]\s+"
                             r"(?![\d(]|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"
                             r"(?![^.!?\n]{0,90}\?)(?!(?:by|before|until|no later than)\b)(?=\S)",
                             re.I)
# ...and as it was before those asides were kept whole: the shipped sentence classifier's training
# file (agent/extractors/kinds_weeks.tsv) was built with it.
_EVERY_DASH_SPLIT_RE = re.compile(r"(?<=[!?])\s+(?=[a-z])|(?<=[a-z)]\.)\s+(?=[a-z])|\s+[-–—]\s+"
                                  r"(?![\d(]|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)(?=\S)",
                                  re.I)
_ABBREVIATIONS = frozenset("no nos inc incl eg ie etc approx vs esp ref tel ext qty dept min max fig cf ca st mr mrs ms "
                           "dr pp vol ltd co corp jr sr wk wks mo yr yrs hr hrs mins sec secs appt est nr rev "
                           # ...and German and French ones (see _TITLE_STOP_RE)
                           "fr hrn fa mme mlle dipl ing mag abt inkl evtl ggf bzw usw vgl zzgl exkl str sro zb dh ua spa "
                           "srl ev zhd pos stk ziff abs kap vsa vsas vexa "
                           # ...and Italian ones: "l'ing. Ferraris", "la fattura n. 118", "dott. Rossi"
                           "n dott avv geom sig rif egr spett pag".split())
# ...and engineers, lawyers and doctors addressed so in the Gulf, Turkey, the Philippines and Latin America:
# "ask Eng. Emre to...", "Atty. Reyes", "Av. Burak Şen", "Dra. Ana Souza". The shipped sentence classifier's
# training file was split without them (see build_kinds_weeks): with them, retrained, the classifier moved
# the development mail by noise and lost 4 of its mails.
_HONORIFICS_ABBREVIATED = frozenset("engr atty sra srta dra arq".split())
_READ_ABBREVIATIONS = _ABBREVIATIONS | _HONORIFICS_ABBREVIATED
_AMBIGUOUS_HONORIFICS = frozenset("eng av adv lic".split())  # words too: see _AMBIGUOUS_HONORIFIC_STOP_RE
_GREETING_RE = re.compile(r"^(hi|hey|hello|dear|morning|good (morning|afternoon|evening)|hallo|bonjour|hola)\b[^.!?]{0,40}[,!.:]?$", re.I)
# The longest line _GREETING_RE matches: "good afternoon", 40 more characters and a stop. A
# sign-off (_SIGNOFF_RE) is shorter still.
_SHORT_LINE = 55
# What of the reader's a writer may look forward to as a piece of work: "your confirmation", "your
# comments on the draft" (not "your presentation", "your visit", "your order", "your success").
_YOUR_DELIVERABLE = (r"(?:confirmation|reply|response|answer|comments?|feedback|thoughts|input|approval|sign-?off|signature|"
                     r"decision|quote|quotation|proposal|invoice|report|draft|figures|numbers|payment|documents?|details|"
                     r"sign off|cv|resume|résumé|slides|deck|"
                     r"availability|go-ahead|revisions?|edits|notes|estimate|offer|contract|paperwork|forms?|"
                     r"instructions|signed [\w-]+)\b")
_SIGNOFF_RE = re.compile(r"^(thanks|thank you|many thanks|best|cheers|regards|kind regards|best regards|warm regards|"
                         r"warmly|sincerely|talk soon|speak soon|all the best|ta|thx|br)\b[^.?]{0,30}$", re.I)
_COURTESY_RE = re.compile(
    r"let (me|us) know if (you have|there are|there's|you've got) any|"
    # ...not after an ask of its own: "Could you check the invoice and let me know if you need the PO?"
    r"^(?!\W*(?:please |pls |kindly )?(?:could|can|would|will) (?:you|u)\b(?! let\b)).*?let me know if (you need|anything)|"
    # ...an offer for what the reader's side may lack or mind, not a question: "Let me know if your
    # accountant needs anything else", "let me know if that time does not suit", "if you'd rather not"
    # Only as the sentence's own words, with no choice or deadline after it ("... if you'd prefer the
    # 9th or the 16th", "... we need numbers by Friday" ask), and no ask or promise before it.
    r"^\W*(?:(?:so|and|also|but|just|please|pls|kindly|do|oh)[,!]?\s+)*let (?:me|us) know if "
    r"(?:(?:you|your [\w'-]+(?: [\w'-]+)?|they|anyone|any of you) (?:need|needs|require|requires|want|wants) "
    r"(?:anything|any(?:thing)? (?:else|more|further)|more|further|help|a hand|access|something)|"
    r"(?:that|this|it|the time|the date|the slot|that time|that date|[a-z]+day)(?: (?:time|date|slot))? "
    r"(?:doesn't|does not|won't|will not|isn't|is not|can't|cannot) (?:suit|work|fit)|"
    r"you(?:'d| would) (?:rather|prefer)|you prefer (?:otherwise|another|a different|something else))\b"
    r"(?![^.!?;]*\b(?:or|by|before|no later than|deadline)\b)|"
    # a closing offer to hear of anything wrong, missing or wanted, with no day to answer by: "Let me
    # know if you have questions", "Shout if the split doesn't work for you", "Ping me if I missed
    # anything", "Let me know if you'd like more detail on any of it" ("Let me know if the split works
    # for you by Friday" and "Shout if you can't make the 3pm call" still ask)
    r"^\W*(?:(?:and|so|just|but|also|pls|please)[,]?\s+)*(?:let (?:me|us) know|shout|holler|ping (?:me|us)|"
    r"give (?:me|us) a (?:shout|ping|call|ring|buzz)|drop (?:me|us) a (?:line|note))\s+if\s+"
    r"(?:you (?:have|got|'ve got) (?:any )?(?:questions?|concerns?|comments?|thoughts?|feedback)|"
    r"(?:i|we)(?:'ve| have)? (?:missed|forgot|misunderstood|got (?:anything|something) wrong)|"
    r"(?:i|we)(?:'ve| have)? (?:got )?(?:anything|something) (?:wrong|missing)|"
    r"you(?:'d| would) like (?:more|further|any) (?:detail|details|info|information|help|context)|"
    r"(?:any of )?(?:that|this|it) (?:would be|is|'s) (?:useful|helpful)|"
    r"(?:that|this|it|the [\w-]+)(?: [\w-]+)? (?:doesn't|does not|won't|will not|didn't) (?:work|suit|fit|make sense))\b"
    r"(?![^.!?;]*\b(?:by|before|no later than|deadline|today|tomorrow|tonight)\b)|"
    r"\bany (questions|thoughts)\b.{0,20}\b(let|shout|ping)|hope (this|that) helps|hope (you(?! (?:can|could|will be able to|are able to)\b(?! (?:be|have|enjoy|make it)\b))|all|this finds)|"
    # ...but not a thing of the reader's looked forward to by a day: "Looking forward to your confirmation by Friday"
    r"looking forward(?! to (?:receiving |getting |seeing |reading )?your (?:[\w-]+ ){0,2}?" + _YOUR_DELIVERABLE
    + r"[^.!?;]*\b(?:by|before|no later than)\b)|"
    r"feel free|(don't|do not) hesitate|"
    # a word that the reader need do nothing, with no ask beside it: "Greg and I will decide that, so
    # nothing needed from you there", "No action is required"
    r"^(?![^.!?]*\b(?:but|however|except|although|please|pls|kindly|(?:can|could|would|will) (?:you|u))\b)[^.!?]*?"
    r"\b(?:nothing (?:else )?(?:is )?(?:needed|required) (?:from|of|on) (?:you|u|your side)|nothing for (?:you|u) to do|"
    r"no (?:further )?action (?:is )?(?:needed|required))\b|"
    # a word promised only if there is news, and nothing else: "I'll let you know if anything comes up"
    # ("I'll check the report every Monday and let you know if anything shows up" promises the check)
    r"^\W*(?:(?:and|but|so|ok|okay|sure),?\s+)?(?:i|we)(?:'ll|’ll| will| shall) (?:(?:of course|certainly|also) )?"
    r"(?:let (?:you|u) know|keep (?:you|u) posted|be in touch|get back to (?:you|u)) if (?:anything|something|"
    r"there(?:'s| is| are)|(?:i|we) (?:hear|find|learn|see|get))\b[^,;:]*$|"
    # "Kindly revert in case of any queries"
    r"\bin case (?:of|you have|there are) any (?:quer(?:y|ies)|questions?|concerns?|clarifications?|doubts?|issues?)\b|"
    # an offer to talk, as a closing: "Happy to discuss if useful", "glad to walk you through it"
    r"^\W*(?:(?:i'?m|i am|we'?re|we are|always|as always),? )?(happy|glad|more than happy) to (help|chat|answer|discuss|talk|"
    r"walk you through|go through|jump on|hop on)\b(?![^.!?]*\b(?:by|before|on|until|tomorrow|today)\b)|happy to (help|chat|answer)|thanks (again|in advance|so much)|"
    # a preamble that announces the asks to come: "Two things I need from you."
    r"^\W*(?:(?:a few|a couple of|two|three|four|some|several|\d+) (?:quick |small )?(?:things|questions|points|asks|items|requests)|"
    r"one (?:more |last |quick )?(?:thing|question|ask|request)) (?:that )?(?:i|we) (?:need|want|have|would like|'d like)"
    r"(?: (?:from|for|of) you)?\W*$|"
    # an offer left to the reader's wish: "happy to take the follow-up if you want"
    r"\b(?:happy|glad|keen) to [^.!?]{2,60}? if (?:you|u) (?:want|like|prefer|(?:'d|would) like|wish)\W*$|"
    r"thank you (so much|for)|have a (great|good|nice|lovely)|let me know what you think|"
    # "Thanks for your call this morning, and for your patience", with no ask after it
    r"^\W*(?:many |big )?thanks (?:so much |again |a lot )?for\b(?:[^,;:.!?]|,\s*and for\b)*[.!]*$|"
    # a fallback offered, not work: "We will come back to you if we have any questions", "If you have any
    # questions, please call Adviser Services", "If you need more time, you can request an extension"
    r"^\W*(?:we|i)(?:'ll|’ll| will| shall)? (?:come|get|revert) back to you (?:if|should) (?:we|i) (?:have|need|find) "
    r"(?:any|more|further)\b[^,;]*$|"
    r"^\W*(?:if|should) (?:you (?:have|need) (?:any )?|any |there (?:is|are) any )(?:questions?|queries|help|assistance|more time|"
    r"further information)\b"
    r"[^.!?]*?(?:,\s*(?:please |you can |you may |feel free to )?(?:call|contact|e-?mail|ring|reach|request|write|"
    r"get in touch)\b|"
    # ...its comma left out too, and nothing after the one to contact: "If you have any question please contact me"
    r"\s+(?:please |kindly |pls )(?:call|contact|e-?mail|ring|reach|write to|get in touch with)"
    r"(?:\s+(?:me|us|him|her|them|our office|[\w.+-]+@[\w.-]+|(?-i:[A-Z])[\w'’-]+))?\W*$)|"
    # a reminder's own way out, and nothing else in the sentence: "If you have already completed these
    # requirements, please disregard this reminder" ("Please approve it by Friday and disregard this
    # reminder" keeps its ask)
    r"^\W*(?:if\b[^.!?;]*?,?\s*)?(?:please |kindly |pls )?(?:disregard|ignore) (?:this|the|our|my) "
    r"(?:previous |earlier |last )?(?:reminder|message|e-?mail|mail|notice|letter|note)\b(?:,?\s+if\b[^.!?;]*)?\W*$|"
    # ...and "For any queries kindly write to vendor.management@...", "For more details, call ..."
    r"^\W*for (?:any|further|more) (?:questions?|queries|information|info|details|help)\b[^.!?]*?,?\s*(?:please |kindly |pls )?"
    r"(?:call|contact|e-?mail|write|reach|get in touch|visit)\b|"
    # an offer made if it helps, with no ask of its own: "If it helps, Fiona can walk you through the rules"
    r"^\W*if (?:it|that) (?:helps|would help|is (?:useful|helpful))\b,?\s+(?![^.!?]*\b(?:(?:can|could|would) (?:you|u)|please|pls)\b)|"
    # a note that only labels: "FYI please.", "Please do the needful.", "Update on the SecureID renewal."
    r"^\W*(?:fyi|for your (?:information|info|reference))[.!,]*\s*(?:please|pls)?[.!]*$|"
    r"^\W*(?:please |kindly |pls )?do the needful\W*$|"
    # a standing instruction, no piece of work: "Please keep Ola, our DevOps lead, in copy on everything
    # technical", "For Natalia please keep the start date flexible"
    r"\b(?:please |pls |kindly )(?:always )?keep (?:me|us|[\w'’.-]+(?: [\w'’.-]+)?(?:,[^,.!?;]{1,40},)?) (?:in (?:copy|cc|the loop)|"
    r"copied|cc['’]?d)\b(?![^.!?;]*\b(?:by|before|until|and (?:send|confirm|sign|book|share))\b)|"
    r"\b(?:please |pls |kindly )keep (?:the |her |his |their |your )?[\w -]{2,30}? flexible\b|"
    r"^\W*(?:a |an )?(?:quick |brief |short |small )?(?:update|news|recap|summary|status|heads[- ]up)\s+(?:on|re|about|regarding|"
    r"from)\b[^.!?]{0,60}[.!:]*$|"
    # thanks for a quality, no work: "I appreciate your diplomacy", "We really appreciate your patience"
    r"^\W*(?:(?:and|but|also),?\s+)?(?:i|we) (?:really |truly |so |do |greatly )?appreciate (?:your|the|all your) (?:diplomacy|patience|"
    r"help|understanding|support|flexibility|kindness|time|effort|efforts|honesty|candou?r|quick (?:reply|response)|hard work|"
    r"work|care|thoughtfulness)\b[^.!?]{0,30}[.!]*$|"
    r"enjoy (the|your)|congrat|^(?!\W*(?:please |pls |kindly )?(?:could|can|would|will) (?:you|u)\b(?! let\b))(?!\W*(?:please|pls|kindly) (?!(?:just )?(?:let|feel|shout|ping|reach|contact|call|ring|holler|give|do not|don't|dont|drop|"
    r"get in touch|write|email|e-mail|text|come|swing|stop|pop|tell|ask|say|keep|bear|hesitate|find|see|note|use|refer|ignore|disregard|enjoy|take|have)\b)[a-z]+ (?:me |us )?(?:the|your|a|an|both|all|it|them)\b).*?(?<!\bor )\bif (you|that) (need|works|helps)\b.{0,30}$|just (wanted|a quick) (to say|note)|"
    # what to do with the mail itself, no work: "Please retain it for your records"
    r"\b(?:retain|keep|file|save|print) (?:it|this|these|them|a copy)(?: (?:letter|notice|e-?mail|document|confirmation))?"
    r" for your (?:records|files|reference)\b|"
    r"(please |pls |plz |kindly )?(find|see) (?:the )?(attached|enclosed|below|herewith|in (?:the )?attachments?|in attach\b)"
    # ...with no ask after it: "Please find attached the invoice and arrange payment by the 30th" asks
    r"(?![^.!?]*(?:\band|,)\s+(?:please |kindly |pls )?(?:arrange|pay|sign|countersign|return|review|approve|confirm|send|"
    r"complete|fill|process|forward|check(?! out)|submit|revert|let (?:me|us) know)\b(?!\s+(?:complete|completed|done|finished)\b))|"
    # ...and a pointer to it: "Check the attached for details", "See the enclosed for reference"
    r"^\W*(?:please |pls |kindly )?(?:check|see|refer to|have a look at) (?:the )?(?:attached|enclosed|below|above)(?: \w+)?"
    r"(?: for (?:details|more|more details|more info|info|information|reference|context|background))?[.!]*$|"
    r"attached (please find|you will find|is|are)\b|"
    # ...in the other order: "In attachment please find the calibration certificates for both gauges"
    r"^\W*in (?:the )?attach(?:ment|ed)?s?,? (?:please |pls |kindly )*(?:find|see)\b(?![^.!?]*(?:\band|,)\s+(?:please |kindly |pls )?"
    r"(?:arrange|pay|sign|countersign|return|review|approve|confirm|send|complete|fill|process|forward|check|submit|revert|let (?:me|us) know)\b)|"
    # nothing to do, or leave to do something: "Nothing you need to do unless they kick it back to you",
    # "You may indicate on the certification whether these should remain open", "You may also submit comments online"
    r"^\W*(?:(?:there(?:'s| is)|and|so|but),?\s+)?nothing (?:you|u) (?:need|have|must) to do\b(?![^.!?]*\b(?:but|however|except)\b)|"
    r"^\W*(?:(?:and|also|alternatively),?\s+)?(?:you|u) may (?:also |wish to |want to |choose to )?"
    r"(?!need\b|have\b|be\b|not\b|recall\b|remember\b|know\b|notice\b|have noticed\b|already\b)[a-z]+\b"
    r"(?![^.!?]*(?:\b(?:by|before|no later than|within|until|please|kindly|could you|can you|i need|and return|and send)\b|,\s*(?:and )?(?:please|could|can|kindly)\b))|"
    # formal and second-language closings that ask nothing: "Please be guided accordingly", "hope you can understand"
    r"\bbe guided accordingly\b|\bhope (?:you|u) (?:can |could |will |would |kindly |do )?understand\b(?:\s*(?:,|and)\s*(?:thanks?|thank you|many thanks)\b[^.!?]{0,40})?[.!]*$|"
    # room to object, no work unless the reader does: "Shout if you disagree", "Let me know if you see it differently"
    r"\b(?:shout|holler|let (?:me|us) know|tell (?:me|us)|say so) if (?:you|u) (?:disagree|object|think otherwise|"
    r"see it differently|feel differently|have (?:any )?(?:objections?|concerns?))\b(?![^.!?]*\b(?:by|before)\b)|"
    r"^\W*let['’]?s see\W*$|"
    # where to turn with questions, no work: "Please direct questions regarding this notice to the undersigned"
    r"^\W*(?:(?:please|kindly|pls)\s+)?(?:direct|address) (?:any |all |your )?(?:further )?(?:questions|queries|enquiries|inquiries)\b"
    r"(?! from\b)(?![^.!?]*\b(?:by|before|no later than|in your|and (?:please )?(?:let|send|sign|review|confirm|return|reply|call))\b)|"
    # a fallback, not an ask: "let me know if it doesn't show up", "shout if the link doesn't work"
    r"\b(?:let (?:me|us) know|tell me|shout|ping me) if (?:it|that|the \w+|this|they)(?: still)? (?:doesn'?t|does not|don'?t|"
    r"do not|isn'?t|is not|won'?t|never) (?:show up|arrive|come through|work|open|load|reach you)\b|"
    # relief from an ask: "please don't feel you have to answer today", "don't go to any trouble"
    r"\b(?:please )?(?:don'?t|do not|no need to) (?:feel (?:you have|obliged|any pressure|pressured) to|go to any trouble|"
    r"panic|worry about (?:it|this|that|replying|answering))\b|"
    # greetings passed on: "please give Mochi a scratch from us", "say hi to the team", "send my love to Ana"
    r"\b(?:give|send) (?:[\w'’]+ ){1,3}(?:a |an |my |our )?(?:hug|scratch|pat|cuddle|kiss|love|regards|best wishes|"
    r"greetings)(?:s)? from (?:me|us|all of us|the team)\b|\bsay (?:hi|hello) to\b|"
    r"\bsend (?:my|our) (?:love|regards|best|greetings|thanks)\b|"
    # information to keep in mind, no work: "please note that the cooling-off period ends on 26 March"
    r"^\W*(?:(?:and|also|just|but),?\s+)?(?:please |pls |plz )?(?:kindly )?(?:also )?note(?: that)?\b(?![^.!?]*\b(?:and|then|so) (?:please )?"
    r"(?:send|sign|confirm|return|reply|update|let|make|book|pay|submit|complete|check|fill)\b)"
    r"(?![^.!?]*\byou (?:must|need to|have to|should|will need)\b)"
    # ...but a need, a deadline or a precondition after it is news to act on: "please note, our
    # driver needs the slot confirmed by Thursday", "please note we cannot order until we have the PO"
    r"(?![^.!?]*\b(?:need|needs|needed|must|have to|has to|deadline|latest|until|till|unless|no later than|"
    r"(?:cannot|can't|can not)(?! accept\b)|requires? your|required from you|on hold|pending)\b)|"
    # time given, no work: "take all the time you need", "no rush, take your time"
    r"\btake (?:all )?(?:the|your) time (?:you need)?\b(?![^.!?]*\b(?:but|please|could you|can you|by|before|send|sign|return|"
    r"review|share|let me know|get back)\b)|"
    # care for the reader, no work: "please actually take the weekend off", "get some rest"
    # (said to the reader: "is it ok if I take the afternoon off?" asks leave)
    r"(?:^|[,;:]\s*)\W*(?:(?:and|so|now|but),?\s+)?(?:(?:please|do|just|actually|really|you should|you must)\s+)*"
    r"take (?:the |a |some |your |a few )?(?:\w+ )?(?:weekend|day|days|evening|afternoon|morning|time|week|break)s? off\b|"
    r"(?:you|u) (?:should|must|deserve to) take (?:the |a |some |your |a few )?(?:\w+ )?(?:weekend|day|days|time|week|break)s? off\b|"
    r"\bget some (?:rest|sleep)\b|\brest up\b|"
    # how to handle what is sent, no work of its own: "NDA version, so please keep it inside security"
    r"\bkeep (?:it|this|them|that|these|those) (?:strictly )?(?:confidential|internal|inside\b|within\b|between us|"
    r"to yourself|under wraps|private)|"
    # ...and in German and French: "Bitte behandeln Sie dies streng vertraulich", "Ceci reste entre nous"
    r"\b(?:streng |absolut )?vertraulich (?:behandeln|halten)\b|\bbehandeln sie (?:dies|das|diese \w+) (?:bitte )?(?:streng |absolut )?"
    r"vertraulich\b|\bbleibt (?:bitte )?unter uns\b|\breste(?:r)? (?:strictement )?entre nous\b|"
    r"\b(?:garder|gardez|garde) (?:ceci|cela|ça|ca|le tout|l'information) (?:strictement )?confidentiel(?:le)?\b|"
    r"^\W*(please )?(don't|do not|never) (forward|share|reply|print|distribute)\b|"
    # a legal disclaimer's "please notify the sender and delete this email"
    r"\bnot the intended recipient\b|\b(this|the) (e-?mail|message)\b.{0,40}\b(confidential|privileged)\b|"
    r"\breceived (it|this|this (e-?mail|message)) (in error|by mistake)\b|"
    # ...in German, French and Spanish: "Wenn Sie nicht der richtige Adressat sind, informieren Sie bitte sofort
    # den Absender und vernichten Sie diese E-Mail", "Si vous avez reçu ce message par erreur, merci de..."
    r"\bnicht der (richtige|beabsichtigte|vorgesehene) (adressat|empfänger)\b|\birrtümlich erhalten\b|"
    r"\b(vernichten|löschen) sie (bitte )?(diese|die) (e-?mail|nachricht)\b|"
    r"\bn['’]êtes pas le destinataire\b|\breçu ce (message|courriel|e-?mail) par erreur\b|"
    r"\bno es (usted )?el destinatario\b|\brecibido este (mensaje|correo) por error\b|"
    # "Lovely to meet you at the fair last week!": a pleasantry about the past
    r"^\W*(it was |was )?(so |really )?(lovely|great|nice|good|fab|brilliant) (to|meeting|seeing|chatting|catching) "
    r"(meet|e-meet|see|chat|catch up|hear from|you)\b|"
    # stock lines of automatic replies and notices: "this is an automated message, please do not
    # reply", "for urgent matters, please contact ...": they ask every reader, so no one
    r"\b(?:please )?(?:do not|don't|no need to) (?:reply|respond)(?: to (?:this|it|us|me)(?: (?:e-?mail|message|address))?)?\W*$|"
    r"\b(?:an? |this )(?:automated|automatic|auto-generated|computer-generated) (?:message|e-?mail|notification|reply)\b|"
    r"^\W*(?:for|in case of|if (?:it'?s|anything is|this is)) (?:anything |something )?urgent\b[^.!?]{0,20}?,?\s*"
    r"(?:please )?(?:contact|call|reach|e-?mail|ring|get in touch with|phone)\b|"
    r"\bin my absence,? (?:please )?(?:contact|reach|e-?mail|call|get in touch with)\b|"
    # an offer for whenever, with nothing to do now: "let me know if you ever want a walkthrough",
    # "could be worth a look at some point"
    r"\blet (?:me|us) know if (?:you|u) (?:ever|at any (?:point|time))\b|\bif you ever (?:want|need|fancy|would like|feel like)\b|"
    r"\b(?:could|might|may) be worth\b[^.!?]*\b(?:at some point|some ?time|one day|down the (?:line|road)|eventually)\b|"
    # an offer to be asked, as a closing: "Ping me if anything is unclear", "shout if you have questions"
    r"^\W*(?:just |and )?(?:ping|shout|call|ring|message|email|e-mail|text|grab|tell) (?:me |us )?if (?:anything|something|any of (?:it|this)|"
    r"you (?:have|get|run into) (?:any )?(?:questions?|problems?|issues?|trouble)|"
    # ...for someone else too: "Shout if Sanne needs anything else", "let me know if the team needs anything"
    r"(?:[A-Z][\w'’-]+|the \w+|they|he|she|your \w+) (?:needs?|wants?|has|have) (?:anything|something|any (?:questions?|"
    r"problems?|issues?)))\b[^.!?]{0,30}[.!]*$|"
    # a wish to be kept on the thread is no piece of work: "Please cc me", "keep me in the loop"
    r"^\W*(?:(?:and|also|oh),?\s+)?(?:please |pls |kindly )?(?:cc|bcc|copy|keep|loop) (?:me|us)(?: in| on (?:it|this|that|the thread|"
    r"the (?:e-?mail|reply|replies))| in the loop| posted)?(?:,? (?:please|pls|thanks))?\W*$",
    re.I,
)
_OOO_RE = re.compile(r"out of (the )?office|on (annual |parental |sick )?leave|limited access to e-?mail|"
                     # (not the reason an ask gives after it: "..., as I'm away at the conference from Thursday?",
                     # unless it sends the reader elsewhere: "..., as I'm away, please contact Jo")
                     r"(?<! as )(?<! since )(?<! because )(?<! while )(i'?m|i am) (currently )?away|"
                     r"(i'?m|i am) (currently )?away(?=[^.!?]*\b(?:contact|reach|direct|get in touch|on my return|"
                     r"when i'?m back|urgent|respond|reply)\b)|will be back (on|in)|automatic reply|auto-?reply|"
                     # the answer promised on return: "I'll respond to your message when I'm back."
                     r"\b(?:respond|reply|get back to you|answer|deal with)\b[^.!?]{0,40}\b(?:when i'?m back|on my return|when i return|"
                     r"upon my return|once i'?m back)\b|"
                     # a closing formula: "Awaiting your early revert.", "Waiting for your kind reply."
                     r"^\W*(?:(?:we are|i am|am|are|and)\s+)?(?:awaiting|waiting for|looking forward to) (?:your|an?) (?:early |kind |prompt |"
                     r"favou?rable |positive |soonest |quick |swift )*(?:revert|reply|response|feedback|answer)\s*[.!]*\s*$|"
                     # ...in French: "Pour toute question urgente concernant le WP2, merci de contacter Thomas"
                     r"^\W*pour toute (?:question|demande|urgence)(?: urgente)?\b[^.!?]{0,60}?\b(?:merci de |veuillez |vous pouvez )?"
                     r"(?:contacter|joindre|vous adresser à|écrire à)\b|"
                     # where to turn meanwhile: "For urgent capital finance queries please contact Owen on ext. 4471"
                     r"^\W*for (?:any(?:thing)? |all )?urgent\b[^.!?]{0,60}?\b(?:please )?(?:contact|call|e-?mail|reach|ring|"
                     r"speak to|get in touch with)\b", re.I)
_PROMISE_RE = re.compile(
    r"(?:\b(?:i|we)(?:'ll| will| shall|'m going to| am going to|'re going to| are going to| can| promise to| plan to|"
    r" expect to| intend to| aim to)|"
    # ...and a hedged one, said first and of a piece of work: "We should be able to ship it Monday"
    r"^\W*(?:(?:and|so|but|ok|okay|great|good news|hopefully|i think|i believe),?\s+)?(?:i|we) should be able to"
    r"(?=\s+(?:send|get|share|deliver|ship|finish|complete|have|confirm|sign|pay|fix|deploy|release|provide|submit|book|"
    r"update|review|draft|prepare|return|forward|install|process|issue|arrange|start|call)\b)|"
    # ...or "I should have the revised price for you by Wednesday": what the writer will hand over.
    r"^\W*(?:(?:and|so|but|ok|okay|great|good news|hopefully|i think|i believe),?\s+)?(?:i|we) should"
    r"(?=\s+have\s+(?!(?:known|been|had|done|said|told|asked|checked|seen|gone|lunch|dinner|breakfast|coffee|drinks|"
    r"(?:a|another) (?:drink|call|chat|meeting|catch-?up|word|talk|look|think|go)|fun)\b)[^.!?;]{2,60}?\b(?:for|to|with) "
    r"(?:you|u)\b)|"
    # ...and "Ill email the agreement over tomorrow", "ill get her to scan it": "I'll" without its
    # apostrophe, as phone mail writes it, before a verb only ("ill" is also a word).
    r"(?-i:\b[Ii]ll)(?=\s+(?:send|email|e-mail|get|call|text|check|ask|look|forward|sign|pay|book|confirm|bring|drop|"
    r"share|write|fix|sort|update|have|try|scan|find|pick|grab|put|ping|chase|do|be)\b))"
    r"\s+(?:(?:definitely|also|then|just|quickly|still|try to|aim to)\s+)?(?!be\b(?!\s+(?:in|there|here|around|home|about|"
    r"on hand|at the [a-z]+)\b[^.!?;]{0,40}?\bto (?!be\b)[a-z]+)|not\b|never\b|"
    # ...nor a refusal said with an adverb first: "We will therefore not be filing a waiver".
    r"(?:[a-z]+ly|therefore|thus|hence|so|then|also|still|however|now|again|rather|surely) (?:not|never)\b|need\b|"
    r"(?:also )?require\b|see\b|try\b|have to\b|want\b|"
    r"probably\b|likely\b|discuss\b|talk\b(?! to (?!you\b|u\b|them\b|him\b|her\b)[\w'’-]+ (?:about|re|regarding)\b)|chat\b|"
    r"meet\b(?! (?:the|our|their|his|her|both)\b)|catch up\b|miss\b|do my best\b|keep you posted\b|"
    r"keep you updated\b|check my\b|look forward\b|think\b|let you know if\b|let you (?!know\b)|"
    # ...nor news to come: "I'll know more after my call on Monday", "we'll have a better idea by Friday"
    r"know (?:more|better|for sure|then|by)\b|have (?:a )?(?:better|clearer) (?:idea|picture|view)\b|"
    # ...nor what a talk or a paper will argue: "In this talk I will show that ripples...", "I
    # will close with new data suggesting..."
    r"(?:show|argue|demonstrate|suggest|claim|propose|contend) that\b|(?:close|open|end|conclude) with\b|"
    # ...nor a referral: "We'll send more clients your way", "we'll send every engaged friend we have your way"
    r"(?:definitely |certainly |happily )?send\s+[^.!?;]{0,40}?\b(?:friends?|clients?|customers?|business|people|"
    r"referrals?|leads|folks|couples|contacts|colleagues)\b[^.!?;]{0,30}?\byour way\b)"
    r"(?P<vp>[a-z][^.!?;]*)",
    re.I,
)
_LET_ME_RE = re.compile(r"\blet me (?P<vp>(get (?:it|them|this|that|these|those|one|something|[\w' -]{2,40}?) (?:over |across |back )?to (?:you|u)\b|"
                        r"dig around|pull together|put together|write up|draft|share|"
                        r"get back to you|check|look into|look at|have a look at|take a look at|go through|follow up|find out|send|circle back|"
                        r"dig into|confirm|ask|review|sort out|take care of|dig (?:it|them|that|those|one) out|"
                        r"talk to|speak to|speak with|talk with|pull|chase|call|ring|run the numbers|work out|"
                        r"hunt (?:it|them|that|those|one) down|track (?:it|them|that|those|one) down)[^.!?;]*)", re.I)
_VAGUE_RE = re.compile(r"^(get back to you|keep you (posted|updated|in the loop)|let you know|be in touch|"
                       # passing the reader's news on to others owes the reader nothing
                       r"pass (?:it|this|that|them|these|the news) on\b.*|"
                       # ...nor does carrying on with one's own work: "I'll keep analysing cohort A"
                       r"(?:keep|continue|carry on) [a-z]+ing\b.*|"
                       # greetings passed on: "I'll let Priya know you said hi", "pass on your thanks"
                       r"let [A-Z]?\w+ know you said (?:hi|hello)|(?:pass|send) (?:on |along )?(?:your|our|my) (?:regards|thanks|best(?: wishes)?|love)(?: to [\w ]{1,30})?|"
                       r"say (?:hi|hello) to [A-Z]?\w+(?: for you)?|"
                       # handing the rest over: "I'll leave it to you two to find a time"
                       r"leave (?:it|this|that|the rest|the details) (?:up )?to\b.*|"
                       # ...and taking leave: "then I'll leave you alone", "I'll leave you to it", "I'll leave it with you"
                       r"leave you (?:alone|to it|in peace|be)\b.*|leave (?:it|this|that|the rest) with you\b.*|"
                       r"follow up|circle back|think about it|see what I can do|take a look|(?:take a |have a )?look at (?:it|this|that|them)|"
                       r"go through (?:it|this|that|them)|"
                       # ...nor a word on the mail itself: "I'll keep this short"
                       r"keep (?:this|it) (?:short|brief|quick)\b.*)\s*$", re.I)
# A hold-up that is over, told as what happened: "last time at your hospital the bay behind Pathology was
# blocked by the waste compactor", "yesterday the lift was stuck until noon" (not one that holds still:
# "was blocked by customs yesterday and is still held").
_PAST_HOLDUP_RE = re.compile(
    r"\b(?:last time|last (?:week|month|year|night)|yesterday|the other day|previously|in the past|back in [A-Z]\w+)\b"
    r"[^.!?;]{0,80}?\b(?:was|were|got|had been|did not|didn't|could not)\b|"
    r"\b(?:was|were|got|had been)\b[^.!?;]{0,80}?\b(?:last time|last (?:week|month|year|night)|yesterday|the other day|"
    r"in the past)\b", re.I)
_STILL_HELD_RE = re.compile(r"\b(?:still|now|until|till|again|can't|cannot|can not|won't|unable|pending|waiting|before)\b", re.I)
# A question someone put to the writer, passed on for the reader to answer: "Our driver is asking which
# loading bay he should use", "The auditors are asking whether the lease was renewed".
# No one in particular: "Nobody wants to know by Friday...", "Many people want to know before buying..."
_ANYONE_RE = re.compile(r"^(?:nobody|no one|everyone|everybody|anyone|anybody|people|many|most|some|all|our (?:readers|customers|users|"
                        r"subscribers|members|fans|clients)|readers|customers|users|investors|buyers|clients|consumers|the public)\b", re.I)
_POSSESSIVE_TAIL_RE = re.compile(r"['’]s\b.*$")
_RELAYED_Q_RE = re.compile(
    r"^\W*(?:(?:also|and|btw|fyi|oh|just so you know),?\s+)?(?!(?:[\w'’-]+,? )?(?:i|we|you|u)\b)(?P<who>[\w'’ -]{2,40}?) (?:(?:is|are|was|were|has been|"
    r"have been|keeps|keep) (?:asking|wondering|wanting to know|keen to know|chasing)(?: (?:us|me|again))?|"
    # ...or asks, as second-language mail puts it: "our quality department asks if you accept the report"
    r"asks(?: (?:us|me))?(?= (?:if|whether)\b)(?![^?]*\?\s*$)|"
    # ...or want to know, by a day: "They want to know by Friday whether we're taking the full allocation"
    # (someone named, not anyone at all: "Nobody wants to know...", "Our readers want to know...")
    r"(?<!\bwill )(?<!\balways )(?:want|wants|would like|need|needs) to know(?= (?:by|before) ))"
    r"(?: (?P<by>(?:by|before) (?:[\w'’-]+ ){0,3}?[\w'’-]+))? "
    r"(?P<q>(?:which|whether|when|if|what|where|who|how)\b[^.!?;]{3,})", re.I)


# A closing chase of an ask made before, with no thing of its own: "Kindly approve at the earliest.",
# "Pls confirm asap.", "Please revert with confirmation at the earliest."
_CHASER_RE = re.compile(r"^\W*(?:(?:so|and)\s+)?(?:please|pls|kindly)\s+(?:(?:kindly|do)\s+)?(?:confirm|approve|revert|advise|reply|respond|"
                        r"action|expedite)(?: (?:back|with (?:your |the )?(?:confirmation|approval|comments|feedback|reply)))?"
                        r"(?:\s+(?:at the earliest|asap|as soon as possible|urgently|soonest|at your earliest(?: convenience)?|today|"
                        r"on priority))?\W*$", re.I)


# A title's first word that only links it to what came before ("Also sign...", "Follow up with
# Tom: also send...").
_FILLER_START_RE = re.compile(r"^((?:[^:]{1,60}: )?)(?:also|then|just) ([a-z])", re.I)


def _chaser_beside_ask(items: list[Item]) -> list[Item]:
    """Without a closing chase (see _CHASER_RE) when the message asks something else: the chase is
    that ask's urgency; its day, if any, becomes the ask's."""
    asks = [i for i in items if i.kind == "request" and not _CHASER_RE.match(i.evidence)]
    if not asks:
        return items
    kept = []
    for item in items:
        if item.kind == "request" and _CHASER_RE.match(item.evidence):
            asks[-1].due = asks[-1].due or item.due
            continue
        kept.append(item)
    return kept


def _relayed_beside_ask(items: list[Item], text: list[str]) -> list[Item]:
    """Without a question passed on (see _RELAYED_Q_RE) that stands beside an ask putting it to the
    reader: "Baywater is asking whether they need to rotate anything. Can you confirm in writing by
    tomorrow?" is one ask, and the question passed on says why."""
    relayed = [i for i in items if i.kind == "request" and _RELAYED_Q_RE.match(i.evidence)]
    if not relayed:
        return items
    asks = {i.evidence for i in items if i.kind == "request" and i not in relayed}
    kept = []
    for item in items:
        at = text.index(item.evidence) if item in relayed and item.evidence in text else -1
        if at >= 0 and asks & set(text[max(at - 1, 0):at] + text[at + 1:at + 2]):
            continue
        kept.append(item)
    return kept


_SUBJECT_PREFIX_RE = re.compile(r"^(?:(?:re|fwd?|aw|wg|tr)\s*:\s*)+", re.I)
# A question that ends on the reader as one of two choices: "I'm honestly not sure who should sign it,
# you or Jonathan?", "Who presents on Thursday, Tom or you?"
_YOU_OR_RE = re.compile(r"(?:,\s*|\b)(?:(?:you|u) or (?:me|him|her|them|us|[A-Z][\w'’-]+|the [a-z]+)|(?:me|him|her|them|[A-Z][\w'’-]+) or "
                        r"(?:you|u))\s*\?\s*$")
# The writer's own plan said as a wish: "I'd like to get the written offer out today while she's keen",
# "we'd love to get the pilot started next month" (not "I'd love to get the contract signed", which asks).
_GET_IT_OUT_RE = re.compile(r"\b(?:i|we)(?:'d|’d| would)(?: really| also| just)? (?:like|love|want) to get (?:the |a |an |this |that |"
                            r"it |them |our |my )?[\w' -]{0,40}?\b(?:out|off|done|sorted|finished|moving|started|going|"
                            r"wrapped up|over the line|live|launched)\b", re.I)
# Someone of the writer's side named by role, who will act: "Our accountant will file our company accounts".
_ROLE_PLAN_RE = re.compile(r"^\W*(?:(?:and|also|so|btw),?\s+)?(?:our|my|the|their|his|her) (?:[\w-]+ ){0,2}?(?:accountants?|lawyers?|"
                           r"solicitors?|team|agent|broker|developers?|designers?|contractors?|builders?|landlord|manager|"
                           r"assistant|bank|suppliers?|vendors?|printers?|office|staff|crew|engineers?|auditors?|board|"
                           r"committee)\b[^.!?;]{0,20}? (?:will|'ll|’ll|is going to|are going to|plans? to)\b", re.I)
# A statement put to the reader to confirm: "Northgate is leading, yes?", "the cap is moving to 14M - is it
# correct?", "are we doing the offsite in January or not??" (not a bare "right?", which is mostly rhetorical).
_CONFIRM_TAG_RE = re.compile(r"(?:(?:,|\s[-–—])\s*(?:yes|correct|true|is (?:it|that) (?:correct|right|true|so)|am i right|"
                             r"have i got (?:that|it) right)|\bor not)\s*\?+\s*$", re.I)
# A question of who, which or when that names the reader: "who from your team will write it?", "Who's
# presenting with you - Ben?", "When can you send the figures?"
_WH_TO_YOU_RE = re.compile(r"(?:^\W*(?:(?:also|and|so|but|btw|oh|ok|okay),?\s+)?|\s[-–—:]\s+)(?:who|who's|whom|which|when|where|what time|"
                           r"what day)\b[^?!.]*\b(?:you|your|u)\b[^?!.]*\?+\s*$", re.I)
# A short order of things to bring or send, named without an article, as terse mail gives it: "Bring
# churn and pipeline slides.", "Send signed NDA and W-9 pls."
_BARE_ORDER_RE = re.compile(r"^\W*(?:(?:please|pls|also|and)\s+)?(?:bring|send|share|prepare|print|upload)\s+(?:[\w&'-]+\s+(?:and\s+)?){0,4}?"
                            r"(?:slides|deck|numbers|figures|notes|docs|documents|contracts?|invoices?|receipts|samples|copies|"
                            r"drafts?|photos|nda|w-9|cv|cvs|forms?|reports?)\b(?:\s+(?:pls|please))?\s*[.!]*\s*$", re.I)
# Time asked for the writer's own work: "give me till Tuesday", "give us a couple of days".
_TIME_ASKED_RE = re.compile(r"(?:^\W*|[,;:-]\s*)(?:(?:just|please|pls|so|and|but)\s+)?give (?:me|us) (?:till|until|til|to|a (?:day|couple of days|few days|"
                            r"week|bit|moment|sec|second)|some time|time|the weekend)\b", re.I)
# An ask in another language's order: "We would need, please, that you send us two seal kits", "we request
# you to provision two more sandbox tenants" (read as "Could you ...?").
_NEED_THAT_YOU_RE = re.compile(r"\b(?:we|i) (?:would |'d )?(?:kindly )?(?:need|want|ask|request|require)(?:,? (?:please|kindly),?)? "
                               r"(?:that (?:you|u)|(?<=request )(?:you|u) to|(?<=ask )(?:you|u) to) "
                               r"(?:(?:please|kindly) )?(?P<vp>[a-z][^.!?;]*)", re.I)
# A need said as a cleft: "What I need is a date when this will actually be fixed".
_CLEFT_NEED_RE = re.compile(r"^\W*(?:(?:and|but|so|honestly|really),?\s+)?(?:what|all) (?:i|we) (?:really |actually )?(?:need|want|would like|'d like)"
                            r"(?: from you)? (?:is|are) (?P<what>(?:an?|the|your|some)\b[^.!?;]+)", re.I)
# A thing asked of the reader as second-language English asks it, named: "We would like to ask you the
# arrangement of housing near the plant", "I want to ask you for the preparation of ID cards before his
# arrival" (not "...ask you about your impression", "...ask you a favour", "...ask you a question").
_ASK_YOU_THE_RE = re.compile(r"^\W*(?:(?:and|also|so),?\s+)?(?:i|we)(?:'d| would)? (?:like|want|wish|need) to (?:kindly )?ask (?:you|u) "
                             r"(?:(?:kindly|please) )?(?:for )?(?P<what>(?:the|your)\s+(?!(?:(?:kind|continued|full|usual|further)\s+)?(?:favou?r|questions?|opinion|"
                             r"impression|thoughts|views?|advice|support|patience|understanding|forgiveness|trust|cooperation|co-operation|attention|"
                             r"help|indulgence|reason|price|cost|way|sake|time|name|meaning|status|same|next|last)\b)[^.!?;]{3,120})", re.I)
# The reader's word needed on a question: "I need your decision if we will retain the logic or correct
# it", "We need your confirmation whether the crane can come on Sunday" (after a topic: "For the 38 out-of-
# sequence, ..."); read as the question asked.
_NEED_YOUR_WORD_ON_RE = re.compile(r"^\W*(?:[^,.!?;]{1,60},\s*)?(?:i|we)(?:'d| would| will|'ll)? (?:really |urgently |also |still )?"
                                   r"(?:need|require|want) your (?:decision|confirmation|answer|advice|guidance|instructions?|"
                                   r"go-ahead|input|view|opinion|feedback)(?: on)? (?P<q>(?:if|whether|which|what|when|how|who)\b"
                                   r"(?:(?!,\s*(?:and|but|so)\b)[^.!?;]){4,160})",
                                   re.I)
# A thing asked of the reader by someone of the writer's side, passed on: "Our lawyer, Dra. Camila Rocha,
# asks also the name of the data custodian on your side", "The bank asks for your passport copy" (not "...asks
# about", "...asks if": see _RELAYED_Q_RE).
_RELAYED_THING_RE = re.compile(r"^\W*(?:(?:also|and|so),?\s+)?(?:our|my|the) (?:[\w'’-]+ ){0,2}?(?:lawyer|solicitor|bank|client|customer|"
                               r"auditors?|accountant|boss|director|manager|team|department|office|partner|insurer|landlord|"
                               r"buyer|supplier|notary|agent|broker|registry|authority|ministry|embassy|consulate|school|"
                               r"university|council|hr|it|finance|legal|procurement|compliance)(?:,\s*[^,!?;]{2,40},)?\s+"
                               r"(?:also\s+)?asks\s+(?:also\s+|too\s+|again\s+)?(?:for\s+)?"
                               r"(?P<what>(?:the|your|a|an|copies|copy)\b[^.!?;]{3,100})", re.I)
# ...and a question asked by its thing: "I'd like to ask you the name of your contact in HR", "the price of
# the new model" (read as "Please tell me the name of...").
_ASK_YOU_WHICH_RE = re.compile(r"^\W*(?:(?:and|also|so),?\s+)?(?:i|we)(?:'d| would)? (?:like|want|wish|need) to (?:kindly )?ask (?:you|u) "
                               r"(?:(?:kindly|please) )?(?:for )?(?P<what>the\s+(?:name|price|cost|reason|status|date|address|number|size|"
                               r"weight|quantity|contact)s?\s+(?:of|for)\b[^.!?;]{3,120})", re.I)
# Work that waits on the reader, said as where it is: "Nomination of first-aiders is with you", "The
# decision on the vendor now rests with you" (not "Our thoughts are with you", "The parcel is with you now").
_WITH_YOU_NOW_RE = re.compile(r"^\W*(?:(?:and|also|so|ok|okay|just so you know),?\s+){0,2}(?P<what>(?:the |your )?(?:[\w'’-]+ ){0,3}?"
                              r"(?:decision|approval|sign-?off|nomination|closure|next step|next move|action|choice|"
                              r"selection|go-ahead|final say)s?(?: (?:of|on|for|about) [^,.!?;]{1,60}?)?)(?: now| still| currently)? "
                              r"(?:is|are|lies|rests|sits) (?:now |still |currently )?with (?:you|u)\b(?!\s+(?:and|&) )"
                              r"(?![^.!?;]*\b(?:already|sent|attached|by (?:e-?mail|post|courier)|every)\b)[^.!?;]*[.!]*\s*$", re.I)
# A wish said of someone's use: "She would find it very helpful to have the panel questions in advance".
# The writer's need of the reader, said in the future: "I will also need a name from your side for the
# tender working group", "We'll need the signed form from you before the audit" (not "I'll need to check").
_WILL_NEED_FROM_YOU_RE = re.compile(r"^\W*(?:(?P<why>[^.!?;]{3,100}?,\s*(?:so|hence|therefore|and|but)\s+)|(?:and|also|so|but)\W+)?(?:i|we)(?:'ll|’ll| will| shall)\s+(?:also\s+|still\s+)?"
                                    r"(?:need|require)\s+(?!to\b)(?P<what>[^.!?;]{2,60}?)(?:\s+from (?:you|your side|your team|your end)\b|"
                                    r"(?=\s+before (?:we|i|our)\b(?! (?:can|could|are able to)\b))|"
                                    # ...or the reader's own work, named so: "I'll need the audit report you did in May"
                                    r"(?<=\w)(?=\s+(?:that |which )?(?:you|u) (?:did|prepared|sent|wrote|made|ran|drafted|mentioned|promised)\b)|"
                                    # ...or by a day named before it: "I can hold it until Friday, but I'll need a firm booking by then"
                                    r"(?<=\w)(?=\s+(?:by|before) then\b))"
                                    r"(?P<rest>[^.!?;]*)", re.I)
# A thing handed over with the mail, named: "Please find attached the revised NDA", "Attached is the
# draft budget for Q1", "Here's the updated floor plan", "I've attached the signed lease".
_HANDED_RE = re.compile(r"\b(?:please find (?:attached|enclosed|in attach\b)|find attached|find in attach\b|attached (?:is|are|please find|you(?:'ll| will) find)|"
                        r"enclosed (?:is|are|please find)|here(?:'s|’s| is| are)|(?:i|we)(?:'ve|’ve| have) (?:attached|enclosed|uploaded|"
                        r"shared|put|saved))\s+(?P<np>(?:the|our|my|a|an|this|these)\s+(?!(?:thing|deal|problem|issue|situation|plan|"
                        r"latest|news|story|point|question|catch|update|summary|gist|short version|bottom line|reason|idea|way|"
                        r"good news|bad news|kicker|rub)\b)[^.,;:!?()]{2,60}?)"
                        r"(?=\s*(?:[.,;:!?(]|$|\s(?:for (?:your|you)|which|that|with|from|as|in|on|to)\b))", re.I)
# What "I can" promises rather than offers, with its day: "I can have the package ready for your
# review by Tuesday", "We can have the samples with you on Friday" (not "I can send it if you like").
_CAN_HAVE_RE = re.compile(r"have\s+(?:it|them|this|that|(?:the|your|our|a|an|my|both|all)\s[^.!?;]{1,60}?)\s+"
                          r"(?:ready|done|finished|sorted|completed|over|across|to you|with you|back to you|back)\b", re.I)
# ...and a visit to the reader's place on one day: "I can visit your site on Wednesday 8th Nov", "I can come to
# your office on the 14th to explain the result" (not a choice: "...on Tuesday or Wednesday").
_CAN_VISIT_RE = re.compile(r"(?:visit|come (?:to|by|over to|round to|down to)|be at|drop by|stop by)\s+(?:your|ur)\s+(?:[\w-]+\s+)?"
                           r"(?:site|office|plant|factory|warehouse|premises|facility|store|shop|yard|depot|lab|branch|mill|mine|farm|"
                           r"clinic|workshop)\b(?![^.!?;]*\b(?:or|unless|if)\b)", re.I)
# ...and said plainly, first: not "Earliest I can visit your site is Wednesday", "Maybe I can..."
_I_CAN_FIRST_RE = re.compile(r"^\W*(?:(?:and|also|so|ok|okay|yes|sir|ma'?am),?\s+)*(?:i|we) can\b", re.I)
# A title's object that is only "it" or "them": "Sign it", "Countersign it and send it back".
_IT_OBJECT_RE = re.compile(r"(?<=\s)(?:it|them)\b")
# The id a forwarded mail is read under (see EmbeddedExtractor._forwarded_asks); a forward within
# it is read too, one level down.
_FORWARDED_ID = "#forwarded"
_FORWARD_DEPTH = 2
# A separator that says a message is forwarded below ("---------- Forwarded message ---------",
# "Begin forwarded message:"), in a mail whose subject does not say so.
_FORWARD_MARK_RE = re.compile(r"^\s*(?:-{2,} ?(?:forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|"
                              r"mensagem encaminhada|messaggio inoltrato|doorgestuurd bericht) ?-{2,}|begin forwarded message:)",
                              re.I | re.M)
# A reply's subject: the mail answers one, whatever it quotes ("RE: Fwd: ...").
_REPLY_SUBJECT_RE = re.compile(r"^\s*(?:\[[^\]\n]{1,30}\]\s*|\*{1,3}[^*\n]{1,30}\*{1,3}\s*|ext(?:ernal)?\s*:\s*)*"
                               r"(?:re|aw|sv|antw|rif|r|odp|vs|res|ynt|odg|ΑΠ|回复|答复|返信|回覆)\s*(?:\[\d+\])?\s*[:：]", re.I)
# A note that hands a forwarded mail over without an ask of its own: "Over to you", "Pls action",
# "FYA", "Thoughts?", "Assigning this to you", "See below and handle", "Your baby now".
_HANDOVER_NOTE_RE = re.compile(
    r"^\W*(?:(?:hi |hey |hello )?[\w'’-]+\s*[,:\-–]\s*)?(?:(?:please |pls |kindly )?(?:see (?:below|the below|attached|trail below)|pfb)(?:,|\s*-|\s+and|\s*\.)?\s*)?"
    r"(?:(?:this (?:one )?is |it'?s |it is |all |now )yours(?: now)?|yours now|your baby(?: now)?|over (?:to|2) (?:you|u)|"
    r"(?:for |pls |please |kindly )?(?:your )?(?:action|handling)(?: pls| please)?|(?:pls |please )?(?:handle|action)(?: pls| please)?|"
    r"fya(?: pls| please)?|for your (?:action|handling)|for (?:action|handling)|(?:any |your )?thoughts|what do you think|your call|"
    r"(?:can|could) (?:you|u) take (?:it|this|that)(?: one)? from here|take it from here|(?:pls|please) take over|"
    r"(?:i'?m |i am )?(?:assigning|passing|handing|reassigning|delegating|sending) (?:this|it)?\s*(?:over |on )?to (?:you|u)|"
    r"reassigning to (?:you|u)|can (?:you|u) handle|(?:can|could) (?:you|u) (?:please )?(?:handle|action)(?: pls| please)?|"
    r"(?:can i |i'?ll )?leav(?:e|ing) (?:this|it) with (?:you|u)|(?:please |kindly )?do the needful|(?:please )?review and action|"
    r"(?:please |pls )?(?:action|handle) (?:accordingly|as needed|as appropriate|asap)|(?:please )?take it from here|"
    r"(?:please |pls )?take (?:the )?(?:necessary|appropriate|needful) action|"
    r"do (?:you|u) have (?:time|a (?:moment|minute|sec)) to (?:take care of|handle|deal with|look at) (?:this|it))"
    r"(?:,?\s+[A-Z][\w'’-]+)?\W*(?:\s+(?:thanks|thx|tks|ta|cheers|merci|danke)\W*)?$", re.I)
# A note's ask to take a forwarded mail over in another language ("Kannst du das übernehmen?",
# "Tu peux t'en occuper ?", "¿Te encargas tú?", "Kun je dit regelen?", "対応お願いします").
_HANDOVER_ASK_RE = re.compile(r"(?:\b(?:übernehmen|übernimmst|kümmern|kümmerst|erledigen|erledigst|zur erledigung|um erledigung|"
                              r"das machen|t'en (?:occuper|charger)|vous en (?:occuper|charger)|tu t'en occupes|tu gères|tu peux gérer|"
                              r"prendre le relais|merci de traiter|pour action|à toi de jouer|"
                              r"te encargas|encárgate|encargarte|encargar de|te ocupas|ocúpate|ocuparte|lo gestionas|lo puedes gestionar|"
                              r"gestiona esto|gestionarlo|para tu gestión|te puedes ocupar|"
                              r"cuida disso|cuidar disso|pode cuidar|você assume|tratar disto|tratar disso|trate disso|"
                              r"te ne occupi|occupartene|ci pensi tu|gestisci|gestirlo|"
                              r"oppakken|pak jij|regel jij|dit regelen|afhandelen|zająć|załatwić|consegue ver isso)\b|対応(?:を)?お願い|ご対応|対応して|"
                              r"请处理|处理一下|跟进一下|처리 부탁)", re.I)
# What makes another language's take-over word no ask of the reader's: a "no", a "need not", or the
# writer as subject. (A thing named, "Kannst du die Rechnung von Müller bis Montag erledigen?", makes
# the sentence longer than a take-over of the mail at hand.)
_NOT_HANDED_WORDS_RE = re.compile(r"\b(?:nicht|kein\w*|nie|pas|niet|geen|não|nao|hace falta|no hace|no necesitas|musst|brauchst|"
                                  r"ich (?:werde|kann|mache|übernehme|erledige|kümmere)|yo (?:me|lo|puedo)|ik (?:zal|kan|regel|pak)|"
                                  r"eu (?:posso|vou|cuido)|io (?:posso|me ne)|ja (?:mogę|się)|mogę|"
                                  # ...or a thing named by its article: "die Müller-Rechnung", "de facturen", "de la reserva"
                                  r"die|der|den|dem|des|het|de (?!esto|eso|ello|ça|cela|ceci|isso|isto)\w+)\b|"
                                  r"\bj'|\bje (?:peux|vais|veux|m'|me|le|l'|vous|te|t')", re.I)
# A note that says the forwarded mail needs nothing, or is not to be trusted: nothing is handed over.
_NOTHING_HANDED_RE = re.compile(r"\b(?:just kidding|^\W*all done|already (?:done|handled|sorted|paid|replied|answered|dealt with|taken care of|sent)|"
                                r"no (?:action|reply|response) (?:needed|required|necessary)|no need to (?:do anything|act|action|reply|respond|"
                                r"handle|deal)|no need for (?:action|you)|nothing (?:to do|needed)(?! with)|"
                                r"just for (?:info|your information|reference|the record|visibility)|for (?:info|your information|reference|"
                                r"the record) only|ignore (?:this|me)\W*$|^\W*(?:actually,? )?never ?mind\b(?! the)|scratch that|"
                                r"^\W*forget (?:it|that)|(?:looks|sounds|smells) like (?:a |an )?(?:scam|phish\w*|fraud)|"
                                r"(?<!not )(?:is|it'?s|probably|must be) (?:a |an )?(?:scam|phish\w*)|dodgy|"
                                r"(?:don'?t|do not) (?:click|open) (?:it|this|that)\b|(?:don'?t|do not) pay (?:it|this))\b", re.I | re.M)
# A title that only says to take a thing over: "Take care of it", "Handle and let Ada know".
_TAKE_OVER_RE = re.compile(r"^(?P<verb>take care of|handle|deal with|deal w/?(?=\s)|sort|sort out|action|take|take over|own|look after|see to|"
                           r"pick(?= this\b)|take ownership of|jump on|do the needful|"
                           r"run with|manage|progress|tackle|follow up on|follow up|look into|get)\b(?P<what>(?:\s+(?:it|this|that|these|them|this one|"
                           r"that one|both(?: of (?:these|them|those))?|all of (?:this|these|them|those)|the below|below|out|over|up|please|pls|"
                           r"asap|urgently|quickly|too|as well|today|from here|from me|on (?:my|[\w-]+['’]s) behalf|"
                           r"for (?:me|us|(?-i:[A-Z][\w'’-]+))))*)(?:,?\s+(?:and|then)\s+(?:let (?:me|you|us|\w+) know|revert|"
                           r"get back to (?:me|you|us|\w+)|confirm|report back|keep (?:me|you|us|\w+) posted|handle|action|"
                           r"get (?:it|this|them) (?:fixed|sorted|done|resolved|signed)|sort (?:it|this|them)(?: out)?))?\W*$", re.I)
# ...of those, the ones that say what is taken: "get" only with "done" or "sorted" after it.
_GET_DONE_RE = re.compile(r"^get (?:it|this|that|them|this one) (?:done|sorted|sorted out|handled|fixed|resolved)\W*$", re.I)
# A take-over of several things the forwarded mail asks: each is an item.
_SEVERAL_RE = re.compile(r"\b(?:both|all of)\b", re.I)
_PRONOUN_OBJECTS = r"(?:it|this|that|these|those|them|him|her|this one|that one|one|below|the below|the above|as well|too|please|pls)"
# A pronoun that may stand for something the note said before ("My parcel is at reception. Can you
# pick it up?"), unlike "this", which points at the mail at hand.
_BACK_PRONOUN_RE = re.compile(r"\b(?:it|them|that|those|him|her)\b", re.I)
_MOST_HANDED = 3  # items one take-over of "all of these" may give


def _maybe_forward(message: Message) -> bool:
    """Whether ``message`` may be a forward whose note hands its mail over: a forward's subject, or
    a forward's separator in a mail that is no reply; not the forwarded mail read in turn, past
    _FORWARD_DEPTH."""
    return message.message_id.count(_FORWARDED_ID) < _FORWARD_DEPTH and (
        is_forward_subject(message.subject)
        or (not _REPLY_SUBJECT_RE.match(message.subject) and _FORWARD_MARK_RE.search(message.text) is not None))


def _first_word(text: str) -> str:
    return text.split()[0].lower() if text.split() else ""


def _aimed_elsewhere(sentence: str, yours: set[str]) -> bool:
    """Whether ``sentence`` opens by naming someone not in ``yours`` ("Paul - over to you", "@Paul
    can you handle this?")."""
    named = re.match(r"^[^\w@]*(?:(?:hi|hey|hello)\s+)?(?P<at>@)?(?P<name>[A-Z][\w'’]+)(?(at)\b|(?:\s*,|\s+[-–]\s|\s*:\s))",
                     sentence, re.I)
    if named is None:
        return False
    name = named.group("name").lower()
    return name not in yours and name not in _GROUPS and (bool(named.group("at")) or _vocative(name))


# Who a note may address and still mean the owner among them: "Team, can you take care of this?"
_GROUPS = frozenset("team all folks guys everyone everybody gents ladies colleagues hi hey hello".split())


def _vocative(word: str) -> bool:
    """Whether a capitalised word before a comma may be a name ("Peter,"), not a word that opens a
    sentence ("Firstly,", "However,", "Urgent:")."""
    return not (word in _NOT_VOCATIVES or word.endswith("ly"))


_GREETED_RE = re.compile(r"^\W*(?:hi|hey|hello|hallo|hoi|hola|bonjour|salut|ciao|oi|olá|cześć|dear)\s+[\w'’-]+\s*[,!:-]\s*", re.I)


def _foreign_handover(sentence: str) -> bool:
    """"Kannst du das übernehmen?", "Tu peux t'en occuper ?": a short ask to take the thing at hand
    over, in another language; not one that says no ("Du musst das nicht übernehmen"), the
    writer's own ("Ich werde das übernehmen"), or one about another thing ("Kannst du die Rechnung
    von Müller bis Montag erledigen?")."""
    ask = _GREETED_RE.sub("", sentence)  # "Hallo Ada, kannst du dich bitte darum kümmern?"
    return (len(ask.split()) <= 8 and _HANDOVER_ASK_RE.search(ask) is not None
            and not _NOT_HANDED_WORDS_RE.search(ask))


def _takes_forward_over(item: Item, said: list[str]) -> bool:
    """Whether ``item``, of a forward's note whose sentences are ``said``, asks to take the
    forwarded mail over: "Take care of this", "Reply to him", "Review it", "Over to you",
    "Kannst du das übernehmen?". A pronoun that may stand for what the note said before ("My
    parcel is at reception. Can you pick it up?") counts only in the note's first sentence."""
    whole = next((s for s in said if item.evidence in s), item.evidence)  # (a clause's item: "¿Te puedes encargar de esto, por favor?")
    if _HANDOVER_NOTE_RE.match(item.evidence) or _foreign_handover(item.evidence) or _foreign_handover(whole):
        return True
    core = _as_reply(item.title.rpartition(": ")[2] if item.title.startswith(("Follow up with ", "Answer ", "Reply to ")) else item.title)
    taking = _TAKE_OVER_RE.match(core) or _GET_DONE_RE.match(core)
    if taking is not None:
        if core.lower().startswith("get ") and not _GET_DONE_RE.match(core):
            return False
    elif not (_first_word(core) in _REPLY_VERBS | _READ_VERBS and vague(core)):
        return False
    if _ON_A_CASE_RE.search(whole):
        return False  # "Can you handle this if Tom calls again?": a case that may not come
    at = next((n for n, s in enumerate(said) if item.evidence in s), 0)
    # ...and "it" after sentences that only greet or point at the mail ("Sorry for the late forward.")
    return all(_POINTS_AT_MAIL_RE.match(s) for s in said[:at]) or not _BACK_PRONOUN_RE.search(core[len(_first_word(core)):])


# A case the take-over waits on, unlike a time that suits the reader ("when you get a chance").
_ON_A_CASE_RE = re.compile(r"\b(?:if|in case|unless|should (?:he|she|they|tom|it))\b|\bwhen (?!(?:you|u) (?:get|have|can|are)\b)", re.I)
# A note's sentence that greets, apologises or points at the forwarded mail, and names no other thing.
_POINTS_AT_MAIL_RE = re.compile(r"^\W*(?:(?:hi|hey|hello|dear|morning|good morning|afternoon)\b|sorry|apologies|hope\b|happy\b|thanks|thank you|"
                                r"see (?:[\w'’]+ )?(?:mail|e-?mail|note|message|thread|below)|(?:this|another one|one more|the below) "
                                r"(?:came in|from|is from|landed)|forwarding|fyi\b)", re.I)


def _as_reply(core: str) -> str:
    """"Get back to him", "revert to her", "write back": a reply, said as one ("Reply to him")."""
    back = re.match(r"^(?:get back|write back|come back|revert)(?:\s+to\s+(?P<who>him|her|them))?\W*$", core, re.I)
    return f"Reply to {back.group('who') or 'them'}" if back else core


# Verbs of taking over that need their object ("take it", "pick this up"): before a subject they say
# "Take care of".
_BARE_TAKE_VERBS = frozenset(("take", "pick", "get", "sort", "own", "take over", "follow up", "take ownership of", "jump on",
                              "do the needful", "run with", "progress"))
# What a forwarded ask may not make the owner's task, whoever forwards it: money to an account or a
# wallet, changed bank, salary or deposit details, remote access, mailbox delegates and rules, logins.
_RISKY_ASK_RE = re.compile(
    r"\b(?:(?:pay|wire|transfer|remit|send|deposit|move)\b[^.!?\n]{0,60}\b(?:account|wallet|bitcoin|btc|crypto|usdt|iban)|"
    r"(?:change|update|amend|replace|switch|correct)\b[^.!?\n]{0,40}\b(?:bank|account|salary|payroll|direct deposit|"
    r"remittance|payment) (?:details|account|information|info|number|instructions)?|"
    r"bitcoin|crypto|wallet|gift ?cards?|anydesk|teamviewer|remote (?:access|desktop|support)|"
    r"delegate|(?:mail(?:box)?|inbox|forwarding) rule|set up (?:a |an )?rule|auto-?forward|"
    r"(?:log ?in|sign ?in|password|credentials?|verify (?:your|the) account|mfa|2fa|one-time code)|"
    # ...and anything to be sent to an address the forwarded mail names: "Share the export with data@..."
    r"(?:share|send|forward|e-?mail|export|upload)\b[^.!?\n]{0,80}\b[\w.+-]+@[\w-]+)", re.I)
_MONEY_WORDS_RE = re.compile(r"\b(?:pay|paid|payment|payments|wire|transfer|remit|remittance|invoice|deposit|refund|funds|settle)\b|"
                             r"[$€£]\s?\d|\d\s?(?:usd|eur|gbp|chf)\b", re.I)


def _plain_subject(subject: str) -> bool:
    """Whether a forwarded subject may stand in a title: short, and with no link, address, amount
    or word of paying, logging in or urgency ("Renewal of the insurance certificate", not "Verify
    your account at http://...", "Pay invoice 4471 today")."""
    return (len(subject.split()) <= 14 and not _RISKY_ASK_RE.search(subject) and not _MONEY_WORDS_RE.search(subject)
            and not re.search(r"https?:|www\.|@|\b(?:urgent|immediately|asap|verify|approve|summari[sz]\w*|automated|assistant|"
                              r"ai|list this|mailbox|account|bank)\b", subject, re.I))


def _person(who: Address) -> str:
    """A forwarded mail's sender as a title names them: the name when it reads as one ("Tom
    Becker", "Becker, Tom" -> "Tom Becker"), else the address, else ""."""
    name = who.name.strip()
    if re.fullmatch(r"[^\W\d_][\w.'’-]*,\s*[^\W\d_][\w.'’-]*", name):
        last, first = (part.strip() for part in name.split(",", 1))
        name = f"{first} {last}"
    if name and len(name.split()) <= 4 and re.fullmatch(r"[^\W\d_][\w.'’ -]*", name) and _plain_subject(name) \
            and not re.search(r"\b(?:now|today|buy|wire|pay|call|verify|approve|send|click|funds|gift)\b", name, re.I):
        return name
    return who.email
_REPLY_VERBS = frozenset("reply respond answer call ring phone contact email revert".split())
_READ_VERBS = frozenset("review read check look go comment approve sign assess evaluate vet consider".split())
# A forwarded mail's payment instructions, or a rule for the owner's mailbox: its asks title nothing
# (as agent.spam.BANK_CHANGE, which ground applies to every extractor's item, but over the whole mail).
_PAY_TO_RE = re.compile(r"\b(?:account (?:below|details below)|"
                        r"(?:pay|paid|payments?|transfer|wire|remit|send|deposit)\b[^.!?\n]{0,40}\b(?:new|following|below|other|different)"
                        r"(?: [\w'’-]+)? (?:bank )?account\b(?!\s+(?:manager|team|executive|director|rep\w*|holder name))|"
                        r"(?:bank|banking|account) (?:\w+ )?(?:has|have) (?:been )?(?:changed|updated|moved)|"
                        r"new bank (?:account|details)|(?:moved|switched|changed) (?:to a new |our )?bank(?! holiday)|escrow account|"
                        r"auto-?forward\w*|forwarding rule|mail(?:box)? rule|redirect (?:all|your) (?:mail|e-?mails?))", re.I)
# An ask that is a courtesy of the mail, not its work: "Please confirm receipt of this email".
_COURTESY_ASK_RE = re.compile(r"^(?:confirm|acknowledge) (?:the )?receipt\b", re.I)
# The traits of agent.spam.scam_traits that mark a forwarded mail as a fraud's (the others, a role as
# the sender's name or an ask to reset a password, are ordinary in a customer's mail).
_FRAUD_TRAITS = frozenset({"changed bank details", "windfall claim"})
# Payment details, which block a forwarded mail's titles only beside a word of change (a footer with
# the sort code under an invoice is no redirection).
_PAY_DETAILS_RE = re.compile(r"\b(?:iban|swift code|bic|routing (?:number|no)|sort code|account (?:number|no\b|details))", re.I)
_CHANGED_RE = re.compile(r"\b(?:new|changed?|updated?|moved|switched|different|replaced|no longer)\b", re.I)
# A vocative that gives a forwarded ask to someone by name ("Peter, could you...", "@John can you...").
_GIVEN_TO_RE = re.compile(r"^[^\w@]*(?P<at>@)?(?P<name>[A-Z][\w'’-]+)(?(at)\b|\s*,)")
_NOT_VOCATIVES = frozenset("also and but so ok okay please pls thanks thank sorry hi hello hey dear well now then again "
                           "separately finally lastly first second third yes no sure great however meanwhile next today tomorrow "
                           "further besides otherwise anyway instead still urgent important reminder note ps fyi update "
                           "regards cheers best".split())
# The topic a sentence opens with, which its "it" stands for: "Release notes: can you approve
# it?", "On the board one-pager, I'll draft it over the weekend", "Re the perf env, I'll have it
# back up by Wednesday" (a comma only after "on", "re", "about" and the like; a colon alone).
_TOPIC_RE = re.compile(r"^\W*(?:(?P<lead>(?:about|on|re|regarding|as for|as to|as regards|concerning)\b:?)\s+)?"
                       r"(?P<np>[^:,;.!?()]{2,60}?)\s*(?(lead)[:,]|:)\s", re.I)
# Topics that are no thing: "Small thing:", "Quick one:", "Good news:".
_NO_TOPIC_RE = re.compile(r"^(?:(?:one|two|three|a|another|the|my|our|last|small|quick|tiny|minor|big|good|bad|final|other|"
                          r"first|second|third|next|main|only|same|real|short|long|side|general|also|and|but|so|ps|p\.s|fyi|"
                          r"btw|note|nb|update|status|question|questions|answer|reply|thanks|thank you|sorry|yes|no|ok|okay|"
                          r"sure|also|re|subject|action|actions|todo|to do|agenda|summary|reminder|heads up|edit|correction|"
                          r"important|urgent|more|then|now|today|tomorrow|meanwhile|otherwise|overall|anyway|finally|lastly|"
                          r"firstly|secondly|point|points|item|items|issue|issues|matter|topic|thing|things|bit|bits|"
                          r"one more thing|news|context|background|the plan|plan|idea|suggestion|proposal|request|ask|"
                          r"option|options|my take|our take|the ask|the catch|the problem|the issue)\b\W*)+$", re.I)
# A thing named in the words before a pronoun: the/your/a ... up to the first word that ends a
# noun phrase (a verb, a preposition, a time), with an "of" phrase after it ("a copy of the
# policy wording"): "I'll dig out the contract tonight, you'll have it", "We still miss the
# signed representation form, can you send it today?"
_NP_STOP = (r"(?:is|are|was|were|be|been|has|have|had|will|would|can|could|should|shall|may|might|must|isn't|aren't|"
            r"wasn't|hasn't|haven't|won't|needs?|says?|said|asks?|asked|told|tells|wants?|thinks?|takes?|goes|comes|"
            r"looks?|seems?|of|as|by|from|to|for|in|on|at|with|within|into|over|under|about|after|before|until|till|"
            r"since|per|via|and|or|but|so|because|which|that|who|when|where|if|once|tonight|today|tomorrow|yesterday|"
            r"first|asap|now|then|soon|later|still|yet|already|also|too|again|this|next|last|please|back|ready|done|"
            r"finished|available|due|late|attached|below|above|"
            r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|it|them|they|we|i|you|he|she|sent|got|made|gave|"
            r"took|put|left|came|went|found|did|done|brought|bought|paid|kept|held|set|wrote|written|[a-z]+ed)")
_NP_WORD = r"(?!" + _NP_STOP + r"\b)\w[\w'’#&/-]*(?:\.\w+)*"
# ...whose first word may be a participle: "the signed form", "the revised plan".
_NP_FIRST = r"(?!(?!\w+ed\b)" + _NP_STOP + r"\b)\w[\w'’#&/-]*(?:\.\w+)*"
_THING_NP_RE = re.compile(r"(?<![\w'’-])(?P<np>(?:the|your|our|my|his|her|their|a|an|two|three|four|five|six|both|(?P<whose>(?-i:[A-Z][\w&.-]*(?: [A-Z][\w&.-]*)?)['’]s))\s+"
                          r"(?P<head>" + _NP_FIRST + r"(?:\s+" + _NP_WORD + r"){0,4})"
                          r"(?:\s+of\s+(?:the|your|our|a|an)\s+" + _NP_WORD + r"(?:\s+" + _NP_WORD + r"){0,3})?)", re.I)
# Heads that name people, places or times, which a thing's "it" does not stand for.
_NOT_A_THING = frozenset(
    "team teams bank client clients customer customers supplier suppliers vendor vendors board office company firm "
    "department lawyer lawyers people staff guys folks manager boss broker everyone person agency partner partners side "
    "week weekend day days morning afternoon evening time moment end meantime while season month year quarter period "
    "one ones rest same other others way thing things point problem issue news question situation case nudge reminder "
    "favour favor chance idea signature approval sign-off go-ahead ok okay attention branch right rights".split())
_TITLE_VERB_RE = re.compile(r"[A-Za-z]+")
# Verbs whose "them"/"it" are people: "call them", "nudge him".
_ON_PEOPLE = frozenset("call ring phone nudge ask tell remind ping chase thank meet invite brief introduce contact".split())


def _plural(np: str) -> bool:
    head = np.split()[-1].lower()
    return " and " in np or (head.endswith("s") and not head.endswith(("ss", "us", "is")))


# The thing a sentence needs, waits for or hands over, which the next sentence's "it" stands for:
# "She needs the signed addendum for the release", "Procurement sent you the renewal", "The
# resubmittal is ready to go", "...until their security questionnaire comes back".
_NEEDED_RE = re.compile(
    r"\b(?:needs?|needed|wants?|requires?|(?:sent|forwarded|passed) (?:you|over|across|on)|(?:i'm|i am|we're|we are) "
    r"(?:forwarding|sending|attaching)|until (?:he|she|they|we|i) (?:has|have|gets?|receives?))\s+"
    r"(?P<np>(?:the|your|our|their|his|her|a|an)\s[^,.;:!?()]{2,60}?)"
    r"(?=\s+(?:for|from|to|before|by|so|until|on|in|with|and|which|that|as|if|this|today|yesterday|tomorrow|"
    r"earlier|last|at)\b|\s*[,.;:!?(]|\s*$)|"
    r"^\W*(?P<np2>(?:the|your|our|their)\s[^,.;:!?()]{2,60}?)\s+(?:is|are)\s+(?:now\s+)?(?:ready|attached|done|finished|"
    r"signed|in your inbox)\b|"
    r"\buntil (?P<np3>(?:the|your|our|their|his|her)\s[^,.;:!?()]{2,60}?)\s+(?:comes?|gets?|is|are) (?:back|in|through|signed)\b",
    re.I)


def _needed_before(before: str, plural: bool) -> str:
    """The thing ``before`` (the sentence before an ask with "it" or "them") needs, waits for or
    hands over (see _NEEDED_RE), of one number with the pronoun, or ""."""
    m = _NEEDED_RE.search(before)
    if m is None or (m.group("np") and re.search(r"\b(?:it|this|that|which|they)\s+(?:still\s+|also\s+)?\S*\s*$",
                                                before[:m.start("np")], re.I)):
        return ""  # (what a thing needs is no thing asked for: "it needs the R&D registration number")
    np = (m.group("np") or m.group("np2") or m.group("np3")).strip()
    thing = _THING_NP_RE.fullmatch(np)
    if thing is None or thing.group("head").split()[-1].lower().strip("'’.") in _NOT_A_THING \
            or _plural(thing.group("head")) != plural:
        return ""
    if thing.group("whose"):
        return np
    return _uncap(re.sub(r"^(?:an?|my|our)\s", "the ", np, count=1, flags=re.I))


def _antecedent(before: str, plural: bool) -> str:
    """The thing "it" (or, ``plural``, "them") stands for, named in ``before`` (the words of its
    sentence before the pronoun): the topic the sentence opens with, else the last thing it names
    (of one number with the pronoun), or ""."""
    if re.search(r"\b(?:it|them|it's|it’s)\b", before, re.I):
        return ""  # said of something before: "it's somewhere in the old Dropbox, let me dig it out"
    topic = _TOPIC_RE.match(before)
    if topic is not None:
        np = topic.group("np").strip()
        words = np.split()
        # ...a noun phrase, not a name ("Anna:", "Hi Tom,"), a clause ("forgot to mention:") or a pronoun.
        if (len(words) <= 8 and not _NO_TOPIC_RE.match(np)
                and not (len(words) <= 2 and all(w[:1].isupper() for w in words) and not _names_deliverable(np))
                and not re.match(r"(?:hi|hello|hey|dear|morning|thanks|it|this|that|there|i|we|you|they|he|she)\b", np, re.I)
                and not re.search(r"\b(?:to|is|are|was|were|will|forgot|mention|think|need|want|know|please|just|sorry)\b",
                                  np, re.I)):
            return _uncap(np) if " " in np or not np[1:2].islower() else np[:1].lower() + np[1:]
    start = topic.end() if topic is not None else 0
    text = re.sub(r"\([^()]*\)", lambda m: "," + " " * (len(m.group(0)) - 1), before)  # an aside: "(CUR, grouped by the tag)"
    named = list(_THING_NP_RE.finditer(text, start))
    # ...of the thing itself, not of what it is for: "the FIRC for the April remittance"
    modifiers = {id(m) for prev, m in zip(named, named[1:], strict=False)
                 if re.fullmatch(r"\s+(?:for|of|on|about|with|to)\s+", text[prev.end("np"):m.start()])}
    found = [m for m in named
             if id(m) not in modifiers and m.group("head").split()[-1].lower().strip("'’.") not in _NOT_A_THING
             and re.search(r"[^\W\d_]{2}", m.group("head").split()[-1])  # "the 1:1" names no thing
             and _plural(m.group("head")) == plural
             # ...not the one who says so ("The ACC says your module isn't done"), a place ("in the
             # portal"), nor the one asked ("I've asked the branch").
             and not re.match(r"\s*(?:says|said|asks|asked|told|thinks|reckons|mentioned|confirmed|wrote)\b", text[m.end("np"):])
             and not re.search(r"\b(?:in|into|inside|at|from|within|under|asked|ask|told|tell|called|emailed|contacted)\s+$",
                               text[:m.start()], re.I)]
    pick = next((m for m in reversed(found) if _names_deliverable(m.group("head"))), found[-1] if found else None)
    if pick is None:
        return ""
    np = pick.group("np").strip()
    if pick.group("whose"):
        return np
    # "a one-page costing ... would you send that": the one just named; mine is the thing's own.
    return _uncap(re.sub(r"^(?:an?|my|our)\s", "the ", np, count=1, flags=re.I))


# A short sentence after an ask that only names when: "Ideally by Thursday.", "Latest Friday please.",
# "Geht das bis Donnerstag?", "Wär super bis Mittwoch.", "Is that possible by Monday?"
_FOLLOW_UP_DAY_RE = re.compile(r"^\W*(?:(?:and|but|so|also|und|aber)\W+)?(?:(?:ideally|preferably|if possible|latest|at the latest|"
                               r"is that (?:ok|okay|possible|doable)|would that work|does that work|can you do that|could you do that|"
                               r"geht das|passt das|klappt das|schaffst du das|schaffen sie das|ist das möglich|wär(?:e)? (?:super|gut|toll|"
                               r"prima|klasse)|am besten|idealerweise|spätestens)\W*)+(?:by|before|until|till|bis|vor|am|on)?\s*"
                               r"(?:the\s+)?[\w.]+(?:\s+[\w.]+)?\s*(?:please|pls|bitte|thanks|danke)?\W*$", re.I)
# A formal wish to receive: "We would appreciate receiving these by Friday 19th May", "We'd be grateful
# to receive the signed forms by the 20th" (not "We appreciate receiving your order so promptly").
_APPRECIATE_RECEIVING_RE = re.compile(r"\b(?:we|i)(?:'d|’d| would| should) (?:greatly |really |very much |much )?"
                                      r"(?:appreciate|be (?:grateful|glad|thankful) to|be (?:grateful|thankful) for) "
                                      r"(?:receiving|receive|having|getting|get|have|your sending|you sending) "
                                      r"(?P<what>[^.!?;]+)", re.I)
_FIND_IT_HELPFUL_RE = re.compile(r"\b(?:would|'d) find it (?:very |really |most |extremely |super )?(?:helpful|useful) to "
                                 r"(?P<verb>have|get|receive|see) (?P<what>(?:the|a|an|your|some)\b[^.!?;]+)", re.I)
# A question asking leave: "Am I allowed to put up a couple of shelves?", "Is it OK if we park in bay 3?"
_LEAVE_ASKED_RE = re.compile(r"^\W*(?:(?:also|and|so|oh|quick question),?\s+)?(?:am i|are we|is it ok(?:ay)? (?:if|for (?:me|us) to)|"
                             r"would it be ok(?:ay)? (?:if|to|for (?:me|us) to)|would you mind if|do you mind if|is it alright if|"
                             r"(?:is|would) it be possible for (?:me|us) to)\b[^?]{3,}\?\s*$", re.I)
# Words that only announce what follows or close a letter: "We would like to inform you about a problem
# that our platform team observed", "Two things I'd love your steer on.", "Please do the needful at the earliest."
_SAYS_WHAT_FOLLOWS_RE = re.compile(
    r"^\W*(?:(?:we|i)(?:'d| would)? (?:like|wish|want) to (?:inform|notify|advise|update) you\b(?![^.!?]*\?)|"
    r"(?:two|three|four|a few|a couple of|couple of|some|a few quick|two quick) (?:things|questions|points|items|bits)\b"
    r"[^.!?:]{0,40}[.!:]?\s*$|"
    r"(?:please |kindly |pls )?do the needful(?: at the earliest| asap| at your earliest(?: convenience)?)?\W*$|"
    r"(?:a |one )?quick (?:one|question|q|thing)\b[^.!?]{0,40}[.!:]?\s*$|"
    # a handover of what follows: "Please see the facade update for this week:", "Kindly also note the following:"
    r"(?:please |pls )?(?:kindly )?(?:find|see) (?:below )?(?:the |our |my |this |your )[^.!?;]{2,80}:\s*$|"
    r"(?:(?:and|also) )?(?:please |pls |kindly )+(?:also )?(?:note|take note of|be informed of|see) (?:also )?the following\W*$|"
    # a formal opener that names what the letter is about: "Reference is made to the above facility which
    # is due to expire on 31st May", "With reference to your letter of 3rd May"
    r"(?:reference is (?:hereby )?made to|with reference to|we refer to|i refer to)\b(?![^.!?]*\b(?:please|kindly|request|"
    r"could you|can you|would you)\b)[^.!?]*[.!]?\s*$|"
    # a referral: "For network topics, please contact Lukas Hartmann, he manages our infrastructure"
    r"for (?:any |all |other |further )?[\w -]{1,30}? (?:topics|questions|queries|matters|issues|enquiries|inquiries),?\s+"
    r"(?:please )?(?:contact|reach out to|get in touch with|speak to|talk to|write to)\b)", re.I)
# Someone's ask carried by the writer: "Raj asked me to nudge you for the signed engagement letter",
# "Tom wants me to remind you to sign the variation".
_NUDGE_RE = re.compile(r"\b(?:asked|wants|told|reminded) (?:me|us) to (?:nudge|chase|remind|ping|prod|poke|bug|hassle) (?:you|u) "
                       r"(?:(?P<for>for|about|on|re|regarding) (?P<thing>[^.!?;]+?)|to (?P<act>[^.!?;]+?))(?=\s*(?:[-–—,;.!?]|$))", re.I)
# What a choice not yet made would need: "If you do want to continue, we'd also need a PO extension
# before we can roster anyone", "If you go with option 2, we would need a signed change order before we
# can release the units". Nothing stands in the way of work no one has chosen yet.
_IF_CHOSEN_RE = re.compile(r"^\W*(?:(?:and|but|so|also|of course),?\s+)?(?:if|should|in case|assuming|provided) (?:you|u|we|they)"
                           r"(?: do| ever| still| really| decide to| then)? (?:want|decide|wish|'d like|would like|choose|"
                           r"go (?:ahead|with|for)|prefer|opt|plan|agree|continue|proceed|extend|renew)\b", re.I)
# What the reader has by now, said as a check and asking nothing: "you should have the completed
# envelope from DocuSign already", "You should have received the signed copy by now" (not with an ask
# after it: "..., if not let me know").
_ALREADY_YOURS_RE = re.compile(
    r"^\W*(?:[\w,' ]{0,30}?\b)?(?:you|u) (?:should|ought to|must|will|'ll|’ll) (?:already |now |probably )?have "
    r"(?:(?:already |now )?(?:received|got|gotten|seen|had|been (?:sent|given|copied))\b|[^.!?;]*\b(?:already|by now)\b|"
    # ...or has it now: "You should now have an invite to the data room from DocSend"
    r"(?<=now have )(?!(?:to|until|till)\b)(?![^.!?;]*\b(?:by|before|until|from me)\b)[^.!?;]*[.!]?\s*$)"
    r"(?![^.!?]*(?:\?|\b(?:please|pls|could you|can you|let me know|lmk|if not|otherwise)\b))", re.I)
# What a promise names that is no piece of work, dated or not: keeping a thing as it is ("I'll keep
# the dehumidifiers running until readings are under 60%, probably Friday") and news to come
# ("I'll know more after my call with them on Monday", "we'll have a clearer picture by Friday").
_NO_WORK_VP_RE = re.compile(
    r"^(?:keep (?:the |our |your |it |them |things |everything |this |that )?[\w' -]{0,40}?\b(?:running|going|open|"
    r"ticking over|in place|on hold|warm|dry|topped up|switched on)\b|know (?:more|better|for sure|then)\b|"
    r"have (?:a )?(?:better|clearer) (?:idea|picture|view)\b)", re.I)
_ASK_RE = re.compile(
    r"\b(?:can|could|would|will) (?:you|u)\s+(?:(?:please|kindly|also|quickly|possibly|perhaps|just|be able to|"
    r"be in a position to)\s+){0,2}(?!believe\b|imagine\b|"
    r"tell me if\b|mind\b)(?P<vp>[a-z][^.!?;]*)|"
    r"\b(?:would|do) you mind\s+(?P<vp2>[a-z][^.!?;]*)|"
    r"\b(?:are you able to|is it possible (?:for you )?to|would it be possible (?:for you )?to|"
    r"(?:i|we)(?:'d| would|'ll|’ll| will)? need you to|^\W*(?:(?:and|also|so|but),?\s+)?(?:really |urgently )?need (?:you|u) to|"
    r"you(?:'ll| will)? need to|you should(?!\s+(?:not|never|have been|(?:also |now |then |soon )?(?:see|notice|find)\s+(?:it|them|this|that|the|your|a|an|some|parity)\b[^.!?;]*\b(?:within|in|by|shortly|soon|once|when|after|tomorrow|today|tonight|later)\b))|make sure (?:to|you)|"
    r"remember to|(?:don't|dont|do not) forget to|(?:just )?a (?:quick |friendly )?reminder to|i(?:'d| would) appreciate (?:it if )?you|(?:we|i) (?:should|would) be (?:most |very |so )?grateful if you (?:would|could)|"
    r"(?:i was |i'm |i am )?wondering if you could|if you could(?: please)?|"
    # (a wish for the reader's own time is none: "hoping you can relax over the holidays")
    r"(?:i was|i'm|i am|we were|we're|we are) (?:really |just )?hoping (?:that )?(?:you|u) (?:could|can|might|would be able to)"
    r"(?!\s+(?:relax|rest|enjoy|have a|make it|get some|unwind|switch off|take (?:a|some) (?:break|time))\b)|"
    r"(?:i |we )?(?:would |'d )?appreciate if (?:you|u) (?:can|could|would)|"
    r"any chance (?:you|u) (?:could|can|would be able to)|are you (?:ok|okay|happy|free|able) to|"
    # a soft ask put as a condition of the writer's part: "if you can drop the pieces round tmrw I can shoot Weds"
    r"^(?:so |and |also )?if (?:you|u) (?:can|could)(?: please)?(?=\s+(?!(?:not|make it|help it|see|tell|believe)\b)[a-z]"
    r"[^.!?;]*?,?\s(?:i|we)(?:'ll| will| can| could|'d be able to)\s)|"
    r"(?:i |we )?(?:kindly )?request you to|^mind|"
    # ...of the reader's side named as formal letters name it: "We once again request the management to
    # convene the meeting", "The union requests the company to withdraw the order"
    r"^\W*(?:[^,.!?;]{1,60},\s*)?(?:(?:we|i)(?: once again| again| kindly| hereby| humbly| therefore| also)*|(?:the|our|this) (?!(?:customer|client|tenant)\b)[\w'’ -]{1,30}?)\s+"
    r"requests? (?:(?:all|every|each) (?:[\w/-]+ ){1,4}?|the (?:management|company|employer|establishment) |your (?:good )?office )to(?! (?:kindly )?(?:note(?! and\b)|take note|take notice|ignore|disregard|be (?:informed|advised))\b)|"
    # ...an ask passed on: "Marketing wants you to sign off the merchant email by Friday"
    r"\b(?:wants|needs|has asked|is asking|are asking) (?:you|u) to(?= (?!know|be|feel|think|enjoy|"
    r"meet|have fun)\b)|"
    # ...and in the passive, as formal letters put it: "you are requested to provide the analysis by Thursday"
    r"\b(?:you are|your ?good ?self is|your ?good ?selves are) (?:(?:hereby|kindly|also|therefore|further|accordingly|once again) )*"
    r"(?:requested|asked|required|reminded|directed|instructed|summoned|called upon) to(?! (?:kindly )?(?:note(?! and\b)|take note|take notice|ignore|disregard|be (?:informed|advised))\b)|"
    # ...and an order to the reader's side named as a party: "The employer is hereby directed to deposit the dues"
    r"\b(?:the )?(?:employer|management|establishment|occupier|company|licensee|assessee|applicant|contractor) is hereby "
    r"(?:requested|required|directed|instructed) to(?! (?:kindly )?(?:note(?! and\b)|take note|take notice|ignore|disregard|be (?:informed|advised))\b)|"
    # "We request that you provide the complaints register by 30 November"
    r"(?:i |we )?(?:would )?(?:kindly |hereby |formally |also |therefore )?(?:request|ask|require) that (?:you|u)(?: please)?|"
    # a wish to be told: "we'd love to know what it does to the application", "I'd like to hear
    # your thoughts on the draft"; not a friendly one ("...how the trip went", "...from you")
    r"(?:i|we|(?:the|our) (?:cfo|ceo|coo|board|owners?|client|auditors?|bank|lawyers?)|legal|finance|procurement)"
    r"(?:'d| would| should)? (?:really |also |just )?(?:(?:love|like|wants?|needs?|be keen|be glad|be grateful) to (?:know|hear|understand)|"
    r"(?:appreciate|welcome) (?:knowing|hearing|understanding|learning))"
    # ...a day first is the same ask: "I need to know by Wednesday whether we can make it"
    r"(?=\s+(?:(?:by|before|no later than) [^.!?;,]{2,25}?,?\s+)?(?:whether|if|what|when|which|who|how|where|why|"
    r"your (?:thoughts|views?|take|feedback|input|opinion|decision)\b))"
    r"(?!\s+how (?:you|u|your (?:weekend|trip|holiday|break|day|family|kids|travels?))\b)"
    r"(?!\s+(?:how|about)\b[^.!?;]*\b(?:went|go|going|was|were|are|getting on)\s*[.!]*\s*$)"
    r"(?!\s+(?:how|whether|if)\b[^.!?;]*\b(?:doing|enjoyed|enjoying|feeling|holiday|vacation|weekend|trip|mother|father|"
    r"mum|mom|dad|family|kids|baby|wedding|birthday)\b)|"
    # "I would also ask that you confirm whether..."
    r"(?:i |we )?(?:would |must )?(?:also )?(?:kindly )?ask that (?:you|u)|"
    # ...advice in second-language English's order, a step for the reader: "I recommend to inspect the
    # magnetic plug of both trucks within this week" (not "I suggest to the board that...")
    r"\b(?:i|we)(?:'d|’d| would)? (?:strongly )?(?:recommend|suggest) to(?= (?:inspect|replace|change|repair|clean|confirm|send|submit|review|update|install|test|measure|order|prepare|arrange|inform|sign|approve|fix|adjust|apply|conduct|carry out|perform|stop|reduce|increase|monitor|record|upgrade|calibrate|lubricate|tighten|remove|retest|resample|sample|share|provide|return|issue|recheck|overhaul|flush|drain|isolate|shut down|postpone|cancel|escalate|contact|proceed)\b)|"
    # "I hope you can reply me before the weekend"
    r"(?:i |we )?(?:do )?hope (?:that )?(?:you|u) (?:can|could|will be able to|are able to|will)(?! (?:be|have|enjoy|make it)\b)|"
    # "I would be happy if you can give me an estimated date of fix"
    r"(?:i|we)(?:'d| would) be (?:very |most |so )?(?:happy|glad|thankful|obliged) if (?:you|u) (?:can|could|would)(?! (?:be|have|enjoy|make it)\b)|"
    # second-language asks: "I ask you kindly to confirm", "we need that you sign", "you must send"
    r"(?:i |we )?(?:would )?(?:kindly )?ask (?:you|u) (?:kindly |please )?to|you must(?!\s+(?:be|have|know|feel|think|see|love|like)\b)|"
    r"(?:(?:we|i) need|(?:it )?is (?:necessary|important|essential|urgent)) that (?:you|u)(?: please)?|"
    # ...but not an account of a kindness done: "Sophie has already kindly arranged the room"
    r"(?<!to )please|(?<!has )(?<!have )(?<!had )(?<!'ve )(?<!already )(?<!was )(?<!were )kindly|pls)\s+(?P<vp3>[a-z][^.!?;]*)",
    re.I,
)
# "We need the forecast from you", and in second-language order "we need from you the forecast".
_NEED_FROM_RE = re.compile(r"\b(?:we|i)(?:'d| would| will|'ll)?(?: also| still)? (?:need|want|require)s? "
                           r"(?:from you (?:(?:now )?(?:is|are) )?(?P<after>(?:the|a|an|your|some|any|two|three|more)\b[^.!?;,]{3,80})|"
                           r"(?P<what>.{3,80}?) from you\b)", re.I)
# The steps a reminder may name ("Don't forget to send the signed copy back by Monday"), and a
# thing put in a done state ("Make sure the invoices are paid before Friday"): a reminder of
# anything else ("to claim your free gift", "to bring a jacket", "make sure your seatbelt is
# fastened") is the model's to judge.
_WORK_STEP = (r"(?:send|sign|countersign|pay|submit|return|renew|file|lodge|upload|approve|confirm|complete|fill (?:in|out)|"
              r"book|order|update|review|reply|respond|invoice|register|print|post|share|email|call|chase|cancel|rsvp|"
              r"drop off|finali[sz]e|prepare|get (?:the|your|it|them)\b[^.!?;]{0,40}?\b(?:signed|approved|done|back)|"
              r"bring (?:the|your) (?:signed|completed|updated|final|printed)\b|"
              # ...a thing to bring along: "Don't forget to bring the lanyards to the registration desk"
              r"bring (?:the|your|our|all|both) (?!(?:a-game|umbrella|coat|jacket|appetite|friends|kids|partner|family|smile|"
              r"sunscreen|swimsuit)\b)[\w-]+(?: [\w-]+)? (?:to|for|along)\b)\b")
_DONE_STATE = (r"(?:that )?(?:the|your|all|every|both|it|they)\b[^.!?;]{0,60}?\b(?:is|are|gets?|get|has been|have been) "
               r"(?:paid|signed|submitted|sent|filed|lodged|returned|booked|renewed|uploaded|approved|completed|done|"
               r"countersigned|ordered|updated|cancelled|canceled|in|finali[sz]ed|ready|"
               # ...or where it is to be: "Make sure your foremen are there with the test records"
               r"there|present|on site|available|briefed|informed)\b")
_IMPERATIVE_RE = re.compile(
    # (...after the step before it: "Then prepare the letter to PMC for my signature")
    r"^(?:also,?\s+|and\s+|so\s+|(?:and |so )?then,?\s+)?(?:just\s+)?"
    # after the purpose it serves: "To hold your pitch pay the deposit by Friday"
    r"(?:(?:to|in order to) (?!be\b)[a-z]+ (?:your|the|a|an|our|this|it|them|my)\b[\w' -]{0,25}?,?\s+(?:please\s+|pls\s+)?)?"
    r"(?P<vp>(send|share|review|sign|confirm|book|schedule|call|forward|update|add|approve|"
    # ...and as phone mail puts them: "just pop a photo over", "shout by Friday", "drop them round"
    r"pop|shout|drop|ring|stick|chuck|bung|"
    r"check|fill in|fill out|complete|submit|prepare|draft|finish|give|reply|respond|ping|loop in|intro|register|"
    r"introduce|set up|sort out|look at|take a look|have a look|get back to me|let me know|tell|ask|find|"
    r"grab|bring|pick up|move|cancel|order|pay|invoice|email|text|write|start|begin|get (?:me|us)|"
    r"(?:skim|answer)(?= (?:the|a|an|your|my|our|his|her|their|this|that|these|those|all|both|it|them|\d|"
    r"(?-i:[A-Z])[\w-]+['’]s\b))|"
    # ("Chase the supplier", not "Chase and I had lunch", "Chase Manhattan closed my account")
    r"(?:chase|nudge)(?= (?:the|a|an|your|our|my|his|her|their|up|him|her|them|it|this|that|these|those)\b)|"
    r"(?:make sure|ensure) (?=" + _DONE_STATE + r"))\b"
    # ...but not the word as a noun with its verb after it: "Schedule is attached", "Draft is up",
    # or with what it is of: "Review of sub-aggregator downloads", "Draft of the declaration attached"
    r"(?!\s+(?:is|are|was|were|has|have|will|looks?|went|goes|of)\b)[^.!?;]*)",
    re.I,
)
# The owner's order of a piece of work with its day, in a verb the asks of others seldom open on:
# "Hold the pump for Monday", "Ship them Wednesday to the yard", "Run the numbers by Friday".
_DATED_ORDER_RE = re.compile(
    r"^(?:(?:yes|ok|okay|great|perfect|sure|fine|also|and|so|then)\W+)*(?:just\s+|please\s+|pls\s+)?"
    r"(?P<vp>(?:hold|ship|deliver|post|return|renew|file|raise|chase|arrange|organi[sz]e|print|upload|install|"
    r"replace|repair|fix|collect|transfer|test|measure|clear|load|unload|pack|label|reserve|reschedule|rebook|run|"
    r"pull|put)\s+(?!(?:is|are|was|were|has|have|will|of|on hold)\b)(?:it|them|that|this|these|those|the|a|an|our|your|"
    r"my|his|her|their|all|both)\b[^.!?;]*)", re.I)
# Leave to go on, not a new piece of work: "Go ahead and send it", "Feel free to book it", "grab
# whatever you need".
_PERMISSION_RE = re.compile(r"^\W*(?:go ahead|feel free|by all means|you can|you may)\b|"
                            r"^\W*[a-z]+ (?:whatever|anything|any of (?:it|them)) (?:you|u) (?:need|like|want|fancy)\b",
                            re.I)
# The owner's question to the person written to waits on their answer ("Any idea when finance
# might sign off?", "Is there power this time?"); small talk and exclamations ask for nothing.
_SOCIAL_Q_RE = re.compile(r"^\W*(?:(?:and|so|also|oh),?\s+)?(?:how(?:'s| (?:are|is|was|were|did|do|does|have|has|about))\b|"
                          r"did (?:you|u) (?:have|enjoy|get home|see)\b|(?:are|r) (?:you|u) (?:well|ok|okay|keeping)\b|"
                          r"(?:you|u) (?:ok|okay|well|good)\b|what (?:a|an)\b|who (?:knew|would)\b|why not\b|"
                          r"(?:isn't|wasn't|aren't|don't|didn't) (?:it|that|they|you)\b|right\b|ok\b|okay\b|"
                          r"(?:can|could) (?:you|u) (?:believe|imagine)\b|remember\b|know what\b|guess\b)",
                          re.I)
# Small talk asked as a question, after a greeting or alone: "How are you?", "Hi Marcus, tudo bem?",
# "How was the trip?". It waits on no answer; "How are the numbers looking?" is no small talk.
_SMALL_TALK_RE = re.compile(
    r"^\W*(?:(?:hi|hey|hello|dear|hola|ciao|bonjour|hallo|ol[aá]|oi)\b[^,.!?]{0,30}[,!.]\s*)?"
    r"(?:(?:and|so|also|oh|but),?\s+)?"
    r"(?:how (?:are|r) (?:you|u|things|you doing|you all|you guys|all of you)(?: (?:doing|keeping|getting on|holding up|coping|settling in))?(?: (?:today|these days|over there|after the (?:move|trip|week|storm|flight|news)))?|"
    r"how(?:'s| is) (?:it going|life|everything|things|your week|the week|your weekend|the family)|how have you been|"
    r"how (?:was|were) (?:your|the) (?:weekend|trip|holidays?|vacation|flight|break|time off)|"
    r"tudo bem|tudo bom|(?:comment )?[cç]a va|qu[eé] tal|como (?:est[aá]s|vai|va)|wie geht'?s(?: dir| ihnen)?|"
    r"come (?:stai|va)|all (?:good|well)(?: (?:with you|on your side|there))?)"
    r"(?:,? \w+)?\W*$", re.I)
_MARKETING_RE = re.compile(r"\bif you (no longer|do not|don't) (want|wish|prefer)|please ignore this|"
                           r"add \S+@\S+ to your address book|\$link|click (here|below|above|(on )?(the|this) link)|"
                           r"\d+ ?% off\b|\bsave (up to )?\d+ ?%|\bregister now\b|"
                           # an offer of early-bird prices, not a colleague's "before the early-bird closes"
                           r"\bearly[- ]bird (?:price|pricing|rate|ticket|discount|offer|special|deal|registration|access)s?\b|"
                           r"\bearly[- ]bird\b(?=[^.!?]*\b(?:register|sign up|buy|grab|get yours|save|discount)\b)|"
                           r"\blimited[- ]time (offer|deal)|"
                           # an offer to book or join: "Book your 2027 event before 31 December and receive a complimentary
                           # welcome coffee", "Book your free place via the members' area", "Join before 30 November and get
                           # your first three months free"
                           r"^\W*(?:book|join|register|sign up|claim|reserve|subscribe|upgrade|grab)\b[^.!?]{0,80}?\b(?:complimentary|"
                           r"(?:first |\d+ |three |two |one )?(?:months?|weeks?) free|free (?:place|trial|pass|ticket|entry|access|"
                           r"consultation|survey|demo|guide|gift|upgrade|shipping|coffee|month|months|seat|spot)s?|% off|discount)\b|\b(sign up|subscribe) (now|today)\b|(?<!you )(?<!please )(?<!pls )\bbook (?:a|your) (?:free )?demo (?:today|now)\b|"
                           # a list's footer: "You can unsubscribe at any time by clicking the link below"
                           # (the whole sentence, with no ask after it: "You can unsubscribe at any time, but
                           # please confirm by Thursday" asks; "make sure customers can unsubscribe" too)
                           r"^\W*(?:you (?:can|may) (?:always |also )?(?:unsubscribe|opt[- ]out)|to (?:unsubscribe|opt[- ]out),?)"
                           r"(?=\s*(?:at any time|anytime|(?:of|from) (?:these|this|our|all|future|marketing)\b|by |here|below|[.!]|$))"
                           r"(?![^.!?]*(?:,\s*but\b|\b(?:please|pls|kindly|rsvp)\b|\blet (?:me|us) know\b))", re.I)
_RHETORICAL_RE = re.compile(r"^\W*(?:who|why)\b(?![^?!]*\b(?:you|your|u)\b)[^?!]*,\s*(?:honestly|seriously|i mean|come on|eh)\s*[?!]+\s*$|"
                            # "Who books a concrete pour in December anyway?"
                            r"^\W*(?:who|why)\b(?![^?!]*\b(?:you|your|u|i|we|me|us)\b)[^?!]*\banyway\s*[?!]+\s*$|"
                            # a sigh put as a question, not to the reader: "Who even reads these questionnaires
                            # anyway?", "Honestly, who has time for a 40-page RFP?", "Is it just me or has the
                            # volume doubled?", "Why do customers always wait until the last day?"
                            r"^\W*(?:(?:wow|oh|honestly|seriously|man|gosh|ugh|lol|haha|ha|well|sigh|and|but|also),?\s+)*(?:who even "
                            r"(?:reads|uses|cares|needs|wants|likes|thinks|knows|remembers|does)\b|"
                            r"who has (?:the )?time for (?:a \d|another|these|all (?:these|this|that))|who cares\b(?! for\b)|"
                            r"is it just me,? or\b|"
                            r"why (?:do|does|did|must|would|will) (?!(?:you|u)\b)[^?!]{0,60}?\b(?:always|never|every time|insist)\b|"
                            # "Why does every refurbishment make the storage worse?", "Who decides to put a sink there?"
                            r"why (?:do|does|did|is|are) (?:every|all|these|those)\b|who (?:decides|decided|thought|thinks) "
                            r"(?:to|it was|it would|that was|this was)\b)"
                            r"(?![^?!]*\b(?:you|your|u|any idea|someone|anyone|somebody|anybody|look into|check)\b)[^?!]*\?+\s*$|"
                            r"^\W*(?:(?:wow|oh|honestly|seriously|man|gosh|ugh|lol|haha|ha|well),?\s+)+(?=who knew\b)|^(who knew|who would have thought|what could (possibly )?go wrong|isn't (it|that)|"
                            r"wasn't (it|that)|how (cool|great|crazy|awesome|nice)|why not|guess what|"
                            r"(?:can|could) you (?:believe|imagine)|right\?$)|"
                            # "you should have seen the crowd": an exclamation about the past
                            r"\byou (?:should|could|would|might)(?:'ve| have) (?:seen|been|heard|known|come|gone|had)\b|"
                            # ...or about now: "You should see the view from the new office!"; and a
                            # feeling guessed at: "You must be exhausted after the launch"
                            # (no ask after it: "You should see the invoice, and let me know by Friday!")
                            r"\byou should (?:see|hear|taste) (?![^.?!;]*\b(?:let me know|tell me|by|before|approve|confirm)\b)"
                            r"[^.?!;]*!|"
                            r"^\W*(?:(?:oh|wow|gosh),?\s+)?you must be (?:so |very |really |pretty |absolutely )?(?:exhausted|tired|thrilled|"
                            r"relieved|delighted|excited|proud|chuffed|gutted|shattered|knackered|swamped|busy|sick of|fed up|"
                            r"over the moon|joking|kidding)\b"
                            # ...with news after it, but no ask: "You must be proud of the team, the launch went well"
                            r"(?![^.!?]*\b(?:please|pls|could you|can you|would you|let me know|send|sign|by|before|so|need|needs)\b)"
                            r"[^.!?]*[.!]*\s*$|"
                            # "should be fine on Friday": an expectation, asking nothing
                            r"^(?:it |that |this |which )?should (?:be|work|do)\b|"
                            # a musing for some day, not now: "should we maybe at some point look at PV on the roof?"
                            r"\b(?:maybe|perhaps)\b[^.!?;]{0,40}?\b(?:at some point|some ?day|one day|in the future|down the line|"
                            r"some time)\b(?![^.!?;]*\b(?:by|before|this week|next week|today|tomorrow)\b)|"
                            r"\b(?:at some point|some ?day|one day|down the line)\b[^.!?;]{0,20}?\b(?:maybe|perhaps)\b"
                            r"(?![^.!?;]*\b(?:by|before|this week|next week|today|tomorrow)\b)",
                            re.I)
_NOT_NAMES = frozenset(
    "hi hey hello dear thanks also ok okay sure yes no great quick update note fyi ps sorry morning btw "
    "therefore however so then now anyway again and but well guys team all everyone folks friends please "
    "perfect cool right actually finally first second next meanwhile otherwise unfortunately fortunately "
    "honestly frankly basically regarding re reminder today tomorrow yesterday besides plus anyhow "
    # labels that open a sentence as a name would: "Unrelated: did you want...?"
    "unrelated separately question questions context background summary "
    # connectives that open an ask: "Additionally, could you send me...?" in mail to several
    "additionally furthermore moreover lastly secondly thirdly also alternatively ideally incidentally "
    "similarly likewise instead afterwards later meantime overall still further".split())
# An ask that no rule titles still speaks to the reader: "you", "please", a need of the reader's
# answer or from them ("need your OK before I publish"), an order ("Go ahead with the truck").
# A statement the model alone reads as an ask and that does none of this ("We need to decide
# internally before the pick-up", "I think we should have a call with Greg") asks nothing.
_SPEAKS_TO_READER_RE = re.compile(
    r"\b(?:you|your|yours|u|ur|tu|te|toi|vous|votre|du|dich|dir|ihr|sie|usted|ustedes|please|pls|plz|kindly)\b|"
    r"\bneed(?:s|ed)? (?:an? )?(?:answer|from|your|you|sign-?off|approval|ok|okay|someone|somebody)\b|"
    r"\blet (?:me|us) know\b|^\W*(?:(?:and|also|so|oh),?\s+)?[a-z]+ (?:me|us)\b|"
    r"\bwe (?:should|must|need to) (?:discuss|talk about|go over|go through|review|agree on|decide on)\b|"
    r"^\W*(?:(?:and|also|so),?\s+)?(?:need|go ahead|let's|lets|let us|would love|also need)\b|"
    # ...or wonders or hopes aloud whether the reader will: "I was wondering if I could get some
    # information on the deal", "I wanted to see if we could set up a time", "Would it be possible
    # to...", "Possible for you to come up Wednesday?" (A hope is no ask: "For our 1:1 tomorrow I
    # was hoping we could talk about the promotion packet" sets an agenda.)
    r"\b(?:i|we)(?: was| were| am| are|'m|'re)? (?:just )?wondering (?:if|whether)\b|"
    r"\b(?:i|we) (?:wanted|want|would like|'d like) to (?:see|check|ask|know) (?:if|whether)\b|"
    r"\b(?:would|will) it be possible\b|\bis it possible\b|^\W*possible (?:for|to)\b|"
    # ...or names the reader first: "Mark, go ahead and set up the meeting", "Toni: give me a call"
    r"^\W*(?!(?i:thanks|thank you|yes|no|ok|okay|sure|well|also|so|hi|hello|hey|great|perfect|sorry|unfortunately|"
    r"however|btw|ps|fyi|update|note|re|fwd|and|but|now|then|today|tomorrow|again|finally|first|second|next|internally|"
    r"separately|meanwhile)\b)(?-i:[A-Z][\w'’-]+\s*[,:]\s+(?=[a-z]|[A-Z][a-z]))", re.I)
# What a wish to be told asks for (see _ASK_RE): a question, or the reader's view.
_TOLD_RE = re.compile(r"(?:whether|if|what|when|which|who|how|where|why|your (?:thoughts|views?|take|feedback|input|"
                      r"opinion|decision))\b", re.I)
_LET_KNOW_RE = re.compile(r"\blet (me|us) know\b", re.I)
# What "let me know" asks, when it says: "let me know by Thursday whether you want to extend".
_LET_KNOW_WHAT_RE = re.compile(r"\b(?:let (?:me|us) know|tell (?:me|us))\b(?:\s+(?:by|before|on|until)\s+[^,.!?;]+?)?,?\s+"
                               r"(?P<q>(?:whether|if|what|when|which|who|how|where)\b[^.!?;]*)", re.I)
# "Tell me" cut off from what it asks (the clause cut stops at "which", "whether"...).
_BARE_TELL_RE = re.compile(r"^tell (?:me|us)$", re.I)
# A due phrase is taken out of what is asked ("if the room is free on Tuesday" -> "if the room is
# free"), unless it is what is asked: "if Tuesday works", "whether next Friday suits you".
_ASKED_DAY_RE = re.compile(r"\b(?:if|whether)\s+$", re.I)
_DAY_VERB_RE = re.compile(r"^\s*(?:works?|suits?|fits?|is|are|would|could|does|do|will|can|'s)\b", re.I)


def _without_due(q: str, phrase: str) -> str:
    """What is asked, without the due phrase unless the phrase is the subject asked about."""
    at = q.find(phrase) if phrase else -1
    if at < 0:
        return q
    if _ASKED_DAY_RE.search(q[:at]) and _DAY_VERB_RE.match(q[at + len(phrase):]):
        return q
    return q.replace(phrase, " ")


# Someone's step, as a clause: "your security team has returned the form", "legal signs off",
# "the iOS team moves to the new runners", "it is approved"; not a time ("6 on weekdays").
_THEIR_STEP = (r"(?:the |our |your |their |his |her )?(?!\d)[\w-]+(?: [\w-]+){0,3} (?:(?:is|are|has|have|had|gets?|got) "
               r"(?:been )?(?:[a-z]+ed|[a-z]+en|done|sent|back|in|ready|through)|signs?|approves?|returns?|sends?|moves?|"
               r"finishes|ships?|clears?|confirms?|comes? (?:in|through|back)|lands?|arrives?|releases?|replies|"
               r"answers?|reviews?|agrees?|completes?|delivers?|migrates?|upgrades?|fixes|merges?|closes?)\b[^.!?;]*")
# Steps of work the writer may hold back until something happens (see _BLOCKER_RE's b37).
_HELD_STEP = (r"(?:sign|approve|release|pay|ship|send|order|cut|book|confirm|commit|start|issue|transfer|process|place|proceed|"
              r"go ahead|finali[sz]e|publish|launch|submit|file|print|produce|deliver|load|dispatch|move|sign off|countersign|"
              r"invoice|accept the|hire|renew)\b")
_HELD_STEP_ING = (r"(?:signing|approving|releasing|paying|shipping|sending|ordering|cutting|booking|confirming|committing|"
                  r"starting|issuing|transferring|processing|placing|proceeding|going ahead|finali[sz]ing|publishing|launching|"
                  r"submitting|filing|printing|producing|delivering|loading|dispatching|moving|countersigning|invoicing|"
                  r"hiring|renewing)\b")
_BLOCKER_RE = re.compile(
    r"\b(?:(?:blocked|stuck|held up) (?:on|by|until|behind|waiting (?:on|for))|"
    # (somewhere, waiting on a thing: "The shipment is stuck at customs pending the certificate of origin")
    r"(?<!was )(?<!were )(?<!been )(?:stuck|held up) (?:at|in) (?:the )?[\w-]+(?: [\w-]+)? (?:pending|waiting (?:on|for))|"
    # (stuck for a step not yet taken: "Deliverables are stuck because the distributor hasn't approved the captions")
    r"(?<=\s)(?:are|is|remain|remains) (?:still )?(?:stuck|blocked|held up) because(?! (?:i|we)\b)"
    r"(?=[^.!?;]*\b(?:hasn't|haven't|has not|have not|(?:has|have|is|are) yet to|(?:isn't|aren't|is not|are not) [^.!?;]{0,30}?\byet)\b))\s+(?!\d{1,2}(?:st|nd|rd|th)?\b|(?:mon|tues?|wed(?:nes)?|"
    r"thu(?:rs)?|fri|satur|sun)(?:day)?\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d)(?P<b1>[^.!?;]+)|"
    # Work that cannot go on because of a thing expired or missing: "our developers are unable to proceed
    # with the refund API since the sandbox credentials have expired"
    r"\b(?:are|is|am) (?:still |currently )?(?:unable|not able) to (?:proceed|continue|start|progress|move forward|go ahead|"
    r"complete|finish|test|deploy|integrate|go live)\b[^.!?;]{0,80}?\b(?:since|because|as)\s+(?P<b36>[^.!?;]*\b(?:expired|"
    r"missing|outstanding|not (?:yet )?(?:been )?(?:received|provided|shared|renewed|approved|signed)|hasn't|haven't|has not|"
    r"have not|isn't|aren't|is not|are not)\b[^.!?;]*)|"
    r"\b(?:can't|cant|cannot|can not|unable to|won't be able to|couldn't|won't|will not|must not|shall not|"
    r"may not be [a-z]+ed)\s+(?!wait\b|(?:be able to )?(?:travel|fly|arrive|leave|get there|be there|come|join|attend|make it)\b)[a-z]+"
    r"[^.!?;]{0,60}?\b(?:until|till|til|'til)\s+(?P<b2>[^.!?;]+)|"
    # ...and for as long as a thing is missing: "We cannot continue with the installation as long as
    # the permit is missing" (not a deal's condition: "we won't charge you as long as you cancel").
    r"(?:\b(?:we|i)\s+(?:can't|cant|cannot|can not|are unable to|am unable to|won't be able to|couldn't)\s+"
    r"(?!(?:wait|relax|sleep|rest|lose|stop|believe|help|thank)\b)[a-z]+|"
    # (or in the passive: "The audit cannot be closed as long as the bank confirmation is outstanding")
    r"\b(?:can't|cannot|can not)\s+be\s+[a-z]+(?:ed|en|t)\b)[^.!?;]{0,60}?\bas long as\s+"
    r"(?P<b25>[^.!?;]{2,60}?\b(?:is|are)\s+(?:still\s+)?(?:missing|outstanding|unsigned|unpaid|not (?:signed|approved|"
    r"paid|submitted|received|filed))\b[^.!?;]*)|"
    # Work stopped until someone acts: "We stop the install in this area until the architect says what to do".
    r"\b(?:we|i|they)(?:'re| are|'ve| have| will|'ll)? (?:stop|stopped|stopping|pause|paused|pausing|halt|halted|halting)"
    r"\b[^.!?;]{0,60}?\b(?:until|till|pending)\s+(?P<b18>(?:you|(?:the |your |our |their )?(?:(?-i:[A-Z][\\w-]+)|architect|engineer|inspector|client|customer|vendor|supplier|bank|council|city|landlord|legal|finance|board|auditor|lawyer|insurer|owner|surveyor|designer|consultant|contractor|committee|regulator|manager|team)s?)(?: [\w-]+)? (?:says?|tells?|"
    r"decides?|confirms?|approves?|signs?|answers?|responds?|repl(?:y|ies)|gives?|sends?|is|are|has|have)\b[^.!?;]*)|"
    # "we ready to hang board Monday but city need to sign the rough-in first"
    r"\bbut (?P<b19>(?:you|(?:the |your |our |their )?(?:(?-i:[A-Z][\\w-]+)|architect|engineer|inspector|client|customer|vendor|supplier|bank|council|city|landlord|legal|finance|board|auditor|lawyer|insurer|owner|surveyor|designer|consultant|contractor|committee|regulator|manager|team)s?) (?:needs?|has|have|must) to (?:sign|approve|inspect|clear|check|review|"
    r"pass|release|confirm)\b[^.!?;]*?) first\b|"
    # ...and "unless" someone's go-ahead: "We can't run the shuttle on Tuesday unless you approve
    # overtime"; not a condition of a deal or a plan ("unless you sign for two years").
    r"\b(?:can't|cant|cannot|can not|won't be able to|couldn't|won't|will not)\s+(?!wait\b)[a-z]+[^.!?;]{0,60}?\bunless\s+"
    r"(?P<b17>(?:you|[\w-]+(?: [\w-]+)?) (?:approves?|signs? off|signs? it|confirms?|ok|okays?|authori[sz]es?|releases?|"
    r"clears?|gives? (?:us |me )?the go-ahead)\b[^.!?;]*|we (?:get|have|receive) (?:the |your |an? )?"
    r"(?:approval|sign-?off|go-ahead|ok|okay|confirmation|po|purchase order)\b[^.!?;]*)|"
    # "Without the logo I cannot finish the header": the precondition said first.
    # ...and "Until that's answered the string can't go to localization".
    r"^(?:but |and |so )?(?:until|till) (?P<b14>[^,.!?;]{2,60}?),? (?:[\w'-]+ ){1,5}?(?:can't|cannot|can not|won't|will not|"
    r"isn't able to|aren't able to)\s+(?!wait\b)[a-z]+|"
    r"(?:^|,\s+)(?:but |and |so )?without (?P<b13>(?:(?:the|your|their|his|her|this|that|these|those|our|an?|any|written|signed)\b(?! (?:help|support|"
    r"kindness|generosity)\b)|"
    # ...and a thing named bare, as second-language English has it: "Without zipper we cannot start sewing"
    # (a team's work, not "Without coffee I can't function")
    r"(?!(?:doubt|question|hesitation|fail|delay|exception|you|u|it|them|me|us|him|her|further)\b)(?=[a-z]+(?: [a-z]+)? (?:we|they) (?:can't|cannot|can not) (?:start|ship|close|proceed|release|finish|complete|sign|"
    r"pay|produce|sew|deliver|load|pack|print|book|order|send|submit|file|install|test|invoice|process|issue|"
    r"confirm|cut)\b))"
    r"[^,.!?;]{2,60}?),? (?:i|we|they|he|she)\s+"
    r"(?:can't|cannot|can not|won't be able to|couldn't|am unable to|are unable to|is unable to|(?:am|are|is) not (?:able|allowed) to|"
    r"will not be able to)\s+[a-z]+|"
    # A thing held until something happens: "it's not going anywhere until they see the original cert of origin"
    r"\b(?:isn't|is not|'s not|’s not|aren't|are not|won't be|will not be|won't|will not|not) (?:be )?going anywhere "
    r"(?:until|till|unless|without)\s+(?P<b38>(?!(?:next|this|tomorrow|today|tonight|later|then|after|the end|end|mid|early|late|"
    r"the (?:week|weekend|new year|following|\d)|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|\d)\b)[^.!?;]{3,})|"
    # The writer's own step, refused until something happens: "I'm not signing the PO until legal has looked at
    # the penalty clause", "I don't want anything cut until Hannah has seen the swatch", "We are not in a position
    # to release funds pending receipt of the audited accounts" (not "I'm not worried about it until Monday").
    # (a step of work only, not a mood or a policy: "I'm not celebrating until...", "We are not accepting returns
    # unless...", "I'm not working until the 5th")
    r"^\W*(?:(?:but|and|so|also),?\s+)?(?:(?:i'm|i’m|i am|we're|we’re|we are) not (?:going to " + _HELD_STEP + r"|"
    + _HELD_STEP_ING + r"|(?:yet )?(?:in a position|able|willing|prepared) to " + _HELD_STEP + r")|"
    r"(?:i|we) (?:don't|don’t|do not) want (?:(?:anything|it|them|this|that|these|those|the|any|our|your)\b|(?-i:[A-Z])\w+))"
    r"\b[^.!?;]{0,80}?\b(?:until|till|pending)\s+(?P<b37>(?!(?:next|this|tomorrow|today|tonight|later|then|after|the following|"
    r"the (?:week|weekend|new year|\d)|"
    r"the end|end|mid|early|late|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    r"may|june|july|august|september|october|november|december|\d)\b)[^.!?;]{3,100})|"
    # "before" sets a precondition only with a clause after it: "can't go out before QA signs
    # off", not "can't meet before Friday".
    r"\b(?:can't|cannot|can not|unable to|won't be able to|couldn't|won't|will not)\s+(?!wait\b)[a-z]+"
    r"[^.!?;]{0,40}?\bbefore\s+(?P<b11>(?:the |our |your |their )?[\w-]+(?: [\w-]+)? (?:is|are|has|[a-z]+s)\b[^.!?;]*)|"
    # ...before the writer learns what they need, or the reader takes a step: "We cannot continue the
    # optimisation before we know if the texture pack stays", "we cannot update the kits before you download it"
    r"\b(?:can't|cannot|can not|unable to|won't be able to|couldn't)\s+(?!wait\b)[a-z]+[^.!?;]{0,80}?\bbefore\s+"
    r"(?P<b21>(?:we|i|they) (?:know|hear|learn|find out|get|have|receive|see)\b[^.!?;,]*|you (?:download|send|share|"
    r"approve|sign|confirm|give|provide|upload|return|pay|release|decide|choose|pick|select)\b[^.!?;,]*)|"
    r"\bon hold (?:until|till|til|pending)\s+(?P<b3>[^.!?;]+)|"
    # ...paused or suspended for a step not yet taken: "Processing is currently paused pending verification
    # of the certificate", "Payroll for March is on hold because we still don't have the new starter form",
    # "Your card will remain suspended until we hear from you" (not "on hold as of Monday", not a day alone)
    r"(?<=\s)(?:is|are|remains?) (?:currently |still |now |temporarily )?(?:paused|suspended|frozen) "
    r"pending\s+(?!\d{1,2}(?:st|nd|rd|th)?\b|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|satur|sun)(?:day)?\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|further notice\b|next\b|the end\b|"
    r"(?:it|they|this|that) (?:is|are|has|have)\b)(?P<b26>[^.!?;]+)|"
    r"(?<=\s)(?:is|are|remains?) (?:currently |still |now |temporarily )?(?:on hold|paused|suspended|frozen),? "
    r"(?:because|as|since|while)\s+(?!(?:of|per|usual|well|requested|agreed|discussed|planned|a result)\b)"
    r"(?P<b27>(?:we|i|they|the|our|their|it|he|she)\b(?![^.!?;]*\b(?:your|you)\b)[^.!?;]*?\b(?:still|yet|wait|waiting|missing|"
    r"outstanding)\b[^.!?;]*)|"
    # Work that can go ahead only after someone acts: "the production credentials can be issued only
    # after our Risk team completes the re-verification", "we will ship only once the PO is in".
    r"\b(?:can|could|will|may) (?:[\w'-]+ ){1,6}?only (?:after|once|when) (?P<b23>(?:the|our|their|we|they|receipt|"
    r"(?:full )?payment|(?:receiving|getting|having) (?:the|your|our|their|a|an)|(?-i:[A-Z][\w-]+))\b[^.!?;]*)|"
    # ...with "only" before the step: "we will only mobilise once it's paid", "Our crew will only start
    # once the scaffold has been inspected" (not what is only done then by habit: "we only ship on Mondays")
    r"\b(?:we|i|our [\w-]+(?: [\w-]+)?) (?:can|could|will|shall|may) only (?!(?:guess|imagine|hope|assume|speculate|wonder|"
    r"say|know|tell|see|think)\b)(?:[\w'-]+ ){1,5}?(?:after|once|when) "
    r"(?P<b23b>(?:the|our|their|your|we|they|it|it's|it is|this|that|receipt|(?:full )?payment|"
    r"(?:receiving|getting|having) (?:the|your|our|their|a|an|full)|(?-i:[A-Z][\w-]+))\b[^.!?;]*)|"
    r"\b(?P<b4>pending (?:approval|review|sign-?off|legal)[^.!?;]*)|"
    # A precondition: "still waiting on X before we can...", "they need X before they can start",
    # "nothing ships until X".
    r"\bwaiting (?:on|for) (?P<b5>[^.!?;]+?) (?:before|so that|so) (?:we|they|i|he|she|it|you)(?:'d| would)? "
    r"(?:can|could|are able to)\b|"
    r"\b(?:needs?|requires?) (?!from (?:you|u)\b)(?P<b6>[^.!?;]+?) before (?:[\w-]+ ){1,2}(?:can|will|could|would|is able to)\b|"
    # ...the precondition said first: "Before we can release the vehicles we need copies of every licence"
    r"^\W*(?:(?:but|and|so|also),?\s+)?before (?:we|i|they) (?:(?:can|could|are able to|will be able to) )?[^,;.!?]{3,60}?,?\s+"
    r"(?:we|i|they)(?:'ll| will)? (?:still |also |first )?(?:need|require|must (?:have|get|receive|see))\s+"
    # (not a lead-in to what is asked: "Before I bring Finch to the partner meeting, I need a few things from you:")
    r"(?!(?:a few|some|several|two|three|four|the following|these)\b)(?P<b22>[^.!?;]+)|"
    r"\b(?:nothing|none of (?:the |our |them\b)?[\w-]*) (?:[\w-]+ ){1,6}?until (?!after\b|the end\b|next\b|then\b|later\b)"
    r"(?P<b7>[^.!?;]+)|"
    r"\b(?:can't|cant|cannot|can not|won't|will not|unable to) (?!(?:believe|imagine|picture|live|survive|"
    r"cope)\b)(?:[\w-]+ ){1,3}?without "
    r"(?!(?:your |prior |any |advance |written |a )?(?:consent|notice|minimum)\b)"
    # (nor the reader's own word: "which I can't offer without your OK" is why an ask is made)
    r"(?!your (?:ok|okay|approval|sign-?off|go-?ahead|permission|say-?so|decision|signature|green light|blessing)\b)(?P<b8>[^.!?;]+)|"
    # ...after a longer step, for a thing the work needs: "Our bank will not issue the bid bond without the
    # audited statements" (not a promise of how a thing is handled: "we will not share your data without consent").
    r"\b(?:we|i|they|he|she|(?:our|the|their|his|her) [\w-]+(?: [\w-]+)?|(?-i:[A-Z][\w&-]+(?: [A-Z][\w&-]+)?)(?<!s)) (?:can't|cant|cannot|can not|won't|will not|(?:is|are|am) unable to|(?:is|are|am) not (?:able|allowed) to) (?!(?:believe|imagine|wait|"
    r"thank|stress|overstate|tell|say|have|live|share|sell|disclose|charge|contact|use|pass|give|change|cancel|leave|go|"
    r"survive|manage|cope|get|make|hold|keep|guarantee|reserve)\b)(?:[\w'’-]+ ){3,10}?without (?P<b24>(?:the|their|his|her|an?)\b"
    r"(?! (?:help|support|consent|notice|usual|normal|standard|proper|necessary|required|right|"
    r"minimum|doubt|fight|word|trace|hitch|problem|break|second thought|reason|good reason|plan|care)\b)[^.!?;]*)|"
    # ...a longer step, without the thing just named: "we can not start shaft wall at the elevator without it"
    r"\b(?:can't|cannot|can not|won't|will not|unable to) (?!(?:believe|imagine|wait|thank|stress|overstate|tell|say|"
    r"have|live|do)\b)(?:[\w-]+ ){4,7}?without (?P<b20>it|them|this|that|these|those)\b|"
    # ...said first: "Without it I can't set up the new staging env" (the thing is the ask before it)
    r"^\W*(?:(?:and|but|so|also),?\s+)?without (?P<b20f>it|them|this|that|these|those)\b,?\s+(?:i|we|they|the team)\s+"
    r"(?:can't|cannot|can not|won't be able to|am unable to|are unable to)\s+(?!(?:believe|imagine|wait|thank|say|tell|"
    r"live|do)\b)[a-z]|"
    r"\b(?P<b9>[\w-]+(?: [\w-]+)? (?:has|have|needs?|must) to (?:approve|sign|review|clear|sign off on)[^.!?;]*?) "
    r"before (?:we|they|i)\b|"
    # ...and in the passive: "the new terms must be signed from your side before we can confirm".
    r"\b(?P<b12>(?:the |our |your |their |these |this )?[\w-]+(?: [\w-]+){0,3} (?:must|has to|have to|needs? to) be "
    r"(?:[a-z]+ed|signed|done|seen|given|written)\b[^.!?;]*?) before (?:(?:we|they|i|he|she)(?:'d| would)? "
    r"(?:can|could|are able to|is able to)|(?:anyone|anybody|any work|work|the crews?|crews?) (?:can |may )?(?:goes|go|starts?|"
    r"resumes?|continues?|proceeds?))\b|"
    # Still waiting on the owner's part; someone else's ("still waiting on two invoices") is
    # their status, not the owner's to unblock.
    r"\bstill waiting (?:on|for) (?P<b10>your\b[^.!?;]+)|"
    # A step allowed only after someone else's: "the trial can only be activated after your team
    # has returned the form", "it has to wait until the iOS team moves". What follows must be a
    # clause, so "I can only meet after 3pm" or "it has to wait until Monday" is no blocker.
    r"\b(?:can|could) only (?!(?:guess|hope|imagine|wonder|speculate|assume|dream)\b)(?:be )?[a-z]+[^.!?;]{0,40}?\b(?:after|once) (?P<b15>" + _THEIR_STEP + r"|(?:we|i) (?:receive|get|"
    r"have received)\b(?![^.!?;]*\b(?:your|you)\b)[^.!?;]*|(?:the )?(?:receipt|payment|settlement|clearance|completion) of\b[^.!?;]*)|"
    r"\b(?:has|have|will have|needs?|must) to wait (?:until|till|for) (?P<b16>" + _THEIR_STEP + r")|"
    # The precondition said first, before a third party's step: "Without the signed wayleave the DNO
    # won't programme the connection" (not the reader's own word, which is why an ask is made, nor
    # "Without a doubt the venue can't be beaten").
    r"(?:^|,\s+)(?:but |and |so )?without (?P<b28>(?:the|their|his|her|this|that|these|those|an?|any|written|signed|valid)\b"
    r"(?! (?:help|support|kindness|generosity|doubt|question|discount)\b)[^,.!?;]{2,60}?),? (?:(?:the|our|their|his|her|its) |(?-i:[A-Z]))"
    r"(?!(?:i|we|they|he|she|you)\b)(?:[\w'-]+ ){0,3}?[\w'-]+ (?:can't|cannot|can not|won't|will not|(?:is|are) unable to|"
    r"(?:isn't|aren't|is not|are not) able to)\s+(?!(?:believe|imagine|wait|be beaten|be matched)\b)[a-z]+|"
    # A thing that is stuck, said as its state: "Datapeak's gold payment is stuck", "The shipment is
    # still stuck in customs", "200 consignments stuck because e-way bill generation fails"; not a
    # person's day ("I'm stuck in meetings", "Tom is stuck in Frankfurt") nor one that is over.
    r"^\W*(?P<b29>(?!(?:i|we|you|he|she|they|i'm|we're|you're|he's|she's|they're|it|it's|this|that)\b)(?!(?-i:[A-Z][a-z]+) (?:is|are|'s)\b)"
    r"[^.!?;]{2,70}?(?:\b(?:is|are|remains?|has been|have been)|(?<=\w)['’]s|(?<=^\d)|(?<=\d ))[^.!?;]{0,40}?"
    r"(?:(?<=\s)(?<!i'm )(?<!i am )(?<!we're )(?<!we are )(?<!i )(?<!we )(?:(?:still|now|currently|also) )?(?:stuck\b(?! (?:in|at|on) (?:traffic|meetings?|(?:a |the )?meeting|my head|"
    r"(?:the )?(?:rain|snow|airport|hotel|office|house|lift|elevator)|home|bed)\b)"
    # ...or on hold ("the customs clearance is on hold", "so your January PO is on hold for the moment";
    # not "on hold for Eid", a pause with its own end)
    r"|(?<!was )(?<!were )(?<!been )(?<!it is )(?<!it's )(?<!only )(?<!provisionally )on hold\b(?![^.!?;]*\?)(?! for (?!(?:the moment|now|the time being)\b))"
    r"(?! (?:under|in your|at the|with|as|until|till|til|pending|because|since|due to|for (?:the moment|now)\W*\s*(?:until|till|pending))\b))"
    # (what it is stuck because of is _CAUSED_RE's to judge: "stuck because of the weather" is no one's to fix)
    r"(?![^.!?;]*\b(?:because|due to|as a result|owing to|thanks to)\b)[^.!?;]*))|"
    # No access to what the work needs: "I still don't have access to their staging environment"
    # (not an away day's "I don't have access to email this weekend", nor the reader's "if you don't").
    r"(?:^\W*|:\s+)(?:(?:but|and|so|also|unfortunately|sadly|however),?\s+)?(?:i|we|they|he|she|the team|(?:our|the) [\w-]+(?: [\w-]+)?) "
    r"(?:still |currently |also )?(?:don't|do not|doesn't|does not|didn't get|haven't got|have not got|haven't been given|"
    r"have not been given|have no|has no|still have no|still has no|can't get|cannot get|'ve no) (?:any )?(?:\w+ )?access to "
    r"(?!(?:e-?mail|my (?:e-?mail|laptop|phone|computer|desk|inbox)|(?:the )?(?:wifi|wi-fi|internet)|a (?:computer|laptop|phone))\b)"
    r"(?P<b30>[^.!?;]+)|"
    # Work held until the writer hears: "I'm holding the pages until I hear back", "We're holding our cost
    # statement until we hear from you" (not a room held for the reader: "holding the room until Friday").
    r"\b(?:i|we|they)(?:'m|'re| am| are)? (?:still |currently |now )?holding (?:back )?(?P<b31>(?:the|our|my|their|all|both|this|that|these|those)\b"
    r"[^.!?;]{1,50}?) (?:back )?until (?:i|we|they) (?:hear|get|receive|have|know|see)\b|"
    # What holds up the work: "The missing PO is holding up the whole delivery"; "it's now holding up
    # their renewal" (not "How are you holding up?", "the roof is holding up well").
    r"^\W*(?:(?:but|and|so|also),?\s+)?(?P<b32>(?!(?:it|this|that|which|you|i|we|he|she|they)\b)[^.!?;]{3,60}?) (?:is|are|'s|has been|have been) "
    r"(?:now |still |currently |also |really )?holding up (?!(?:well|ok|okay|fine|alright|nicely|so far)\b)(?:the |our |their |my |your |his |her )?\w|"
    r"\b(?:it|this|that)(?:'s| is| has been) (?:now |still |currently |also |really )?holding up (?P<b33>(?:the|our|their|my|your|his|her)\b[^.!?;]+)|"
    # Work that cannot happen before a step: "Commissioning is not possible before the permanent
    # power is connected", "it's a no go on the scaffold strike until the roofers finish" (not "A
    # refund is not possible after 30 days", "It's not possible to say yet").
    r"^\W*(?:(?:but|and|so|also|unfortunately|sadly|however|just so you(?:'re| are) aware),?\s+)?"
    r"(?:(?P<b34>(?!(?:it|this|that|which|there|i|we|you|he|she|they)\b)[^.!?;,]{3,60}?) (?:is|are|'s|’s) "
    r"(?:still )?(?:not possible|impossible|a no[ -]go)|(?P<b34n>(?!(?:it|this|that|which|there|i|we|you|he|she|they)\b)"
    r"[^.!?;,]{3,60}?) (?:isn't|aren't|is not|are not) (?:possible|going to happen)|"
    r"(?:it|that)(?:'s|’s| is) (?:still )?a no[ -]go (?:on|for) (?P<b35>[^.!?;,]{3,60}?)) (?:until|till|before) \w[^.!?;]{2,}",
    re.I,
)
# A rule said of everyone, which blocks no one's work in particular: "As a rule, our warehouse can only
# ship once we receive payment", "accounts are suspended until payment is received, as per our terms",
# "Ein Umtausch ist grundsätzlich erst nach Vorlage des Kassenbons möglich".
_POLICY_RE = re.compile(r"\b(?:as a (?:general )?rule|under (?:our|the) (?:terms|policy|rules)|as per (?:the |our )?(?:[\w-]+ )?"
                        r"(?:policy|rules|terms)|in general|generally|usually|normally|as standard|(?:is|'s|’s) standard|"
                        r"standard (?:practice|procedure|policy)|for all (?:customers|clients|orders|members|guests)|"
                        r"grundsätzlich|in der regel|en règle générale|en principe)\b", re.I)
# A question a bullet answers itself: "Can parents volunteer? Yes, contact the class teacher."
_ANSWERED_RE = re.compile(r"\?\s+(?:yes|no|nope|yep|yeah|sure|absolutely|correct|depends|unfortunately not|not really)\b", re.I)
# A lead-in that asks for answers: its questions are one ask, the lead-in's.
_ANSWERS_RE = re.compile(r"\b(?:answers?|questions?|the following)\b", re.I)
# An ask that points back at a list said before it: "Please get these to me by Wednesday".
_POINTS_AT_LIST_RE = re.compile(r"\b(?:these|them|those|the above|this list|all of (?:this|that|it)|everything)\b", re.I)
# A list's lead-in that names points of the writer's to settle, not what holds the work up: "A few
# things we need to close out before we can confirm:", "Before I go back to them I need to understand two
# things:" ("We can't ship until we get the following:" is a blocker, its points what it waits on).
_LEAD_IN_POINTS_RE = re.compile(r"\b(?:things?|points?|questions?|items?|issues?|matters?|queries)\b|"
                                r"\bneed to (?:understand|know|clarify|check|discuss|confirm|close out|sort out|tie off|settle|go over)\b", re.I)
# Something kept for someone, "on hold" as a booking is: "13 rooms on hold at Ngarri Village", "The
# ballroom is on hold for you through Friday" (not "The shut PO is on hold until legal clears the terms").
_HELD_FOR_RE = re.compile(r"\b(?:rooms?|seats?|tables?|slots?|places?|spots?|cabins?|berths?|beds?|ballroom|suite)\s+"
                          r"(?:(?:is|are)\s+)?(?:still\s+|now\s+)?on hold\b"
                          r"(?![^.!?;]*\b(?:until|till|pending|because|due to|while|(?:wait\w*|await\w*)(?! (?:for )?(?:your|you)\b)|"
                          r"for (?:now|the moment|the time being))\b)"
                          r"(?!\s+[-–—])|\bon hold for (?:you|u|your)\b", re.I)
# A disclaimer of liability: "We cannot be held responsible as long as the goods are in transit".
_DISCLAIMER_RE = re.compile(r"\b(?:held|be) (?:responsible|liable|accountable)\b|\bliability\b", re.I)
# A deadline of the reader's, stated rather than asked: "Your review for manuscript JSN-0877 is due
# on November 22", "Slides are due by 1 December", "The declaration must be submitted via Centre
# Services no later than 1 December". A thing, not a person ("the baby is due in March" has no
# "by" or "on" to be met), and one still to come ("was due" is a chase, read elsewhere).
_DUE_STATEMENT_RE = re.compile(
    r"^\W*(?:(?:(?:also|and|so|just a (?:quick |friendly )?reminder|a (?:quick |friendly )?reminder|reminder|please note|"
    r"note)[,:]?\s+(?:that\s+)?){1,2}|(?!(?:if|when|once|unless)\b)[^.!?;:]{5,90}?,?\s+so\s+|"
    # ...or after what it is for: "For the purchase order to be considered at that meeting, the executed
    # addendum must be received by this office no later than Wednesday"
    r"(?:for|in order for) [^.!?;:,]{5,90}? to [^.!?;:,]{3,60},\s+)?"
    r"(?:(?:[$€£]|usd ?|eur ?|cad ?|gbp ?|aud ?|rs\.? ?|inr ?)?\d[\d,.]*(?: ?(?:usd|eur|cad|gbp|aud|inr|k))?\s+)?"
    r"(?P<what>(?:your|the|our|all|both|these|those|\d+)?\s*(?:\d+%\s+)?(?!(?:it|this|that|they|he|she|"
    r"we|i|you)\b)[^\W\d_][\w'’&/-]*(?: (?:[$€£]?\d[\d,.]*\d|[\w'’&/-]+)){0,12}?)\s+"
    r"(?:(?:is|are)\s+(?:now\s+|still\s+|also\s+)?(?:due|needed|required)|"
    # ...a bill with its amount and no verb: "$1,500 deposit due by 5/24"
    r"(?<=deposit\s)due|(?<=balance\s)due|(?<=payment\s)due|(?<=invoice\s)due|(?<=fee\s)due|"
    r"(?:must|need to|needs to|has to|have to|should|shall|is to|are to)\s+be\s+(?:made\s+)?"
    r"(?P<pp>submitted|returned|sent|completed|signed off|signed|uploaded|filed|lodged|received|available|provided|paid|"
    r"made|approved|reviewed|agreed|confirmed|finali[sz]ed|frozen|fixed|decided|settled|cleared|released|issued|processed|renewed|"
    r"booked|done|sorted)"
    r"(?: in full| online| electronically| in person)?|"
    r"(?:must|needs? to|has to) (?:reach|be with) (?:us|me)|must (?:be|come|go) back(?: (?:to|with) (?:us|me))?)\b"
    # ...by whom it is received: "must be received by this office no later than Wednesday"
    r"(?:\s+by\s+(?:this|our|the)\s+(?:office|department|team|bank|branch)|\s+by\s+(?:us|me))?"
    r"(?:\s+(?:to|at|via|through|in|on|into)\s+(?!(?:by|before|no later than)\b)(?:[\w'’ -]{2,40}?|[\w'’ -]{2,40},[\w'’ -]{2,20}?,?)|"
    # "due within 72 hours of this report, i.e., by Friday"
    r"\s+within\s+[\w ]{2,40}?,?\s+(?:i\.e\.|ie|that is),?)?"
    r"\s+(?:by|on|before|no later than|within|(?=(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d))\b", re.I)
# A stated deadline set from an event, which names no day: "no later than seven days before the
# assessment", "within 10 working days of the inspection".
_FROM_AN_EVENT_RE = re.compile(r"\b(?:no later than|within) (?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|"
                               r"fourteen|twenty-one|thirty) (?:working |business |calendar )?days\b", re.I)
# What a stated deadline is of: a thing to hand in, not a bill, a car or a baby.
_DUE_THING_RE = re.compile(r"\b(?:items|deliverables?|leases?|agreements?|waivers?|invoices?|payments?|graphics|artwork|"
                           r"materials|assets|counts?|headcounts?|guest lists?|rsvps|(?:deposit|balance|instal+ment|retainer)s?|reviews?|reports?|forms?|declarations?|applications?|submissions?|questions|slides|"
                           r"abstracts?|proposals?|papers?|manuscripts?|marks|grades|timesheets?|expenses|claims?|"
                           r"assessments?|statements?|plans?|scorecards?|feedback|comments|entries|returns?|documents?|"
                           r"evidence|drafts?|chapters?|essays?|budgets?|forecasts?|minutes|registers?|responses?|"
                           r"answers?|nominations?|references?|appraisals?|certificates?|photos|copy|deck|figures|numbers|"
                           r"sheets?|logs?|accounts|reports?|results|data|files?|information|builds?|versions?|"
                           r"sign-?off|approval|signature|contract|pack|questionnaires?|surveys?|checklists?|records|histor(?:y|ies)|"
                           r"fees?|premiums?|self-audits?|audits?|drawings?|plans|certificates?|statements?|"
                           r"documents?|documentation|specs?|specifications?|calcs|calculations|quotes?|estimates?|"
                           r"minutes|assessments?|orders?|addend(?:um|a|ums)|amendments?|readings?|reads|receipts?|renewals?|"
                           r"consents?|authori[sz]ations?|licen[cs]es?|permits?|passports?|cvs?|resumes?|proofs?|copies|"
                           r"samples?|paperwork|details|names|lists?|schedules?|invoices?|w-?9s?|w-?8(?:ben)?s?)\b", re.I)
_DUE_STATEMENT_KEYS = (" due ", " reach us", " reach me", " needed ", " required ", " be made ", " be provided", " be paid", " be available",
                       " back ", " be submitted", " be returned", " be sent", " be completed", " be signed",
                       " be uploaded", " be filed", " be lodged", " be received", " must reach ", " be approved",
                       " be reviewed", " be agreed", " be confirmed", " be finalised", " be finalized", " be with ", " be frozen",
                       " be fixed", " be decided", " be settled", " be cleared", " be released", " be issued", " be processed",
                       " be renewed", " be booked", " be done", " be sorted")
_DUE_VERBS = {"frozen": "freeze", "fixed": "fix", "decided": "decide", "settled": "settle", "cleared": "clear", "released": "release",
              "issued": "issue", "processed": "process", "renewed": "renew", "booked": "book", "done": "do", "sorted": "sort out",
              "submitted": "submit", "returned": "return", "sent": "send", "completed": "complete", "signed": "sign",
              "uploaded": "upload", "filed": "file", "lodged": "lodge", "received": "submit", "available": "provide",
              "provided": "provide", "paid": "pay", "made": "make", "approved": "approve", "reviewed": "review",
              "agreed": "agree", "confirmed": "confirm", "finalised": "finalise", "finalized": "finalize",
              "signed off": "sign off"}
# What the reader is asked to do to a thing, not to hand it in: any thing counts ("The purchase
# order must be approved by Thursday"), where a thing handed in must be one (_DUE_THING_RE).
_DUE_DECISIONS = frozenset({"approved", "reviewed", "agreed", "confirmed", "finalised", "finalized", "signed off", "frozen",
                            "decided", "settled", "fixed", "sorted"})
# A bill: what a stated deadline asks the reader to pay.
_BILL_RE = re.compile(r"\b(?:deposit|balance|invoice|payment|instal+ments?|retainer|fees?|rent|premium|advance tax|tax)\b", re.I)
# A reminder that a bill is still unpaid, with no day: "Just a gentle reminder that the invoice for
# October is still outstanding", "A friendly reminder that your invoice 1042 is still unpaid". It
# asks the reader to pay it (said with a day, _DUE_STATEMENT_RE reads it).
_UNPAID_REMINDER_RE = re.compile(
    r"^\W*(?:(?:and|also|so|just),?\s+)*(?:a |one )?(?:quick |friendly |gentle |polite |final |kind )?reminder(?: that|:|,)\s+"
    r"(?:(?P<what>(?:your|the)\s(?:[\w-]+\s){0,3}?(?<!life )(?<!life-)(?:deposit|balance|invoice|payment|instal+ment|retainer|fee|rent|"
    r"premium|bill|subscription)s?(?:\s+(?:#?\d[\w-]*|(?:no\.?|number)\s?\d[\w-]*|(?:for|of) (?!(?:us|our|me|my)\b)[\w -]{1,30}?))?)|"
    # ...or the reader's own form or report, to hand in: "Reminder that your expense report for the Berlin
    # trip is still outstanding"
    r"(?P<form>your\s(?:[\w-]+\s){0,2}?(?:report|timesheet|time sheet|claim|form|survey|questionnaire|return|review|"
    r"self-assessment|appraisal)s?(?:\s+(?:for|of) [\w -]{1,30}?)?))"
    r"\s+(?:is|are|remains?)\s+(?:still\s+)?(?:outstanding|unpaid|overdue)\b"
    r"(?![^.!?]*\b(?:by|before|on|until|value|quality|with)\b)(?!.*(?:https?:|www\.|bit\.ly|\bclick|\blink\b|\bpay here\b))", re.I)
# A precondition that is the reader's own step, asked outright (see _their_sentence).
_READERS_STEP_RE = re.compile(r"\b(?:i|we|they|he|she)(?:'d| would)?(?: still| also| just)? need(?:s)? you to\b|"
                              r"\byou(?:'ll| will)? need to\b|\b(?:they|he|she) (?:still )?needs? your\b", re.I)
# A precondition that names only the reader, saying nothing of what is needed from them.
_ONLY_YOU_RE = re.compile(r"^\W*(?:you|u|you guys|you all|your (?:help|input|say|go-ahead))\W*$", re.I)
# Something owed to the reader without "I'll": "you'll get the contract from me", "you should have
# the invoice by Friday", "expect the signed copy tomorrow". It counts with a due date or "from me".
_OWED_RE = re.compile(
    # After a short lead-in, a label ("Board section:") or a clause closed by a comma ("Anja is
    # reissuing the invoice, you should get it from me on Tuesday"), but no condition.
    # A label may come first, and longer: "On the pipeline numbers for the exec pack: you'll have them Wednesday".
    r"^(?!(?:if|unless|in case)\b)(?:[^.!?;:]{1,60}:\s*)?(?:[\w ,]{0,30}?\b|(?!(?:when|once|whether|as soon as)\b)[^.!?;:]{10,90},\s*|"
    # ...or by "so": "Finance turn these round in 3 days so you should have the PO by Wednesday".
    r"(?!(?:when|once|whether|as soon as)\b)[^.!?;:,]{10,90}?,?\sso\s+)?"
    r"(?:(?:so,? )?let(?:'s|’s| us) say,? )?"
    r"(?:you(?:'ll| will| should| shall)(?: also| then)? (?:get|have|receive|see)|you(?:'d| would) (?:get|have|receive)|"
    # ...and in the present tense, as second-language mail puts it, only first or after a comma or
    # "so" or "say": "You get the order form from me on Monday", "so say you get the script Wednesday"
    # (not "hope you get some rest this weekend").
    r"(?:(?<=^)|(?<=, )|(?<=so )|(?<=say ))you (?:get|receive)(?! (?:up to |an? )?(?:\d|free\b|discount|what\b|access\b))|"
    # "Expect the signed copy tomorrow" tells the reader what comes; "I expect a call from someone
    # senior" says what the writer wants.
    r"(?<!\bi )(?<!\bwe )(?<!\bi'd )(?<!\bwe'd )(?<!\bi do )(?<!\bwe do )(?<!\bi still )(?<!\bwe still )expect)\s+"
    r"(?!(?:received|gotten|got|been|seen|heard|to|that|some (?:delays?|rain))\b|it\b(?!\s+(?:from|by|on|before|tomorrow|today|tonight|first|next|this|early|later|in time|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\b))(?P<what>[^.!?;]+)",
    re.I,
)
# A sentence that gives the deadline of an ask made before it: "A short answer by Thursday would
# help", "Your feedback before Monday would be great", "A reply by EOD is needed". ``head`` ends
# before the clause that says why, whose own dates ("the landlord's deadline on the 9th") are no due.
_DEADLINE_NOTE_RE = re.compile(
    r"^(?P<head>(?:also,? |and )?(?:a|an|your|some)? ?(?:short |quick |brief |first |final |written )?"
    r"(?:answer|reply|response|decision|feedback|confirmation|go-ahead|sign-off|word|note|yes or no)\b"
    r"[^.!?;]{0,40}?\b(?:by|before|until|no later than|ahead of)\b[^.!?;]*?)"
    r"\s+(?:would|will|is|helps|lets|let|allows|means|so|to|should|could|gives)\b(?!.*\?\s*$)", re.I)
# ...and a need of one said bare, as site mail puts it: "need answer by thurs latest or the roofers stand down".
_NEED_ANSWER_RE = re.compile(
    r"^\W*(?:(?:and|also|so|but),?\s+)?(?:still |really )?need (?P<head>(?:an? |the |your )?(?:answer|reply|"
    r"response|decision|confirmation|go-ahead|ok|okay)(?: from you)? (?:by|before|until|no later than)\b[^.!?;]*)", re.I)
_ASK_TAIL_RE = re.compile(r",\s+|;\s*|\s+[-–—]\s+|\s+(?:because|since|as|so that|so)\s+", re.I)
_ANSWER_BY_RE = re.compile(r"^\W*(?:[^.!?;]{5,80}?,?\s+so\s+)?(?:(?:also|and|so),?\s+)?(?:(?:i|we)(?:'d| would| will|'ll)?(?: really| just| also)? "
                           r"(?:need|want|require|expect|would like)s? (?:(?:your|an?|the) (?:answer|reply|response|decision|"
                           r"confirmation|go-ahead|feedback)\b|"
                           # "I need them before our 1:1": the thing asked for, pointed back at
                           r"(?:it|them|these|those)(?: back)? (?:by|before|no later than)\b)|"
                           # "Would love your take by tomorrow midday": a wish with no object but a day
                           r"(?:(?:i|we)(?:'d| would)|would) (?:really )?(?:love|like|appreciate) (?:your|an?) (?:take|answer|reply|"
                           r"thoughts|feedback|input|eyes|view|decision)\s+(?:by|before|no later than)\b)", re.I)
# Its verbs, one in every match: need, want, require, expect or would like; love, like or appreciate.
_ANSWER_BY_KEYS = ("need", "want", "require", "expect", "like", "love", "appreciate")
# A question that offers the reader a choice: "should I prepare 30 or 45 minutes?", "Two quick
# ones: does the budget cover events, or only digital?". It waits on the reader's answer.
_DEADLINE_WORD_RE = re.compile(r"\b(?:by|before|until|till|no later than|ahead of)\b", re.I)
_CHOICE_Q_RE = re.compile(r"^(?:[^.!?;:]{1,60}:\s*)?(?:[^.!?;:,]{3,60},\s*)?(?:(?:and|also|so|but|oh),?\s+)?"
                          r"(?:do|does|did|is|are|should|shall|would|will|can|could|have|has|was|were)\s+"
                          r"(?:i|we|you|u|there|it|this|that|the|our|your|[a-z]+)\b[^?]{3,120}?\bor\b[^?]{2,80}\?\W*$", re.I)
# "Please let me know until Monday": the day an ask before it is due, asking nothing new.
_LET_KNOW_BY_RE = re.compile(r"^\W*(?:(?:so|and|also),?\s+)?(?:please\s+|pls\s+|kindly\s+)?let (?:me|us) know\s+"
                             r"(?:by|before|until|till|no later than)\b(?![^.!?;]*\b(?:whether|if|what|when|which|who|how|where)\b)",
                             re.I)
# A need that points back at the question before it: "need to know before I batch them", "Need
# an answer by Friday".
_NEED_TO_KNOW_RE = re.compile(r"^\W*(?:(?:i|we)(?:'d| would| will|'ll)?\s+)?(?:just |really |also )?need"
                              r"(?:s)? (?:to know|an answer|a decision|your answer|your decision|a yes or no)\b"
                              # ...pointing back, not asking a new thing ("we'd need to know lead times")
                              r"(?=\s*(?:$|[.!,;]|(?:before|by|asap|today|tonight|tomorrow|tmrw|soon|so|because|as|for|"
                              r"either way|how to|what to|which way|this|first)\b))", re.I)
# A deadline set by an event rather than a date: "I'll have them set up before the interns arrive".
_EVENT_DEADLINE_RE = re.compile(r"\b(?:before|by the time|ahead of)\s+(?:the|our|your|their|we|they|he|she|it)\b"
                                r"[^.!?;]*\b(?:arrives?|starts?|begins?|comes?|leaves?|opens?|goes live|launch(?:es)?|"
                                r"meeting|call|visit|review|audit|kick-?off|deadline)\b", re.I)
_THIRD_NEED_RE = re.compile(r"^(?:they|he|she|the (?:client|customer|organi[sz]ers?|landlord|supplier|vendor|"
                            r"auditors?|bank|insurers?|board))(?:'d| would)?(?: still| also| just)? "
                            r"(?:need|needs|want|wants|require|requires|expect|expects)\b(?![^.!?;]*\byour\b)", re.I)
_YOU_RE = re.compile(r"\b(?:you|your|yours|u)\b", re.I)
# A "you" that only tells the reader, owing them nothing: "just so you know, I'll borrow one".
_ASIDE_YOU_RE = re.compile(r"\b(?:just )?(?:so|as|in case) (?:you|u) (?:know|knew|may know|might know|are aware|remember|"
                           r"were wondering)\b", re.I)


# A promise to tell, or to hand a thing to the reader, tied to an event rather than a day: "I'll let
# you know as soon as it lands", "will forward it to you once the insurer confirms". Said without
# the event ("I'll let you know", "I'll keep you posted") it is a courtesy; with it, work that is owed.
_NOTICE_RE = re.compile(r"^(?:let (?:you|u) know|get back to (?:you|u)|keep (?:you|u) (?:posted|updated|in the loop)|"
                        r"update (?:you|u)|confirm)\b|"
                        r"^(?:send|forward|share|pass|e-?mail|circulate)\b(?=[^.!?;]*\b(?:to (?:you|u)|you (?:the|an?|our|my)|"
                        r"(?:you|u) (?:both|all|it|them|those|these))\b)", re.I)
# ...the event: "as soon as it lands", "once Karan revises the quote", "once legal has signed", "as
# soon as I hear from the lab". A time is no event ("as soon as possible", "once a week", "at
# once"), and neither is the writer's own leisure or knowledge: "as soon as I'm able", "once I've
# had a chance", "when I get a minute", "once I know more", "when the time comes". "When" counts
# only in the owner's own mail: a supplier's "we'll let you know when it's there" is a notice.
_ON_EVENT_RE = re.compile(
    r"\b(?<!\bat )(?:as soon as|once|the (?:moment|minute|second)(?: that)?)\s+"
    r"(?!(?:possible|practicable|feasible|practical|again|more|or|and|per|every|daily|weekly|monthly|in a while|"
    r"(?:a|an|one) (?:day|week|fortnight|month|quarter|year|while)|and for all|"
    # the writer's own time, state or knowledge
    r"(?:i|we|you)(?:'m|’m|'re|’re| am| are| can| could| get a| get the| get some| have a| have time| find)\b|"
    r"(?:i|we)(?:'ve|’ve| have)? (?:had|got) (?:a |the |some )?(?:chance|minute|moment|sec|second|time|think|look)\b|"
    r"(?:i|we) know (?:more|anything|something)|(?:i'm|i’m|i am|we're|we’re|we are) back\b|"
    r"(?:the time comes|there(?:'s|’s| is| are) (?:news|an update|more|anything))\b))[\w’']", re.I)
_ON_EVENT_MINE_RE = re.compile(_ON_EVENT_RE.pattern.replace("as soon as|once|", "as soon as|once|when|"), re.I)


def _notice_on_event(vp: str, mine: bool = False) -> bool:
    """Is ``vp`` (a promise's verb phrase, before it is cleaned) a notice or handover owed once an
    event happens? See _NOTICE_RE."""
    return bool(_NOTICE_RE.match(vp.strip()) and (_ON_EVENT_MINE_RE if mine else _ON_EVENT_RE).search(vp))


def _hands_over(vp: str) -> bool:
    """Does a promise hand a thing over ("send the invoice and the pre-reading pack", "circulate the
    countersigned copy")? Such a promise is owed to the reader with no "you" and no day."""
    m = _HANDS_OVER_RE.match(vp)
    # ...to the reader, not to someone named: "forward the budget to Laval's research office" is owed to them.
    return (m is not None and _names_deliverable(m.group("what"))
            and not re.search(r"\bto (?!(?:you|u|us|me|your)\b)(?:(?-i:[A-Z])|the |their |his |her )", vp))


def _names_deliverable(text: str) -> bool:
    """Does ``text`` name a thing sent or handed over (one of _DELIVERABLES)?"""
    return any(w in _DELIVERABLES for w in re.split(r"[\s/-]+", text.lower()))


def _thing_to_you(sentence: str) -> str:
    """The thing a sentence sends the reader with its verb left out ("Revised quote over to you
    tomorrow" -> "revised quote"), or ""."""
    m = _TO_YOU_THING_RE.match(sentence) if " to " in sentence or " from me " in sentence else None
    if m is None or not _names_deliverable(m.group("what")) or _HAS_VERB_RE.search(m.group("what")):
        return ""
    return _uncap(m.group("what"))


# ...and "revert with the revised plan", as Indian and Gulf business English says "reply with".
_HANDS_OVER_RE = re.compile(r"(?:send|forward|share|circulate|e-?mail|post|upload|return|deliver|issue|revert with|"
                            r"come back with|get back with)\s+(?:over\s+|on\s+)?"
                            r"(?P<what>(?:the|an?|our|my|both|all|those|these)\b[^.!?;,]{2,60})", re.I)


def _to_reader(sentence: str) -> bool:
    """Does a promise speak to the reader ("I'll send you...") beyond an aside ("so you know")?"""
    return bool(re.search(r"\b(you|your)\b", _ASIDE_YOU_RE.sub(" ", sentence), re.I))


# Work handed on, which a later "will" clause may borrow the writer's I for (see _clauses).
_WILL_WORK_RE = re.compile(r"will\s+(?:also\s+|then\s+|now\s+)?(?:send|forward|share|pass|e-?mail|circulate|return|confirm|update|"
                           r"get back|come back|follow up|let (?:you|u) know|chase|sign|review|call|ring|prepare|draft|book|"
                           r"arrange|check|look into|submit|file|upload|deliver|post|order|pay|invoice|fix|finish|complete)\b",
                           re.I)
_REPORTED_RE = re.compile(r"\b(?:who|which|that|whether|if|told|think|thought|heard|hear|hope|know|knew|believe|said|say|"
                          r"guess|understand|feel|felt|reali[sz]ed|noticed|see|saw|sorry|pleased|happy|glad)\b|"
                          r"\b(?:the|a|an|this|these|those|my|our|your|his|her|their|it|he|she|they)\s+(?:[\w'’-]+\s+){0,3}?"
                          r"(?:is|are|was|were|has|have|had|'s|’s)\b", re.I)


_FIRST_PERSON_RE = re.compile(r"\b(?:i|we|me|let's|lets|my|our)\b|\b(?:i|we)'", re.I)
# A statement of fact: a finite "is", "was", "said" or past tense, with no modal that could make it a wish.
_STATEMENT_RE = re.compile(r"^(?!.*\b(?:would|could|should|must|need|needs|have to|has to)\b).*"
                           r"\b(?:is|are|was|were|said|told|went|got|had|did|[a-z]{3,}ed)\b", re.I)
# The request model's probability a statement needs to be a request by itself (see _unaddressed).
_UNADDRESSED_AT = 0.9
_ANSWER_TITLE_MAX = 160  # a longer question is titled by the thread's subject
_WANTS_TO_KNOW_RE = re.compile(r"\b(?:need|needs|want|wants|would like|'d like|would love|'d love|should (?:also )?like) to "
                               r"(?:know|hear)\b", re.I)
# A greeting, a name or both before an order on the same line: "Hey Ada, send me the deck by
# Friday", "Hi all, pay the deposit by Friday", "Ada, sign the cover sheet". The order is read
# without them (see _greeted_order): the imperative rules read an order from its first word.
_GREETED_RE = re.compile(r"^(?P<greeting>(?i:(?:hi|hiya|hey|hello)(?: there)?|dear|morning|good morning|afternoon|evening)\b\s*)?"
                         r"(?P<name>[A-Z][\w'’.-]*|(?i:all|team|everyone|everybody|folks|guys|both|y'all))?\s*[,!]\s+"
                         r"(?=[a-z])")
_GROUP_WORDS = frozenset("all team everyone everybody folks guys both y'all".split())
# A verb of the imperative list as the noun it also is, with what it is for: "call for papers
# closes Friday", "schedule for next week below".
_NOUN_FOR_RE = re.compile(r"^(?:call|schedule|order|update|draft|invoice|agenda|plan)s? for\b", re.I)
# A greeting or a name the question opens on: "Hi Chloé, ", "Marcus, ".
_FOREIGN_GREETING_RE = re.compile(r"^(?i:hola|hallo|hi|hey|bonjour|salut|ciao|ol[aá]|oi|servus|moin|hej|hoi|buongiorno|"
                                  r"buenos d[ií]as|guten (?:morgen|tag)|liebe[rs]?|cher|ch[eè]re|querid[oa])\b[^,:!]{0,25}[,:!]\s*[¿¡]?")
_VOCATIVE_RE = re.compile(r"^(?:(?i:hi|hey|hello|dear|morning|ok|okay|so)\s*)?(?!(?i:mon|tue|wed|thu|fri|sat|sun|today|"
                          r"tomorrow|tonight|also|and|but|then|now|well|yes|no)\w*,)(?:[A-Z][\w'’.-]*\s*)?,\s+(?=\w)")
# The writer's own plan, said to no one: "We make the landing page next week", "Then we can send
# everything on Monday", "I would like to do the interviews next week". Only the request model
# read such statements as asks; one that speaks to the reader ("we need your sign-off") is read on.
# A proposal to meet or talk ("we should discuss it on Tuesday", "I suggest a call") and a wish to
# get something ("I would like to get access") may ask the reader's time or help: not a plan alone.
_OWN_PLAN_RE = re.compile(r"^\W*(?:(?:then|so|and|also|ok|okay|great),?\s+)?(?:i|we)\s+"
                          r"(?!(?:[a-z']+ ){0,3}(?:need|needs|must|have to|has to|require|expect|hope|appreciate|look forward|"
                          r"discuss|talk|meet|chat|catch up|get together|schedule|set up|arrange|suggest|propose|"
                          r"should|shoudl|get|have|receive|see|know|ask|wonder|wondering|call|review|go through|"
                          r"continue|follow up|sit down)\b)"
                          r"(?:will |'ll |can |could |would |'d |shall |am going to |are going to |plan to |want to |"
                          r"would like to |'d like to )?[a-z]+\b", re.I)
# Work waiting on the reader's OK: "Sparky can do it tmrw if u ok it today".
_IF_YOU_OK_RE = re.compile(r"^\W*(?P<what>[^.!?;]{3,80}?),?\s+(?:but )?(?:only )?if (?:you|u) (?:ok|okay|approve|confirm|"
                           r"sign off on|green-?light|agree to|give (?:us |me )?the (?:ok|okay|go-ahead|nod) (?:for|on))"
                           r" (?:it|this|that|them)\b", re.I)
# "if you " or "if u ": in every match of _IF_YOU_OK_RE, in the sentence as ``fold`` lower-cases it.
_IF_YOU_OK_KEYS = ("if you ", "if u ")
# A question someone else asks of the reader, passed on: "The underwriter has also asked whether
# any of your clinics store Schedule 8 drugs in a safe".
_ASKED_WHETHER_RE = re.compile(r"\b(?:has |have |had )?(?:also )?(?:asked|asks|is asking|are asking|wants to know|"
                               r"would like to know|wonders|wondered) (?:us |me )?(?P<how>whether|if) "
                               # ("asks if you can join a call" asks to do something: read as any ask)
                               r"(?!(?:you|u) (?:can|could|would|will|are able)\b)(?P<q>[^.!?;]*\b(?:you|your)\b[^.!?;]*)", re.I)
# Its verbs' literals: asked, asks and asking; wants or would like to know; wonders and wondered.
_ASKED_WHETHER_KEYS = ("ask", "to know", "wonder")
# A preference among times, answering an ask for them: "Wednesday or Thursday would be best for
# me", "Mornings work better for us". It asks nothing of its own.
_TIME_PREFERENCE_RE = re.compile(
    r"^\W*(?:(?:but|and|so|also),?\s+)?(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?|mornings?|"
    r"afternoons?|evenings?|early|late|next|this|week|the|or|and|either|any|(?>[\d:.]+)\s*(?:am|pm)?|[\s,/-])+"
    r"\s+(?:would be|is|are|works?|suits?|would work|would suit)(?: (?:much|a lot|even))? "
    r"(?:best|better|ideal|easiest|perfect|great|fine|good)(?: for (?:me|us|both of us))?\W*$", re.I)
# The first sentence of a mail that says more sets the scene: "Following our call of last week, I
# come back to you about the pricing", "Priya said you're the person to talk to about this, so
# apologies for the wall of text". Only the request model would call it an ask; it asks nothing
# unless it says what is wanted (a need, a wish, a please), explicitly or as a question. A mail of
# one sentence has no scene to set: its sentence is read as any other.
_WANTS_RE = re.compile(r"\b(?:need|needs|needed|require[sd]?|would love|'d love|’d love|"
                       r"(?:would|'d|’d) like (?!to (?:do|run|have|hold|take|go|come|make|start|meet|visit)\b)|"
                       r"wants? (?:you|your|to (?:know|check|confirm|ask|see|hear))|wanted (?:you|your|to (?:know|check|confirm|ask|see|hear))|"
                       r"hoping|hope you|grateful|appreciate|please|pls|plz|urgent|asap|"
                       r"ask(?:s|ed|ing)? (?:if|whether|you|for)|let me know|let us know|(?:can|could) (?:we|you))\b", re.I)
_NEED_YOUR_RE = re.compile(r"\b(?:we|i)(?:'d| would)?(?: really| still| also| just)? (?:need|require)s? (?:(?:then|now|first|still|also|urgently) )?"
                           r"(?:your\b|you to\b)", re.I)
_FROM_ME_RE = re.compile(r"\s+from (?:me|us)\b", re.I)
# An ask put as a need or a wish: "we need your approval on...", "we'd love a decision on...",
# "we would also like a copy of...", "the renewal needs your signature...". A bare need ("we need
# a bigger room") counts only with a due date; a "would" wish or a "your" is addressed anyway.
# Capitalised words that open a sentence in a name's place and name no one who needs a thing of the
# reader: "Unless Finance wants...", "Apparently Legal...", "Customers want the best price from us",
# "Monday Tom needs...".
_NOT_A_NAME = (r"(?:unless|maybe|perhaps|because|when|whether|if|also|now|then|still|just|honestly|update|fyi|ps|btw|note|"
               r"nobody|no|none|everyone|everybody|someone|somebody|anyone|customers?|clients?|users?|people|shoppers?|"
               r"buyers|scammers?|fraudsters|competitors?|rivals?|regulators?|investors|santa|kids|dogs?|cats?|"
               r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight|"
               r"i|we|you|he|she|it|this|that|these|those|there|here|which|who|what|the|our|my|your|their|his|her|its|"
               r"and|so|but|or|hi|hey|dear|thanks|please|[a-z]+ly)\b")
_WISH_RE = re.compile(
    r"\b(?:we|i)(?P<modal>'d| would| will|'ll)?(?:,? however,)?(?: also| really| still| just| kindly)? (?:need(?: then| now| first)?|love|like|(?(modal)appreciate|(?!))|want|require|(?<=kindly )request|wish(?= to)|"
    # ...and a formal request made now: "We are requesting a Step 1 meeting no later than July 21"
    # (not of others: "We are requesting a quote from three suppliers", "...a meeting with the council")
    r"(?:are|am) (?:hereby |formally |also |now )?requesting(?= (?:an?|the|your|some)\b)(?![^.!?;]*\b(?:from|with) (?!you\b|u\b|your\b)))"
    r"s?(?: to (?:have|get|receive|see|request))? (?P<what>(?:your|an?|the|some|one|two|three|more|any|written|signed|certified|"
    r"completed|original|proof|evidence|copies|(?:her|his|their)(?! (?:to|a|an|the|best|time|own)\b)|"
    # ...and someone or something to be put in a state: "I need him registered before Saturday"
    # (not the writer's own plan: "I'd like to get it filed by the end of the month")
    # (needed, not liked: "I'd like it noted that we objected", "I'd love them painted blue")
    r"(?:(?<=\bneed )|(?<=\bneeds )|(?<=\bwant )|(?<=\bwants )|(?<=\brequire ))"
    r"(?:him|them|it)(?= (?:[a-z]+ed|done|signed|sent|seen|fixed|paid|sorted|written|made|built|taken)\b)(?! noted\b| minuted\b| recorded\b))"
    r"\b[^.!?;]*)|"
    # ...and what is still awaited: "Awaiting your approval on the quote", "we are yet to receive the
    # signed copy", "we haven't received your W-9 yet", "we are expecting the credentials by Friday"
    r"\b(?:needs?|requires?|(?:is|are|am) (?:still )?waiting(?: for| on(?= your\b))?|awaits?|(?:still |also )?awaiting|"
    r"(?:is|are|am) (?:still )?(?:yet to|expecting to) receive|(?:is|are|am) (?:still )?expecting|"
    r"(?:have|has)(?:n't| not) (?:yet |still )?(?:received|got|gotten|seen)|(?:not|never) (?:yet )?received) "
    r"(?P<what2>(?:your|an?|the)\b[^.!?;]*)|"
    r"\b(?:can|could|may) (?:we|i) (?:please )?(?:get|have|receive|see) (?P<what3>(?:(?:your|an?|the|some|more)\b|\d)[^.!?;]*)|"
    r"\b(?P<what4>your [\w -]{2,30}?) (?:is|are) (?:still )?(?:needed|required)\b|"
    r"\b(?:it|that)(?:'d| would) (?:also |really )?(?:help(?= to (?:(?:get|have|receive|see) your|(?:get|have|receive) (?:an?|the))\b)|"
    # ...and "It would help if we could have these by 16 November"
    r"help(?= if (?:we|i) could (?:get|have|receive|see)\b)|be (?:great|good|helpful|ideal|nice|wonderful|"
    r"useful|amazing)) (?:to|if (?:we|i) could) "
    r"(?:get|have|receive|see) (?P<what5>(?:your|an?|the|some|these|those)\b[^.!?;]*)|"
    # "For us is important to receive the forecast", "it is urgent for me to get your figures"
    r"\b(?:it )?is (?:important|necessary|essential|urgent)(?: for (?:us|me))? to (?:get|have|receive|see) "
    r"(?P<what6>(?:your|an?|the|some)\b[^.!?;]*)|"
    # A verbless need that speaks to the reader: "Bank letter or a voided cheque needed too"
    r"^(?!(?:no|nothing|none|not)\b)(?P<what8>(?:a |an |the |your |some )?[\w'&/ -]{2,40}?) (?:is |are )?(?:also |still )?"
    r"(?:needed|required) (?:too|as well|also|from you)\s*[.!]*$|"
    # ...and one with a label and a day: "App Store screenshots: final set needed by Friday"
    r"^[^.!?;:]{2,40}:\s*(?P<what12>(?:a |an |the |your |some |final |new |updated )?[\w'&/ -]{2,40}?) (?:is |are )?(?:also |still )?"
    r"(?:needed|required) (?:by|before|no later than)\b|"
    # A need of a thing done, said of the thing: "We need it approved in the portal by Monday",
    # "I need these signed before the run". Dated only, like a bare need.
    r"\b(?:we|i)(?: also| really| still| just)? need (?P<what9>(?:it|this|these|them|that|those) "
    r"(?:approved|signed|countersigned|confirmed|reviewed|submitted|returned|sent|paid|done|filed|uploaded)\b[^.!?;]*)|"
    # What the writer expects of the reader: "I expect a phone call from someone senior this week",
    # "we expect your answer by Friday"; not what they expect to happen ("a delay to the shipment").
    r"\b(?:we|i)(?: also| really| still| do)? expect (?P<what13>(?:your|an?|some)\b(?![^.!?;]*\bto (?:arrive|be|come|"
    r"land|happen|go|take|ship|reach|slip|last)\b|[^.!?;]*\bfrom (?:the|our|their|his|her)\b)(?! (?:delay|delays|slight|small|few|lot|busy|quiet|storm)\b)[^.!?;]*)|"
    # A formal wish: "We would be pleased to receive your revised manuscript by December 14", and
    # an office's "The Office of Research Services must receive the final budget no later than..."
    r"\b(?:would be|'d be|are|am|will be) (?:pleased|grateful|happy|glad|delighted) to receive "
    r"(?P<what15>(?:your|an?|the)\b[^.!?;]*)|"
    r"\b(?:must|needs? to|has to|have to) receive (?P<what16>(?:your|an?|the)\b[^.!?;]*)|"
    # "We'd also need to know lead times", "I'd like to know your minimums by Friday"
    r"\b(?:we|i)(?:'d| would)?(?: also| really| still| just| first)? (?:need|like|want|love) to know "
    r"(?P<what7>(?!(?:if|whether|how|what|why|who|when|where|which|that|more|about|so|because|as)\b)[^.!?;,]{3,80})|"
    # A formal or relayed wish: "We would also welcome early sight of any proposed changes", "We
    # would be grateful for a short note on the resignations", "The owners would like to receive a
    # revised forecast by Friday"; not a wish for a meeting ("the chance to discuss").
    r"\b(?:we|i|(?:the|our) (?:owners?|board|cfo|ceo|coo|auditors?|client|committee|bank|council|lenders?|investors?|"
    r"insurers?|underwriters?|landlord|regulator|trustees|governors|partners?|directors?|family|parents))"
    r"(?:'d| would)(?: also| really| just)? (?:like|love|welcome|appreciate|value|be grateful for|be glad of)"
    r"(?: to (?:have|get|receive|see|review))?(?: early sight of| sight of| a copy of)? "
    r"(?!(?:the |an? )?(?:chance|opportunity|occasion|pleasure|privilege|honou?r)\b)(?P<what17>(?:your|an?|the|some|any)\b(?![^.!?;]*\bto (?:start|begin|be|go|happen|take|run|continue|stay|end|finish|"
    r"come|arrive)\b)[^.!?;]*)|"
    # "We also request your latest SOC 2 report", "I hereby request a copy of the minutes"
    r"\b(?:we|i)(?: also| hereby| kindly| formally| therefore){0,2} request "
    r"(?!(?:the |an? )?(?:chance|opportunity|occasion|pleasure|privilege|honou?r)\b)(?P<what18>(?:your|an?|the|some|any|copies)\b[^.!?;]*)|"
    # A wish without its subject: "And would love your take on the job spec by Monday"
    r"(?:^\W*(?:(?:and|also|so|but|oh),?\s+)?|[,;]\s*(?:so|and|but)\s+)would (?:really )?(?:love|like|appreciate) "
    r"(?P<what10>(?:your|an?|the|some)\b[^.!?;]*)|"
    # What the writer's principal wants, with its day: "The board wants the Q1 numbers by the 20th",
    # "the client has asked for a revised plan before Monday's meeting". Dated only.
    r"\b(?:the|our|my) (?:(?:selection|investment|audit|steering|review|hiring|pilot|program(?:me)?|project|executive|"
    r"management|finance|planning|works) )?(?:board|client|customer|ceo|cfo|coo|boss|auditors?|bank|lenders?|investors?|committee|director|"
    r"partners?|landlord|insurer|regulator|accountant|buyer|publisher|label|venue|promoter|council|school|funder|sponsor)"
    r" (?:also |still |really )?(?:wants?|would like|expects?|(?:is|are) asking for|(?:has|have) asked for) "
    r"(?P<what22>(?:the|a|an|your|some|all|our|updated|revised|final)\b[^.!?;]*)|"
    # ...and anyone else's, by name or as "they": "Gabe would like a two-paragraph version by
    # Monday", "Finance wants a note from us explaining why by the 12th", "they need a confirmation
    # from us by Friday", "ARC on Thurs wants a 1-pager". A name is capitalised, one or two words,
    # and no word that opens a sentence in a name's place (see _NOT_A_NAME). Dated only, too.
    r"(?:^\W*|[,;:]\s+|\b(?:and|so|but)\s+)"
    r"(?P<who24>they(?= (?:also |still |really |just |now )?(?:want|need)\b)|(?!" + _NOT_A_NAME + r")"
    r"(?:(?:dr|mr|mrs|ms)\.? )?(?-i:[A-Z][\w'’-]+)(?: (?-i:[A-Z][\w'’-]+))?)"
    r"(?: (?:on|at|in|from) [\w'’-]+)?(?: (?:also |still |really |just |now )?(?:wants?|needs?|would (?:like|love)|(?:'d|’d) (?:like|love)|"
    r"(?:is|are) asking for|(?:has|have) asked for|expects))(?: to (?:have|get|receive|see))? "
    r"(?!(?:a |some )?(?:day|days|time|week|break|holiday|rest|leave|vacation)(?: off)?\b)"
    r"(?P<what24>(?:the|a|an|your|some|all|updated|revised|final|signed|\d[\d,.]*)\b"
    # ...of the reader's side: a thing from us or from you, or of the reader's own, or to be approved
    r"(?=[^.!?;]*\bfrom (?:us|you)\b|(?<=your)\b|[^.!?;]*\b(?:approved|signed|signed off|confirmed)\b"
    # ...not one approved by a third party: "wants the deal approved by regulators by Friday"
    r"(?!\s+by\s+(?!(?:mon|tue|wed|thu|fri|sat|sun|tomorrow|today|tonight|next|this|end|eod|cob|noon|close|the \d|\d|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))[a-z]))[^.!?;]*)|"
    # A thing of the reader's looked forward to, with its day: "Looking forward to your confirmation
    # by Friday", "Look forward to receiving your comments by Thursday". Dated only: undated, it
    # closes a letter.
    r"^\W*(?:(?:i|we)(?:'m|’m| am|'re|’re| are)?\s+)?look(?:ing)? forward to (?:receiving |getting |seeing |reading )?"
    r"(?P<what25>your (?:[\w-]+ ){0,2}?" + _YOUR_DELIVERABLE + r"[^.!?;]*)|"
    # A thing of the writer's held for the reader's word: "the invoice is sitting in Pleo waiting for your approval"
    r"\b(?:is|are) (?:still )?(?:sitting|parked|stuck|queued|lying)\b[^.!?;]{0,30}?\bwaiting (?:for|on) (?P<what28>your\b[^.!?;]*)|"

    # A need or a want without its subject, as terse mail puts it: "Want a prep plan by end
    # of next week", "Need your view by Wednesday".
    r"^\W*(?:(?:and|also|so|still|really|ok|okay),?\s+)?(?:need|want|would (?:love|like|need))\s+"
    r"(?P<what21>(?:your|an?|the|some)\b[^.!?;]*|(?!to\b)[\w'’-]+(?: [\w'’-]+){0,4}?(?= (?:by|before|no later than)\s))|"
    # A thing put first, with its day, that would be welcome: "A shorter version by Monday morning
    # would be perfect", "Your comments before the board call would be a great help"; and one that
    # would be appreciated, dated or not. A meeting wished for ("a call on Friday") is no thing.
    # ...also after a clause of its own: "I've attached the template - comments by Monday would be great",
    # "We need your bio by the 4th, and a title for your talk would be lovely".
    r"(?:^\W*|(?<=[,;:] )|(?<= [-–—] ))(?:(?:and|also|so|but|otherwise|ideally|honestly|if so|if possible|if you can),?\s+)?"
    r"(?P<what19>(?:(?:a|an|the|your|some|any)\s+|(?=(?:comments|thoughts|notes|edits|feedback|input|views|figures|numbers|"
    r"answers|details|photos)\b))"
    r"(?!(?:quick |short |brief |first )?(?:call|meeting|chat|catch|coffee|lunch|dinner|drink|slot|time|visit|session|"
    r"start|day|date|week|weekend|trip)\b)[^.!?;,]{2,70}?)\s+(?:would|will|'d)\s+(?:be\s+(?:(?:really|very|so|super|most|much|"
    r"greatly|hugely|extremely|truly|especially)\s+)?|(?:(?:really|truly|greatly|so)\s+)?(?=help\b))"
    r"(?P<welcome>appreciated|a (?:big |huge |great |real )?help|perfect|"
    r"great|ideal|helpful|useful|brilliant|lovely|amazing|fantastic|wonderful|welcome|help)\b|"
    # A thing wished for if the reader has it: "if you have a case study, that would be super
    # helpful", "if you have any old sketches, I'd love to see them"
    r"^\W*(?:(?:and|also|oh|plus),?\s+)?if (?:you|u) (?:still |happen to )?have (?P<what11>(?:a|an|any|some|the)\b[^,.!?;]{3,80}?),?\s+"
    r"(?:(?:that|it|this|they|those)(?:'d| would) be (?:super |really |very |so |extremely )?(?:helpful|great|useful|amazing|ideal|"
    r"appreciated)|(?:i|we)(?:'d| would) (?:love|like|appreciate) (?:to see|a copy of|it|them|those))\b",
    re.I,
)
# A promise without its subject, as quick replies put it: "Will send it over tomorrow", "Sending
# the deck on Friday", "Should have it to you by Monday"; and a thing that will arrive: "the signed
# copy will follow tomorrow". Each counts only with a due date.
_BARE_PROMISE_RE = re.compile(
    # ...after the reader's name too: "Hana, will do them tomorrow morning"
    r"^(?:[a-z]+,\s+)?(?:(?:sure|yes|yep|yup|yeah|ok|okay|k|np|on it|will do|no problem|no worries|absolutely|of course|"
    r"noted|great|thanks)\b[,.!]?\s+)?"
    # ("happy to offer", "happy to help": an offer, no promise)
    r"(?:(?:i'm|i am|am|we're|we are) )?(?:(?:will|should|happy to(?! (?:offer|help|assist|walk|go over|go through|hop|jump|chat|talk|discuss|answer|take any)\b)) (?!be\b|we\b|i\b|you\b|they\b|not\b)(?P<vp>[a-z][^.!?;]*)"
    r"|(?P<ing>sending|sharing|preparing|drafting|finishing|getting|calling(?! all\b| it a\b)|ringing|booking|ordering|"
    r"chasing(?! my\b)|filing|submitting|signing(?! off\b)|reviewing|emailing|posting(?! from\b)) (?P<rest>[^.!?;]+))|"
    # (not someone else's: "His signed report will follow on Monday" is his to send)
    r"^(?:the |our |my |your )?(?!(?:his|her|their|its)\b)(?P<what>[a-z][\w'/ -]{2,60}?) (?:will follow|(?:is|are) coming your way|"
    r"will be with you|(?:will|should) reach you|will be in your inbox)\b|"
    # Work done by a deadline, said in the passive: "the benches will be moved by 17:00", "the area
    # will be cleared by this evening". A state ("closed", "required") is no work.
    # ("should be submitted", "shall be made available" by a day is asked of the reader: _DUE_STATEMENT_RE.)
    r"^(?:the |our |my |your |all |both )?(?P<done>[a-z][\w'/ -]{2,60}?) (?:will|(?:shall|should)(?! (?:all |both )?be "
    r"(?:made )?(?:available|submitted|returned|provided|completed|signed|uploaded|filed|lodged|paid|sent)\b)) (?:all |both )?be "
    r"(?P<pp>(?!(?:closed|shut|required|needed|expected|due|located|based|held|hosted|delayed|postponed|"
    r"cancell?ed|gone|away|back)\b)[a-z]+(?:ed|en|wn|ne|ut|et|nt|id|ld|ght|de))\b"
    r"(?P<by>[^.!?;]*?\b(?:by|before|no later than|at the latest)\b[^.!?;]*)|"
    # A verbless promise in a reply: "Quotes from both suppliers by next week.", "Draft by Friday!"
    # (Its ending looked for first: most sentences lack it, and the word checks after cost more.)
    r"^(?=.* (?:by|before|no later than) [^.!?;,]{2,40}[.!]*$)(?!.*\b(?:is|are|was|were|be|will|would|should|can|could|must|need|needs|have|has|had|do|does|did|"
    r"please|pls|want|wants|need|think|hope|plan|plans|get|gets|got|go|goes|went|like|love|know|see|come|comes|came|"
    r"make|makes|made|take|takes|took|let|lets|try|keep|say|said|start|starts|arrive|arrives|leave|leaves)\b|"
    r".*'(?:s|re|ll|m|d|ve)\b)(?!(?:i|we|you|he|she|they|it|there|here|payment|deadline|registration|submissions?|feedback|answers?|repl(?:y|ies)|"
    r"responses?|decisions?|comments?|input|thoughts|it|this|that|everything|all|rsvp|"
    # ...nor a courtesy: "sorry to disturb you again before the weekend", "apologies for the delay before Easter"
    r"sorry|apolog(?:y|ies|ise|ize)|thanks|thank|many thanks|cheers|congrat\w*|(?:best|warm|kind) (?:wishes|regards)|good luck)\b)"
    r"(?P<frag>(?:the |a |an |our |my |two |three |both |revised |updated |final )?[a-z][\w'&/ -]{2,50}?) "
    # ...but not a heading that introduces a list: "a few things from my side before our call:"
    r"(?:by|before|no later than) [^.!?;,]{2,40}(?<!:)[.!]*$",
    re.I,
)
# A thing on its way, said as phone mail says it: "Invoice on its way", "invoice to follow next
# week", "Replacement goes out tmrw", "Samples going in the post tmrw", "Delivery is planned
# Friday". Only a thing that is sent counts (_DELIVERABLES), and only "on its way" or "to follow"
# without a date: "Spring is on its way!" and "The market is planned for Saturday" are news.
_SHIPPING_RE = re.compile(
    # after a label, too: "Small update: the caregiver scene needed rework, so the full set will arrive Friday"
    r"^(?:[^.!?;:]{1,40}:\s*)?(?:(?!(?:if|when|once|unless|whether)\b)(?:[^.!?;:]|(?<=\d)\.(?=\d)){5,90}?,\s+)?"
    r"(?:(?:and|also|so|btw|ps|ok|great),?\s+)?"
    r"(?:the |your |my |our |a |an |his |her |their |new |2 |two |full |final )?"
    r"(?P<what>(?!(?:i|we|you|he|she|as|because|since|when|once|if|while|so)\b)(?:[\w'&-]+ ){0,2}?(?:[\w'&-]+ and (?:the |a |an |your )?(?:[\w'&-]+ ){0,2}?)?"
    r"(?P<head>(?!(?:is|are|was|were|has|have|had|been|be|will)\b)[\w-]+)) "
    r"(?:(?P<way>(?:is |are |'s )?(?:on (?:its|it's|their|the) way|to follow|will follow))|"
    r"(?P<move>(?:goes|go|is going|are going|going|ships|ship|is shipping|are shipping|shipping|leaves|"
    r"is leaving|are leaving|posts) (?:out|off|up|in the post|in the mail|to you|your way)|(?:is |are )?(?:ships|shipping)|"
    # ...to someone named, on a day: "the tapered layout goes to Paul Monday"
    r"(?:goes|go|is going|are going) to (?-i:[A-Z][\w'’-]+)(?= (?:on |by |next |this )?(?:tomorrow|tmrw|today|tonight|"
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\b))|"
    r"(?P<plan>(?:is|are|should be|will be) (?:planned|scheduled|booked|expected)|(?:is |are )?coming(?! (?:from|up|together|along|on|back|in handy)\b)|"
    r"(?:comes?|arrives?)(?: only)?(?= (?:on|by|next|this|tomorrow|tmrw|today|tonight|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|"
    r"sat(?:ur)?|sun)(?:day)?)\b)|"
    # ...finished by a day, said without its verb: "Hanse v2 scoping done by Friday"
    r"(?<!\bto )(?P<done>(?:will be |should be )?(?:done|finished|ready|complete|wrapped up)(?= (?:by|before|tomorrow|tmrw|today|"
    r"tonight|eod|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\b)(?![^.!?;]*\b(?:would|could|please|"
    r"need|needs|if)\b))|"
    r"(?:should|will) (?:be with you|be back with you|come (?:to|back to) you|come from (?:our|my) [\w -]{1,30}?(?= (?:this|next|by|on|tomorrow|today|before)\b)|be here|be there|arrive|land|reach you|get to you|be on|ship(?: out| separately)?|"
    r"be out(?! of\b)|"
    # ...or where the reader will find it: "the first 10 files will be in the Kestrel folder by Wednesday"
    r"be in (?:the|your|our|their) (?:[\w-]+ ){0,3}?(?:folder|drive|inbox|portal|data room|dropbox|sharepoint|tracker|"
    r"channel|repo|system)|"
    r"go out|be dispatched|be shipped|leave (?:our|the|my) (?:factory|plant|warehouse|works|mill|premises|depot))|"
    # ...in the passive, or with someone named: "the formal letter will be issued within five
    # business days", "the draft CAPA will be with Priya before Tuesday's sync"
    r"(?:should|will) be (?:sent|issued|shared|circulated|delivered|posted|e-?mailed|uploaded|returned|"
    r"with (?!(?:us|me|them)\b)[\w'’-]+)))\b(?P<rest>[^.!?;]*)", re.I)
# An object after a verb of shipping: "They will ship our order this Friday" ships the order.
_OBJECT_AFTER_RE = re.compile(r"\s+(?:it|them)\b|\s+(?:the|a|an|your|our|his|her|their|these|those)\s+(?!(?:day|week|month|"
                              r"morning|afternoon|evening|weekend|mon|tue|wed|thu|fri|sat|sun|coming|same)\w*\b)", re.I)
_DELIVERABLES = frozenset(
    "figures numbers annex annexes shortlist slides deck notes minutes statements "
    "invoice invoices quote quotes estimate contract receipt receipts parcel parcels package packages pallet pallets "
    "order orders delivery deliveries shipment shipments sample samples payment refund replacement replacements copy "
    "copies draft drafts proof proofs photo photos pics edits link report pack form po cheque letter boxes stock goods "
    "docs documents paperwork slides deck statement prints artwork set sets files mockups illustrations icons screenshots "
    "assets drawings plans specs spec schedule budget forecast agenda proposal summary list lists sheet spreadsheet "
    "timeline certificate certificates records results export logs analysis designs accounts narrative register rota "
    "itinerary answer answers response layout layouts price pricing quotation submittal submittals calcs calculations "
    "drawing plan programme memo brief timesheet timesheets outline write-up one-pager invitation invite parts part "
    "graphics banners materials stems mix cut comments feedback "
    # ...and what an authority or a supplier issues: "the new visas are expected on Sunday"
    "visa visas permit permits licence licences license licenses keys key container containers "
    "consignment consignments balance "
    "it they".split())
# Where a sentence holds two promises: "I'll draft the memo tonight and will share the budget on Monday".
_CLAUSE_SPLIT_RE = re.compile(
    r"(?:,\s*|\s+)(?:and|but|then|and then)\s+(?=(?:(?:on|by|before|after|from|next|this|later|tomorrow|tonight|today|"
    r"either way|in any case|anyway|regardless)"
    r"\b[\w ]{0,20}?,?\s+)?(?:(?:i|we|you)(?:'ll| will| shall)|(?:i|we)(?:'m| am|'re| are) going to|you should have|"
    r"you(?:'d| would) have|(?:i|we) (?:send|put|deliver|post|ship|publish)\b)\b"
    r"|will\b|if (?:you|u) (?:still |happen to )?have\b|(?:the|our|my|your) [\w -]{1,30}? will follow\b|"
    r"(?:the|our|my|your) [\w -]{1,30}? (?:i|we)(?:'ll| will|’ll)\b)|\s*;\s*|"
    # An ask after a comma: "I'll send the link tomorrow, please give me feedback by Monday", "I
    # can't file it until I see the statement, so can you forward it?"
    r",\s*(?:so\s+)?(?=(?:please|pls|kindly|(?:can|could|would) (?:you|u))\s+[a-z])|"
    # ...or a need or a wish after a comma, as a brain-dump runs on: "the video is done, we really
    # need the band's thumbs up by Thursday, and we'd love three story intros by Monday"
    r",\s*(?:and\s+|but\s+)?(?=(?:we|i)(?:'d|’d| would)?(?: really| also| still| just)? (?:need|love|like|want)\s+"
    r"(?:to (?:see|have|get|receive) )?(?!to\b)[a-z])|"
    # ...or a second thing wished for: "We need your bio by the 4th, and a title for your talk would be lovely"
    r",\s*and\s+(?=(?:a|an|the|your|some|any)\s+[^.!?;,]{2,60}?\s+would\s+be\s+(?:(?:really|very|so|super)\s+)?(?:lovely|great|"
    r"helpful|ideal|perfect|appreciated|useful|brilliant|wonderful)\b)|"
    # ...or something on its way, someone named: "the cut is done and Nate's sending you it this afternoon"
    r"\s+and\s+(?=(?-i:[A-Z][a-z]+)(?:'s|’s| is) (?:sending|sharing|bringing|forwarding|emailing) (?:you|u)\b)|"
    # ...or an order after ", so": "the portal closes on Friday, so submit your claims before then"
    r",\s*(?:so|but)\s+(?=(?:submit|send|sign|book|pay|confirm|register|complete|return|upload|reply|update|check|file|order|"
    r"renew|make sure|get)\s+(?:your|the|it|them|this|all|a|an|in|back)\b)|"
    # ...and French promises joined by "et": "Je relis ta section ce soir et je te reviens demain"
    r"\s+et\s+(?=(?:je|j'|j’)\s*(?:te |t'|t’|vous |lui )?[a-zàâçéèêëîïôûù])", re.I)
_CLAUSE_SPLIT_KEYS = ("and", "but", "then", ";", "as well as", ", please", ", pls", ", kindly", ", can ", ", could ",
                      ", i'll", ", we'll", ", i’ll", ", we’ll", ", i will", ", we will",
                      ", would ", ", so ", ", but ", " et je", " et j'", " et j’")
# What _CLAUSE_SPLIT_RE needs to split at all: an "and", "but" or "then" with one of the words its
# lookahead spells, or a ";", or a comma with an ask's first word.
_JOIN_KEYS = ("and", "but", "then")
_JOINED_KEYS = ("'ll", "will", "shall", "going to", "should have", "d have", "send", "put", "deliver", "post", "ship",
                "publish", "sharing", "bringing", "forwarding", "emailing")
_COMMA_ASK_KEYS = ("please", "pls", "kindly", "can ", "could ", "would ", "so ", "need ", "love ", "like ")
# A later promise that drops its subject and modal: "I'll ask her today and give them a name by
# Tuesday", "I'll get it signed Monday and send it to you by Tuesday". It borrows the first clause's
# "I will" and counts only with its own due date, so "I'll send it and make sure it's right"
# stays one item.
_VERB_CLAUSE_RE = re.compile(
    r"(?:,\s*|\s+)and\s+(?=(?:also\s+|then\s+)?(?:send|share|give|let|forward|get|ask|confirm|book|call|email|"
    r"update|review|sign|draft|prepare|finish|set up|check|follow up|circle back|loop|write|post|file|order|pay|"
    r"schedule|arrange|bring|return|introduce|ping|reply|deliver|submit|upload|fix|deploy|publish|add|move|"
    r"cancel|tell|make|have|put|clear|sort|organi[sz]e|chase|talk|speak|walk|hand)\b)", re.I)
# A later object of the same promise: "you'll have a first draft on Monday and the final by
# Wednesday", "I'll send the deck today and the notes by Friday". Read with the first clause's
# subject and verb; it too counts only with its own due date.
_OBJECT_CLAUSE_RE = re.compile(r"(?:,\s*|\s+)and\s+(?=(?:the|a|an|our|my|your|their)\s|"
                               # ...or a thing named by its label: "the Q3 narrative tomorrow and Q2 by Monday"
                               r"(?-i:[A-Z0-9][\w-]*)\s+(?:by|before|on|tomorrow|tonight|today|next|this)\b)", re.I)
_LEAD_RE = re.compile(r"^(?P<lead>.*?\b(?:i|we|you)(?:'ll| will| shall|'re going to|'m going to| are going to)\s+"
                      r"(?:also\s+)?(?:send|share|give|get|have|receive|see|deliver|forward)(?: you)?)\s", re.I)
# Two things asked as one need: "we would need the headcount figures as well as a copy of the
# fire report" is two requests, each read with the need that opens the sentence.
_WISH_LEAD_RE = re.compile(r"^(?P<lead>.*?\b(?:we|i)(?:'d| would| will|'ll)?(?: also| really| still| just)? "
                           r"(?:need|like|want|require|love)s?(?: to (?:have|get|receive|see))?)\s", re.I)
# A process that runs by itself, told in the passive: "Rent for December will be collected by direct
# debit on the 1st", "The invoice will be generated automatically at month end". No one owes it.
_AUTOMATIC_RE = re.compile(r"\b(?:automatically|auto-?(?:renewed|matically)|by (?:direct debit|standing order|auto-?pay)|"
                           r"via (?:direct debit|standing order|auto-?pay))\b", re.I)
# A promise in the progressive: "We will be submitting the final drawings by 1st December", "I'll
# be sending the revised quote over on Monday". Read as the plain promise ("We will submit ..."),
# for the verbs of handing over work only: "We'll be attending the fair" is a plan, not work owed.
_DOING = {"sending": "send", "submitting": "submit", "shipping": "ship", "delivering": "deliver", "sharing": "share",
          "forwarding": "forward", "issuing": "issue", "providing": "provide", "preparing": "prepare",
          "finalising": "finalise", "finalizing": "finalize", "completing": "complete", "returning": "return",
          "paying": "pay", "transferring": "transfer", "drafting": "draft", "posting": "post", "uploading": "upload",
          "publishing": "publish", "releasing": "release", "emailing": "email", "invoicing": "invoice",
          "circulating": "circulate", "dispatching": "dispatch", "confirming": "confirm", "signing": "sign",
          "couriering": "courier", "refunding": "refund"}
_WILL_BE_DOING_RE = re.compile(r"\b(?:i|we)(?:'ll|’ll| will| shall)\s+(?:also\s+|then\s+)?(?P<be>be\s+(?P<ing>"
                               + "|".join(_DOING) + r"))\b"
                               # ...with the thing handed over after it: not "returning to the office", "paying
                               # a visit", "sharing a table", "completing my training course", "signing copies"
                               r"(?=\s+(?:out\s+|over\s+|back\s+|across\s+)?(?:(?:you|u|him|her|them)\s+)?(?:it\b|them\b|"
                               r"(?:the|a|an|your|our|my|this|that|these|those|all|both|\d+)\s+(?!(?:visit|trip|call|table|"
                               r"room|ride|stage|marathon|race|course|training|holiday|vacation|break|weekend|office|"
                               r"copies)\b)))", re.I)
# An order said with an emphatic "do": "Do send across the revised quotation by tomorrow noon", "Do
# chase the supplier about the late delivery". Read as "Please ..." is (the quote stays as written).
_EMPHATIC_DO_RE = re.compile(r"^\W*do (?=(?:send|share|review|sign|confirm|forward|update|complete|submit|chase|pay|"
                             r"return|fill in|fill out)(?: (?:across|over|back|out|in))? (?:the|a|an|your|our|this|that|"
                             r"these|those|it|them|me|us)\b|(?:let (?:me|us) know|reply|revert)\b)", re.I)
# A promise to act at once, said last: "Will email Wayne now.", "I'll draft the acknowledgement for you
# right now" (due the day it is written). Not "for now", "until now", "by now", nor a question.
_DONE_NOW_RE = re.compile(r"(?<!\bfor )(?<!\buntil )(?<!\btill )(?<!\bby )(?<!\bfrom )\b(?:right )?now\s*[.!]*\s*$", re.I)
# Chat spelling, as phones and hurried replies write: "ill collect thurs 4pm", "can u send the call
# sheet pls", "r u free 26-27 nov", "cant fix 2 clips without them", "whats the cost if we add a 2nd
# day". A sentence that holds such words is read in full spelling (see chat_reading) and still quotes
# itself as written. Only the lower-case forms: "U.S.", "IM" and "R" are other words.
_CHAT_WORDS = {"u": "you", "ur": "your", "im": "I'm", "ive": "I've", "cant": "can't", "dont": "don't", "wont": "won't",
               "didnt": "didn't", "doesnt": "doesn't", "isnt": "isn't", "arent": "aren't", "havent": "haven't",
               "hasnt": "hasn't", "couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't",
               "wasnt": "wasn't", "werent": "weren't", "whats": "what's", "thats": "that's", "youll": "you'll",
               "youre": "you're", "theyll": "they'll", "theyre": "they're", "thru": "through", "pls": "please",
               "plz": "please", "b4": "before", "r": "are", "ill": "I'll"}
_CHAT_RE = re.compile(
    r"(?<![\w.'’-])(?P<word>u|ur|im|ive|cant|dont|wont|didnt|doesnt|isnt|arent|havent|hasnt|couldnt|wouldnt|"
    r"shouldnt|wasnt|werent|whats|thats|youll|youre|theyll|theyre|thru|pls|plz|b4)(?![\w'’-]|\.\w)"
    # "r" only between a subject and what it is: "r u free", "we r good to go"
    r"|(?P<pre>\b(?:we|you|they) )r(?= \w)|(?<![\w.'’-])r(?= (?:u|you|we|they|there|the|these|those|ur|your)\b)"
    # "prob" as "probably" before what it qualifies ("prob Mon"), not "no prob"
    r"|(?<!no )(?<![\w.'’-])(?P<prob>prob)(?= \w)"
    # "ill" as "I'll", where a clause starts and a verb follows: not "she was ill", "ill health"
    r"|(?P<at>^|[,;.:!-] |\b(?:and|so|then|ok|okay|sure|yes|yep|also|but|if|tho|though) )"
    r"ill(?= (?!health|effects?|feeling|will|be ill|treated|advised|at ease)[a-z])")
# The writer left out "I", as notes do: "will trim the sting to 3s", "cant fix 2 clips without
# them", "need the original cards if u still have them", "on it, cut v2 by thurs".
_CHAT_NO_SUBJECT_RE = re.compile(
    r"^(?P<lead>\W*(?:(?:ok|okay|sure|yes|yep|yup|cool|great|np|no worries|no prob(?:lem)?|done|noted|got it|on it)"
    r"[,.!:;-]*\s+)?)(?:(?P<will>will|can't|cannot|can do|need)\s+(?!(?:you|u|we|they|it|he|she|i|there|that|this|the|"
    r"your|ur|our|my|his|her|their|any|anyone|someone|somebody|everyone)\b)(?=[a-z0-9])"
    r"|(?=(?:send|cut|fix|do|get|make|book|call|ring|sort|chase|check|update|email|draft|finish|share|upload|edit|"
    r"grade|deliver|drop|bring|pay|transfer|order|confirm|sign)\b))", re.I)
# A question asked without its question mark, in chat: "do we have genny power or am i running off
# the house", "whats the cost if we add a 2nd day", "hi dan r u free 26-27 nov".
_CHAT_QUESTION_RE = re.compile(
    r"^\W*(?:(?:hi|hey|hiya|hello|morning|yo)\s+[a-z]+[,!]?\s+)?(?:(?:can|could|would|will|shall|should|do|does|did|is|"
    r"are|am|have|has)\s+(?:you|we|i|they|it|there|he|she|your|the)\b|(?:what's|what|when|where|who|which|how)\s+"
    r"(?:[a-z]+\s+)?(?:is|are|do|does|did|can|could|should|would|will|much|many|long|about)\b|(?:what|who|where|when|how)'s\b)")


# German writes "im" for "in the" ("das kannst du im Call so zusagen"): there it is no chat "I'm".
_CHAT_NO_IM_RE = re.compile(_CHAT_RE.pattern.replace("(?P<word>u|ur|im|ive|", "(?P<word>u|ur|ive|", 1))
_GERMAN_CUE_RE = re.compile(r"\b(?:der|die|das|und|ich|du|wir|ist|nicht|mit|dem|den|auf|kannst|bitte|für|zum|zur|noch|uns)\b", re.I)
_CHAT_TOKENS = frozenset(_CHAT_WORDS) | {"prob"}
_CHAT_SPACES = str.maketrans({c: " " for c in ",.;:!?()[]\"'’-/"})


def _chat_word(m: re.Match[str]) -> str:
    word = m.group("word")
    if word:
        return _CHAT_WORDS[word]
    if m.group("prob"):
        return "probably"
    if m.group("at") is not None:
        return m.group("at") + "I'll"
    return (m.group("pre") or "") + "are"


def chat_reading(sentence: str) -> str:
    """``sentence`` in full spelling when it is written as chat (see _CHAT_RE); else itself."""
    # Most sentences hold none of the words: a set test, cheaper than the pattern, says so.
    tokens = sentence.translate(_CHAT_SPACES).split()
    reading = sentence if _CHAT_TOKENS.isdisjoint(tokens) \
        else (_CHAT_NO_IM_RE if "im" in tokens and _GERMAN_CUE_RE.search(sentence) else _CHAT_RE).sub(_chat_word, sentence)
    # Spelt as chat, or written in lower case with a lower-case "i": then a question may go unmarked.
    chat = reading != sentence or (sentence[:1].islower() and " i " in f" {reading} ")
    bare = _CHAT_NO_SUBJECT_RE.match(reading)
    if bare and "?" not in reading and not re.match(r"will do\b", reading[bare.end("lead"):], re.I) \
            and (bare.group("will") or bare.group("lead").strip(" ,-").lower() == "on it") \
            and ((bare.group("will") or "").lower() != "need" or sentence[:1].islower()):  # "Need to know how they do it!" admires
        # "will send" is "I will send"; "on it, cut v2 by thurs" is "on it, I'll cut v2 by thurs"
        at = bare.end("lead")
        rest = reading[at:]
        reading = f"{reading[:at]}I {rest[:1].lower() + rest[1:] if bare.group('will') else 'will ' + rest}"
    if chat and "?" not in reading and not reading.rstrip().endswith("!") and _CHAT_QUESTION_RE.match(reading):
        reading = reading.rstrip().rstrip(".") + "?"
    return reading


# A polite lead-in before an order: "When you get a chance, answer the three open questions", "If you
# get a minute, skim the draft and flag anything off". The order is read as "Please ..." is.
# A thing handed over with the mail, said before an order: "Note is attached, pls get it approved",
# "Attached is the revised quote, please sign it by Friday", "PFA the bill, kindly arrange payment"
# ("Please find attached the contract, kindly sign..." is read by its own rule, see _ATTACHED_THEN_RE).
_HANDED_LEAD_RE = re.compile(r"^\W*(?:(?P<thing>(?:the |our |my |a |an )?[\w'’&/ -]{1,50}?) (?:is|are) (?:attached|enclosed)(?: (?:here|herewith|for your reference))?|"
                             r"(?:attached|enclosed) (?:is|are|please find|pls find) (?P<thing2>[^,;:.!?]{1,60})|"
                             r"pfa\b[^,;:.!?]{0,60})\s*[,;:]\s*(?:and\s+|so\s+)?"
                             r"(?:(?:please|pls|plz|kindly|do)\s+)+(?!(?:do not|don't|dont|not|never|see|find|refer|ignore|disregard|keep|use|"
                             r"have a look at page|check page)\b)", re.I)
_POLITE_LEAD_RE = re.compile(r"^\W*(?:(?:when|if|whenever) (?:you|u) (?:get|have|find) (?:a |the )?(?:chance|minute|moment|sec|"
                             r"second|mo|spare minute)|when you can|if you can|at your (?:earliest )?convenience|"
                             r"when you're (?:back|free)|"
                             # ...a condition that is only politeness: "If you're happy, sign and send it back"
                             r"if (?:you(?:'re| are)|u r) (?:happy|ok|okay|fine|good)(?: with (?:it|that|this|them|the \w+))?|"
                             r"if (?:it|all|everything) (?:looks|is) (?:ok|okay|good|fine|right|in order)(?: to you)?|"
                             # ...and the topic said first: "Re second source, bring the one-pager to me tomorrow"
                             r"re:? [^,.!?;:]{2,40}|on the [^,.!?;:]{2,40}),\s+", re.I)
# Leave given to skip the rest, before an ask: "Feel free to ignore the rest", "No need to reply to the
# others", "No rush on the deck" (not a disclaimer's "if you received this in error").
_LEAVE_IT_RE = re.compile(r"^\W*(?:feel free to (?:ignore|skip)|(?:you can )?(?:ignore|skip) the rest|no need to (?:reply|respond|"
                          r"read|answer)|no rush(?: on [\w' -]{1,40})?$|no (?:pressure|hurry)(?: on [\w' -]{1,40})?$)", re.I)
# Two acts asked in one question, the second after "and also": "Could you review the lease and also
# send me the deposit receipt?" is two asks, the second read with the first one's "could you". Only
# when what follows is an order of its own ("and also the contract" is one more thing to review).
_ASK_LEAD_RE = re.compile(r"^\W*(?P<lead>(?:(?:could|can|would|will) (?:you|u)(?: please| also| kindly)?|please|kindly|pls))\s+"
                          r"(?!.*\b(?:if|whether)\b.*\band also\b)", re.I)
_AND_ALSO_RE = re.compile(r",?\s+and also\s+", re.I)
_AS_WELL_AS_RE = re.compile(r",?\s+(?:as well as|and also)\s+(?=(?:the|a|an|your|some|any)\s)", re.I)
# A clause that only says when or what for, with no subject of its own: "Ahead of our call on
# Tuesday", "For the Monday review", "Before the auditors arrive" is not (it has one).
# What follows if an ask is not met, after "or" or "otherwise": "I need your answer by Friday or we'll
# lose the slot", "..., otherwise the bank won't release the funds". A threat or a reason, never work
# of its own: the sentence is read without it. The "or" is followed by someone who will (not) act,
# so "the blue or the red" and "Monday or Tuesday" are no tail.
_CONSEQUENCE_RE = re.compile(
    r"(?:,\s*|\s+)(?:or(?:\s+else)?|otherwise|failing (?:that|which))\s*,?\s+(?:(?:we|i|they|he|she|it|you|this|that|"
    r"the\s+[\w-]+(?:\s+[\w-]+)?|there)(?:'ll|’ll|'d|’d|\s+(?:will|would|won't|wont|will not|can't|cannot|can|could|may|"
    r"might|must|need to|needs to|have to|has to|lose|miss|risk|be|go|get|end up))\b|(?:we|i)(?:'re|’re|'m|’m|\s+(?:are|am))"
    r"\s+(?:going to|gonna)\b|(?<=else\s)|(?<=otherwise\s)|(?<=otherwise,\s))|"
    # ...and in German and French: "..., sonst rechnet sich das nicht", "..., sinon on perd le créneau"
    r",\s*(?:sonst|andernfalls|ansonsten|sinon|faute de quoi|à défaut)\b,?\s+(?=\S)", re.I)
# An aside in brackets in which the writer speaks for themself: "Please send 5 packs on Thursday's van
# (44 needed, I'll keep the spares)". The sentence is read without it, and a dated aside as a sentence
# of its own, so neither takes the other's place.
_ASIDE_RE = re.compile(r"\s*\((?=[^()]{0,80}?\b(?:I|we|We)(?:'ll|’ll|'m|’m|'re|’re|\s+(?:will|shall|am|are|can|could|need|"
                       r"have|must|should)\b))(?P<inner>[^()]{3,160})\)")
# A formal ask of a thing in the passive: "We would ask that the history is returned to us within 14
# days", "I must request that the signed copy be sent by Friday". Read as the duty it states ("the
# history must be returned to us within 14 days"), quoted whole.
_ASK_THAT_PASSIVE_RE = re.compile(
    r"^\W*(?:(?:i|we)(?: would| must| do| hereby| therefore| also| kindly){0,3} (?:ask|request|require)|(?:it is|it's) "
    r"(?:requested|required|essential|important)) that (?P<what>(?:the|your|all|both|any|these|those|a|an)\b[^.!?;]{2,80}?)"
    r" (?:is|are|be) (?P<rest>(?:submitted|returned|sent|completed|signed|uploaded|filed|lodged|received|provided|paid)"
    r"\b[^!?;]*)$", re.I)
_CONSEQUENCE_KEYS = (" or ", "or else", "otherwise", "failing that", "failing which", "sonst", "andernfalls", "sinon",
                     "faute de quoi", "à défaut")


_LEAD_IN_RE = re.compile(r"^\W*(?:ahead of|before|by|for|after|following|in time for|given|as part of|in order to|to)\b"
                         r"(?![^,;]*\b(?:i|we|you|he|she|they|it|there)\b)[^,;]*$", re.I)
_BARE_VERB_RE = re.compile(r"^(?:also\s+|then\s+)?[a-z]", re.I)
_SUBJECT_RE = re.compile(r"\b(i|we)(?:'ll| will| shall|'m going to|'re going to)\b", re.I)
# A first clause that is the writer's, in any tense: "I've asked", "We expect", "I'm working on".
_WRITERS_CLAUSE_RE = re.compile(r"^\W*(?:(?:and|so|but|also|ok|okay)\W+)?(i|we)(?:['’](?:ve|m|re|d)\b|\s+(?!will\b|shall\b))",
                                re.I)
# _SUBJECT_RE and _LEAD_RE each spell one of these.
_SUBJECT_KEYS = ("'ll", " will", " shall", "going to")
_ADDRESSED_RE = re.compile(r"^@?(?P<name>[A-Z][a-z]+)(?: [A-Z][a-z]+)?\s*[,:—-]\s+")
_TRAILING_RE = re.compile(r"[\s,:;–—-]+$")
# What _TRAILING_RE takes off, as characters: each one ``\s`` (and str.isspace) takes for space,
# and its stops. Stripping them off the right is its substitution, without the scan.
_TRAILING_CHARS = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                   "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000,:;–—-")
_CLAUSE_CUT_RE = re.compile(r"\s+(?:and then|so that|so (?:we|I|they|he|she|you|it) (?:can|could|may|will|have|get)|so we|so I|because|as soon as|once(?!-)|if|when|while|which|"
                            r"before|after|otherwise|in the meantime|when you can|at your convenience|"
                            r"that would be|it would be|that'd be|would be (?:great|ideal|helpful|awesome))\b.*$|"
                            r"\s*(?:(?<!\d),|,(?!\d)|[–—(])\s*.*$|\s+-\s+.*$", re.I)
_SOFTENERS_RE = re.compile(r"\b(please|kindly|pls|quickly|just)\s+", re.I)
_PARA_RE = re.compile(r"\n\s*\n")
_DANGLING_DUE_RE = re.compile(r"\b(by|before|on|until|till|no later than|at the latest)\s*$", re.I)
# A time of day left once its day is gone: "submit your timesheet by Friday noon" -> "...timesheet
# noon", "send the deck by noon Friday" -> "...deck by noon" ("a table for lunch" keeps its lunch).
_DANGLING_TIME_RE = re.compile(r"(?<!\bto)(?<!\bfor)(?<!\bfrom)\s+(?:(?:by|before|at|around|until)\s+)?(?:12 ?)?(?:noon|midday|midnight|eod|cob|eow)\s*$|"
                               r"\s+(?:by|before|until)\s+lunch(?:time)?\s*$|"
                               r"\s+(?:by|before|until|no later than)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|h)?\s*$", re.I)
# "send over the deck first thing tomorrow", its day taken ("review the first thing" is a thing).
_FIRST_THING_RE = re.compile(r"(?<!\bthe)\s+(?:at\s+)?first\s+thing(?:\s+in\s+the\s+morning)?\s*$", re.I)
_DANGLING_WORDS_RE = re.compile(r"(\s+(by|before|on|until|till|in|at|for|the|this|next|or|and|"
                                r"(?:today|tonight|now|tomorrow)\s+or))+\s*$", re.I)
# A state that ends on its particle is whole: "until the nozzles are in", "once the parts are back".
_STATE_ENDS_RE = re.compile(r"\b(?:is|are|be|been|was|were|gets?|got)\s+(?:in|on|back|up|out|through|over|done)\s*$", re.I)
# The part of a day left once its date is gone: "walk the venue on the afternoon of" (October 3rd),
# "receive on a" (Saturday): said of no day, it is cut with its date.
_DANGLING_DAY_PART_RE = re.compile(r"\s+(?:(?:on|in|during|by|for|over)\s+)?(?:the\s+)?(?:(?:morning|afternoon|evening|night|"
                                   r"weekend|week|end|start|beginning|middle)\s+of|on\s+an?)\s*$", re.I)
# A verb whose object is a question: "confirm which one you priced", "check if the agency has a
# licence", "tell me whether it fits", "let me know who that will be". Its clause is what is asked,
# not a condition on it, so the title keeps it.
_ASKS_WHICH_RE = re.compile(r"^(?P<head>(?:please\s+)?(?:confirm|check|double[- ]check|tell \w+|ask \w+|advise|clarify|verify|find out|"
                            r"figure out|decide|see|work out|establish|say)"
                            r"(?:\s+with\s+(?:[A-Z][\w'’-]*|the\s+\w+|your\s+\w+)(?:\s+[A-Z][\w'’-]*)?)?)"
                            r"\s+(?P<wh>which|if|whether|when|what|who|how|where|once)\s+(?P<rest>.+)$", re.I)
_SPACES_RE = re.compile(r"\s{2,}")
_CLOSE_OF_RE = re.compile(r"\s+(?:by|before|at)\s+(?:the\s+)?(?:close|end) of (?:business|play|the day|day)(?:\s+(?:on|of))?\s*$",
                          re.I)
_NO_LATER_RE = re.compile(r"\s+(?:no later than|at the very latest)\b", re.I)
# A sentence opening on a condition ("if you'd like to...", "whether you...") sets terms, asking
# nothing by itself; the classifier adds no item from it.
# The promiser and modal a title leaves out: "I'll send the deck" -> "send the deck".
_PROMISER_RE = re.compile(r"^\W*(?:(?:just )?(?:fyi|heads[- ]up|ps|p\.s\.|btw|note|also|and|so|but)\b[,:.\s-]*)?"
                          r"(?:(?:i|we|you)(?:'ll| will| shall|'re going to| are going to|'m going to| am going to|"
                          r"'d| would| should| can)?|will|should)\s+(?=[a-z])", re.I)
_CONDITION_RE = re.compile(r"^\W*(if|whether|when|while|with|once|unless)\b", re.I)
# A calendar's invitation notice ("X has invited you to...", "Accept | Tentative | Decline"): the
# calendar holds the meeting, and its stock lines ask nothing of the owner.
_INVITATION_RE = re.compile(r"\bhas invited you to\b|\binvitation from (?:google|outlook) calendar\b|"
                            r"\baccept\s*[|/-]\s*tentative\s*[|/-]\s*decline\b|\bgoing\?\s*yes\s*[|/-]\s*maybe\s*[|/-]\s*no\b|"
                            # an updated or moved meeting's notice, and a meeting link's stock line
                            r"\bhas (?:updated|rescheduled|moved) this (?:meeting|event)\b|^\s*join the meeting now\s*$|"
                            # an online meeting's stock block: "Microsoft Teams meeting / Join on your computer,
                            # mobile app or room device / Click here to join the meeting", "Join Zoom Meeting"
                            r"\bjoin on your computer,? mobile app or room device\b|\bclick here to join the meeting\b|"
                            r"\bmicrosoft teams meeting\s*$|^\s*join zoom meeting\s*$",
                            re.I | re.M)
# Each branch of _INVITATION_RE spells one of these; most mail holds none, and the pattern would
# read all of it.
_INVITATION_KEYS = ("invited you to", "invitation from", "tentative", "going?", "this meeting", "this event",
                    "join the meeting now", "join on your computer", "click here to join the meeting",
                    "microsoft teams meeting", "join zoom meeting")
# "Draft offer attached: 92k base": a label of what is attached, not an order to draft.
_ATTACHED_LABEL_RE = re.compile(r"^\W*(?:the |my |our |a |an )?[\w'-]+(?: [\w'-]+){0,3} (?:is |are )?"
                                r"(?:attached|enclosed|below|above)\s*[:,.;(-]", re.I)
# A plan the writer shares with a colleague ("Rania and I will run the AP batch", "Amélie and I
# will join for the first half hour"): their own work, owed to no one on the thread.
_JOINT_PLAN_RE = re.compile(r"^\W*(?:(?i:yes|ok|okay|sure|great|so|and|also|fyi),?\s+)?(?:[A-Z][\w'-]+|(?i:my) [a-z]+)"
                            r"(?: [A-Z][\w'-]+)? and (?i:i|we)(?i:'ll| will| shall| are going to| can)\s")
# A tool's report of what someone did, which the request model may read as an ask for the words
# it quotes: "Jen commented on the pull request: looks good to me", "Omar approved your request".
_ACTIVITY_RE = re.compile(
    r"^\W*(?:[A-Z][\w'.-]*(?: [A-Z][\w'.-]*)?|@[\w.-]+) (?:has )?(?:commented on|replied to|reacted to|approved|merged|closed|"
    r"reopened|opened|assigned|mentioned you in|edited|updated|shared|uploaded|resolved|completed|created|added you to|"
    r"invited you to|left a comment on)\b")
# Statements the request model may read as asks that ask nothing of the reader: a hope or a
# wait together ("Let's hope the weather holds", "Let's see what the numbers say"), an agreement
# or a time that suits the writer ("Works for me, talk then", "Any day next week works for us").
_NO_ASK_RE = re.compile(
    r"^\W*(?:(?:ok|okay|so|well|then|great|sure|fine),?\s+)?(?:let'?s|let us) (?:just )?(?:hope|pray|wait and see|see (?:how|what|if|whether|where)|"
    r"not (?:worry|stress|panic)|keep (?:our )?fingers crossed)\b|"
    r"^\W*(?:(?:ok|okay|yes|great|perfect|sure|fine|confirmed),?\s+)?(?:i confirm (?:that )?)?(?:that |this |it |either |both |"
    r"any (?:day|time|slot)[\w ]{0,20}? |(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|next week)[\w: ]{0,24}? )?"
    r"(?:works|suits|is fine|is good|is perfect|sounds (?:good|great|fine))(?: (?:for|by|with))? (?:me|us)"
    # ...and says nothing more than a farewell ("Works for me, but I leave at 5" says more)
    r"(?:[,;.!]?\s*(?:talk|see you|speak|chat)\b[\w ]{0,15})?\W*$|"
    # a bare go-ahead answers the owner's question, asking nothing back
    r"^\W*(?:(?:ok|okay|yes|sure|great|done|fine),?\s+)?(?:please\s+)?go ahead\W*$", re.I)
# A hypothetical: "If the client signs, the project would start in January".
_IF_WOULD_RE = re.compile(r"^\W*(?:if|should|were|had)\b(?! possible\b)[^,.!?;]{3,80},\s*(?:then\s+)?[^.!?;]*"
                          r"\b(?:would|might|could|may)\b", re.I)
# What a third party needs from someone other than the reader: "from design", "from the bank".
_FROM_OTHERS_RE = re.compile(r"\bfrom (?!(?:you|your|yours|u|here|there|now|then|scratch|home|today|tomorrow|"
                             r"the (?:start|beginning|outset))\b)(?:the |our |their |his |her )?[A-Za-z]", re.I)
# A plan of someone else's for someone else, told the owner as news: "Priya will send the
# forecast to the finance team on Friday", "The hiring manager will call the candidate Monday".
# Who acts is neither the writer nor the reader, and who receives is a person or a group named
# (never "you"): nothing is owed to the owner.
_PEOPLE = (r"team|teams|client|clients|customer|customers|candidate|candidates|prospect|prospects|board|"
           r"manager|managers|vendor|vendors|supplier|suppliers|buyer|buyers|auditors?|lawyers?|legal|"
           r"accountants?|finance|hr|recruiters?|agency|landlord|bank|partners?|investors?|ceo|cfo|cto|coo|"
           r"director|committee|panel|interviewers?|engineers?|engineering|designers?|developers?|contractors?|"
           r"tenants?|staff|group|department|dept|folks|family")
_THIRD_PARTY_PLAN_RE = re.compile(
    r"^\W*(?:(?i:also|and|so|then|ok|fyi|meanwhile|btw),?\s+)?"
    r"(?:(?!(?:I|We|You|It|This|That|There|Please)\b)[A-Z][\w'-]+(?: [A-Z][\w'-]+)?|(?i:the|our|my|his|her|their)(?: [a-z]+){1,2}|"
    r"(?i:he|she|they))(?:\s+(?i:will|is going to|are going to|is planning to|are planning to|plans to|has agreed to)|"
    r"(?i:'ll|’ll))\s+"
    r"[^.!?;]*?\b(?i:to|with)\s+(?:(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\b)[A-Z][\w'-]+|"
    r"(?i:the|our|their|his|her|its)(?: [a-z]+)?\s+(?i:" + _PEOPLE + r"))\b")

# A colleague of the writer's named as doing work for the reader, with a day: "Pedro will prepare
# three motion directions for the call on Monday", "Kasia from our sales team will send the demo
# logins tomorrow". The writer's side owes it; a plan between others (_THIRD_PARTY_PLAN_RE) is not.
# In the owner's mail, someone on her side named doing work on a day: "Tuan will install it Thursday
# the 29th", "Sian will send you the local rules by the 18th", "Anil will witness the C&E test on
# 25th Jan" (the day is required where it is read). Not news of someone ("Sam will be out on Friday",
# "Maria will love it") nor what is not a promise ("will probably", "will need").
_OWNERS_SIDE_PROMISE_RE = re.compile(
    r"^\W*(?:(?:and|also|so|then|ok|okay|yes|sure),?\s+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Tomorrow|"
    r"Tonight|Next|This|That|It|Everyone|Everything|Nothing|Nobody|January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b)(?P<who>(?-i:[A-Z][a-z]+)(?: and (?-i:[A-Z][a-z]+))?)"
    r"(?: from (?:our|the|my) [\w -]{2,30}?)? will (?!(?:be (?:out|away|off|on leave|on holiday|in touch|happy|glad|thrilled|"
    r"delighted|sorry|late|back|there|joining|attending)|love|like|enjoy|probably|maybe|likely|perhaps|need|want|have to|"
    r"think|know|see|hear|understand|remember|not|never)\b)(?P<vp>[a-z][^.!?;]*)")
# Soon, for the reader: a promise with no day that is still one to chase ("will send you the RFQ
# template in the next days", "will call you shortly").
_SOON_FOR_YOU_RE = re.compile(r"\b(?:you|u)\b[^.!?;]*\b(?:soon|shortly|in the (?:next|coming) (?:few |couple of )?days|"
                              r"within the next (?:few |couple of )?days|asap|as soon as possible)\b", re.I)
# Who acts for the writer's side, by role (see _NAMED_PROMISE_RE).
_ROLE = (r"(?i:lawyer|solicitor|notary|accountant|assistant|colleague|engineer|technician|surveyor|driver|courier|team|"
         r"office|department|agent|broker|manager|producer|executive|coordinator|rep|representative|adviser|advisor|"
         r"consultant|installer|plumber|electrician|inspector|fitter|contractor|builder|architect|designer|editor|"
         r"officer|specialist|paralegal|secretary)")
# ...and by what it is, a firm or body the writer deals with (see _NAMED_PROMISE_RE).
_FIRM = (r"(?i:bank|lab|laboratory|supplier|vendor|factory|mill|plant|courier|carrier|forwarder|freight forwarder|"
         r"insurer|underwriter|landlord|council|city|county|auditors?|client|customer|buyer|printer|manufacturer|"
         r"contractor|subcontractor|agency|registry|notary|lawyers|solicitors|accountants|lender|bank's [\w-]+ team|"
         r"shipping line|port|warehouse|distributor|importer|exporter|broker|tax office|authority|regulator|ministry|"
         r"installers|engineers|surveyors|examiner|assessor)")
_NAMED_PROMISE_RE = re.compile(
    # (After a few words that set it up: "Good news: they'll ship the pump Tuesday", "Talked to our bank: they'll...")
    r"^\W*(?:[^:.!?;]{1,40}:\s+)?(?:(?i:also|and|so|meanwhile|btw|then),?\s+)?(?:(?i:my|our) (?i:colleague|assistant|partner|accountant|manager|"
    r"lawyer|associate|co-?founder|boss|engineer|agent|broker|contact),?\s+)?(?P<who>he|she|they|(?!(?:I|We|You|It|This|That|There|Please|The|Our|My|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Tomorrow|Today|Tonight|January|February|March|April|May|"
    r"June|July|August|September|October|November|December|Next|Everything|Nothing|Someone|Somebody)\b)"
    r"(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof|Herr|Frau|Mme|Mlle)\.?\s+)?[A-Z][a-z]+(?: [A-Z][a-z]+)?|"
    # ...or by role, for the writer's side: "Our lawyer will send you the final version on Monday", "Your
    # production executive, Tom Aldous, will arrange a kick-off call", "A surveyor from Damp Solutions will
    # attend on Thursday"
    r"(?i:our|my) (?:[\w-]+ ){0,3}" + _ROLE + r"(?:,? [A-Z][a-z]+(?: [A-Z][a-z]+)?,)?|(?i:your) (?:[\w-]+ )?" + _ROLE
    + r",? [A-Z][a-z]+(?: [A-Z][a-z]+)?,|"
    r"(?i:an?|the) " + _ROLE + r" from (?:the )?[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,3}|"
    # ...or a firm the writer deals with, by what it is: "The bank will issue the amendment on Monday"
    r"(?i:the) " + _FIRM + r")"
    r"(?: (?i:from|in|on) (?i:our|the|my) [\w -]{2,30}?)?(?:(?:,?\s+(?i:will|is going to)|(?i:'ll|’ll))\s+(?!(?i:probably|maybe|perhaps|"
    r"likely|hopefully)\b)|"
    # "He's going to email you today with the options"
    r"(?i:'s|’s|'re|’re|\s+are)\s+going\s+to\s+|"
    # ...and in the present, on its way: "Nate's sending you the cut this afternoon"
    r"(?i:'s|’s|\s+is)\s+(?=(?i:sending|sharing|bringing|forwarding|emailing)\s+(?i:you|u|it|them|over)\b))"
    r"(?P<vp>(?i:prepare|send|share|deliver|draft|finish|write up|bring|forward|set up|put together|pull together|"
    r"have(?! to\b)|get(?! to\b)|sending|sharing|bringing|forwarding|emailing|(?:e-?mail|call|ring|phone|text|confirm to|get back to|"
    r"come back to|contact|write to|update|give) (?:you|u)\b(?![^.!?;]*\b(?:offers?|deals?|promotions?|newsletter)\b)|"
    # ...an answer the reader waits for: "Our facilities team will confirm the tent footprint by Wednesday"
    r"confirm\s+(?=(?:the|your|whether|if)\b)|review\s+(?=your\b)|"
    # ...verbs of work done for someone, for the reader: "Rachel will issue the appointment letter next week",
    # "Greg will refund the difference", "Our engineer will visit your site" (not "book her own holiday",
    # "visit Paris", "file our accounts", "install new carpets")
    r"(?:issue|arrange|book|schedule|submit|file|return|sign|courier|ship|dispatch|pay|transfer|refund|install|provide|"
    r"supply|fit|collect|measure|drop|repair|replace|service)\s+(?=(?:you|your|u)\b|(?:the|a|an)\s+(?!own\b)[\w-]+(?![^.!?;]*\b(?:his|her|their|our|my|own)\b))|"
    r"(?:attend|visit|post)\s+(?=[^.!?;]*\b(?:you|your)\b)|(?:attend|come (?:round|over|by)|pop (?:round|over|by))\s+(?=(?:on|at|between|tomorrow|today|this|next)\b))\b[^.!?;]*)")

# A reminder of the reader's own promise: "you promised me the contact of a restaurant group",
# "You said you'd send the slides". It asks for what was promised.
_REMINDER_RE = re.compile(r"\byou (?:promised|said you(?:'d| would)(?: send| share| get| give)?(?: me| us)?|"
                          r"were going to (?:send|share|get|give)(?: me| us)?) (?:me |us )?"
                          r"(?P<what>(?:the|a|an|your|some|those|that|a copy of)\b[^,.!?;]{3,80})", re.I)
_REMINDER_KEYS = ("you promised", "you said you", "you were going to")

# Literal prefilters. Each regex's every match contains one of its keys in the sentence as
# ``fold`` lower-cases it (the keys are literals the pattern spells out, spaces included only
# where the pattern has a literal space), so a sentence holding none of them cannot match and
# skips the regex, the costliest part of reading a message.
_COURTESY_KEYS = ("for your records", "for your files", "for your reference", "time you need", "take your time", "disregard ", "ignore th", "ignore our", "ignore my", "nothing needed", "nothing required", "nothing is needed", "nothing is required", "nothing else",
                  "nothing for you", "nothing for u", "no action", "no further action", "in case ", "vertraulich", "unter uns", "entre nous", "confidentiel", "appreciate ", "things ", "questions ", "points ", "asks ", "items ", "requests ", " thing ", "question ", "ask ",
                  "if anything", "if something", "if any of", "needs anything", "needs something", "wants anything",
                  "shout if", "holler if", "a line if", "a note if",
                  "has any ", "have any ", "you if ",
                  "request ", "me if ", "us if ", "cc ", "copy ", "keep ", "loop ", "know if ", "any questions", "any thoughts", "hope ", "looking forward", "feel free", "hesitate",
                  "happy to ", "glad to ", "thanks ", "thank you ", "have a ", "know what you think", "enjoy ", "congrat",
                  "if you ", "if that ", "just wanted ", "just a quick ", "attached", "enclosed", "below", "don't ",
                  "herewith", "attachment", "in attach", "nothing you", "nothing u", "you may", "u may", "guided accordingly", "understand", "disagree", "object", "otherwise", "differently", "concern", "let's see", "let’s see", "lets see", " off", "get some ", "rest up", "from me", "from us", "from all",
                  "from the team", "say hi", "say hello", "send my", "send our", "note", "feel ", "trouble", "panic",
                  "worry about",
                  "do not ", "never ", "intended recipient", "confidential", "privileged", "in error", "by mistake",
                  "adressat", "empfänger", "irrtümlich", "vernichten sie", "löschen sie", "destinataire", "par erreur",
                  "destinatario", "por error",
                  "lovely ", "great ", "nice ", "good ", "fab ", "brilliant ",
                  "no need to ", "automat", "auto-gen", "computer-gen", "urgent", "in my absence", "worth",
                  "if any ", "there is any ", "there are any ", "for any ", "for further ", "for more ", "if it ", "if that ",
                  "fyi", "for your ", "needful", "update ", "news ", "recap ", "summary ", "status ", "heads")
_OOO_KEYS = ("out of ", "leave", "limited access", "away", "will be back ", "auto", "urgent", "awaiting ", "waiting for ",
             "pour toute", "when i'm back", "when im back", "when i’m back", "on my return", "when i return", "upon my return",
             "once i'm back", "once i’m back",
             "looking forward to ")
_MARKETING_KEYS = ("complimentary", "months free", "month free", "weeks free", "week free", "free place", "free trial",
                   "free pass", "free ticket", "free entry", "free access", "free consultation", "free survey", "free demo",
                   "free guide", "free gift", "free upgrade", "free shipping", "free coffee", "free month", "free seat",
                   "free spot", "discount", "if you no longer", "if you do not", "if you don't", "ignore this", "address book", "$link",
                   "click ", "%", "register now", "bird", "time offer", "time deal", "sign up now", "sign up today",
                   "subscribe now", "subscribe today", "unsubscribe", "opt out", "opt-out", "demo today", "demo now")
# Every branch of _ASK_RE has "you" or " u" but these: please/kindly/pls, "is it possible to",
# "make sure to", "remember to", "don't forget to", "a reminder to".
_ASK_KEYS = ("you", " u", "mind", "please", "request", "hereby", "recommend to", "suggest to", "kindly", "pls", "possible", "sure to", "remember to", "forget to", "reminder to",
             "to know", "to hear", "to understand", "knowing", "hearing", "understanding", "learning")
_NEED_FROM_KEYS = ("from you",)
_OWED_KEYS = ("you'll ", "you will ", "you should ", "you shall ", "you'd ", "you would ", "expect ", "you get ",
              "you receive ")
# Every branch of _SHIPPING_RE spells one of these: "way", "to follow", a verb of moving, a plan.
_SHIPPING_KEYS = ("way", "follow", "coming", "come", "arrive", "goes ", "go ", "going ", "ship", "leav", "posts ", "planned", "scheduled", "booked",
                  "expected", "should ", "will be ", "will arrive", "will land", "will reach", "will get to", "done ",
                  "finished ", "ready ", "complete ", "wrapped up ")
# A promise in the present tense, as second-language mail puts it: "I send you the invoice
# tomorrow", "on Tuesday I put it live". It counts only with a day to come.
_PRESENT_PROMISE_RE = re.compile(
    # After "as discussed", a topic ("About the CI report, I send you on Friday") or a condition
    # ("If all is fine I send you the signed copy Monday"): still a promise, with its day.
    r"^(?:(?:as (?:discussed|agreed|promised|requested|mentioned|said)|(?:about|regarding|concerning|as for) [^.!?;:,]{2,50}|"
    r"if (?!you\b)[^.!?;:,]{2,40}?)(?:,\s*|\s+)(?=(?:i|we) ))?"
    r"(?:(?:also|and|then|so|ok),?\s+)?(?:(?:on|by|from|next|this|tomorrow|tmrw|today|tonight)\b[\w ]{0,20}?,?\s+)?"
    # ("I put the form in your mailbox this morning" is done: "put" is its past too)
    r"(?:i|we) (?:also |then )?(?P<vp>(?:send|put(?![^.!?;]*\b(?:this morning|yesterday|earlier|last night|already|"
    r"just now)\b)|deliver|bring|post|ship|pay|transfer|finish|share|forward|publish|"
    r"upload|email|call|fix|install|order|book)\b[^.!?;]*)", re.I)
_WISH_KEYS = ("need", "would help", "'d help", "really help", "truly help", "greatly help", "help to ", "forward to", "love", "like", "value", "asking for", "asked for", "appreciate", "want", "require", "waiting", "await", "can we ", "can i ", "expect",
              "received", "yet to receive", "gotten", "got ", "seen ",
              "welcome", "grateful", "glad of", "request",
              "to receive", "must receive",
              "could we ", "could i ", "may we ", "may i ", "would be ", "'d be ", "important", "necessary",
              "essential", "urgent")
_PROMISE_KEYS = ("'ll", "ill ", " will", " shall", "going to", " can", "promise to", "plan to", "expect to", "intend to", "aim to",
                 "should be able to", "should have ")
_LET_ME_KEYS = ("let me ",)
_RHETORICAL_KEYS = ("eh?", "anyway", "who knew", "who would have thought", "what could ", "isn't ", "wasn't ", "how ", "why not",
                    "guess what", "can you believe", "could you believe", "can you imagine", "could you imagine", "right?", "you should", "you could", "you would", "you might",
                    "should ", "you must be", "honestly", "seriously", "i mean", "come on", "who even", "who really", "who actually",
                    "who has", "who cares", "just me", "always", "never", "every time", "insist", "why do", "why does", "why did", "why is", "why are",
                    "who decide", "who thought", "who think",
                    "at some point", "someday", "some day", "one day", "down the line")
# Each branch of _BARE_PROMISE_RE spells a modal, "happy to", a gerund or "coming your way".
_BARE_PROMISE_KEYS = ("will ", "shall ", "should ", "happy to ", "sending ", "sharing ", "preparing ", "drafting ", "finishing ",
                      "getting ", "calling ", "ringing ", "booking ", "ordering ", "chasing ", "filing ", "submitting ",
                      "signing ", "reviewing ", "emailing ", "posting ", "coming your way", " by ", " before ",
                      "no later than ")
_BLOCKER_KEYS = ("blocked ", "stuck", "held up ", "access to ", "holding ", "until", "till", "til ", "on hold ", "pending ", "waiting ", "before ",
                 "only after ", "only once ", "only when ", "will only ", "shall only ", "may only ",
                 "without ", "can only ", "could only ", "to wait ", "unless ", " first", "as long as ", "paused",
                 "suspended", "frozen", "on hold", "unable to", "not able to")
# Work held up by a problem said as its cause, in the forms a cause and its effect take
# ("The parts are back-ordered, so the install can't proceed", "Migration is stalled because the
# vendor hasn't given us read access", "Payroll can't run because the bank file was rejected",
# "We're stuck on the integration until Acme rotates the keys"). The cause names a problem
# (something not yet done, down, missing, failing, rejected; not "still soft", not the writer's
# own "I haven't had my coffee"); the effect is work that cannot go on, not the writer's own
# ("My recovery is delayed because..."), not the writer's own absence ("I'm travelling, so I can't join the call") or a past mishap
# ("The shop was closed, so I couldn't buy milk", "The meeting was delayed because...").
_PROBLEM = (r"(?:hasn't|haven't|has not|have not|hasnt|havent|isn't|aren't|is not|are not|not yet|down|broken|broke down|"
            r"failing|failed|fails|missing|back-?ordered|out of stock|ran out|run out|rejected|expired|unavailable|"
            r"unreachable|not working|not responding|out of service|offline|crashed|outage|on leave|off sick|stuck|no longer|"
            r"lacking|lack|without|(?:doesn't|does not|don't|do not) (?:support|work (?:with|on)|run on|fit)|"
            r"(?:isn't|is not|aren't|are not) compatible|incompatible)")
_EFFECT_STATE = r"(?:on hold|stalled|delayed|blocked|held up|held|stuck|stopped|paused|frozen)"
_CAUSED_RE = re.compile(
    # cause, so effect
    rf"^(?P<cause>[^.!?;]{{0,140}}?\b{_PROBLEM}\b[^.!?;]{{0,80}}?),?\s+(?:so|which means|meaning|and so|therefore|hence)\s+"
    r"(?P<work>(?:(?:no ?one|nobody|nothing)(?:\s+[^.!?;]{1,30}?)?\s+can|[^.!?;]{1,80}?\s+(?:can't|cannot|can not|won't be able to|"
    r"(?:is|are) unable to|(?:isn't|aren't) able to))\s+(?!(?:join|attend|make|come|meet|be there|call|talk|chat|travel|sleep|"
    r"believe|wait)\b)[a-z]+[^.!?;]*|[^.!?;]{2,80}?\s+(?:has|have)\s+(?:now\s+)?(?:stopped|stalled|ground to a halt)|"
    rf"[^.!?;]{{2,80}}?\s+(?:is|are)\s+(?:now\s+|currently\s+)?{_EFFECT_STATE}"
    r"(?: indefinitely| for (?:the moment|now|the time being))?)\s*[.!]?$|"
    # effect because cause: "Migration is stalled since Tuesday because...", "I can't finish the forecast because..."
    rf"^(?!\W*my\b)(?P<work2>[^.!?;]{{1,80}}?)\s+(?:(?:is|are|has been|have been|remains?)\s+(?:still\s+|currently\s+|now\s+)?"
    rf"{_EFFECT_STATE}|(?:can't|cannot|can not|won't)\s+"
    r"(?:run|start|proceed|go ahead|go live|ship|launch|continue|move forward|close|finish|complete|be (?:processed|completed|"
    r"released|paid|signed|issued|approved|shipped|delivered))\b[^.!?;]{0,40}?)\s+(?:because|as|since|due to)\s+"
    rf"(?!(?:i|my)\b)(?P<cause2>[^.!?;]*\b{_PROBLEM}\b[^.!?;]*)|"
    # ...on hold or stuck for a reason, whatever the reason is: "the customs clearance is on hold because
    # the certificate of origin must be legalized in Ankara" (not "because of Eid", a pause with its end)
    rf"^(?!\W*(?:my|i|we|you)\b)(?P<work7>[^.!?;]{{1,80}}?)\s+(?:is|are|remains?)\s+(?:still\s+|currently\s+|now\s+)?"
    r"(?:on hold|stuck)\s+(?:because|since)\s+(?!of\b)(?!(?:i|my|we|our|it's|it is)\b)"
    r"(?P<cause7>[^.!?;]*\b(?:must|needs?|has to|have to|requires?|wants?|waiting|missing|not|\w+n't|no|pending|until)\b[^.!?;]*)|"
    # ...said by what holds it: "The audit has been delayed by missing invoices", "is held up by"
    rf"^(?!\W*my\b)(?P<work3>[^.!?;]{{3,80}}?)\s+(?:is|are|has been|have been)\s+(?:delayed|held up|blocked|slowed down|"
    r"stopped) by\s+(?!(?:me|us|the weather|traffic|fog|snow|rain)\b)"
    # (...not by how long: "the spindle units are delayed by about 10 days because of the snow")
    r"(?!(?:about|around|approximately|approx\.?|roughly|some|at least|up to|another|a further|(?:an? )?(?:extra|additional))?\s*"
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|several)\s+(?:more\s+|extra\s+|working\s+|business\s+)?"
    r"(?:day|week|month|hour|minute|shift)s?\b)(?P<cause3>[^.!?;]+)|"
    # ...or the cause said just before: "Because of this, our Bhiwandi hub is unable to dispatch 200 consignments"
    r"^\W*(?:because of (?:this|that|it)|as a result(?: of (?:this|that))?|due to (?:this|that)|consequently),?\s+"
    r"(?!(?:i|we|you)\b)(?P<cause6>[^.!?;]{2,80}?\s+(?:(?:is|are) (?:unable|not able) to|can't|cannot|can not|won't be able to)\s+"
    r"(?!(?:join|attend|make|come|meet|be there|call|talk|chat|travel|sleep|believe|wait)\b)[a-z]+[^.!?;]*)|"
    # ...or the cause first: "Because the architect hasn't revised the drawings, the engineer can't do the calcs"
    rf"^\W*(?:because|since|as) (?!(?:i|my)\b)(?P<cause4>[^.!?;,]*\b{_PROBLEM}\b[^.!?;,]*),\s+"
    r"(?P<work4>[^.!?;]{2,80}?\s+(?:can't|cannot|can not|won't be able to)\s+(?!(?:join|attend|make|come|meet|be there|call)\b)"
    r"[a-z]+[^.!?;]*)|"
    # ...or a step it waits for, whatever the cause: "Testing is paused until QA gets the new devices",
    # "Rollout to the EU region is pending the impact assessment", "The beta is gated on the legal review"
    # (A person waiting is no blocker of anyone's: "Priya is waiting on Legal for the redlines".)
    rf"^(?!\W*(?:my|i|we|you|he|she|they|i'm|we're|you're)\b)(?!\W*(?-i:[A-Z][a-z]+)\s+(?:is|are)\s+(?:still\s+)?waiting\b)(?P<work5>[^.!?;]{{3,80}}?)(?<!\bwe)(?<!\byou)(?<!\bthey)(?<!\bhe)"
    r"(?<!\bshe)(?<!\bwho)\s+(?:is|are)\s+(?:still\s+|currently\s+)?"
    r"(?:(?:paused|on hold|frozen|stalled|(?:basically |pretty much )?(?:dead|unusable|broken))\s+until|stuck behind|(?:blocked\s+|held\s+(?:at\s+[^.!?;]{1,30}?\s+)?)?pending|gated on|blocked behind|"
    r"waiting (?:on|for))\s+(?!(?:i|we|you|your|further notice)\b)(?P<cause5>(?:the|a|an|their|his|her|its|our|this|that|it|"
    r"(?-i:[A-Z][\w&-]*))\b[^.!?;]+)", re.I)
_CAUSED_KEYS = (" so ", "which means", "meaning", "therefore", "hence", "because", " as ", " since ", "due to", "delayed by",
                "as a result", "consequently",
                "held up by", "blocked by", "slowed down by", "stopped by", "until", "pending", "gated on", "blocked behind",
                "waiting on", "waiting for")
# Every branch of _CAUSED_RE holds a problem (_PROBLEM) or a state of held-up work: one of these.
_CAUSED_CUES = ("n't", " not ", "down", "broke", "fail", "missing", "ordered", "out of", "ran out", "run out", "rejected",
                "expired", "unavailable", "unreachable", "offline", "crashed", "outage", "on leave", "sick", "stuck",
                "no longer", "lack", "without", "pending", "gated", "blocked", "waiting", "paused", "on hold", "stalled",
                "delayed", "held", "frozen", "stopped", "halt", "slowed", "unable", "cannot", "can not", "incompatible", "dead",
                "unusable")
# The owner stuck on work until a step is taken: "We're stuck on the integration until Acme
# rotates their API keys", "The launch is on hold until the legal review is done" (not until the
# owner's side acts: "Security is blocked until we upgrade the vault client" is her own next step).
_OWNER_STUCK_RE = re.compile(r"^(?:[^.!?;]{0,60}?[,:]\s+)?(?:(?:i'm|i am|we're|we are)\s+(?:still\s+)?(?:stuck|blocked)\s+on\s+"
                             r"(?P<work>[^.!?;]+?)|(?P<work2>[^.!?;]{3,60}?)\s+(?:is|are)\s+(?:still\s+)?(?:on hold|stalled|"
                             r"blocked|paused|frozen))\s+(?:until|till|pending)\s+(?!(?:i|we)\b(?! hear\b))(?P<what>[^.!?;]+)", re.I)
# A person named (or he, she, they) as the one who will act, in the owner's mail: a colleague's
# promise the owner relays. "The deck will be with you Friday" is the owner's own (a thing, not a person).
_COLLEAGUE_PROMISE_RE = re.compile(
    r"^(?:(?:also|and|so|btw),?\s+)?(?P<who>(?!(?:We|You|The|This|That|These|Those|It|Our|My|Your|Their|A|An|Everything|All|Both|Everyone|Anyone|Nobody|"
    r"Nothing|Someone|Somebody|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Tomorrow|Today|Tonight|"
    r"Next|Once|If|When|Then)\b)(?:(?![\w'’-]*\d)[A-Z][\w'’-]+|he|she|they|He|She|They))(?: [A-Z][\w'’-]+)?"
    r"(?:,? (?:from|in|on|at) (?:our|the|my) [\w &-]{1,30}?(?: team)?,?)?"
    # ...busy first: "Rachel Kim in our office is chasing the hotel today and will send the confirmation"
    r"(?: (?:is|are) [a-z]+ing\b[^.!?;]{0,60}? and)?"
    r" (?:will|'ll|’ll|is going to|are going to|shall)\b")
# A thing that waits on the reader's act: "PR #142 is up for your review", "The contract is ready
# for your signature", "The budget is with you for sign-off", "The PO is pending your approval",
# "The risk assessment is on EVOLVE waiting for your approval".
_AWAITS_YOU_RE = re.compile(
    r"^\W*(?:(?:also|and|so|btw|fyi|i think|as discussed|as agreed|just a heads[- ]up that|heads[- ]up that|"
    r"just (?:to let you know|so you know) that|good news|update),?:?\s+)?"
    r"(?!(?:if|once|when|whenever|as soon as|until|unless|since|because|i|you|nothing|nobody|none)\b)"
    r"(?P<thing>(?:(?:the|your|this|these|those|our|my|both|all|each|two|three|four|five|it|they|we|everyone|everybody)\b|"
    r"(?-i:[A-Z0-9#]))[^,;:!?]{0,120}?)\s+"
    r"(?:is|are)\s+(?:now\s+|still\s+|all\s+)?(?:(?:(?:up|ready|queued|sitting|waiting|pending|awaiting)\s+for\s+your|"
    r"with\s+you\s+for(?:\s+your)?|(?:waiting|pending|awaiting)(?:\s+for)?\s+your|"
    r"(?:on|in)\s+[^,;.!?]{1,40}?\s+(?:waiting|pending|awaiting)(?:\s+for)?\s+your)\s+"
    r"(?P<act>review|signature|countersignature|approval|sign-?off|sign\s+off|go-ahead|input|feedback|comments)\b|"
    # ...or sitting in the reader's queue: "Mike's vacation request is sitting in your approval queue"
    r"(?:sitting|waiting|pending|stuck)\s+in\s+your\s+(?P<queue>approval|review|signature|sign-?off)?\s*(?:queue|inbox|tray|list))"
    # ...and what it is of, when the one waiting is a person or a team: "Finance is waiting for
    # your approval of the PO", "Legal is waiting for your comments on the NDA"
    r"(?:\s+(?:of|on|for)\s+(?P<obj>(?:the|your|this|these|those|our|my)\s[^,;.!?]{1,60}))?", re.I)
_AWAITED_ACTS = {"review": "Review", "signature": "Sign", "countersignature": "Countersign", "approval": "Approve",
                 "sign off": "Sign off", "signoff": "Sign off", "go ahead": "Give the go-ahead on", "input": "Give input on",
                 "feedback": "Give feedback on", "comments": "Comment on"}
_OWN_WORD_RE = re.compile(r"\b(?:i'll|i will|i’ll|we'll|we will|we’ll|you'll|you will|you’ll|you should|you'd|"
                          r"you shall|from me)\b", re.I)
# The owner's own work held up by someone else: "I can't ship the sets till the boxes arrive",
# "Can't confirm the quantity till the PO comes through". Only "can't ... until" in the first
# person (or none) is the owner's: "you can't park until 6" is no blocker of theirs.
_OWNER_BLOCKER_RE = re.compile(
    # the wait said first: "Until I hear back I can't finalise the room plan for day two"
    r"^\W*(?:(?:but|and|so),?\s+)?until (?P<what0>(?!(?:further notice|then|now|next)\b)[^,;.!?]{3,60}?),?\s+(?:i|we) "
    r"(?:still )?(?:can't|cant|cannot|can not|won't be able to)\s+(?!wait\b|believe\b|thank\b)[a-z]+|"
    r"^(?:[^.!?;]{0,80}?[,:]\s+)?(?:(?:but|and|so|sadly|honestly|unfortunately),?\s+)?"
                               r"(?:(?:i|we)\s+(?:still |also |just )?)?(?:can't|cant|cannot|can not|won't be able to)\s+"
                               r"(?!wait\b|believe\b|thank\b|relax\b|sleep\b|rest\b|stop\b|help\b)[a-z]+[^.!?;]{0,60}?\b(?:until|till|til|'til|"
                               r"without(?!\s+(?:you|u|your|help|support|a doubt|question|fail|delay|further ado|it|them)\b))\s+"
                               r"(?!(?:i|we)(?:'ve|’ve| have)? (?:spoken|talked|checked|heard|seen|had a (?:chance|look)|looked|"
                               r"read|confirmed)\b)(?P<what>[^.!?;,]+)", re.I)


# The work an ask names, when it is to hold back: "don't merge yet", "do not pay it again", "never
# share the login", "avoid sending the files by email". A reminder ("don't forget to send it",
# "don't let the certificate expire", "don't skip the induction") is work, and so is a message to
# pass on ("ask reception not to book them in").
_REFRAIN_RE = re.compile(r"(?:please\s+)?(?:(?:don't|don’t|dont|do not|never|(?:remember|make sure|be sure) not to)\s+"
                         r"(?!(?:forg|foget|hesitat|miss|fail|neglect|skip|overlook|ignore|only\b|just\b|leave without|"
                         r"let\b[^.!?;]{0,40}\b(?:expire|lapse|slip|run out|go)))|avoid\s+\w+ing\b|refrain from\b)", re.I)


def _refrains(item: Item, dated: bool = False) -> bool:
    """An undated ask or follow-up that only asks to hold back: "Please don't rewrite anything
    yet" is no piece of work to track; with its day ("don't run any cycles after close on
    Friday") it is. ``dated``: whatever its day."""
    return (item.kind in ("request", "waiting") and (dated or not item.due)
            and _REFRAIN_RE.match(item.title.partition(": ")[2] if item.title.startswith("Follow up with ") else item.title)
            is not None)


# What follows an ask to hold back, in the same sentence: "Please don't wait for the numbers, send the draft as it is".
_AFTER_REFRAIN_RE = re.compile(r"^\W*(?P<please>(?:please|pls|kindly)\s+)?(?P<held>(?:don't|don’t|dont|do not|never|avoid|"
                               r"refrain from)\s+[^,;]{2,80})[,;]\s+"
                               # ...an order, not a statement: "..., but water is fine" asks nothing
                               r"(?!(?:(?:and|but|instead|rather|just)\s*,?\s+)*(?:[\w'’-]+\s+(?:is|are|was|were|will|would|has|have|"
                               r"had|can|could|should|must)\b|(?:the|a|an|all|this|that|these|those|it|its|we|i|you|he|she|they|"
                               r"there|our|my|your|his|her|their|everything|nothing|no|any|every)\b))"
                               r"(?:(?:and|but|instead|rather|just)\s*,?\s+)*(?P<rest>\S.*)$",
                               re.I)


# What each pattern found in each sentence. One sentence is read on several paths (_quiet, then
# the rule that yields its item, and the checks each path repeats), and stock lines recur from
# message to message: a pattern runs once per sentence. Only sentences _classify reads are kept,
# and past _FOUND_KEPT the memo starts afresh, so it stays a few megabytes.
# Keyed by the pattern's id (patterns are module constants): hashing a pattern costs more than
# the lookup.
_FOUND: dict[tuple[int, str], re.Match[str] | None] = {}
_MATCHED: dict[tuple[int, str], re.Match[str] | None] = {}
_FOUND_KEPT = 2048
_MAX_SENTENCE = 400  # longer ones are no sentences _classify reads
_UNSEEN = object()
# Keys of patterns read with _match, as _search has them.
_MATCH_KEYS = {id(_SHIPPING_RE): _SHIPPING_KEYS, id(_LEAD_RE): _SUBJECT_KEYS}


@lru_cache(maxsize=1)
def _key_index() -> tuple[KeyFinder, dict[int, frozenset[str]]]:
    """What :func:`_holds_any` reads: a finder of the keys of every prefilter below, and each
    prefilter's keys as a set, by the id of its tuple (the tuples are module constants). Built on
    first use, once every tuple is defined."""
    prefilters = (_COURTESY_KEYS, _OOO_KEYS, _OFFER_KEYS, _FIND_KEYS, _MARKETING_KEYS, _ASK_KEYS, _NEED_FROM_KEYS,
                  _OWED_KEYS, _SHIPPING_KEYS, _WISH_KEYS, _PROMISE_KEYS, _LET_ME_KEYS, _RHETORICAL_KEYS,
                  _BARE_PROMISE_KEYS, _BLOCKER_KEYS, _REMINDER_KEYS, _DUE_STATEMENT_KEYS, _SUBJECT_KEYS,
                  _FOREIGN_CHAT_KEYS, _CAUSED_KEYS, _CAUSED_CUES, _IF_YOU_OK_KEYS, _ASKED_WHETHER_KEYS, _FR_NOT_ASK_KEYS)
    finder = KeyFinder(tuple(k for group in prefilters for k in group))
    _KEY_GROUPS.update({id(group): frozenset(group) for group in prefilters})
    return finder, _KEY_GROUPS


# Each prefilter's keys as a set, by the id of its tuple: filled by _key_index on first use.
_KEY_GROUPS: dict[int, frozenset[str]] = {}


# The last folded sentence whose keys were found, and its keys: the checks on one sentence follow
# one another, each with its own prefilter, and then each is a set test. (One entry, replaced
# whole, so that a thread never reads one sentence's keys for another's.)
_LAST_KEYS: tuple[str, frozenset[str]] = ("", frozenset())
# Fewer keys than this are tested one by one when the sentence's keys are not found yet: a short
# clause read for "will" alone costs less that way than a pass over every key.
_FEW_KEYS = 8
# The keys of the last sentences whose keys were found, by the folded sentence: one sentence is
# read again after others (its clauses, the sentence before it), and a pass over every key costs
# more than a check. Afresh past _KEYS_KEPT.
_KEYS_OF: dict[str, frozenset[str]] = {}
_KEYS_KEPT = 256


def _holds_any(low: str, keys: tuple[str, ...]) -> bool:
    """``any(k in low for k in keys)`` for ``low``, a folded sentence. For the prefilters of
    :func:`_key_index` it is a set test on the sentence's keys, found once for all of them: the
    checks on one sentence read some six hundred keys between them."""
    global _LAST_KEYS
    group = _KEY_GROUPS.get(id(keys))
    if group is None:
        if not _KEY_GROUPS:
            _key_index()
            return _holds_any(low, keys)
        return any(map(low.__contains__, keys))
    last = _LAST_KEYS
    if last[0] != low:
        found = _KEYS_OF.get(low)
        if found is None:
            if len(keys) < _FEW_KEYS:
                return any(map(low.__contains__, keys))
            found = _key_index()[0](low)
            if len(_KEYS_OF) >= _KEYS_KEPT:
                _KEYS_OF.clear()
            _KEYS_OF[low] = found
        last = _LAST_KEYS = (low, found)
    return not last[1].isdisjoint(group)


def _search(rx: re.Pattern[str], keys: tuple[str, ...], sentence: str, low: str) -> re.Match[str] | None:
    """``rx.search(sentence)``, skipped when ``low`` (the folded sentence) holds none of ``keys``."""
    # The keys first: most sentences hold none, and then there is nothing to remember. (What
    # _holds_any does, its common case said here: a call fewer on every check of every sentence.)
    last = _LAST_KEYS
    if last[0] == low and (group := _KEY_GROUPS.get(id(keys))) is not None:
        if last[1].isdisjoint(group):
            return None
    elif not _holds_any(low, keys):
        return None
    key = (id(rx), sentence)
    found = _FOUND.get(key, _UNSEEN)
    if found is _UNSEEN:
        found = rx.search(sentence)
        if len(sentence) <= _MAX_SENTENCE:
            if len(_FOUND) >= _FOUND_KEPT:
                _FOUND.clear()
            _FOUND[key] = found
    return found  # type: ignore[return-value]


def _match(rx: re.Pattern[str], sentence: str) -> re.Match[str] | None:
    """``rx.match(sentence)``, remembered as :func:`_search` remembers a search, and skipped as it
    skips one when ``rx`` has keys in _MATCH_KEYS."""
    key = (id(rx), sentence)
    found = _MATCHED.get(key, _UNSEEN)
    if found is _UNSEEN:
        keys = _MATCH_KEYS.get(key[0])
        found = rx.match(sentence) if keys is None or _holds_any(fold(sentence), keys) else None
        if len(sentence) <= _MAX_SENTENCE:
            if len(_MATCHED) >= _FOUND_KEPT:
                _MATCHED.clear()
            _MATCHED[key] = found
    return found  # type: ignore[return-value]


def _structure(pattern: str) -> Iterator[tuple[int, str]]:
    """Each "(", ")" and "|" of ``pattern`` that is no escaped character nor part of a character
    class, with where it stands."""
    in_class, i = False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 + (pattern[i + 1:i + 2] == "^")
            i += pattern[i:i + 1] == "]"  # a "]" first in a class is one of its characters
            continue
        elif c in "()|":
            yield i, c
        i += 1


def _top_alternatives(pattern: str) -> list[str] | None:
    """``pattern`` cut at each ``|`` outside any group or character class; None when its groups
    do not balance (a ")" closes a group opened before it)."""
    alts, depth, start = [], 0, 0
    for i, c in _structure(pattern):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0:
            alts.append(pattern[start:i])
            start = i + 1
    alts.append(pattern[start:])
    return alts if depth == 0 else None


def _required(parsed: _sre_parser.SubPattern | list[tuple[object, object]]) -> frozenset[str] | None:
    """Strings one of which the folded text holds wherever ``parsed`` (a parsed pattern) matches,
    or None if none are known. Only runs of ASCII literals count, lower-cased: as :func:`fold`
    says, an ASCII literal a case-insensitive pattern matches is then a plain substring. A group,
    an alternation (each branch keyed) and a repeat of one or more give theirs; anything else
    (a class, an optional part, an assertion) ends a run and gives nothing. The set with the
    longest shortest string is kept."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(keys: frozenset[str] | None) -> None:
        nonlocal best
        if keys and (best is None or min(map(len, keys)) > min(map(len, best))):
            best = keys

    for op, av in parsed:
        if op is _sre_constants.LITERAL and av < 128:  # type: ignore[operator]
            run.append(chr(av).lower())  # type: ignore[arg-type]
            continue
        if run:
            consider(frozenset(("".join(run),)))
            run = []
        if op is _sre_constants.SUBPATTERN:
            consider(_required(av[3]))  # type: ignore[index]
        elif op is _sre_constants.BRANCH:
            branches = [_required(b) for b in av[1]]  # type: ignore[index]
            if all(branches):
                consider(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in (_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT) and av[0] >= 1:  # type: ignore[index]
            consider(_required(av[2]))  # type: ignore[index]
    if run:
        consider(frozenset(("".join(run),)))
    return best


_UNSPLIT_OPS = frozenset((_sre_constants.ATOMIC_GROUP, _sre_constants.POSSESSIVE_REPEAT, _sre_constants.GROUPREF,
                          _sre_constants.GROUPREF_EXISTS))


def _plain(parsed: _sre_parser.SubPattern | list[tuple[object, object]]) -> bool:
    """Whether a parsed pattern holds no atomic group, possessive repeat or back-reference: then it
    matches at a place exactly when some path through it does, whichever branch is tried first,
    and a branch of a group can be read alone (see _distributed)."""
    for op, av in parsed:
        if op in _UNSPLIT_OPS:
            return False
        inner: list[_sre_parser.SubPattern] = (
            av[1] if op is _sre_constants.BRANCH  # type: ignore[index]
            else [av[3]] if op is _sre_constants.SUBPATTERN  # type: ignore[index]
            else [av[2]] if op in (_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT)  # type: ignore[index]
            else [av[1]] if op in (_sre_constants.ASSERT, _sre_constants.ASSERT_NOT)  # type: ignore[index]
            else [])
        if not all(map(_plain, inner)):
            return False
    return True


def _distributed(pattern: str) -> list[str]:
    """``pattern``, one alternative, as several: its first group outside any other, when it is a
    plain or named group of alternatives repeated neither more nor less than once, spelled once
    for each of its alternatives ("\\b(?:a|b)\\b" as "\\b(?:a)\\b" and "\\b(?:b)\\b"); else
    ``[pattern]``. For a pattern _plain holds true of, one of them matches where ``pattern`` does."""
    depth, start, i = 0, -1, len(pattern)
    for at, c in _structure(pattern):
        if c == "(":
            if depth == 0:
                start = at
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                i = at
                break
    if start < 0 or i >= len(pattern) or pattern[i + 1:i + 2] in ("*", "+", "?", "{"):
        return [pattern]
    opener = re.match(r"\((?:\?:|\?P<\w+>)?", pattern[start:])
    assert opener is not None
    if pattern[start + opener.end():start + opener.end() + 1] == "?":
        return [pattern]  # "(?=", "(?!", "(?<=", "(?i:", "(?(": not a plain group
    inner = _top_alternatives(pattern[start + opener.end():i])
    if inner is None or len(inner) < 2:
        return [pattern]
    head, tail = pattern[:start + opener.end()], pattern[i:]
    return [head + alt + tail for alt in inner]


@lru_cache(maxsize=32)  # one entry a pattern read with _held
def _keyed_alternatives(rx: re.Pattern[str]) -> tuple[tuple[Callable[[str], re.Match[str] | None], ...], KeyFinder,
                                                       dict[str, tuple[int, ...]]]:
    """``rx`` as its top-level alternatives (or, when it has one, as _distributed spells it), each
    as its ``search`` (its ``match`` when it opens on "^": ``rx`` has no re.M, so "^" holds only at
    the start); a finder of the keys of them all; and by each key, the alternatives it opens. An
    alternative with no keys known is under "" (which every text holds). ``rx.search(s)`` finds
    something exactly when one alternative does: see :func:`_held`."""
    assert not rx.flags & re.M
    # (A pattern with a back-reference, an atomic group or a possessive repeat is read whole.)
    alts = _top_alternatives(rx.pattern) if _plain(_sre_parser.parse(rx.pattern, rx.flags)) else None
    if alts is None:
        alts = [rx.pattern]
    elif len(alts) == 1:
        alts = _distributed(rx.pattern)
    finds: list[Callable[[str], re.Match[str] | None]] = []
    opened: dict[str, list[int]] = {"": []}
    for n, alt in enumerate(alts):
        one = re.compile(alt, rx.flags)
        finds.append(one.match if alt.startswith("^") else one.search)
        for k in _required(_sre_parser.parse(alt, rx.flags)) or ("",):
            opened.setdefault(k, []).append(n)
    return (tuple(finds), KeyFinder(tuple(k for k in opened if k)),
            {k: tuple(ns) for k, ns in opened.items()})


_HELD: dict[tuple[int, str], bool] = {}


def _held(rx: re.Pattern[str], keys: tuple[str, ...] | None, sentence: str, low: str) -> bool:
    """``bool(_search(rx, keys, sentence, low))``, each alternative of ``rx`` run alone and only
    when ``low`` holds one of its own keys: a large pattern of many alternatives is tried at each
    place of the sentence, every alternative in turn, but most of them need words the sentence lacks.
    ``keys`` None: ``bool(rx.search(sentence))``."""
    if keys is not None:
        # (As _search reads its keys: the common case without a call.)
        last = _LAST_KEYS
        if last[0] == low and (group := _KEY_GROUPS.get(id(keys))) is not None:
            if last[1].isdisjoint(group):
                return False
        elif not _holds_any(low, keys):
            return False
    key = (id(rx), sentence)
    held = _HELD.get(key)
    if held is None:
        found = _FOUND.get(key, _UNSEEN)
        if found is not _UNSEEN:
            return found is not None  # searched already, by _search
        finds, finder, opened = _keyed_alternatives(rx)
        tried = set(opened[""]).union(*map(opened.__getitem__, finder(low)))
        held = any(finds[n](sentence) is not None for n in sorted(tried))
        if len(sentence) <= _MAX_SENTENCE:
            if len(_HELD) >= _FOUND_KEPT:
                _HELD.clear()
            _HELD[key] = held
    return held


def _bare(sentence: str, low: str) -> re.Match[str] | None:
    """``_BARE_PROMISE_RE.match(sentence)``, skipped when ``low`` holds none of its keys."""
    return _match(_BARE_PROMISE_RE, sentence) if _holds_any(low, _BARE_PROMISE_KEYS) else None


def _greeting_or_signoff(sentence: str) -> bool:
    # Neither pattern matches more than _SHORT_LINE characters, and a final newline besides ("$").
    return len(sentence) <= _SHORT_LINE + 1 and bool(_match(_GREETING_RE, sentence) or _match(_SIGNOFF_RE, sentence))


# Two courtesies of their own, each behind its own words so the large pattern above is not run
# for them: where to be found, if wanted ("I am tomorrow the whole day in the office if you want
# to call"), and a thing to find, named first ("Please find our offer below", "please find the
# corrected invoice in the shared folder").
_OFFER_TO_BE_CALLED_RE = re.compile(
    r"\bif (?:you|u) (?:want|wish|would like|'d like|need|fancy) to (?:call|ring|talk|chat|discuss|meet|come by|"
    r"drop by|pop by|catch up|reach me|phone)\b(?:\s+(?:it|this|that|things) (?:through|over))?\s*[.!]*$", re.I)
_OFFER_KEYS = ("if you want to", "if u want to", "if you wish to", "if you would like to", "if you'd like to",
               "if you need to", "if you fancy")
_FIND_NAMED_RE = re.compile(
    r"^\W*(?![^!?]*(?:\?|\b(?:needed|thoughts|objections|comments)\b|\b(?:by|before)\s+(?:mon|tue|wed|thu|fri|sat|sun|"
    r"tomorrow|tonight|today|end|eod|cob|noon|next|this|close|the \d|\d)))"
    r"(?:[^.!?;,]{3,80},\s+)?(please |pls |plz )?(?:kindly )?(find|see) (?:(?:our|my|the|your|a|an|this|these)\s+"
    r"(?:[\w'’&-]+\s+){0,8}?(?:attached|enclosed|below|"
    r"above|herewith|(?:in|on|at|under|via) (?:the |our |my |this )?(?:shared |team |project |google |same |usual )?"
    r"(?:attachments?|folder|portal|data ?room|drive|dropbox|sharepoint|wiki|link|ticket|thread))|"
    # (...the thing named bare, as second-language English has it: "Pls find booking detail for PO 58790 below";
    # only with the mail itself, not "Pls find missing cartons in warehouse B via the ticket")
    r"(?!(?:time|out|a way|someone|somebody|it|them|me|us)\b)(?=[a-z])(?:[\w'’&-]+\s+){0,6}?(?:attached|enclosed|below|above|herewith))\b"
    # ...and where it comes from: "Please see the summons below from the regional office, hearing is on 24th"
    r"(?:\s+(?:from|of) (?:the |our |your )?(?:(?!\band\b)[\w'’&. -]){2,40}?(?=\s*[,:;(]|\W*$))?"
    # ...and nothing after it but a note on the thing ("..., valid for booking today:"), not a step
    r"(?:\s*[,:;(](?!\s*(?:and|but|so|then|could|can|would|will|please|pls|kindly)\b)[^.!?]*)?\W*$", re.I)
_FIND_KEYS = ("find ", "see ")
_FIND_NAMED_LONGEST = 300  # a handover is said in a line; past it the pattern's tail would cost more than it finds


# A word asked for only if something happens, with no day to give it by after the "if" clause: "If
# you need an extension, please let us know before the due date", "If the ramp is not there by Friday
# afternoon, please call me directly", "If there is a charge, let me know and I will raise a PO". ("If
# your team has fixed them, please let us know by Monday" asks for the answer by a day.) Not the way out
# of an ask ("If that is not possible, please tell me who in your credit management I can talk to").
_IF_THEN_TELL_RE = re.compile(r"^\W*(?:(?:and|but|also|so),?\s+)?(?:if|should|in case)\b"
                              # (...but a way out of an ask is one: "If that is not possible, please tell me who...")
                              r"(?!\s+(?:not|(?:that|this|it)(?:'s| is)? not|(?:that|this|it) isn't|(?:that|this|it) (?:can't|cannot|won't))\b)"
                              r"[^;:.!?]{3,200}?,\s*(?:(?:please|pls|kindly|just|then|do)\s+)*"
                              r"(?:let (?:me|us) know|tell (?:me|us)|inform (?:me|us)|(?:call|ring|phone|contact|e-?mail|text) (?:me|us)|"
                              r"give (?:me|us) a (?:call|ring|shout))\b(?P<rest>[^.!?;]*)", re.I)


# Thanks or regards to pass on, and nothing else asked: "Thank you, and please thank Mr. Brandt as well",
# "Please give my regards to Petra" ("Please thank the installers and confirm the invoice by Friday" asks).
_PASS_ON_THANKS_RE = re.compile(r"^\W*(?:(?:and|so|also|oh),?\s+)?(?:thank you(?: (?:so much|again))?,?\s+(?:and\s+)?)?(?:please\s+|pls\s+|do\s+)?"
                                r"(?:thank|give (?:my|our) (?:best|regards|thanks|love|kind regards|best wishes|warm regards)|"
                                r"pass on (?:my|our) (?:thanks|regards|best|gratitude)|send (?:my|our) (?:best|regards|love|thanks)|"
                                r"pass (?:my|our) (?:thanks|regards|best|gratitude) on|say (?:hi|hello|thanks|thank you))\b(?![^!?;]*\b(?:and|then|but)\s+(?:please\s+)?[a-z]+\s+(?:the|a|an|me|us|it|"
                                r"them|your|our|my|their|his|her|its)\b)[^!?;]*$", re.I)
_PASS_ON_KEYS = ("thank", "regards", "best to", "best wishes", "say hi", "say hello")


# "Please" opening news, as Ghanaian and Nigerian English use it for politeness: "Please the lanterns
# finish in Tamale since Friday", "Please sir, the truck arrived safely" (not "Please I need the stock
# list before Friday", nor an order in another word order, "Please the sample send by Friday").
_PLEASE_NEWS_RE = re.compile(r"^\W*(?:please|pls)\b,?\s+(?:(?:sir|madam|ma|boss|oga|bro|sis)\b,?\s+)?"
                             r"(?:the|my|our|this|that|these|those|his|her|their|it|he|she|they|we|i)\b"
                             r"(?![^.!?]*\b(?:need|needs|want|wants|can (?:you|u)|could (?:you|u)|kindly|send|sign|confirm|check|"
                             r"approve|pay|call|let (?:me|us) know|tell|give|bring|reply|revert|advise|help)\b)", re.I)


# A plea and nothing else: "Pls pls pls.", "Please po talaga", "Pretty please!!"
_ONLY_PLEASE_RE = re.compile(r"^\W*(?:(?:pretty|please|pls|plz|plsss*|po|talaga|sir|ma'?am)\W*)+$")
# Advice to take in, not work: "..., so please factor that into your planning", "Please keep that in
# mind", and where to turn with questions, said first: "For any clarification kindly contact your
# Relationship Manager". (A named thing to factor in is work: "Please factor the tail pulley into the scope".)
_TAKE_IT_IN_RE = re.compile(r"^\W*(?:[^.!?;]{0,80}?,\s*(?:so|and|but)\s+)?(?:(?:please|pls|kindly|do|just)\s+)*"
                            r"(?:factor|keep|bear|take|have) (?:that|this|it|these|those) (?:in|into) (?:account|consideration|mind|"
                            r"your (?:planning|plans?|schedule|calculations?|budget))\b"
                            r"(?![^.!?;]*\b(?:and|then|but)\s+(?:please\s+|kindly\s+)?(?!(?:i|we|you|it|that|this|they)\b)[a-z]+\s+(?:me|us|the|a|an|your|"
                            r"our|my|with|to|it|them|back|their)\b)[^.!?;]*[.!]*\s*$|"
                            r"^\W*(?:for|in case of|should you have) (?:any|further|more) (?:clarifications?|quer(?:y|ies)|questions?|doubts?|"
                            r"information|details|assistance|help|concerns?)\b[^.!?;]{0,40}?,?\s+(?:(?:please|pls|kindly|do)\s+)*"
                            r"(?:contact|reach out to|write to|call|get in touch with|feel free|do not hesitate|don't hesitate|approach)\b"
                            r"(?![^!?;]*\b(?:by|before|no later than)\s+(?:mon|tue|wed|thu|fri|sat|sun|tomorrow|today|the \d|\d))[^!?;]*$", re.I)
_TAKE_IT_IN_KEYS = ("mind", "account", "consideration", "into your", "clarification", "quer", "question", "doubt", "information",
                    "details", "assistance", "help", "concern")


def _courtesy_or_away(sentence: str, low: str) -> bool:
    return bool(_ONLY_PLEASE_RE.match(low) is not None or (_holds_any(low, _TAKE_IT_IN_KEYS) and _TAKE_IT_IN_RE.match(sentence) is not None) or (low.lstrip(" -*•").startswith(("please ", "please,", "pls ")) and _PLEASE_NEWS_RE.match(sentence) is not None)
                or _held(_COURTESY_RE, _COURTESY_KEYS, sentence, low) or _held(_OOO_RE, _OOO_KEYS, sentence, low)
                or _search(_OFFER_TO_BE_CALLED_RE, _OFFER_KEYS, sentence, low)
                or (len(sentence) <= _FIND_NAMED_LONGEST and _search(_FIND_NAMED_RE, _FIND_KEYS, sentence, low))
                or (any(map(low.__contains__, _PASS_ON_KEYS)) and _PASS_ON_THANKS_RE.match(sentence) is not None)
                or (low.lstrip(" -*•").startswith(("if ", "should ", "in case ", "and if ", "but if ", "also if ", "so if "))
                    and (told := _IF_THEN_TELL_RE.match(sentence)) is not None and not names_a_date(told.group("rest"))))


def says_nothing(sentence: str) -> bool:
    """Is ``sentence`` a greeting, a sign-off or a courtesy ("Dear Ada,", "Kind regards,",
    "Looking forward to it."), which holds no work whoever quotes it?"""
    sentence = sentence.strip()
    return _greeting_or_signoff(sentence) or _courtesy_or_away(sentence, fold(sentence))


def _not_an_ask(sentence: str, low: str) -> bool:
    return _courtesy_or_away(sentence, low) or _held(_MARKETING_RE, _MARKETING_KEYS, sentence, low)


def _explicit_ask(sentence: str, low: str) -> bool:
    return bool(_held(_ASK_RE, _ASK_KEYS, sentence, low) or _search(_NEED_FROM_RE, _NEED_FROM_KEYS, sentence, low)
                or (_match(_IMPERATIVE_RE, sentence) and not _ATTACHED_LABEL_RE.match(sentence)))


def _owner_question(sentence: str, low: str) -> bool:
    """Is the owner's question one that waits on an answer (see _SOCIAL_Q_RE)? Three words at least."""
    return (len(sentence.split()) >= 3 and not _match(_SOCIAL_Q_RE, sentence) and not _not_asked(sentence)
            and not _held(_RHETORICAL_RE, _RHETORICAL_KEYS, sentence, low)
            and not _held(_MARKETING_RE, _MARKETING_KEYS, sentence, low))


# A word of asking in a statement the model alone reads as an ask (see EmbeddedExtractor._asks):
# a please, a modal aimed at someone, a need or a wish, a deadline, a reminder, in the languages
# the rules read.
_ASK_CUE_RE = re.compile(
    r"\b(?:please|pls|plz|kindly|bitte|merci de|s'il (?:te|vous) pla[iî]t|por favor|"
    r"(?:can|could|would|will|won't|wouldn't|shall|should|must|might|may) (?:you|u|we|i|someone|somebody|anyone)|"
    r"(?:you|u|ya) (?:can|could|should|must|need|have to|might|may|will need|'ll need)|"
    r"(?:i|we|they|he|she)(?:'d| would| will| 'll)? (?:also |still |really |just )?(?:need|needs|want|wants|like|love|"
    r"appreciate|require|ask|request|expect)|"
    r"needs? (?:to|your|you|the|a|an|it|them|this|that)|"
    r"let (?:me|us) know|lmk|let's|lets|let us|make sure|be sure|remember to|don't forget|do not forget|"
    r"why don't you|why not|shall we|we should|should we|(?:i was|i'm|we were|we're) hoping|invite you|"
    r"(?:you're|you are) welcome to|(?:would|'d) (?:very much |also |really )?(?:like|love|appreciate)|"
    r"(?:happy|glad) to (?:discuss|talk|chat|meet|help)|discuss|at your (?:earliest )?convenience|"
    r"(?:send|tell|forward|give|call|email|e-mail|shoot|ping|text|mail|fax|show|let) (?:me|us)|reminder|"
    r"wanted to (?:know|ask|check|see)|wondering|would be (?:great|good|nice|helpful|ideal)|(?:i|we) (?:would )?suggest|"
    r"if you get a (?:chance|minute|moment)|when you get (?:a chance|a minute|back)|"
    # ...or a softer one: "could do with your eyes on it", "hoping to get your go-ahead today",
    # "keen for your feedback", "over to you", "awaiting your sign-off", "also your passport copy"
    r"could (?:do with|use)|hoping (?:to|for|you)|keen (?:for|to (?:get|hear|see|have))|over to you|"
    r"(?<!thanks for )(?<!thank you for )(?:for|on|get|with|need|awaiting|want|await) your (?:feedback|input|thoughts|"
    r"views?|go-ahead|sign-?off|approval|help|eyes|ok|okay|availability|confirmation|signature|answer|decision)|"
    r"^(?:also|and|plus),? your|"
    # ...or a follow-up, which wants an answer when it is all a mail says: "Coming back to you on
    # the insurance renewal after our call this morning"
    r"(?:coming|getting|circling) back to you|following up|circling back|checking in|touching base|just checking|"
    r"gentle (?:nudge|reminder)|chasing|"
    r"asap|any chance|is there any way|are you|do you|did you|(?:^\W*|[,;]\s*)have you|"
    r"asked (?:that|if|whether|you|for)|request|required|requires|due|deadline|no later than|"
    r"by (?:mon|tue|wed|thu|fri|sat|sun|eod|cob|end|tomorrow|tonight|today|next|the \d)\w*|"
    r"(?:il (?:me|nous) manque|me falta|nos falta|uns fehlt|mir fehlt|brauchen|benötigen|necesit\w+|besoin))\b",
    re.IGNORECASE)


# An order said first, after a name or a softener: "Give me a call Tuesday", "Dave, go ahead and
# send it out", "So get back to me with your schedule".
_ORDER_OPENS_RE = re.compile(
    r"^\W*(?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)?,{1,4}\s*|(?:so|and|also|just|then|ok|okay)\s+)*"
    r"(?:give|send|call|ring|go ahead|go|check|keep|use|try|join|paste|click|talk|get|take|make|come|see|read|review|"
    r"bring|sign|tell|ask|forward|reply|respond|email|e-mail|ping|grab|drop|put|find|pick|book|schedule|contact|"
    r"visit|follow|consider|note|remember|stop|start|add|update|fill|complete|submit|return|share|pass|confirm|"
    r"approve|print|fax|mail|post|leave|hold|set up|sort out|look|feel free|have a look|buzz|shoot|write|let)\b",
    re.IGNORECASE)


def is_rule_request(sentence: str) -> bool:
    """The rules alone: an explicit ask, "need X from you", or an imperative."""
    low = fold(sentence)
    return not _not_an_ask(sentence, low) and _explicit_ask(sentence, low)


def sentences(text: str, dash_asides: bool = True) -> list[str]:
    """Sentences of a reply, each a verbatim span once whitespace is collapsed. Without
    ``dash_asides`` the reply is split as the shipped sentence classifier's training file was built
    (see build_kinds_weeks): every spaced dash parts a sentence, and so does the stop after an
    abbreviated honorific ("Eng. Emre")."""
    segments: list[str] = []
    for para in _PARA_RE.split(text):
        cur: list[str] = []
        for raw in para.split("\n"):
            line = raw.strip()
            if not line:
                continue
            # The cheap tests first: a bullet opens on one of its marks or a digit, and a greeting
            # or sign-off is a short line (at most _SHORT_LINE characters, as their patterns spell out).
            standalone = bool(((line[0] in "-*•[" or line[0].isdigit() or line[1:2] == ")") and _BULLET_RE.match(line))
                              or (len(line) <= _SHORT_LINE and (_GREETING_RE.match(line) or _SIGNOFF_RE.match(line))))
            if cur and standalone:
                segments.append(" ".join(cur))
                cur = []
            cur.append(line)
            if line[-1] in ".!?:," or standalone:
                segments.append(" ".join(cur))
                cur = []
        if cur:
            segments.append(" ".join(cur))
    out = []
    for seg in segments:
        # A split follows a stop with more text after it: a segment with none before its last
        # character is one sentence.
        last = len(seg) - 1
        parts = (_SPLIT_RE.split(seg) if seg.find(".", 0, last) >= 0 or seg.find("!", 0, last) >= 0
                 or seg.find("?", 0, last) >= 0 else (seg,))
        if len(parts) > 1:
            parts = _rejoin_titles(parts, dash_asides)
        pieces = [p for part in parts for p in _loose_split(part, dash_asides)]
        if ", and " in seg:
            # Two asks in one question: "can you share the quote, and can you check whether...?"
            pieces = [q for p in pieces for q in (_SECOND_ASK_RE.split(p) if _FIRST_ASK_RE.search(p) else (p,))]
        if len(pieces) > 1 and ('"' in seg or "“" in seg):
            pieces = _join_quoted(pieces)
        for s in pieces:
            s = s.strip()
            # A bullet starts with one of "-*•" or a digit (isdigit() takes in every \d and more).
            if s[:1] in ("-", "*", "•", "[") or s[:1].isdigit() or s[1:2] == ")":
                s = _BULLET_RE.sub("", s)
            if s:
                out.append(s)
    return out


def read_sentences(text: str) -> list[str]:
    """The sentences the extractor reads: :func:`sentences`, with a run-on longer than any
    sentence read split at its commas (see _run_on_split)."""
    return [piece for s in sentences(text) for piece in (_run_on_split(s) if len(s) > _MAX_SENTENCE else (s,))]


def _run_on_split(s: str) -> list[str]:
    """A run-on longer than any sentence read, split at its commas and semicolons ("hey Liam got
    your email, we opened the new site on the 2nd so that needs to go on the policy asap, also can
    you tell me why the premium has gone up, ..."): each clause is read as a sentence of its own.
    A point of a list ("..., the signed lease, the payroll summary") and an ask of "it" ("..., can
    you send it straight to Hamish") stay with the piece before them. Each piece is a verbatim span."""
    spans: list[list[int]] = []
    start = 0
    for sep in [*_RUN_ON_RE.finditer(s), None]:
        end = sep.start() if sep is not None else len(s)
        piece = s[start:end].strip()
        if piece:
            at = start + s[start:end].index(piece)
            if spans and (_LIST_POINT_RE.match(piece) or _ASKS_OF_IT_RE.match(piece)):
                spans[-1][1] = at + len(piece)
            else:
                spans.append([at, at + len(piece)])
        start = sep.end() if sep is not None else len(s)
    return [s[a:b] for a, b in spans]


_RUN_ON_RE = re.compile(r",\s+|;\s+")
_ASKS_OF_IT_RE = re.compile(r"(?:(?:and|so|also)\s+)?(?:(?:can|could|would) (?:you|u)|pls|please)\s+"
                            r"(?!note|remember|ensure|confirm|know|believe|imagine)[a-z]+\s+(?:it|them)\b", re.I)
# A point of a list, with no verb of its own: "the signed lease agreement", "and the payroll summary".
_LIST_POINT_RE = re.compile(r"(?:(?:and|or)\s+)?(?:the|a|an|your|our|my|their|all|any)\s+[\w'’-]+(?:\s+[\w'’-]+){0,5}$", re.I)


_ON_A_CONDITION_RE = re.compile(r"^\W*(?:and |but )?if (?:so|yes|not|needed|required|necessary|that works|that helps|"
                                r"useful|helpful|(?:you|u) (?:want|like|prefer|wish|'d like|would like))\b", re.I)
# An ask passed on from someone else: "Marketing wants you to sign off the merchant email by Friday".
_RELAYED_ASK_RE = re.compile(r"\b(?:wants|needs|has asked|is asking|are asking) (?:you|u) to "
                             r"(?!know|be|feel|think|enjoy|meet|have fun)\b", re.I)
_FIRST_ASK_RE = re.compile(r"(?:\b(?:can|could|would|will) (?:you|u) (?!be\b)[a-z]+|\b(?:please|pls|kindly) (?!(?:note|find|see|"
                           r"let|feel|do not|don't)\b)[a-z]+)\b[^,]*,\s+and (?:can|could|would|will) (?:you|u)\b",
                           re.I)
_SECOND_ASK_RE = re.compile(r"(?<=,)\s+(?=and (?:can|could|would|will) (?:you|u)\b)", re.I)


def _join_quoted(pieces: list[str]) -> list[str]:
    """Sentences split inside a quotation joined again: 'Please use "Missed a dose? Here's what
    to do" instead' is one sentence."""
    out: list[str] = []
    for p in pieces:
        if out and (out[-1].count('"') % 2 == 1 or out[-1].count("“") > out[-1].count("”")):
            out[-1] = f"{out[-1].rstrip()} {p.strip()}"
        else:
            out.append(p)
    return out


# A stop after a title or a label is no sentence's end: "Could you get Dr. Okoye to sign it",
# "Our Mr. Lange will send it", "see No. 4".
_TITLE_STOP_RE = re.compile(r"(?:^|[\s(])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Jr|St|Messrs|Rev|Hon|Capt|Gen|Col|Sgt|Lt|"
                            r"No|Nr|Nos|Ref|Inv|Fig|Vol|Art|Sec|Para|Approx|approx|ca|cf|vs|incl|p|pp|pg|ch|cl|s|"
                            # ...and German and French ones: "mit Fr. Mayr", "Hr. Weber", "Mme Roux", "inkl.",
                            # "bzw.", "Ammerthal CZ s.r.o.", "z.B."
                            r"Fr|Hr|Hrn|Fa|Mme|Mlle|Me|Dipl|Ing|Mag|Abt|Tel|inkl|evtl|ggf|bzw|usw|vgl|zzgl|exkl|Str|"
                            # "Pos. 4", "Ziff. 2", "Abs. 3", "800 Stk.", "z.Hd. Herrn Zünd"
                            r"Pos|Ziff|Abs|Kap|Stk|z\.Hd|z\.B|d\.h|u\.a|s\.r\.o|S\.p\.A|s\.r\.l|e\.V|i\.A|i\.V|"
                            # ...and Portuguese ones: "que V.Sa. me confirme", "por V.Sas. em novembro"
                            r"V\.Sa|V\.Sas|V\.Exa|V\.Exas|"
                            # ...and Italian ones, and numbers and revisions in lower case: "la Vostra offerta n. 2027/341",
                            # "l'ing. Ferraris", "Dott. Rossi", "rev. D"
                            r"n|nr|rev|Dott|dott|Avv|avv|Geom|geom|Sig|sig|Rif|rif|Egr|Spett|ing)\.$|(?<=['’])ing\.$")
# ...and an abbreviated honorific (see _HONORIFICS_ABBREVIATED), where the reply is read
_HONORIFIC_STOP_RE = re.compile(r"(?:^|[\s(])(?:Engr|Atty|Sra|Srta|Dra|Arq)\.$")
# ...and those that are words too ("in Eng.", "the new Adv.", "your Lic.", "Reforma Av."), only before a name:
# a capital that opens no sentence, not followed by a verb ("Eng. Emre to instruct", "Av. Burak Şen", not
# "Eng. Spanish will follow", "Lic. Renewal takes two weeks", "Eng. Also please sign").
_AMBIGUOUS_HONORIFIC_STOP_RE = re.compile(r"(?:^|[\s(])(?:Eng|Av|Adv|Lic)\.$")
_NAME_AFTER_RE = re.compile(r"(?!(?:The|This|That|These|Those|Also|Please|Pls|Kindly|I|We|You|He|She|It|They|Thanks|Thank|Yes|No|"
                            r"And|But|So|Then|Our|Your|My|Their|His|Her|Its|If|When|As|For|In|On|At|To|From|Copies|Copy|"
                            r"Renewal|Spanish|English|French|German|Arabic|Hi|Hello|Dear|Regards|Best|All|Any|Some)\b)"
                            r"(?-i:[A-Z][\w'’-]+)(?!\s+(?:is|are|was|were|will|would|can|could|has|have|had|takes|needs|follows|"
                            r"should|must|may|might|shall)\b)")


# A title cut at a title's stop: "Follow up with Frank: send the heads of terms to Mr".
_TITLE_CUT_RE = re.compile(r"\b(Mr|Mrs|Ms|Mx|Dr|Prof|Eng|Engr|Atty|Av|Adv|Dra|Sra|Lic|Arq)\.?$")


# A German day of the month, or an ordinal after its preposition, ends on a stop that ends no
# sentence: "bis Mittwoch, 10. März 2027", "im 1. UG".
_ORDINAL_STOP_RE = re.compile(r"(?:^|[\s(,])\d{1,2}\.$")
_ORDINAL_AFTER_RE = re.compile(r"(?:^|\s)(?:am|im|vom|zum|zur|bis|ab|seit|per|beim|ins|ans|dem|den|der|des)\s+\d{1,3}\.$", re.I)
_MONTH_NEXT_RE = re.compile(r"(?:Januar|Jänner|Jaenner|Februar|Feber|März|Maerz|April|Mai|Juni|Juli|August|September|"
                            r"Oktober|November|Dezember|January|February|March|June|July|October|December|"
                            r"(?:Jan|Feb|Mär|Mrz|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Oct|Nov|Dez|Dec)\b\.?)")


def _rejoin_titles(parts: list[str], honorifics: bool = True) -> list[str]:
    """``parts`` with each one that ends on a title's stop (see _TITLE_STOP_RE; with ``honorifics``,
    _HONORIFIC_STOP_RE too) or on a German ordinal (see _ORDINAL_STOP_RE) joined to the next."""
    out: list[str] = []
    for part in parts:
        # Each test reads the last words only: a long run of joined parts is not read again.
        tail = out[-1][-40:] if out else ""
        if out and len(out[-1]) > 40:
            tail = " " + tail  # a word cut at the tail's start is no word's start
        if out and (_TITLE_STOP_RE.search(tail)
                    or (honorifics and (_HONORIFIC_STOP_RE.search(tail)
                                        or (_AMBIGUOUS_HONORIFIC_STOP_RE.search(tail) and _NAME_AFTER_RE.match(part)))) or (
                tail.endswith(".") and tail[-2:-1].isdigit()
                and ((_ORDINAL_STOP_RE.search(tail) and _MONTH_NEXT_RE.match(part))
                     or _ORDINAL_AFTER_RE.search(tail)))):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def _loose_split(text: str, dash_asides: bool = True) -> list[str]:
    """``text`` split where phone mail starts a sentence without a capital or joins two with a dash."""
    split_re = _LOOSE_SPLIT_RE if dash_asides else _EVERY_DASH_SPLIT_RE
    abbreviations = _READ_ABBREVIATIONS if dash_asides else _ABBREVIATIONS
    # Every break follows a "!", "?" or "." with at least a space and a letter after it, or is a dash.
    if not (" - " in text or " – " in text or " — " in text
            or (any(map(text[:-2].__contains__, ".!?")) or "-" in text or "–" in text or "—" in text)
            and split_re.search(text)):
        return [text]
    out: list[str] = []
    start = 0
    for m in split_re.finditer(text):
        word = text[:m.start()].rstrip(".").rsplit(None, 1)[-1].lower() if text[:m.start()].strip() else ""
        word = word.rsplit("'", 1)[-1].rsplit("’", 1)[-1]  # "l'ing. Ferraris"
        if text[m.start() - 1:m.start()] == "." and (word.replace(".", "") in abbreviations or word in ("a.m", "p.m")
                                                     or (dash_asides and word in _AMBIGUOUS_HONORIFICS
                                                         and _NAME_AFTER_RE.match(text, m.end()) is not None)):
            continue  # "by 4:00 p.m. on Tuesday" goes on
        piece = text[start:m.start()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    out.append(text[start:])
    return out


# Someone named, not the writer, at work on a thing: "Priya Shah in our finance team is checking the
# invoice today and will send the refund to you directly", "Marta, in the legal team, will share it",
# "JP will send the deck Monday".
_SOMEONE_ELSE_RE = re.compile(
    r"^\W*(?!(?:I|We|You|It|This|That|There|Please|The|Our|My|Your)\b)(?P<who>[A-Z][\w'’.-]*)(?: [A-Z][\w'’.-]+)?"
    r"(?:,? (?i:from|in|on|at) (?i:our|the|my) [\w -]{2,30}?,?)?\s+(?i:is|will|has|'s|’s)\b")
# A thing handed to someone else, not to the reader: "...will send the offer letter to the candidate",
# "The account manager will call the customer on Monday".
_TO_ANOTHER_RE = re.compile(r"\b(?:send|share|give|forward|e-?mail|pass|deliver|hand)\b[^.!?;]*?\bto (?:the|a|an|him|her|"
                            r"them|his|their)\b|\b(?:call|ring|phone|meet|visit|brief|walk|show|take) (?:the|our|their|his|"
                            r"her) (?:[\w-]+ )?(?:customers?|clients?|candidates?|inspectors?|auditors?|panel|board|"
                            r"suppliers?|vendors?|landlord|tenants?|bank|insurers?|regulator|team)\b", re.I)
_TO_THE_READER_RE = re.compile(r"\b(?:you|your|yours|u)\b", re.I)
# Time asked of someone for a talk, not work: "I need a minute before the call".
_NEED_A_WORD_RE = re.compile(r"\bneed (?:a |some )?(?:quick )?(?:word|minute|moment|break|chat|sec|second)s?\b", re.I)
# A thing required of the reader is no promise to them: "Your signature will be required by Friday".
_REQUIRED_RE = re.compile(r"\b(?:be|is|are) (?:required|needed|expected)\b", re.I)
# Small talk the classifier may read as an ask: "We'd love to hear whether you enjoyed the evening".
_SMALL_TALK_WORDS_RE = re.compile(r"\b(?:enjoy(?:ed|ing)?|weekend|holidays?|vacation|birthday|feeling better|"
                                  r"how (?:was|did|are|is) (?:your|you|the family|the kids))\b", re.I)
# What a scam asks for: "Your bank information must reach us by Friday".
_SECRET_ASK_RE = re.compile(r"\b(?:details|information|info|number|credentials|password|login|pin|code)\b", re.I)


def _refused_as_the_rules_would(act: str, what: str, sentence: str, ctx: _Ctx) -> bool:
    """Whether the rules' own refusals hold for an act the sentence classifier reads. Where the
    writer will be is no promise ("I'll be in London on Friday"), nor is an expectation, another's
    work in the owner's mail, the owner's own work in another's, a thing required of the reader or
    handed to someone else; a wait that
    ends on a day of its own ("may not clear until the bank opens on Tuesday") or a mere "unless" is
    no blocker; time for a word or small talk is no ask, nor are bank details or a password asked for."""
    if act == "promise":
        if (_AWAY_RE.match(what) or what.lower().startswith("expect ") or _REQUIRED_RE.search(sentence)
                or _NO_WORK_VP_RE.match(what)
                or _HEREWITH_RE.search(sentence)):
            return True
        doer = _SOMEONE_ELSE_RE.match(sentence) or re.match(r"\W*(?P<who>[A-Z][\w'’.-]*) to\b", sentence)
        if ctx.from_owner:
            return bool(doer and doer.group("who").lower() != ctx.owner.first_name)
        # In another's mail the owner named as the doer is told, not promised: "Ada to buy ten
        # vouchers today, and Tom to send the codes to me by Friday".
        return bool((doer and doer.group("who").lower() == ctx.owner.first_name)
                    or (_TO_ANOTHER_RE.search(sentence) and not _TO_THE_READER_RE.search(sentence))
                    # someone of the writer's side named by role, of work that is not for the reader:
                    # "Our accountant will file our company accounts next week"
                    or (_ROLE_PLAN_RE.match(sentence) and not re.search(r"\b(?:you|your|u|yours)\b", sentence, re.I)))
    if act == "blocker":
        wait = re.search(r"\b(?:until|till|til)\b[^.!?;]*", sentence, re.I)
        return bool((wait and names_a_date(wait.group(0))) or (not wait and re.search(r"\bunless\b", sentence, re.I)))
    # ...nor is what the German and French rules refuse to read as an ask ("Peux-tu croire qu'il neige déjà ?",
    # "Bitte beachten Sie unsere Öffnungszeiten").
    return act == "ask" and bool(_NEED_A_WORD_RE.search(sentence) or _SMALL_TALK_WORDS_RE.search(sentence)
                                 or (_SECRET_THING_RE.search(sentence) and _SECRET_ASK_RE.search(sentence))
                                 or _not_asked(sentence) or _BARE_WARNING_RE.match(sentence))


# What the reader stands to lose, said with no step to take: "Why it matters: you could lose your
# deposit by Friday", "You may be charged a late fee after the 30th". A step named with it ("unless you
# pay", "if you don't sign", "please...") is read by the rules, not refused here.
_BARE_WARNING_RE = re.compile(r"^(?![^.!?]*\b(?:if|unless|please|pls|kindly|so|make sure|ensure|avoid)\b)\W*(?:[\w'’ -]{1,30}:\s*)?"
                              r"(?:otherwise,? |or else,? |else,? )?you(?:'ll|’ll| will| could| might| may| would| risk| stand to)"
                              r"(?: (?:also|then|still|likely|probably))? (?:be (?:charged|fined|liable|billed|penali[sz]ed)|"
                              r"lose|forfeit|incur|face|miss out|pay (?:a|an) (?:late|penalty|extra))\b(?![^.!?]*[,;])", re.I)


# A thing wanted in a state, not handed over: "Need this done by Friday", "I need the contract signed".
# ...and one put in a state, said before the rest: "him registered before Saturday", "the minibus repaired".
_PUT_IN_STATE_RE = re.compile(r"^(?:(?:him|her|them|it) (?:[a-z]+ed|done|paid|sent|seen|fixed|sorted|written)|"
                              r"(?:the|your|our|this|that|these|those) (?!(?:signed|completed|updated|revised|"
                              r"attached|enclosed|requested|amended|finished)\b)[\w'’-]+(?: (?!(?:on|of|for|to|with|in|at|from|by|and|or)\b)[\w'’-]+){0,2} "
                              # (a step done to it, not what it is: "the money owed", "the documents listed below")
                              r"(?:repaired|fixed|translated|registered|done|signed|paid|approved|cleared|booked|sorted|checked|reviewed|"
                              r"corrected|stamped|notari[sz]ed|certified|cleaned|installed|replaced|serviced|tested|inspected|marked|"
                              r"printed|scanned|uploaded|filed|submitted|returned|collected|delivered|renewed|painted|moved|removed))\b", re.I)
_WANTED_STATE_RE = re.compile(r"\b(?:done|sorted(?: out)?|fixed|finished|signed(?: off)?|approved|cleared|booked|set up|"
                              r"updated|resolved|completed|handled|working|live|in place)$", re.I)


# What only the reader gives, and the step that gives it.
_YOUR_PART_VERBS = {"approval": "Approve", "sign-off": "Sign off on", "signoff": "Sign off on", "signature": "Sign",
                    "confirmation": "Confirm", "decision": "Decide on"}
_YOUR_PART_RE = re.compile(r"your (?P<part>approval|sign-?off|signature|confirmation|decision|feedback|input|comments|"
                           r"thoughts|go-ahead|go ahead|ok|okay|answer|reply|response|views?|steer)\b(?P<rest>.*)$", re.I)
_STILL_TAIL_RE = re.compile(r"\s+(?:yet|still|already|as well|too)\W*$", re.I)
_PART_PREP_RE = re.compile(r"^(?:on|of|for|to)\s+", re.I)


def _get_title(what: str, name: str, subject: str) -> str:
    """The title of a thing the writer needs: "Get the figures to Sam"; a thing wanted in a state
    is got so, not sent ("Get the contract signed"), and "this" or "it" is named by the subject
    ("Get this done: boiler quote")."""
    what = _FROM_YOU_RE.sub("", _STILL_TAIL_RE.sub("", what))  # "the signed letter back from you": from the reader, to the writer
    if not (_WANTED_STATE_RE.search(what) or _PUT_IN_STATE_RE.match(what)):
        yours = _YOUR_PART_RE.match(what)
        if yours:
            # The reader's own part, put as the step it is: "your approval on the quote" -> "Approve
            # the quote", "your feedback on the draft" -> "Give Sam feedback on the draft".
            part, rest = yours.group("part").lower(), yours.group("rest").strip()
            verb = _YOUR_PART_VERBS.get(part.replace(" ", "-"))
            if verb and rest:
                return f"{verb} {rest if verb == 'Sign' else _PART_PREP_RE.sub('', rest)}"
            return f"Give {name} your {part}{' ' + rest if rest else ''}"
        if re.match(r"your\b", what, re.I):
            return f"Send {name} {what}"
        return f"Get {what} to {name}"
    if re.match(r"(?:this|it|that|these|those|them)\b", what, re.I):
        topic = re.sub(r"^((re|fwd?|aw|wg|tr)\s*:\s*)+", "", subject, flags=re.I).strip()
        return f"Get {what}: {topic}" if topic else f"Get {what}"
    return f"Get {what}"


def _clauses(sentence: str) -> list[tuple[str, str]]:
    """The clauses of a sentence that may each hold a promise: (its own words, the words read).
    "...and will share": a later clause borrows the first one's subject to be read, and quotes
    only its own words; so do "...and give them a name by Tuesday" and "...and the final by
    Wednesday", each only when every clause has a due date of its own."""
    parts = _clause_parts(sentence)
    if len(parts) > 1 and _LEAD_IN_RE.match(parts[0]):
        # "Ahead of our board call next Tuesday, please send me the memo": the lead-in says when,
        # asking nothing by itself; it is read with the clause it leads into.
        end = sentence.find(parts[1], len(parts[0]))
        if end > 0:
            parts[:2] = [sentence[:end + len(parts[1])]]
    head = _search(_SUBJECT_RE, _SUBJECT_KEYS, parts[0], fold(parts[0]))
    # ...and a first clause that is the writer's in any tense: "I've asked Jürgen for the labels and
    # will forward them as soon as they land".
    # Only for a piece of work handed on, and never past someone else's verb in the first clause ("I
    # was told the parcel is in Frankfurt and will arrive tomorrow", "I asked Sam, who lives in
    # Porto and will visit").
    # (Found only for a clause after the first that opens on "will", where it is read: most have none.)
    first: str | None = None
    out: list[tuple[str, str]] = []
    for n, part in enumerate(parts):
        if n and not head and first is None and re.match(r"will\b", part, re.I):
            first = "" if len(parts) < 2 or _REPORTED_RE.search(parts[0]) else \
                (own.group(1) if (own := _WRITERS_CLAUSE_RE.match(parts[0])) else "")
        prefix = (f"{head.group(1)} " if head else f"{first} " if first and _WILL_WORK_RE.match(part) else "") \
            if n and re.match(r"will\b", part, re.I) else ""
        read = prefix + part
        subject = _search(_SUBJECT_RE, _SUBJECT_KEYS, read, fold(read))
        lead = _match(_LEAD_RE, read)
        pieces = _dated_split(_VERB_CLAUSE_RE, read) if subject else [read]
        verb = len(pieces) > 1
        if not verb and lead:
            pieces = _dated_split(_OBJECT_CLAUSE_RE, read)
        wish = _WISH_LEAD_RE.match(read) if len(pieces) == 1 and ("as well as" in read or "and also" in read) else None
        if wish:
            pieces = [_TRAILING_RE.sub("", q.strip()) for q in _AS_WELL_AS_RE.split(read)]
            lead = wish
        elif len(pieces) == 1 and "and also" in read and (asked := _ASK_LEAD_RE.match(read)):
            two = _AND_ALSO_RE.split(read, maxsplit=1)
            second = _match(_IMPERATIVE_RE, two[1]) if len(two) == 2 else None
            if second and second.start("vp") == 0 and len(two[0]) > asked.end() + 4:
                pieces, lead = [_TRAILING_RE.sub("", two[0]), two[1]], asked
        out.append((pieces[0][len(prefix):], pieces[0]))
        for q in pieces[1:]:
            out.append((q, f"{subject.group(1)} will {q}" if verb and subject else f"{lead.group('lead')} {q}"
                        if lead else q))
    return out


# A promise, then an ask after ", and": "I'll send the draft tonight, and could you get your comments
# back by Friday?" is a promise and an ask. (After an ask, ", and could you" only goes on asking:
# "Would you be available, and could you send me a quote" is read whole.)
_PROMISE_THEN_ASK_RE = re.compile(r"^(?P<a>\W*(?:i|we)(?:'ll|’ll| will| shall)\s[^?]*?),\s*and\s+"
                                  r"(?P<b>(?:can|could|would) (?:you|u)\s+[a-z][^?]*\?)\s*$", re.I)

# ...and an ask, then a promise after a comma: "Could you send me a large instead, I'll post the
# medium back to you tomorrow", "I need your passport number, I'll book the flights Monday" are an
# ask and a promise.
_ASK_THEN_PROMISE_RE = re.compile(r"^(?P<a>\W*(?:(?:could|can|would) (?:you|u)|(?:(?:i|we) (?:really |also |still |just )?)?need your\b|"
                                  # ...an order opening on its verb: "Call the PENRO contact of Nonoy, I'll text you his number"
                                  r"(?:call|ring|send|book|give|bring|check|confirm|sign|pay|prepare|submit|forward|email|contact)"
                                  r"(?= (?:the|a|an|your|my|our|his|her|their|him|her|them|me|us|it|this|that)\b)|"
                                  r"(?:please|kindly|pls|plz)(?! (?:bear|note|find|accept|excuse|"
                                  r"forgive|be advised|be aware|don't hesitate|do not hesitate|feel free|stand by|hold on)\b))"
                                  r"\s(?![^,;?]*\bif (?:you|u) (?:like|want|wish|prefer|fancy)\b)[^;?]{4,}?)\??,\s*(?:and\s+)?"
                                  r"(?P<b>(?:i|we)(?:'ll|’ll| will| shall)\s[^?]*?)\s*$", re.I)


def _clause_parts(sentence: str) -> list[str]:
    """``sentence`` split at _CLAUSE_SPLIT_RE, each part stripped and rid of trailing stops."""
    if " and " in sentence and (sent_on := _SENT_ON_AFTER_RE.match(sentence)) and _ATTACHED_NOW_RE.search(sent_on.group("a")):
        # "The PDF is attached, and the original will be sent by DHL tomorrow": what goes with the mail,
        # then what follows it in the passive.
        return [sent_on.group("a").strip().rstrip(_TRAILING_CHARS), sent_on.group("b").strip()]
    if ", and " in sentence and (then := _PROMISE_THEN_ASK_RE.match(sentence)):
        return [then.group("a").strip().rstrip(_TRAILING_CHARS), then.group("b").strip()]
    if "," in sentence and (then := _ASK_THEN_PROMISE_RE.match(sentence)):
        return [then.group("a").strip().rstrip(_TRAILING_CHARS), then.group("b").strip().rstrip(_TRAILING_CHARS + ".!")]
    listed = _DATED_LIST_RE.match(sentence) if "," in sentence else None
    if listed:
        # "Title and abstract by Friday, slides before the 1st": two things, each with its day.
        parts = [listed.group("a").strip(), listed.group("b").strip().rstrip(_TRAILING_CHARS + ".!")]
        if all(_bare(p, fold(p)) and names_a_date(p) for p in parts):
            return parts
    low = fold(sentence)
    if ((any(map(low.__contains__, _JOIN_KEYS)) and any(map(low.__contains__, _JOINED_KEYS)))
            or ("," in low and any(map(low.__contains__, _COMMA_ASK_KEYS)))
            or any(map(low.__contains__, (" et je", " et j'", " et j’")))):
        pieces = _CLAUSE_SPLIT_RE.split(sentence)
    else:
        # Only the pattern's "\s*;\s*" can split here, and each part is stripped: a split at ";".
        pieces = sentence.split(";")
    return [p.strip().rstrip(_TRAILING_CHARS) for p in pieces]


_AFTER_RE = re.compile(r"\bafter\b[^,;]*", re.I)
# Two things, each with its own day, and no verb: "Title and abstract by Friday, slides before the 1st".
_DATED_LIST_RE = re.compile(r"^(?P<a>[^,;:]{3,60}? (?:by|before|no later than) [^,;:]{2,30}?),\s*(?:and\s+)?"
                            r"(?P<b>[^,;:]{3,60}? (?:by|before|no later than) [^,;:]{2,30}?)[.!]*$", re.I)
# The owner's need of a thing, with its deadline: "We need the RFI answer by Wednesday noon", "I need
# photos of the fixes by Thursday" (not "I need to finish it", the owner's own work).
_OWNER_NEED_RE = re.compile(
    r"^\W*(?:(?:and|also|so|but|again|ok|okay),?\s+)?(?:[A-Z][a-z]+,\s+)?(?:i|we)(?:'ll|’ll| will)?(?: also| still| really| just)?"
    r" need (?!to\b|you\b|(?:a |some )?(?:word|minute|moment|break|chat|call|sec|second)s?\b)"
    r"(?P<what>(?:the|your|those|these|that|this|a|an|all|both|\d+)\b[^.!?;]{2,80}?|[a-z]+s of [^.!?;]{2,80}?)"
    r"\s+(?:by|before|no later than|until|at the latest by)\s", re.I)
# The owner's order of a thing put in a state (see _owner_sentence): "I want the pump stripped and the
# bearings bagged", "I need the LH plug rechecked at 50 hrs" (not "I want to get the shut finished", "I want
# the old one", "I need the signed copy": a thing named, with no step done to it).
_OWNER_WANTS_DONE_RE = re.compile(
    r"^\W*(?:(?:and|also|so|but|ok|okay|now),?\s+)?(?:[A-Z][a-z]+,\s+)?(?:i|we)(?: really| just| also)? (?:want|need|'d like|would like) "
    r"(?P<what>(?:the|your|those|these|all|both|our)\s+(?!(?:signed|completed|updated|revised|attached|enclosed|requested|"
    r"amended|finished|approved|agreed|printed|scanned|stamped|certified|used|damaged|missing|repaired|best|most|one|ones)\b)"
    r"(?:(?!(?:you|i|we|they|he|she|it|was|were|is|are|be|been|best|most)\b)[\w'’/-]+\s+){0,4}?"
    r"(?!(?:is|was|has|had|have|need|needed|ed|bed|red|shed|seed|speed|feed|need|weed|breed|deed|listed|attached|mentioned|"
    r"discussed|agreed|requested|quoted|shown|emailed|promised|involved|concerned|required|named|described|enclosed|"
    r"qualified|used|based|related|included|selected|proposed)\b)(?:[a-z]{2,}ed|done|sent|fixed|sorted|"
    r"written|seen|taken|redone|rewritten)\b[^.!?;]*)", re.I)
# A line of minutes that names who does what: "Alder Finch to reissue the RCP by 4/25", "- Action: Ada to
# confirm the venue". Who is a name (capitalised, not "Nice to meet you"), and what a piece of work.
_ACTION_ITEM_RE = re.compile(
    r"^\W*(?:[-•*–]\s*)?(?:(?i:action(?: item)?s?|todo|to-do|next steps?)\s*[:–-]\s*)?"
    r"(?P<who>(?!(?:Nice|Good|Great|Happy|Glad|Hard|Easy|Welcome|Back|Due|Next|Time|Need|Needs|Want|Going|Plan|Plans|"
    r"Remember|Reminder|Note|Sorry|Hope|Thanks|Thank|Up|Down|How|What|When|Where|Why|Who|Which|Today|Tomorrow|Tonight|"
    r"This|That|It|I|We|You|He|She|They|Reply|Answer|Ready|Free|Able|Unable|Likely|Keen|First|Last|One|Also|And|So|But|"
    r"Please|Pls|Just|Only|Quick|Easier|Better|Best|Worth|Fine|Ok|OK|Okay|Yes|No|Sure|Trying|Try|Moving|Move|Ask|Remind|"
    r"Tell|Get|Have|Let|Help|Invite|Allow|Expect|Encourage|Make|Send|Email|Call)\b)"
    r"[A-Z][\w'’&.-]+(?: [A-Z][\w'’&.-]+){0,2}) to (?P<vp>(?:send|share|confirm|reissue|issue|review|update|provide|prepare|"
    r"draft|finish|complete|check|call|email|e-mail|book|schedule|set up|follow up|circulate|submit|price|quote|order|deliver|"
    r"install|fix|sign|countersign|approve|chase|contact|arrange|organi[sz]e|look into|investigate|revise|resubmit|"
    r"coordinate|ask|tell|finali[sz]e|write|return|pay|invoice|test|run|reach out|loop in|introduce|file|lodge|upload|"
    r"clarify|decide|verify|collect|pick up|drop off|mark|measure|inspect|reschedule|recheck|re-inspect|brief|present|"
    r"resend|re-send|raise|release|draw up|put together|sort out|get back)\b[^.!?;]*)")
# People addressed by their role, before a colon: "Observers: please join early", "Reviewers:".
_ROLE_PLURAL_RE = re.compile(r"(?:[^aeiou]ers|ors|ists|ants|ees|ents|leads|team|all|everyone|everybody|folks)$", re.I)
# Where the writer will be, no work: "we shall be in Bright from the 14th", "I'll be away until Monday";
# but "I'll be in Fri morning to sign for it" is work.
_AWAY_RE = re.compile(r"(?:fly|travel|head) (?:out|over|back|home|in|off|to)\b|be (?:in|at|away|out|off|on (?:leave|holiday|vacation)|travel+ing|abroad)\b"
                      r"(?![^.!?;]*\bto (?!(?:the|a|an|my|our|his|her|their|end|mid|early|late|monday|tuesday|wednesday|"
                      r"thursday|friday|saturday|sunday|tomorrow|next|this)\b)[a-z]+)",
                      re.I)
# A day or an end after a clause's verb (see _SENDS_IT_ON_RE).
_THEN_A_DAY = (r"(?=\s*(?:$|[.!,;]|(?:tomorrow|tmrw|tonight|today|later|next|this|on|by|before|first|asap|in|at|"
               r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\b))")
# A later clause that only sends on what the first one got: "...and send you tomorrow", "and pass it on Monday".
_SENDS_IT_ON_RE = re.compile(r"^(?:and\s+)?(?:(?:i|we)(?:'ll|’ll| will)\s+)?(?:then\s+)?(?:send|forward|pass|give|e-?mail|share)"
                             r"(?:\s+(?:you|u|over|across|on)\b)?" + _THEN_A_DAY, re.I)
# ...and one that sends on what the writer's own work made, named back, or tells its outcome: "I'll
# mark up their redline tonight and send it to you first thing tomorrow", "I'll decide over the
# weekend and let you know Monday". (Not what someone else was got to do first: "I'll get the CFO to
# approve it on Monday and then email it to you on Tuesday" is two steps of the owner's.)
_SENDS_IT_BACK_RE = re.compile(r"^(?:and\s+)?(?:(?:i|we)(?:'ll|’ll| will)\s+)?(?:then\s+)?(?:(?:send|forward|pass|give|e-?mail|share|get|"
                               r"bring)\s+(?:it|them|this|that|these|those)(?:\s+(?:back|over|across|on|straight|round|around|out))?"
                               r"(?:\s+to\s+(?:you|u|me|us|(?-i:[A-Z][a-z]+)))?|let (?:you|u|me|us) know)" + _THEN_A_DAY, re.I)
# ...or hands the reader what the work comes to, named as its outcome: "I'll review them tonight and you will
# have our comments by Wednesday", "We will run the trial on Monday and send you the results Tuesday", "I'll
# check the versions this afternoon and confirm which file is the approved one by Wednesday". (Not another
# thing: "I'll draft the memo tonight and will share the budget on Monday" is two pieces of work; nor someone
# else's answer, got first: "I'll ping legal tomorrow and I'll get you their answer by Dec 4".)
_HANDS_OUTCOME_RE = re.compile(r"^(?:and\s+)?(?:(?:i|we)(?:'ll|’ll| will)\s+)?(?:then\s+)?(?:(?:(?:send|forward|give|e-?mail|get)\s+(?:you|u)|"
                               r"(?:send|forward|share|circulate)(?:\s+(?:over|across|round|around|out))?|"
                               r"share\s+with\s+(?:you|u)|(?:you|u)(?:'ll|’ll| will) (?:have|get|receive))\s+"
                               r"(?:(?:a|an|the|our|my|its)\s+)?(?:(?:first|second|final|revised|updated|new|clean|full|short|quick|"
                               r"written|signed|marked-up|initial|preliminary|test|trial|review|detailed|draft)\s+){0,2}(?:draft|results?|comments|"
                               r"feedback|answers?|decision|yes or no|verdict|findings|outcome|v\d+|version|mark-?up|redline)"
                               # ...the thing itself, not a thing named after it: "the results deck", "the draft budget"
                               r"(?=\s*(?:$|[.,;!]|(?:on|by|before|to|for|tomorrow|tonight|today|next|this|first|in|at|within|asap|"
                               r"later|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\b))|"
                               r"(?:give (?:you|u) (?:a |an |my |our )?(?:answer|decision|yes or no|verdict)|"
                               r"confirm (?:which|whether|if|what)|get back to (?:you|u))\b)", re.I)
_GOT_DONE_BY_RE = re.compile(r"\b(?:get|ask|tell|need)\s+(?:the |our |my |his |her |their )?[\w-]+\s+to\b", re.I)
# An ask said outright at the start of a sentence: "Please have...", "Kindly send...".
_PLEASE_FIRST_RE = re.compile(r"^\W*(?:please|pls|kindly)\s+(?!note\b|be (?:aware|advised|patient)\b|bear with\b|keep in mind\b|"
                              r"remember\b|understand\b|excuse\b|forgive\b|accept\b)[a-z]+", re.I)
# A heading, or a lone word a heading may be: "Schedule / Level 3 pour", "Schedule".
_HEADING_RE = re.compile(r"^(?!(?:please|pls|kindly|can|could|would|pls)\b)[\w'’&-]+(?: [\w'’&-]+){0,3}\s+/\s+"
                         r"(?![^/]*\b(?:by|before|until|asap)\b)[\w'’&/ -]{1,40}$|^[A-Za-z]+\W?$", re.I)
# The owner's formal wish of the reader: "I'd be grateful for a steer", "we would appreciate your comments".
_GRATEFUL_FOR_RE = re.compile(r"\b(?:i|we)(?:'d| would| should) (?:be (?:very |most |so )?grateful for|appreciate|welcome) "
                              r"(?P<what>(?:a|an|your|any|the)\b[^.!?;]{2,80})", re.I)
_YOUR_RE = re.compile(r"\byour\b", re.I)
# What a stated deadline asks for that no one should send by mail: "Your bank information must reach us".
_SECRET_THING_RE = re.compile(r"\b(?:bank|banking|login|password|card|credentials?|pin|security|account)\b", re.I)
# A due phrase that names an hour and no day.
_TIME_ONLY_RE = re.compile(r"^(?:by|before|at|until|till|around|after)?\s*(?:noon|midday|lunch(?:time)?|"
                           r"\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|h)?)$", re.I)
# A duty of the reader's, said after "please note": "must be booked", "need to", "is required".
_NOTED_DUTY_RE = re.compile(r"\b(?:must|need to|needs to|have to|has to|is required|are required)\b", re.I)
# "Please note that", "be advised:": a lead-in that asks the reader only to read on.
# A topic said first, then the writer's or the reader's sentence about it: "Pay app 7: I'll review it
# Wednesday", "Whitfield Roe: I will draft the submission and send it Monday". The sentence is read
# after it. Not a note or a heads-up ("Note: ...", "FYI: ..."), which say how to read what follows, nor the
# lead-in to what is asked ("Two things I need from you: ..."), nor a day ("Monday: call the bank").
_TOPIC_LEAD_RE = re.compile(r"^\W*(?P<topic>(?![^:.!?;]*\b(?:update|news|matters|status|summary|recap|tl;?dr)\b)"
                            r"(?!(?:why|what|how|who|when|where|n\.?b|p\.?s|fyi|note|please|pls|kindly|important|urgent|attention|warning|"
                            r"reminder|action|deadline|heads[- ]up|update|re|fwd?|aw|wg|tr|subject|from|to|cc|sent|date)\b)"
                            r"(?![^:.!?;]*\b(?:need|needs|want|wants|ask|asks|asking|request|requests|require|following|below|these|"
                            r"those|things?|points?|questions?|items?|steps?|list)\b)"
                            r"(?:[^\s:.!?;]+\s+){0,5}[^\s:.!?;]+):\s+"
                            # ...and only a sentence of the writer's or the reader's own: what follows an "Option A:",
                            # a "Recommendation:" or an "Observers:" is no order to the reader.
                            # (not a headline's: "Why it matters: you could lose your deposit", "Hospital update: I'll be
                            # discharged tomorrow")
                            r"(?=(?:i|we)(?:'ll|’ll|'m|’m|'ve|’ve|'d|’d)?\s(?!be\s+[a-z]+ed\b)|(?:you|u)(?:'ll|’ll| will| need| must| have to| should)\s)",
                            re.I)
# A day agreed to, then what the writer will do on it: "Friday at 9:00 works for me, I'll come to your
# office", "11 on Tuesday is fine, I'll meet you there", "Thursday at 2pm works for the call, and I'll bring
# Dan". The promise is for that day.
_AGREED_DAY_RE = re.compile(r"^\W*(?:(?:yes|yep|ok|okay|great|perfect|sure),?\s)?(?P<day>\w(?:[^\s,;:.!?]|\s(?=\S)|(?<=\d)[:.](?=\d)){1,39}?)\s(?:works|would work|is fine|"
                            r"is good|is ok|is okay|suits(?: me| us)?|is perfect|sounds good|is great)"
                            r"(?:\s+(?:for|with)\s+(?:me|us|both of us|the [\w-]+(?: [\w-]+)?))?\s*(?:[,;–—]|\s-)\s*(?:and\s+|so\s+)?"
                            # (not a step put off or round it: "..., I'll try", "..., I'll have to check", "... beforehand")
                            r"(?P<rest>(?:i|we)(?:'ll|’ll| will| shall)\s(?!(?:try|have to|need to|think|check)\b|see\b(?! you\b))"
                            r"(?![^.!?;]*\b(?:beforehand|afterwards|before(?:hand)?|after|ahead of time)\b)[^.!?;]*)", re.I)
# A go-ahead with its step, given to the owner: "Go ahead and book the flights for the 18th" asks the step
# ("Go ahead, fine by me" asks nothing). The owner's own go-ahead ("Go ahead and send it") answers an ask
# of the reader's: the development weeks label it no work to follow up.
_GO_AHEAD_AND_RE = re.compile(r"^\W*(?:(?:yes|ok|okay|sure|fine|great),?\s+)?(?:please\s+)?go ahead and (?P<step>[a-z][^.!?;]{3,})", re.I)
# What has to come from the reader's side: "the company documents have to come from your office".
_COME_FROM_YOU_RE = re.compile(r"^\W*(?:(?:but|and|so)\s+)?(?P<what>(?:the|your|all|both|these|those) [^.!?;]{2,120}?) (?:has|have|need|needs|must)"
                               r" to come from (?:you|your (?:side|end|office|team|company|firm))\b(?P<rest>[^.!?;]*)", re.I)
# A thing of the reader's to come, ready on a day: "The result will be available on Monday 24 July before
# 5pm", "Your certificates will be ready by Friday" (not a place or a person: "The office will be available
# on Monday", "I'll be available on Friday").
_READY_ON_RE = re.compile(r"^\W*(?:(?:and|also|so|good news|fyi),?:?\s+)?(?P<thing>(?:the|your|our|all|both|all the)\s+"
                          r"(?!(?:office|room|venue|site|hall|team|staff|shop|store|building|car|van|line|phone|system|portal|website|"
                          r"server|platform|hotel|desk|slot)s?\b)[\w'’&/ -]{2,50}?)\s+(?:will|should|shall)\s+be\s+(?:available|ready|"
                          r"issued)(?:\s+(?:to|for)\s+(?:you|u|collection|pick-?up|download))?\s+(?=(?:on|by|before|from|tomorrow|today|"
                          r"tonight|next|this|in|at|mon|tue|wed|thu|fri|sat|sun)\b)", re.I)
# A thing of the writer's side that slips to a new day: "Sam, apologies: the term sheet will slip to next
# Wednesday", "our quote will be delayed until Monday" (what is owed, at its new date; not "may slip").
_SLIPS_TO_RE = re.compile(r"^\W*(?:[^:.!?;]{1,40}:\s+)?(?:(?-i:[A-Z][a-z]+),\s+)?(?P<thing>(?:the|our|my|your)\s+[\w'’ -]{2,40}?)\s+"
                          r"(?:will|'ll|’ll|is going to)\s+(?:slip|move|be (?:delayed|pushed|moved)(?: back)?)\s+(?:to|until|till)\s+"
                          r"(?=(?:next|this|mon|tue|wed|thu|fri|sat|sun|tomorrow|the \d|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b)",
                          re.I)
_GATHERING_RE = re.compile(r"\b(?:meeting|call|session|sync|stand-?up|appointment|interview|visit|party|dinner|lunch|webinar|"
                           r"workshop|training|event|catch-?up|offsite|review)s?\b", re.I)
# ...and a piece of work for the reader named as the event it is, dated: "The delivery to your site will be on
# December 15", "Installation of the spot coolers will be on Saturday after 6 PM" (not "was", not a meeting).
_EVENT_ON_RE = re.compile(r"^\W*(?:(?:and|also|so|good news|fyi),?:?\s+)?(?P<thing>(?:the\s+|your\s+)?(?:delivery|installation|"
                          r"dispatch|shipment|collection|pick-?up|crediting|repair|replacement|servicing|fitting|"
                          r"transfer|refund)(?:\s+(?:of|for)\s+[^,.!?;]{2,50}?)?(?:\s+(?:to|at)\s+(?:your|you|u)\b[^,.!?;]{0,30}?)?)"
                          r"\s+(?:will|should|shall)\s+be\s+(?:on\s+|done\s+on\s+|scheduled\s+for\s+|)(?=(?:on|by|mon|tue|wed|thu|fri|"
                          r"sat|sun|tomorrow|today|tonight|next|this|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d)\w*\b)", re.I)
# A need of things named bare, with the day they are needed by: "I need ex-factory, ETD and ETA by Thursday
# morning", "For each PO I need weights and dimensions before Friday" (with "the" or "your" it is
# _WISH_RE's; "I need sleep" names no day).
_BARE_NEED_RE = re.compile(r"^\W*(?:(?:for|on|per) [^,.!?;]{2,40},?\s+)?(?:i|we)(?: still| also| really| urgently| just)? (?:need|require) "
                           r"(?!(?:to|you|u|it|them|this|that|these|those|a|an|the|your|some|more|any|him|her|me|us|our|my|his|their|"
                           r"time|help|a break|sleep|rest|holiday|coffee|lunch)\b)"
                           r"(?P<what>[a-z0-9][^.!?;]{1,100}?),?\s+(?P<by>(?:by|before|no later than)\s[^.!?;]*)$", re.I)
# Someone else's word passed on, in the owner's mail: "Sam at Tixora says ProGate will have the spec by the end of today".
# ...unless the owner's own word follows it: "Sam says you need the deck by Friday, so I'll send it Thursday".
_OWN_WORD_AFTER_RE = re.compile(r"\b(?:i|we)(?:'ll|’ll| will| shall|'m going to|’m going to| am going to)\b|"
                                r"\b(?:you|u)(?:'d|’d|'ll|’ll| will| would| should) have\b", re.I)
_REPORTS_RE = re.compile(r"^\W*(?:(?:and|also|fyi|btw),?\s+)?(?:(?-i:[A-Z])[\w'’-]+(?: (?-i:[A-Z])[\w'’-]+)?(?: (?:at|from) (?-i:[A-Z])[\w&'’-]+)?|"
                         r"they|he|she) (?:says|said|tells me|told me|has told me) (?:that )?", re.I)
# A deadline given by what happens if it is missed, a thing of the reader's to be done by a day: "If the
# Ecru is not confirmed until 31 July we cannot produce it before October", "if the deposit not arrive
# before 8th September, we can not keep the price", "If the colour is not approved by Friday, the slot goes
# to another client". (What the writer will do if she hears nothing is _THREAT_RE's.)
_MISSED_BY_RE = re.compile(r"^\W*(?:(?:and|but|so|also|please note),? )?if (?P<thing>(?:the|your|our) "
                           r"(?!(?:weather|situation|traffic|market|economy|strike|road|roads|flight|train|problem|issue|rain|snow)\b)"
                           r"(?:[\w'’-]+ ){0,4}?[\w'’-]+|(?-i:[A-Z]{2,}\w*)) "
                           # (one the reader can do or send: approved, confirmed, paid, signed, sent, returned, arriving)
                           r"(?:(?:is|are) not|isn't|aren't|(?:has|have) not been|hasn't been|haven't been|(?:does|do) not|doesn't|don't|not) "
                           r"(?P<done>approved|confirmed|paid|signed|sent|returned|received|submitted|accepted|arrive|reach us|come) "
                           r"(?:until|till|by|before|within) (?P<when>[^,;.!?]{2,40}?),? "
                           # ...and what the writer then refuses or gives away: "we cannot keep the price", "the slot goes to another client"
                           r"(?:(?:we|i) (?:cannot|can't|can not|won't be able to|will not be able to|will (?:have to )?(?:release|cancel|give away|"
                           r"reallocate|increase))|(?:the|your|our|this) (?:[\w-]+ ){0,2}(?:slot|booking|reservation|price|prices|offer|quote|room|"
                           r"space|allocation) (?:goes|will go|will be (?:released|cancelled|canceled|given|lost|increased)|will give|expires|lapses)|"
                           r"(?:the )?(?:price|prices) will (?:increase|be updated|go up))\b", re.I)
# Times the owner offers, one to be chosen: "I can do the Step 1 meeting Monday at 10 or Tuesday afternoon",
# "Angela and I can do tomorrow at 8:30 or 3:00" (the reader's choice, asked after it, is another item).
_TIMES_OFFERED_RE = re.compile(r"^\W*(?:(?:[\w'’-]+ and )?(?:i|we)) (?:can|could) (?:do|make|meet|manage|come(?: in)?)\b"
                               r"(?:(?!\bby\b|\bat the latest\b|\band send\b)[^.!?;])*?\sor\s(?![^.!?;]*\bat the latest\b)"
                               r"(?:(?:on|at|in)\s+)?(?:tomorrow|today|the \d|\d|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|next|this|"
                               r"(?:early|late|mid)\b|after|before|any time|anytime)", re.I)
_NOTE_LEAD_RE = re.compile(r"^\W*(?:(?:and|also|just|but),?\s+)?(?:(?:please|pls|kindly)\s+)*(?:also\s+)?"
                           r"(?:(?:to\s+)?note(?:\s+also)?(?:\s+that\s+|\s*[:,–—-]\s*)|be (?:aware|advised|informed)(?:\s+that)?\s*[:,–—-]?\s+(?!and\b|&)|"
                           # ...as second-language mail puts it: "Please to note also, ...", "Please understand that ..."
                           r"understand(?:\s+that\s+|\s*[,:–—-]\s*)|"
                           # ...and the sign-off said first: "One more thing, and then I'll leave you alone: ..."
                           r"(?:(?:one|a|the)\s+)?(?:more|last|final)\s+thing,?\s+(?:and\s+)?(?:then\s+)?(?:i'?ll|i’ll|i\s+will)\s+"
                           r"leave\s+you\s+(?:alone|in\s+peace|be)\s*[:–—-]\s*|"
                           r"(?:then\s+)?(?:i'?ll|i’ll|i\s+will)\s+leave\s+you\s+(?:alone|in\s+peace|be)\s*[:–—-]\s*)(?=\w)", re.I)


# What a duty read with its "note" is titled by, without the note: "Note that ...", "Be informed that ...".
_NOTED_TITLE_RE = re.compile(r"^(?:note(?: that)?|be (?:aware|advised|informed)(?: that)?)\s*:?\s+(?=\w)", re.I)


def _dated_split(rx: re.Pattern[str], text: str) -> list[str]:
    """``text`` split at ``rx`` when every piece names a date of its own; else whole. In "I'll book
    the room and send the agenda by Friday" the one date may hold for both: one item."""
    pieces = [q.strip().rstrip(_TRAILING_CHARS) for q in rx.split(text)]
    # A day after "after" says when the work may start, not when it is due: "I'll update it after
    # Friday's decision and send you the final version Monday" is one promise.
    return pieces if len(pieces) > 1 and all(names_a_date(_AFTER_RE.sub("", q)) for q in pieces) else [text]


# A thing sent to the reader, its verb left out: "Draft MAS response to you Wednesday noon".
_TO_YOU_THING_RE = re.compile(r"^\W*(?!(?:talk|speak|chat|see|catch up|get back|write|reply|respond|report|listen|back|over|"
                              r"hello|hi|thanks|thank|good|all the best|love|best)\b)(?P<what>(?:the |my |our |a |an )?[\w'’&/ -]{2,50}?)"
                              r"\s+(?:(?:over |across |back )?to (?:you|u)\b|from me(?= (?:by |on |first thing |early |late )?"
                              r"(?:tomorrow|tmrw|today|tonight|eod|next|this|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)"
                              r"(?:day)?)\b))", re.I)
# A subject, a modal or a verb of sending: words a fragment without its verb does not hold.
_HAS_VERB_RE = re.compile(r"\b(?:i|we|he|she|they|it|them|me|let|come|will|shall|can|could|would|should|get|send|give|have|has|"
                          r"is|are|was|were)\b|['’]ll\b", re.I)
_WORK_ORDER_RE = re.compile(r"^\W*(?:(?:and|also|so|then|pls|please|kindly|just),?\s+)?(?:sign|send|bring|fix|update|check|review|"
                            r"approve|confirm|book|pay|submit|return|forward|print|prepare|draft|add|complete|fill (?:in|out)|"
                            r"cancel|order|move|schedule|mark|put|get (?:me|us)|skim|answer|provide|furnish|supply|upload|share|"
                            r"register(?![^.!?;]*\b(?:now|free|receive|discount|save|early[- ]bird|today|spots?)\b)|ensure|make sure)"
                            r"(?: and (?:date|return|send|sign|scan))?\s+(?:it|them|this|that|these|those|the|my|your|our|"
                            r"his|her|their|page|pages|both|all|two|three|four|a|an|some|\d+)\b(?!\s+(?:is|are|was|were|has|have|will)\b)"
                            # ...but a pointer to what is sent is no work: "Check the attached for details"
                            r"(?!\s+(?:attached|enclosed|below|above|link)\b)", re.I)
# The business's data or secrets sent to an address: what, then where (see EmbeddedExtractor._sends_data_out).
_DATA_OUT_RE = re.compile(r"\b(?:send|e-?mail|forward|share|export|upload|give|transfer|mail)\b[^.!?;]{0,60}?\b(?:customer (?:list|data|"
                          r"database|records|emails)|client (?:list|data|database)|contact (?:list|details)|payroll|"
                          r"employee (?:list|data|records|details)|salar(?:y|ies)|passwords?|credentials|logins?|source code|"
                          r"tax forms|w-?2s?|bank details|card details)\b[^.!?;]{0,60}?\bto\s+[\w.+-]+@(?P<host>[\w-]+(?:\.[\w-]+)+)",
                          re.I)
# Work to be marked done unchecked: "Action: Ada to mark the access review as done, no need to check it".
_UNCHECKED_RE = re.compile(r"\bmark\b[^.!?;]{0,60}?\bas (?:done|complete|completed|approved|closed|resolved|passed|signed off)\b"
                           r"[^.!?;]{0,40}?\b(?:no need to|without|don't|do not|no need for)\b[^.!?;]{0,20}?\b(?:check|review|"
                           r"verify|look|test|read)", re.I)
# What only a scam asks a reader to hand over or do, in any sentence that became an item: a card's
# number or security code, a PIN or password, one-time codes, gift-card codes, a payment in gift
# cards, a payee's bank details changed, a fee paid through a link, or work marked done with "no
# need to check". Whatever else the sentence says, it is no work to track.
_SCAM_ITEM_RE = re.compile(
    r"\b(?:card (?:number|details|codes?)|cvv|cvc|security code|expiry date|pin(?: code| number)?\b(?! ?board)|"
    # (not the guest wifi's: "could you send us the wifi password, we've just arrived")
    r"(?<!wifi )(?<!wi-fi )(?<!wi fi )(?<!guest )passwords?|your (?:guest )?(?:wifi|wi-fi|wi fi) passwords?|passcodes?|one[- ]time (?:code|password)|verification code|2fa code|login (?:details|credentials)|"
    # ("our credentials deck", "a one-slide credentials page": a firm's track record, no secret)
    r"(?:(?<!one-slide )(?<!our )(?<!agency )(?<!company )credentials|credentials(?! (?:page|slide)\b))"
    r"(?! (?:deck|presentation|brochure|one-pager|pack)\b)|senha|contrase[nñ]a|passwort|kennwort|mot de passe|c[oó]digo de verificaci[oó]n|"
    r"(?:gift|steam|itunes|google play|amazon) ?cards?|vouchers? codes?|"
    # ...in German and French: card data, a bank's TAN, gift cards
    r"kreditkartennummer|kartennummer|karten-?pr[üu]fnummer|pr[üu]fcode|pr[üu]fziffer|sicherheitscode|"
    r"code (?:secret )?de (?:ta |votre |la )?carte|num[ée]ro de (?:ta |votre |la )?carte|cryptogramme|"
    r"(?:die|eine|ihre|deine|der) tan|sms-?tan|push-?tan|m-?tan|chip-?tan|tan-?(?:nummer|code)|"
    r"(?:amazon|itunes|google[- ]play|steam|apple)[- ]?gutscheine?|gutschein-?codes?|geschenkkarten?|cartes?[- ]cadeaux?)\b|"
    r"\b(?:payee|bank|banking|account|remittance) (?:details|information|info)\b.{0,60}"
    r"\b(?:changed?|updated?|amended?|new account|account below)\b|"
    # ...or said new first: "use the new bank details from our portal instead"
    r"(?<!your )\b(?:new|updated|changed) (?:bank|banking|account|payee|remittance) (?:details|information|info)\b(?! form)"
    r"(?=[^.]*\b(?:instead|invoice|pay|payment|transfer|remit|wire)\b)|"
    r"\b(?:invoice|pay|payment|transfer|remit|wire)\b[^.]*(?<!your )\b(?:new|updated|changed) (?:bank|banking|account|payee|"
    r"remittance) (?:details|information|info)\b(?! form)|"
    # ...and in German, French and Spanish: "auf unser neues Konto", "notre nouveau RIB", "nuestra nueva cuenta"
    r"\b(?:neue[snm]? (?:konto|bankverbindung|iban)|bankverbindung hat sich ge[aä]ndert|nouveaux? (?:compte|rib|iban)|"
    r"nouvelles coordonn[ée]es bancaires|coordonn[ée]es bancaires ont (?:chang[ée]|[ée]t[ée] modifi[ée]es)|"
    r"nueva cuenta|nuevos datos bancarios)\b|"
    # a fee paid through a link, and work marked done unchecked
    r"\b(?:pay|paid|payment|fee|bezahl\w*|zahlung|geb[üu]hr\w*|payer|pay[ée]\w*|paiement|frais)\b[^.!?]{0,80}https?://|"
    r"https?://[^\s]+[^.!?]{0,40}\b(?:pay|paid|fee|bezahl\w*|zahlung|geb[üu]hr\w*|payer|pay[ée]\w*|paiement|frais)\b|"
    r"\b(?:mark|approve|close)\b.{0,80}\bno need to (?:check|verify|review|look at)\b", re.I)
_SCAM_ITEM_KEYS = ("card", "cvv", "cvc", "security code", "expiry", "pin", "password", "passcode", "one-time", "one time",
                   "verification code", "2fa", "login", "credentials", "senha", "contrasena", "passwort", "kennwort",
                   "mot de passe", "contrase", "digo de verifica", "voucher", "details", "information", "info", "http",
                   "no need to", "konto", "bankverbindung", "iban", "compte", "rib", "coordonn", "cuenta", "datos bancarios",
                   "karten", "prüf", "pruf", "sicherheitscode", "carte", "cryptogramme", "tan", "gutschein",
                   "geschenkkarte", "cadeau")
def _scam_item(evidence: str) -> bool:
    low = fold(evidence)
    return any(map(low.__contains__, _SCAM_ITEM_KEYS)) and _SCAM_ITEM_RE.search(low) is not None


_IGNORE_WARNINGS_RE = re.compile(r"\b(?:ignore|disregard|click (?:past|through)|dismiss)\s+(?:any|all|the|those|these)?\s*"
                                 r"(?:security |virus |spam |phishing |browser |certificate )?(?:warnings?|alerts?|pop-?ups?)\b",
                                 re.I)
# Its verbs' and its things' literals, one of each in every match: the pattern runs over a whole
# mail, which mostly holds neither.
_IGNORE_WARNINGS_KEYS = (("ignore", "disregard", "click ", "dismiss"), ("warning", "alert", "pop"))
# Someone named already on it: "..., and Tom is preparing it", "..., Priya's on it".
# ...and others' ways of saying it is in hand or needs nothing: "Priya has it covered", "Tom will
# take care of it", "Jo already sent it over", "they've decided to wait".
_HAS_IT_RE = re.compile(r"\b(?:has it covered|(?:will|'ll|’ll) (?:take care of|handle|do|sort) (?:it|them|that|those)|"
                        r"already (?:sent|gave|done|handled|covered|did|forwarded|passed)|(?:sent|gave|handed|passed|forwarded) "
                        r"(?:it|them)(?: over| on)?(?: to (?:him|her|them))?\b.*\balready|(?:is|are|'s|'re|’s|’re) on it|"
                        r"(?:i|we)(?:'ve|’ve| have) already|decided to wait|nothing for (?:us|you|me) to do)\b", re.I)
# A guess about what someone will do, not a promise: "will probably call", "might send", "may come".
_HEDGED_RE = re.compile(r"\b(?:will|'ll|’ll) (?:probably|maybe|perhaps|likely|possibly)\b|\b(?:might|may) (?!i\b|we\b)", re.I)
# A need the writer meets or will meet without the reader, or one for later (see _wish).
_OWN_NEED_RE = re.compile(r",?\s+so (?:i|we)(?:'ve|’ve|'ll|’ll|'m|’m|'re|’re| have| will| am| are)\b|\bfor my\b|\bnext year\b|"
                          r"\b(?:in (?:the )?)?future\b|\bever\b|\bmyself\b|\bourselves\b|"
                          r"\bwhich (?:i|we|he|she|they|(?-i:[A-Z][a-z]+))(?:'ve|’ve| have| has)?(?: already)? (?:requested|asked|given|got|gave|sent|"
                          r"handled|sorted)\b|\bwhich (?:i|we|he|she|they|(?-i:[A-Z][a-z]+))(?: is|'s|’s| are)(?: already)? (?:handling|"
                          r"collecting|chasing|sorting|getting)\b|\b(?:(?-i:[A-Z][a-z]+)|he|she|they|i|we)(?: will|'ll|’ll) (?:phone|call|"
                          r"ask|chase|handle|collect|sort)\b|\b(?:(?-i:[A-Z][a-z]+)|he|she|they)(?: is|'s|’s| are) (?:collecting|handling|"
                          r"chasing|getting)\b|\b(?:i|we)(?:'ve|’ve| have) got\b", re.I)
# A need told as news or as a warning: "..., according to Reuters", "FYI: Globex wants...", "so be careful".
_NEWS_RE = re.compile(r"\b(?:according to|reportedly|reports? say|fyi|for your information|so be careful|beware|watch out)\b",
                      re.I)
_HANDLED_RE = re.compile(r"\b(?:(?-i:[A-Z][a-z]+)|he|she|they)(?: is|'s|’s| are) (?:already )?(?:preparing|handling|doing|drafting|"
                         r"sorting|working on|on) it\b", re.I)
_FORMAL_ASK_RE = re.compile(r"\b(?:you are|your ?good ?self is|your ?good ?selves are) (?:(?:hereby|kindly|also|therefore|further|"
                            r"accordingly|once again) )*(?:requested|required|reminded|directed|instructed|summoned|called upon) to\b(?! (?:kindly )?(?:note(?! and\b)|take note|take notice|ignore|disregard|be (?:informed|advised))\b)|"
                            # ...and the reader's side named as a party (see _ASK_RE)
                            r"^\W*(?:[^,.!?;]{1,60},\s*)?(?:(?:we|i)(?: once again| again| kindly| hereby| humbly| therefore| also)*|(?:the|our|this) (?!(?:customer|client|tenant)\b)[\w'’ -]{1,30}?)\s+"
                            r"requests? (?:(?:all|every|each) (?:[\w/-]+ ){1,4}?|the (?:management|company|employer|establishment) |your (?:good )?office )to(?! (?:kindly )?(?:note(?! and\b)|take note|take notice|ignore|disregard|be (?:informed|advised))\b)|"
                            r"\b(?:the )?(?:employer|management|establishment|occupier|company|licensee|assessee|applicant|contractor) "
                            r"is hereby (?:requested|required|directed|instructed) to(?! (?:kindly )?(?:note(?! and\b)|take note|take notice|ignore|disregard|be (?:informed|advised))\b)|"
                            # ...and advice in second-language order (see _ASK_RE): "I recommend to inspect the plugs"
                            r"\b(?:i|we)(?:'d|’d| would)? (?:strongly )?(?:recommend|suggest) to(?= (?:inspect|replace|change|repair|clean|confirm|send|submit|review|update|install|test|measure|order|prepare|arrange|inform|sign|approve|fix|adjust|apply|conduct|carry out|perform|stop|reduce|increase|monitor|record|upgrade|calibrate|lubricate|tighten|remove|retest|resample|sample|share|provide|return|issue|recheck|overhaul|flush|drain|isolate|shut down|postpone|cancel|escalate|contact|proceed)\b)", re.I)
# "You'll hear from me Thursday on that one": the writer will answer, on a day (dated only: undated, it
# is a courtesy).
_HEAR_FROM_RE = re.compile(r"\byou(?:'ll|’ll| will| should| shall)(?: also| then)? hear (?:back )?from (?:me|us)\b", re.I)
# A clause whose object is the thing an earlier clause made: "(and) send them round", "get it back to you";
# "it" may also follow a subject ("and I'll send it over").
_REFERS_BACK_RE = re.compile(r"^\W*(?:and\s+)?(?:then\s+)?(?:(?:i|we)(?:'ll|’ll| will| shall)\s+)?(?:then\s+)?(?:also\s+)?"
                             r"(?:send|forward|pass|share|circulate|return|get|bring|give|email|e-mail|post|upload|"
                             r"submit|file|drop|hand|have|put|push|publish|ship|deliver|mail)\s+"
                             r"(?:(?:you|u|over|across|back|on|out|round|around|along|in|up)\s+)?(?:it|them|both|all of it)\b", re.I)


def _named_back(title: str, before: str) -> str:
    """``title`` of a later promise whose object is "it" or "them", the thing an earlier promise of
    the sentence made, with that thing named from ``before``'s title: "I'll write up the minutes
    tonight and send them round on Friday" -> "Send the minutes round"; unchanged when the earlier
    title names no such thing."""
    thing = _THING_RE.search(before.partition(": ")[2] or before)
    head, sep, rest = title.partition(": ")
    if not sep:
        head, rest = "", title
    if thing is None:
        return title
    named = _IT_THEM_RE.sub(thing.group(0), rest, count=1)
    return f"{head}{sep}{named}" if sep else named


# The thing a title's verb acts on: "the minutes", "these invoices", up to a preposition.
_THING_RE = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+"
                       r"(?=\s+(?:to|for|with|by|on|in|at|before|after|and|from|over|round|back|tonight|today|tomorrow)\b|\s*$)",
                       re.I)
_IT_THEM_RE = re.compile(r"\b(?:it|them)\b", re.I)


def _named_last(title: str, before: str, at_end: bool = True) -> str:
    """``title`` with its "it" or "them" named by the last thing ``before`` names ("I'm working on
    the tax return" -> "Send the tax return to Sam"); unchanged when it names none."""
    # The thing a verb of the clause acts on, last (with ``at_end``, the one it ends on): not "the
    # supplier" of "asked the supplier for labels", "the roofer" of "the quote from the roofer", nor
    # a day ("the permit number next week").
    before = before.rstrip(" .,;:!")
    things = [t for t in _THING_RE.finditer(before)
              if (t.end() == len(before) or not at_end) and not names_a_date(t.group(0))
              and not re.search(r"\b(?:from|by|with|of)\s*$", before[:t.start()], re.I)]
    head, sep, core = title.rpartition(": ")
    # Only the pronoun a verb acts on, early in the title: "Send the draft as it is" keeps its "it".
    obj = _OBJECT_PRONOUN_RE.match(core)
    if not things or obj is None:
        return title
    return f"{head}{sep}{core[:obj.start(1)]}{things[-1].group(0)}{core[obj.end(1):]}"


_OBJECT_PRONOUN_RE = re.compile(r"^(?:[\w'’-]+\s+){1,3}?(?<!\bas\s)(?<!\bif\s)(?<!\bwhen\s)(?<!\bthat\s)(it|them)\b", re.I)


def first_name(addr: Address) -> str:
    # A display name holding an address ("ada@loom.example" <max@...>) may name someone else: the
    # address it came from is the one to go by.
    if addr.name.strip() and "@" not in addr.name:
        name = addr.name.strip().strip('"')
        if "," in name:  # "Lovelace, Ada"
            name = name.split(",", 1)[1].strip() or name
        words = name.split()
        # "Dr. Marek Nowak", "Mme Castel": the honorific is no name to address them by.
        while len(words) > 1 and words[0].lower().rstrip(".") in _HONORIFICS:
            words = words[1:]
        return words[0]
    return display_name(addr.email)


_HONORIFICS = frozenset("dr mr mrs ms miss mx prof sir dame mme mlle m herr frau sr sra srta dott ing eng engr arch sheikh capt".split())


_GERUNDS = {"sending": "send", "sharing": "share", "reviewing": "review", "taking": "take", "making": "make",
            "giving": "give", "having": "have", "putting": "put", "getting": "get", "signing": "sign",
            "checking": "check", "looking": "look", "booking": "book", "writing": "write", "joining": "join",
            "moving": "move", "scheduling": "schedule", "approving": "approve", "introducing": "introduce",
            "updating": "update", "forwarding": "forward", "preparing": "prepare", "setting": "set",
            "confirming": "confirm", "adding": "add", "calling": "call", "pulling": "pull", "doing": "do"}


@lru_cache(maxsize=2048)
def _phrase_patterns(phrase: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """_clean_vp's three patterns built round a due phrase, compiled once per phrase: phrases
    outnumber the re module's own cache, which then compiled them afresh for each sentence."""
    p = re.escape(phrase)
    return (re.compile(r"\b(?:to|into|till|until)\s+(?:the\s+)?" + p, re.I),
            re.compile(r"\b(?:by|before|no later than|ahead of|within|during)\s+" + p
                       + r"(?=\s*(?:$|[,.;:!?)]|(?:to|and|so|because|for|if|as|on|with|at|in|from|about|regarding|via|or|but|once"
                       r"|when|after|that|whether|which|what|who|how|where)\b))"),
            re.compile(p + r"(?:['’]s(?:\s+\w+)?)?"))


def _clean_vp(vp: str, phrase: str) -> str:
    if phrase and (" time" in vp or " itself" in vp):
        # A day's tail goes with the day: "reply by Wednesday your time", "revert today itself"
        vp = re.sub(rf"({re.escape(phrase)})\s+(?:itself|(?:your|my|our|their|local|(?-i:[A-Z][a-z]+))\s+time)\b", r"\1", vp, flags=re.I)
    # A day that is where the work moves a thing stays in the title: "move the standup to Thursday",
    # not "move the standup to".
    moved, led, owned = _phrase_patterns(phrase) if phrase else (None, None, None)
    if moved is not None and moved.search(vp):
        phrase = ""
    if phrase and led is not None and owned is not None:
        # ...and what the day owns: "your take before Thursday's review" -> "your take"
        # ...with the word that led it, when the day ends the thing asked for ("a build by February
        # 9 to finish..." -> "a build to finish...", not "a build by to finish"); "before our Tuesday
        # sync" keeps its "before" for the cut below.
        vp = led.sub(" ", vp)
        vp = owned.sub(" ", vp)
    vp = re.sub(r"^\s*(?:(?:do not|don't|dont) forget to|remember to)\s+", "", vp, flags=re.I)  # "don't forget to send it"
    first, _, rest = vp.strip().partition(" ")
    if first.lower() in _GERUNDS:  # "would you mind sending..." -> "send..."
        vp = f"{_GERUNDS[first.lower()]} {rest}"
    # "the final budget no later than Thursday at noon": what follows a deadline's words is its time.
    vp = _NO_LATER_RE.split(vp, maxsplit=1)[0]
    vp = _CLOSE_OF_RE.sub("", vp.strip())  # "...by close of business on" once its day is gone
    # "dig into the numbers and come back to you": the coming back is the answer, not the work
    vp = re.sub(r"\s+and\s+(?:come|get|circle|report)\s+back(?:\s+to\s+(?:you|u))?\s*$", "", vp, flags=re.I)
    vp = _DANGLING_DUE_RE.sub("", _DANGLING_TIME_RE.sub("", vp.strip()))
    if phrase:
        vp = _FIRST_THING_RE.sub("", _DANGLING_DAY_PART_RE.sub("", vp))
    if asked := _ASKS_WHICH_RE.match(vp.strip()):
        # The question is the object: cut what comes after it, not the question itself.
        vp = f"{asked.group('head')} {asked.group('wh')} {_CLAUSE_CUT_RE.sub('', ' ' + asked.group('rest')).strip()}"
    else:
        vp = _CLAUSE_CUT_RE.sub("", vp)
    vp = _SOFTENERS_RE.sub("", vp)
    if not _STATE_ENDS_RE.search(vp):
        vp = _DANGLING_WORDS_RE.sub("", vp)
    vp = _SPACES_RE.sub(" ", vp)
    vp = _TRAILING_RE.sub("", vp).strip()
    words = vp.split()
    if len(words) > 12:
        vp = " ".join(words[:12]) + "…"
    return vp


_PURPOSE_BEFORE_RE = re.compile(r"\b(?:so|so that|in order that)\s+$", re.I)
# Work that hangs on an answer not yet given or a case that may not arise: "If yes we need it in a
# separate line", "If there are extra costs please send me an offer first". It is asked, or
# promised, only once the case is known.
_IF_SO_RE = re.compile(r"^\W*(?:(?:and|also|but|so|oh),?\s+)?if (?:yes|needed|necessary|required|applicable|"
                       r"there (?:is|are|were|was) (?:any|extra|additional|more)|any (?:extra|additional))\b(?![^?]*\?\s*$)",
                       re.I)
# What no one needs, waits on or asks of the reader: "Nothing is waiting for your approval at the
# moment", "No one needs your input on the draft today", "None of this needs your sign-off". The
# subject is nothing, so the sentence asks nothing; unless something is excepted or awaited after
# it ("Nothing else is needed except your signature", "Nothing ships until you approve").
# An ask to pay no mind to something is no work: "Please ignore the reminder you received this
# morning", "Kindly disregard the earlier reminder, it was sent in error", "You are kindly requested to
# ignore the previous reminder"; unless a step follows ("Please disregard the draft and review the
# final version by Friday").
_IGNORE_ASK_RE = re.compile(r"^\W*(?:(?:please|pls|plz|kindly|just)\s+)*(?:(?:you are|u are)\s+(?:(?:kindly|hereby|also|therefore)\s+)*"
                            r"(?:requested|asked|advised)\s+to\s+(?:kindly\s+)?)?(?:ignore|disregard)\b"
                            r"(?![^.!?;]*\b(?:and|then|but|instead)\s+(?:please\s+|kindly\s+)?(?!use\b|keep\b|note\b)[a-z]+)", re.I)
# "Kindly reply", "Please revert", "Pls confirm": an order to answer or act, said politely first.
_POLITE_ORDER_RE = re.compile(r"^\W*(?:please|pls|plz|kindly)\s+(?:do\s+)?(?:reply|revert|respond|confirm|send|share|submit|sign|"
                              r"return|update|advise|let (?:me|us) know|call|pay|approve|review|check|arrange|provide)\b", re.I)
_NOTHING_NEEDED_RE = re.compile(
    r"^\W*(?:(?:and|also|but|so|good news|fyi|update|for now|at this point|at the moment|right now|this week|today),?:?\s+)?"
    r"(?:there(?:'s|’s| is| are) )?(?:nothing|nobody|no[- ]one|none(?: of (?:this|that|these|those|it|them|us|the|your|our)\b[^,;.!?]{0,30}?)?|"
    r"no (?:action|input|reply|response|answer|further action|signature|approval|decision)s?)\s+"
    r"(?:else\s+|further\s+|more\s+|at all\s+)?(?:(?:is|are|was)\s+)?(?:still\s+|currently\s+|now\s+|really\s+)?"
    r"(?:needed|required|necessary|waiting|pending|awaiting|expecting|needs|requires?)\b"
    # (with nothing asked after it: "..., just sign the form by Friday", "..., and Raj will send the keys")
    r"(?![^.!?]*(?:\b(?:except|but|other than|apart from|besides|beyond|until|till|unless|before|just|though|however|"
    r"please|instead)\b|[,;]\s*(?:and|so|then)\b|;))", re.I)
# "Let me ..." that promises no work of the writer's: an ask put politely ("Let me ask you to send
# the report"), a reminder, or news ("Let me share some exciting news about our sale").
_LET_ME_NOT_MINE_RE = re.compile(r"let me (?:ask|remind|confirm that (?:we|you|i|they|the|it|this|there|our|your)\b|tell you|"
                                 r"share (?:some |the |our )?(?:exciting |great |"
                                 r"big |good )?news|introduce)\b", re.I)
# A reminder of a step, which the model (trained on "don't" as a refusal) reads as no ask: "Don't
# forget to send the signed copy back by Monday", "Make sure the invoices are paid before the 30th".
_REMINDED_RE = re.compile(r"^\W*(?:(?:and|also|just|so|but|please|pls|kindly|oh),?\s+){0,2}(?:(?:(?:do not|don't|dont) forget|"
                          r"remember|be sure) to\s+(?!update (?:your )?(?:payment|card|billing|bank|account|login)\b)"
                          + _WORK_STEP + r"|make sure " + _DONE_STATE + ")", re.I)
# What is asked after a handover: "Please find attached <the contract>, kindly <sign and return it>".
_ATTACHED_THEN_RE = re.compile(r"(?:\b(?:find|see) (?:attached|enclosed|in attach)|^\W*in (?:the )?attach(?:ment|ed)?s?,? (?:please |pls |kindly )*(?:find|see))\s+(?P<thing>\S[^.!?;,]*?)\s*(?:,\s*and\b|\band\b|,)\s+"
                               r"(?:please |kindly |pls )?(?:(?P<vp>(?:arrange|pay|sign|countersign|return|review|approve|confirm|"
                               r"send|complete|fill|process|forward|check(?! out)|submit|revert)\b"
                               r"(?!\s+(?:complete|completed|done|finished)\b)[^.!?;]*)|"
                               r"let (?:me|us) know (?:[^.!?;,]{1,30}? )?(?P<q>(?:if|whether|what|when|how|which)\b[^.!?;]*))", re.I)
# The owner still waiting on the reader: "I'm still waiting for the signed NDA from you".
_OWNER_CHASE_RE = re.compile(r"(?:\b(?:i|we)(?:'m|’m| am|'re|’re| are) |^\W*)(?P<still>still )?(?:(?:waiting (?:for|on)|awaiting) "
                             r"(?P<what>(?:the|your|a|an)\b[^.!?;]*)|"
                             # ...or for the reader's answer: "I'm still waiting to hear back from you on the quote"
                             r"(?:waiting|hoping) to hear (?:back )?from (?:you|u)\b(?P<on>\s+(?:on|about|re|regarding)\s+[^.!?;]+)?)",
                             re.I)
_FROM_YOU_RE = re.compile(r"\s+from (?:you|u|your (?:side|end|team|office))\b", re.I)
# A sentence that names who it speaks to first: "Paul, please price under CO-07".
_CALLED_RE = re.compile(r"^\W*([A-Z][\w'’-]+),\s+(?=\S)")
# A standing instruction, which no step completes: to keep a thing close ("Please do not discuss
# the referral with the family", "Please keep the draft inside the incident channel for now"), or
# to hold off until something ("Please don't sign anything until legal has seen it"); not "please
# don't forget to...".
_STANDING_RE = re.compile(r"^\W*(?:(?:and|also|but|so),?\s+)?(?:(?:please|pls|kindly)\s+)?(?:also\s+)?(?:"
                          r"(?:do not|don't|dont|never)\s+(?:(?:discuss|share|forward|circulate|distribute|disclose|mention|"
                          r"tell)\b|(?!forget\b|hesitate\b)[a-z]+\b[^.!?;]*\buntil\b)|"
                          r"keep (?:[\w'’-]+\s+){1,5}?(?:inside|within|between|to yourself|confidential|private|internal|"
                          r"under wraps|off (?:email|the record)|out of)\b)", re.I)
# What the writer will do if the reader does not answer: "If I don't hear back by Friday I'm going to
# the ombudsman". The ask it backs is in the mail already; the threat is no promise to chase.
_THREAT_RE = re.compile(r"^\W*(?:(?:and|but|so),?\s+)?(?:if|unless)\s+(?:i|we)\s+(?:don't|do not|dont|haven't|"
                        r"have not|can't|cannot|do)\s+(?:hear|get|receive|have|see)\b", re.I)
# A clause that is a promise by itself: "you'll have the counts by Friday", "I'll send it Monday".
_OWN_PROMISE_CLAUSE_RE = re.compile(r"^\W*(?:you(?:'ll|’ll| will) (?:have|get|receive|see)|(?:i|we)(?:'ll|’ll| will) )", re.I)
# French, read for asks and dated promises only (see EmbeddedExtractor._french).
# Words that mark a sentence as French, German, Spanish or Portuguese, for _french to read: a set,
# looked up word by word, which costs a fraction of a pattern run over every English sentence.
_FR_HINT_WORDS = frozenset(
    "je tu vous est-ce merci peux pouvez pourrais pourriez besoin "
    # ...and German, Spanish and Portuguese, read the same way
    "ich wir du sie bitte kannst könntest können könnten puedes podrías podría necesito te le envío mando "
    "necesitamos preciso precisamos confirme dices consegues podes pode voy vamos encargo encargamos instalamos puedo podemos "
    "puede junto paso regreso firmo consigo envio favor reviso revisaré revisare preparo preparamos "
    "hago hacemos subo checo instalo mandamos enviamos pasamos revisamos entrego entregamos firmamos transfiero pago "
    "pagamos enviaré mandaré pasaré lo la los las peut peuvent pouvons pourra pourrons kann könnt blockiert "
    "gestoppt angehalten stp svp attends attendons tes vos votre sin ohne mira pasa manda haz llama revisa sube checa "
    "trae deja lleva avisa confirma firma envía prepara compra pide pregunta dile diles asegúrate "
    "arma habla abre busca consigue escribe organiza programa corrige coordina dime dígame digame aviso contesto "
    "respondo llamo solicito solicitamos ruego rogamos agradeceré agradecere agradecería agradeceria "
    "benötigen benötige brauchen brauche bräuchten erwarte fällig erhalten erhältst bekommen bekommst bekommt "
    # ...and what the general forms below begin with: "Nous vous livrerons...", "Il faudrait que tu..."
    "nous faudrait faut werde werden wird fehlt fehlen solange hängt steht ohne bescheid remercie bloqué bloquée "
    "mich mir dich dir dem brauch bräuchte hätte "
    # ...and Filipino and Swahili words of asking
    "palihug paki pakisabi pakicheck pakisend pwede puwede naomba tafadhali "
    "braucht benötigt folgt folgen spätestens und nicht das der dem mit auf für noch wäre erst bis oder frag kriegst "
    "weisst weißt hast muss dafür "
    # ...and the words of another's promise and of the formulas below: "Frau Keller meldet sich bei Ihnen",
    # "Pense à valider les factures", "Veuillez nous retourner", "Prière de confirmer"
    "ihnen euch dir dich sich bei meldet schickt sendet ruft herr frau pense veuillez prière voudrez "
    "contactera transmettra enverra passera "
    # ...and the French questions joined with a hyphen, which the word pattern reads as one word
    "peux-tu pouvez-vous pourriez-vous pourrais-tu voudriez-vous voudrais-tu serait-il est-il avez-vous as-tu "
    "auriez-vous aurais-tu sais-tu savez-vous "
    # ...and the words German and French questions open on: "Wie viele Personen würden...?", "Laquelle...?"
    "wie welche welcher welches wann würden würdest ihrem ihren ihre lequel laquelle lesquels quel quelle quels "
    "quelles combien quand".split())
_HINT_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?|j['’]")
# An order with its pronoun joined on, first in the sentence: "Mándale a Lucía...", "págale el saldo".
_ES_ORDER_RE = re.compile(r"^\W*(?:(?:y|también|porfa|oye),?\s+|(?-i:[A-ZÁÉÍÓÚ][a-záéíóúñ]+),\s*)?(?:m[aá]nd|env[ií]|p[aá]g|"
                          r"aj[uú]st|conf[ií]rm|p[aá]s|ll[aá]m|f[ií]rm|s[uú]b|av[ií]s|prep[aá]r|rev[ií]s|ch[eé]c|expl[ií]c|s[aá]c|"
                          r"b[uú]sc|reg[ií]str|c[oó]mpr)a(?:le|les|me|nos|lo|la|los|las)\b", re.I)


# A promise on a condition ("Wenn ja, holen wir sie diese Woche noch rüber", "Si c'est validé, je lance
# la commande lundi") waits on the answer: the ask it answers is the item.
_FOREIGN_IF_RE = re.compile(r"^\W*(?:(?:und|aber|et|mais),?\s+)?(?:wenn|falls|sofern|si|sauf si|au cas où)\b", re.I)


# What the writer wants of the reader, read as an ask when a day comes with it (see _french).
_WANT_RE = re.compile(r"\bil (?:nous|me) (?:faudrait|faut) (?:donc |encore |aussi |également |absolument )?(?:le|la|les|l['’]|votre|vos|ton|ta|"
                      r"tes|un|une|des)\b|"
                      r"\bje (?:veux|voudrais|souhaite|souhaiterais|aimerais) (?:avoir |recevoir )?(?:le|la|les|l'|l’|ton|ta|tes|"
                      r"votre|vos|un|une|des|du)\b|\bich (?:will|möchte|hätte gern|hätte gerne|wünsche mir) (?:den|die|das|"
                      r"deinen|deine|dein|ihren|ihre|ihr|einen|eine|ein)\b|"
                      # "Ich brauche heute dein Go", "Brauch dein OK bis morgen früh", "Die Samstage im Januar
                      # bräuchte ich dringend", "den Entwurf hätte ich gern bis Montag"
                      r"\b(?:ich|wir) (?:brauche|brauchen|bräuchte|bräuchten|benötige|benötigen) (?:[\wäöüß]+ ){0,2}?"
                      r"(?:dein|deine|deinen|ihr|ihre|ihren|euer|eure|euren|den|die|das|einen|eine|ein)\b|"
                      r"^\W*(?:brauch|brauche|bräuchte) (?:dein|deine|deinen|ihr|ihre|ihren|euer|eure|euren|noch)\b|"
                      r"\b(?:erwarten|benötigen|brauchen) wir (?:[\wäöüß.-]+ ){0,3}?(?:die|den|das|ihre|ihren|eure|euren|deine|deinen|"
                      r"dein|ihr|ein|eine|einen)\b|"
                      r"\b(?:bräuchte|bräuchten|brauche|brauchen|benötige|benötigen|hätte|hätten) (?:ich|wir) "
                      r"(?:(?:übrigens|wirklich|dringend|noch|gern|gerne|aber|allerdings|dann|bitte) )*(?:gern|gerne|dringend|"
                      r"bis|spätestens|zurück)\b|"
                      r"^\W*(?:(?:die|der|das|unser|unsere|mein|meine|euer|eure) )?(?-i:[A-ZÄÖÜ][\wäöüß-]+) "
                      r"(?:will|möchte|braucht|benötigt|erwartet) (?:das|die|den|eine?n?|unser\w*|"
                      r"ihr\w*|dein\w*)\b", re.I)
_FOREIGN_FUTURE_RE = re.compile(r"\b(?:ich werde|wir werden|werde ich|werden wir|je vais|nous allons|on va)\b|"
                                r"\b(?:voy|vamos) a (?!(?:ver|pensar|estar|tener|necesitar|ser|intentar|esperar|seguir|hablar)\b)|"
                                r"\b(?:je|nous|on)\b[^.!?;]{0,30}?\b[a-zàâçéèêëîïôûù]{2,}(?:rai|rons)\b|"
                                # Spanish: what the writer hands the reader ("te las consigo", "se lo paso"), "me encargo"
                                r"\b(?:te|se) (?:lo|la|los|las) [a-záéíóúñ]{3,}o\b|\b(?:yo )?me encargo\b|\bnos encargamos\b", re.I)
# Habits and offers, in any language: no promise of a piece of work ("Den Newsletter schreibe ich
# immer freitags", "Te lo mando cada semana", "Te los consigo más baratos si quieres").
_FOREIGN_HABIT_RE = re.compile(r"\b(?:immer|jede[nrs]?|seit|meistens|jeweils|täglich|wöchentlich|cada|siempre|desde|"
                               r"todos los|todas las|si quieres|si quiere|toujours|chaque|depuis|tous les|toutes les)\b", re.I)
_FOREIGN_TRIGGER_RE = re.compile(r"\b(?:sobald|sowie|nach erhalt|umgehend|dès que|dès qu['’]|dès réception|aussitôt que|"
                                 r"à réception|en cuanto(?!\s+a(?:l|\s+la|\s+los|\s+las)?\b)|tan pronto(?: como)?)\b|"
                                 # "...und gebe dir Bescheid": to let the reader know is to come
                                 r"\b(?:gebe?|sage?) (?:dir|ihnen|euch|dich) (?:\w+ )?bescheid\b|\bgleich (?:mit|weiter|nach|morgen|heute|zu)\b",
                                 re.I)
# The owner's German promise with its thing said first, which no "herewith" says ("Die
# Verzichtserklärung bereite ich vor", "Die Besucherausweise lasse ich am Empfang hinterlegen"), or
# as what comes next ("Dann geb ich Hengda Rückmeldung").
_DE_FRONTED_RE = re.compile(r"\W*(?:(?:und|also|ok|gut|so)\s*,?\s+)?(?:(?-i:[DdJj]ie|[DdJj]en|[DdJj]as|[DdJj]er|[Dd]iese[nrs]?)\s"
                            r"(?:[^,.;:!?]{1,60}?)\s|dann\s+)"
                            # ...in a verb of doing or handing over, never of an opinion or a habit
                            r"(?:schicke?|sende|bereite|kläre?|mache?|erledige|prüfe|melde?|gebe?|rufe?|kümmere|organisiere|"
                            r"bestelle|buche|überweise|unterschreibe|korrigiere|reiche|hole|bringe|besorge|frage|lasse|"
                            r"übernehme|leite|schreibe|checke|zahle|erstelle|aktualisiere|kontaktiere|informiere)\s+ich\b"
                            r"(?![^.!?;]*\b(?:immer|jede[nrs]?|seit|meistens|jeweils|bereits|schon|selbst|selber|gerne|oft|nie|"
                            r"täglich|wöchentlich|monatlich|es)\b)", re.I)
_FOREIGN_YOU_RE = re.compile(r"\b(?:dir|dich|ihnen|euch|du|te|vous)\b|\bt['’]|\b(?-i:Sie)\b", re.I)
# What goes with the mail itself is sent, not promised: "Ich schicke Ihnen anbei das Angebot".
_HEREWITH_RE = re.compile(r"\b(?:anbei|im anhang|beigefügt|hiermit|in der beilage|als beilage|beiliegend|ci-joint|ci-jointe?s?|en pièce jointe|en pj|"
                          r"ci-dessous|ci-après)\b", re.I)


def _short(text: str) -> str:
    """A sentence or clause as a title: one line, without its closing stop, at most 90 characters."""
    text = _SPACES_RE.sub(" ", text.strip().rstrip(" ?!."))
    text = _FOREIGN_GREETING_RE.sub("", text) or text
    return text if len(text) <= 90 else text[:90].rsplit(" ", 1)[0] + "…"


def _clause_start(sentence: str, at: int) -> int:
    """Where the clause holding ``sentence[at]`` starts: past the last comma, semicolon or colon before it."""
    return max(sentence.rfind(c, 0, at) for c in ",;:") + 1


# A sentence that opens on a Filipino or Swahili word of asking (see _FR_ASK_RE).
_ASK_WORD_FIRST_RE = re.compile(r"^\W*(?:(?:sir|ma['’]?am|boss|po|also|and|tsaka|saka|pls),?\s+)*(?:palihug|paki-?[a-z]+|pa-help|"
                                # ...and Taglish's "pa-" before an English verb, with its "po": "pa-approve naman po ng OT"
                                r"pa-[a-z]{3,}(?=\s+(?:naman\s+)?(?:po|nga)\b)|"
                                r"naomba|tafadhali)\b(?![^.!?;]*\b(?:salamat|asante)\b)", re.I)


def _foreign_hint(sentence: str) -> bool:
    """Might ``sentence`` be French, German, Spanish or Portuguese (see _FR_HINT_WORDS)?"""
    words = _HINT_WORD_RE.findall(sentence.lower())
    return (not _FR_HINT_WORDS.isdisjoint(words) or "j'" in words or "j’" in words or "¿" in sentence
            or bool(_ASK_WORD_FIRST_RE.match(sentence))
            or "-tu" in sentence or "-vous" in sentence or "-Tu" in sentence or "-Vous" in sentence
            or bool(_ES_ORDER_RE.match(sentence)) or bool(_FR_ORDER_RE.match(sentence)))


# A French order first in the sentence, in the tu or vous form, pronouns joined on: "Envoie-moi le
# contrat avant jeudi", "Vérifiez les chiffres, s'il vous plaît", "Dis-leur qu'ils peuvent commencer".
# Work verbs only, spelled as no English word is ("complète", not "complete"); not the set phrases
# that ask nothing ("dis-moi si...", "fais-moi signe", "passe une bonne journée", "notez que").
_FR_ORDER_RE = re.compile(
    r"^\W*(?:(?:et|aussi|alors|donc|sinon|stp|svp|merci|s['’]il (?:te|vous) pla[iî]t|au fait|bon|ok),?\s+)?"
    r"(?!(?:dis|dites)-(?:moi|nous) si\b|(?:fais|faites)-(?:moi|nous) signe\b|pass(?:e|ez) (?:une |un |le )|"
    r"(?:dis|dites)-(?:moi|nous) (?:merci|bonjour)\b)"
    r"(?:envoie|envoyez|renvoie|renvoyez|ajoute|ajoutez|confirme|confirmez|vérifie|vérifiez|verifie|verifiez|regarde|"
    r"regardez|relis|relisez|signe|signez|prépare|préparez|transmets|transmettez|réponds|répondez|appelle|appelez|"
    r"rappelle|rappelez|passe|passez|mets|mettez|fais|faites|dis|dites|donne|donnez|valide|validez|corrige|corrigez|"
    r"complète|complétez|remplis|remplissez|imprime|imprimez|partage|partagez|réserve|réservez|préviens|prévenez|"
    r"contacte|contactez|écris|écrivez|lis|lisez|paie|paye|payez|règle|réglez|termine|terminez|finis|finissez|"
    r"transfère|transférez|relance|relancez|demande|demandez|organise|organisez|planifie|planifiez|bloque|bloquez)"
    r"(?:-(?:moi|nous|leur|lui|le|la|les|y|en))*(?=[\s,.!?])", re.I)
# The work a German or French formula asks for, as its infinitive: "einzureichen", "zurückzusenden",
# "auszufüllen"; "(nous) faire parvenir", "(me) retourner", "fournir".
_DE_WORK_INF = (r"\w*zu(?:senden|schicken|reichen|bestätigen|unterschreiben|unterzeichnen|überweisen|zahlen|bezahlen|teilen|"
                r"füllen|legen|geben|melden|liefern|prüfen|buchen|antworten|kommen lassen)\b")
_FR_WORK_VERB = (r"(?:nous |me |m['’]|lui |leur |le |la |les |l['’])*(?:fournir|transmettre|retourner|renvoyer|envoyer|adresser|"
                 r"confirmer|signer|régler|payer|compléter|remplir|déposer|communiquer|présenter|produire|joindre|"
                 r"faire parvenir|indiquer|valider|approuver|répondre|contacter|rappeler|réserver)\b")
# Small talk, wonder, adverts and courtesy offers put as questions in German or French: they ask no work.
_FOREIGN_CHAT = (
    r"(?:wie geht|wie war|wie waren|schönes wochenende|schöne ferien|gut angekommen|alles gut|alles klar|"
    r"kannst du dir vorstellen|glaubst du|stell dir vor|weißt du was|weisst du was|hast du gehört|"
    r"hast du gesehen|erinnerst du|comment (?:vas|allez|ça)|ça va|bien passé|bonnes vacances|bon week-end|"
    r"tu te rends compte|t['’]as vu|as-tu vu|avez-vous vu|vous souvenez|tu te souviens|tu imagines|"
    r"vous imaginez|c['’]est pas|wissen sie was|tu sais quoi|vous savez quoi|wie läuft|wie lief|"
    r"gut erholt|gut eingelebt|bon week-end|bonne semaine|passé un bon|passé une bonne|quel temps|"
    r"wer hätte|qui aurait|pourquoi pas|ist das nicht|sind sie bereit|kennen sie schon|suchen sie|"
    r"haben sie fragen|hast du fragen|möchten sie keine|brauchen sie noch|brauchst du noch|vous cherchez|"
    r"tu cherches|saviez-vous|savais-tu|avez-vous déjà|vous aussi|vous voulez économiser|"
    r"avez-vous besoin d['’]autre|as-tu besoin d['’]autre|haben sie schon gehört|hast du schon gehört|"
    r"erinnern sie sich)"
)
_FR_ASK_RE = re.compile(
    _FR_ORDER_RE.pattern + "|"
    # A German order in the Sie form, its verb first ("Reichen Sie diese bitte bis Monatsende nach", "Fügen Sie
    # einen Nachweis bei"), not a courtesy, a wish or an advert ("Haben Sie ein schönes Wochenende",
    # "Zögern Sie nicht", "Entdecken Sie unsere Angebote").
    r"^\W*(?:(?:und|also|dann|außerdem|ausserdem),?\s+)?(?!(?-i:Haben|Sind|Seien|Werden|Können|Könnten|Dürfen|Möchten|"
    r"Wollen|Sollten|Müssen|Entschuldigen|Beachten|Genießen|Geniessen|Bleiben|Zögern|Besuchen|Entdecken|Sparen|"
    r"Profitieren|Erleben|Gewinnen|Freuen|Lassen|Nehmen|Melden|Wenden|Kommen|Sehen|Stellen|Finden|Holen|Testen|"
    r"Sichern|Informieren|Abonnieren|Folgen|Klicken|Registrieren|Bestellen|Buchen|Kaufen)\b)"
    r"(?-i:[A-ZÄÖÜ][a-zäöüß]{2,}(?:en|ern|eln)) (?-i:Sie)\b(?![^.!?;]*\?)"
    # ...asked of this reader, by a "bitte", an "uns" or "mir", or a day (not "Nutzen Sie unseren Service",
    # "Bewahren Sie diese E-Mail auf", "Verlängern Sie jetzt Ihr Abo")
    r"(?=[^.!?;]*\b(?:bitte|uns|mir|bis|spätestens)\b)(?![^.!?;]*\b(?:e-mail|email|newsletter|app|abo|angebote?|jetzt|gratis|"
    r"kostenlos|service|unterlagen auf)\b)|"
    # A question put to the reader in German or French: "Hast du den Schlüssel für den Serverraum?", "Wie
    # viele Personen würden aus Ihrem Team teilnehmen?", "Laquelle préfères-tu ?", "T'as les codes du wifi ?";
    # not small talk or a wonder ("Wie war dein Wochenende?", "Tu te rends compte ?").
    r"^(?=[^?]*\?\s*$)(?![^?]*\b" + _FOREIGN_CHAT + r"\b)"
    r"(?=[^?]*(?:\b(?:du|dir|dich|dein\w*|ihr|euch|euer|eure\w*|tu|toi|ton|ta|tes|vous|votre|vos|te)\b|\bt['’]|"
    r"\b(?-i:Sie|Ihnen|Ihr|Ihre\w*)\b|-(?:tu|vous)\b))(?=(?:\S+\s+){2,}\S)[^?]{6,}\?|"
    # Asked in the passive or by a formula, of a piece of work: "Um Zusendung der Belege bis zum 30.11.
    # wird gebeten", "Sie werden gebeten, ... einzureichen", "Ich möchte Sie bitten, den Fragebogen
    # auszufüllen", "Vous êtes invitée à fournir...", "Prière de confirmer...", "Il vous appartient de
    # nous communiquer...", "Vous voudrez bien nous retourner...", "Veuillez nous faire parvenir...",
    # "Auriez-vous l'amabilité de..."; not a notice to all ("Sie werden gebeten, die Mobiltelefone
    # auszuschalten", "Um Beachtung wird gebeten", "Vous êtes invités à découvrir notre collection",
    # "Veuillez patienter", "Vous voudrez bien m'excuser").
    r"^\W*um (?:\w+ )?(?:zusendung|rücksendung|rückmeldung|bestätigung|mitteilung|übermittlung|einreichung|zahlung|"
    r"überweisung|stellungnahme|unterschrift|unterzeichnung|antwort|vorlage|nachreichung|freigabe|prüfung)\b[^!?;]{0,80}?"
    r"\bwird (?:höflich |freundlich |dringend )?gebeten\b|"
    r"\b(?:(?-i:Sie) werden|du wirst) (?:hiermit |höflich |freundlich |daher )?(?:gebeten|aufgefordert|ersucht)\b"
    r"(?=[^!?;]*\b" + _DE_WORK_INF + r")|"
    r"\bich (?:möchte|würde) (?:(?-i:Sie)|dich|euch) (?:daher |deshalb |noch |gerne |hiermit )?bitten\b(?=[^!?;]*\b" + _DE_WORK_INF + r")|"
    r"\bvous êtes (?:donc |par conséquent )?(?:invitée?s?|priée?s?) (?:de |d['’]|à )" + _FR_WORK_VERB + r"|"
    r"^\W*prière de " + _FR_WORK_VERB + r"|\bil vous (?:appartient|revient|incombe) de " + _FR_WORK_VERB + r"|"
    r"\b(?:vous voudrez bien|veuillez) " + _FR_WORK_VERB + r"|"
    r"\bauriez-vous (?:l['’]amabilité|la gentillesse|l['’]obligeance) de\b|"
    r"\b(?:nous aurions|j['’]aurais|on aurait) (?:encore |aussi |également )?besoin de (?:votre|vos|ton|ta|tes|"
    r"savoir (?:si|quand|comment|combien|où|quel|quelle|quels|quelles|qui)\b)\b|"
    # What the writer must know from the reader: "Ich muss bis Mittwoch wissen, ob wir das schaffen"
    r"\b(?:ich|wir) (?:muss|müssen|möchte|möchten|sollte|sollten|bräuchte|bräuchten) (?:[\wäöüß.-]+ ){0,4}?wissen,? "
    r"(?:ob|wann|wie|was|welche[nrs]?|wer|bis wann)\b|"
    # ...what the writer needs from the reader ("brauche dafür aber die Zahlen von Q4 von dir"), or
    # needs for a purpose named first ("Für die Steuerbefreiung benötigen wir die Ausfuhrnachweise")
    r"\b(?:brauche|brauchen|benötige|benötigen)\b[^.!?;]{0,80}?\bvon (?:dir|ihnen|euch)\b|"
    r"^\W*(?:für|zur|zum|dafür|hierfür|außerdem|ausserdem|zudem|weiter|noch) [^,.!?;]{0,60}?\b(?:benötigen|brauchen) wir\b|"
    # Filipino and Swahili asks by their words of asking: "Palihug ko follow up sa Agusan", "Pakisabi
    # naman kay Jun-jun to give me the final count by Friday", "Sir baka pwede kayo tumawag sa kanila",
    # "Naomba uapprove KES 36 by Wednesday", "Tafadhali push them from your side"
    r"^\W*(?:(?:sir|ma['’]?am|boss|po|also|and|tsaka|saka|pls),?\s+)*(?:palihug|paki-?[a-z]+|pa-help|baka (?:pwede|puwede)|"
    r"pa-[a-z]{3,}(?=\s+(?:naman\s+)?(?:po|nga)\b)|"
    r"(?:pwede|puwede) (?:po |ba |mo |nimo |ninyo |kayo )|naomba|tafadhali)\b(?![^.!?;]*\b(?:salamat|asante)\b)|"
    # A German order in the du form, its verb first, as colleagues write it: "Ruf mich heute an", "Stimm
    # dich mit Frau Albers ab", "Gib dem Spediteur bitte Bescheid" (the word after it is German, so
    # "Check the numbers" is not one)
    r"^\W*(?:(?:und|also|dann|bitte|außerdem|ausserdem|ach ja|ach|noch was),?\s+)?(?:ruf|stimm|gib|schick|sag|meld|frag|kümmer|"
    r"schau|leit|bring|hol|besorg|buch|bestell|zahl|überweis|unterschreib|prüf|erledig|korrigier|schreib|klär|"
    r"organisier|setz|trag|nimm|informier|sprich|red|reich|sorg|gib|lass)e?\s+(?:mich|mir|dich|uns|ihm|ihr|ihnen|dem|der|"
    r"den|das|die|bitte|mal|noch|kurz|doch|es|Herrn|Frau|beim|bei|mit|an|auf|für|heute|morgen)\b(?![^.!?;]*\?)"
    r"(?![^.!?;]*\b(?:wenn|falls|sobald) (?:du|ihr) (?:noch )?(?:fragen|etwas|was|hilfe) (?:hast|habt|brauchst|braucht)\b)|"
    # ...and after a courtesy, a Sie order: "Gerne erläutern wir Ihnen die Kalkulation, bitte nennen Sie uns bis Mittwoch..."
    r",\s*bitte\s+(?-i:[a-zäöüß]{3,}(?:en|ern|eln)) (?-i:Sie)\b|"
    r"\bbis [^.!?;]{2,40}? wäre (?:ideal|gut|super|toll|prima|hilfreich|perfekt|schön)\b|"
    # ...a choice put to the reader ("Brauchen wir eine Proforma oder läuft das über Eline?"), and an
    # order given in passing ("..., frag ihn, ob sie die Patches zurückschicken können")
    r"^\W*(?:brauchen|sollen|sollten|müssen|nehmen|machen|schicken|bestellen|buchen) wir\b[^.!?;]*\boder\b[^.!?;]*\?\s*$|"
    r"(?:^|[,;:–-]\s*)(?:frag|sag|schick|gib|ruf|schreib|prüf)\s+(?:ihn|ihm|ihr|sie|mir|uns|das|die|den|bitte)\b|"
    r"\b(?:attends|attendons|attend|attendent)(?: encore| toujours| aussi| également| d['’]ailleurs)? (?:ton|ta|tes|votre|vos|"
    r"de (?:votre|ta) part)\b|"
    r"(?:^|[,:;]\s*|\b(?:et|aussi|alors|donc|sinon|contre),?\s+)(?:est-ce que |est-ce qu'|est-ce qu’)?(?:tu|vous) "
    r"(?:peux|pouvez|pourrais|pourriez|voudrais|voudriez)(?: bien)?(?: aussi)? [a-zàâçéèêëîïôûù']|"
    r"\b(?:peux|pouvez|pourrais|pourriez|voudrais|voudriez)-(?:tu|vous)\b|"
    r"\bj(?:'|’)(?:aurais|ai|aurai) (?:aussi |encore |vraiment |juste )?besoin (?:que (?:tu|vous)|de (?:ton|ta|tes|votre|vos)\b|"
    r"d(?:'|’)(?:une?\b(?! (?:pause|minute|seconde|sieste|nuit|café|verre)\b)|ici\b))|"
    r"(?:^\W*|[,;:]\s*)merci (?:également |aussi |encore |d'avance |par avance )?de (?:bien vouloir )?(?:me |nous |m'|m’|vous |te |t'|t’)?(?!être\b|avoir\b)"
    r"(?:le |la |les |l['’])?[a-zàâçéèêëîïôûù]+(?:er|ir|re)\b|"
    # ...a reminder put as "pense à": "Pense à réserver la salle pour la formation du 2 décembre"
    r"^\W*(?:pense|penses) (?:aussi |bien |également )?à (?:t['’]inscrire\b|" + _FR_WORK_VERB + r")|"
    # ...a German order with "bitte" after its verb: "Schau dir bitte bis Donnerstag den Entwurf an",
    # "Schick mir bitte die Rechnung"; and a duty put as "Sie müssten noch ...", "du solltest noch ..."
    r"^\W*(?:schick|schicke|send|sende|schau|ruf|gib|leit|leite|prüf|prüfe|bestätig|bestätige|unterschreib|unterschreibe|"
    r"überweis|überweise|buch|buche|bestell|bestelle|füll|fülle|lies|schreib|schreibe|kümmer|kümmere|sag|sage)"
    r"(?: (?:dir|mir|uns|euch|ihn|es|mich|dich))? bitte\b|"
    r"\b(?:(?-i:Sie) (?:müssten|sollten)|du (?:müsstest|solltest)) (?:noch|bitte|uns|mir)\b(?=[^!?;]*\b(?:\w*zu)?(?:unterschreiben|"
    r"schicken|senden|bestätigen|überweisen|zahlen|bezahlen|freigeben|ausfüllen|einreichen|prüfen|zurücksenden|nachreichen|"
    r"mitteilen|vorlegen|buchen|liefern|unterzeichnen)\b)|"
    # ...someone asks it of the reader ("Les élus vous demandent de bien vouloir leur indiquer..."), and
    # "n'oublie pas ton chiffrage", "tu veux être là pour signer le PV ?"
    r"\b(?:vous|te) (?:demande|demandons|demandent|prie|prions|prient) (?:donc |également |aussi |encore )?"
    r"(?:de|d'|d’)\s*(?!(?:agréer|croire|recevoir|accepter)\b)|"
    r"^\W*(?:(?:et|mais|alors),?\s+)?n['’]oubli(?:e|ez) pas\b|^\W*(?:(?:et|alors),?\s+)?(?:tu veux|vous voulez)\b[^?]*\?\s*$|"
    # German: "Kannst du mir bis Freitag ... schicken?", "Bitte bestätige den Termin bis morgen."
    # (not a consequence said as a statement: "Ich schick dir morgen die Gästeliste, dann kannst du reservieren")
    r"(?<!\bdann )(?<!\bdamit )(?<!\bdass )(?<!\bwenn )(?<!\bob )(?<!\bsobald )(?<!\bso )"
    r"\b(?:kannst|könntest|würdest) du\b|(?<!\bdann )(?<!\bdamit )(?<!\bdass )(?<!\bwenn )(?<!\bob )(?<!\bsobald )(?<!\bso )"
    r"\b(?:können|könnten|würden) sie\b|^\W*bitte\s+(?!(?:schön|schoen|sehr|danke|gern|gerne)\b)[a-zäöüß]+(?:e|en|t)?\b|"
    r"\bich (?:bräuchte|brauche) (?:von dir|von ihnen|noch)\b|"
    # ...a need of the reader's part or with its day: "Wir benötigen noch die Vereinbarung bis Montag", "Wir
    # bräuchten noch Ihre Unterschrift"; what the writer awaits: "Ich erwarte Ihre Antwort bis Freitag"
    r"\b(?:wir|ich) (?:benötig\w*|brauch\w*|bräucht\w*|erwarte\w*)\b(?=[^.!?;]*\b(?:ihre[nmrs]?|deine[nmrs]?|eure[nmrs]?|"
    r"von ihnen|von dir|von euch|bis|spätestens)\b)|"
    # ...the need said verb first ("benötigen wir noch den unterschriebenen Änderungsauftrag", "Die Budgetplanung
    # brauch ich bis zum 15.03. von dir") or of a team with its day ("Die Montage braucht die Lager spätestens am 16.03.")
    r"\b(?:benötig\w*|brauch\w*|bräucht\w*) (?:wir|ich)\b(?=[^.!?;]*\b(?:noch|ihre[nmrs]?|deine[nmrs]?|eure[nmrs]?|"
    r"von ihnen|von dir|von euch|bis|spätestens)\b)|"
    r"\b(?:braucht|benötigt)\b[^.!?;]{0,80}?\b(?:bis|spätestens)\b|"
    # ...and a bill or a form stated due: "Die Rechnung ist bis zum 30.11. fällig"
    r"\b(?:ist|sind)\b(?:[^.!?;]|(?<=\d)\.){0,30}\bfällig\b|"
    # ...an order with "bitte" after its verb ("Schick mir bitte bis Donnerstag die Stückliste", "Denk
    # bitte an die Freigabe", "Ich bitte Sie, ... freizugeben"), an order in the Sie form ("Senden Sie uns
    # die Zeichnung", "Geben Sie mir Bescheid"), and "Gib mir Bescheid", "Melde dich"
    r"^\W*(?:(?:und|also|dann|ach ja|übrigens|ansonsten),?\s+)?(?!(?:ja|nein|danke|gern|gerne|na|hallo|hi|ok|okay|"
    r"also|vielen|herzlichen|besten|liebe|lieber|sehr)\b)(?-i:[A-ZÄÖÜ]?[a-zäöüß]+)(?:\s+(?:mir|uns|ihm|ihr|ihnen|sie|euch|dich|dir|mal|"
    r"doch|noch|kurz|gerne))*\s+bitte\b(?!\s+(?:schön|sehr|um entschuldigung|um verständnis)\b)|"
    r"^\W*(?:(?:und|also|dann|ansonsten|gerne),?\s+)?(?:senden|schicken|geben|teilen|lassen|bestätigen|prüfen|"
    r"unterschreiben|unterzeichnen|melden|rufen|informieren|übermitteln|übersenden|kontaktieren|klären|kümmern|"
    r"veranlassen|reservieren|buchen|überweisen|begleichen|korrigieren|ergänzen|schauen) sie\b|"
    r"^\W*(?:(?:und|also|dann),?\s+)?(?:gib|gebt|sag|sagt) (?:mir |uns )?(?:(?:kurz|bitte|doch|noch|rechtzeitig) )*bescheid\b|"
    r"^\W*(?:(?:und|also|dann),?\s+)?meld(?:e)? dich\b|"
    r"\b(?:ich|wir) (?:bitten?|ersuchen?) (?:sie|dich|euch|um)\b|\b(?:bitten?|ersuchen?) (?:wir|ich) (?:sie|dich|euch|um)\b|"
    # ..."Dürfen wir Sie noch bitten, uns mitzuteilen...", "Wir wären Ihnen dankbar, wenn Sie..."
    r"\b(?:dürfen|darf) (?:wir|ich) (?:sie|dich|euch) (?:noch |auch |nochmals |höflich )?(?:bitten|ersuchen)\b|"
    r"\b(?:wäre|wären) (?:ihnen|dir|euch) (?:sehr |äußerst |überaus )?dankbar\b|"
    # ...an order in the Sie form anywhere with "bitte" ("Die Bestätigung lassen Sie uns bitte zukommen"),
    # and an order as an infinitive after "bitte" ("Bei Rheintal bitte nicht mehr als 3 % zugestehen",
    # "Bitte mit Fr. Mayr einen Slot ausmachen")
    r"\b(?:senden|schicken|geben|teilen|lassen|bestätigen|prüfen|melden|informieren|übermitteln|übersenden|"
    r"kontaktieren|klären|veranlassen|reservieren|buchen|überweisen) sie (?:uns |mir )?bitte\b|"
    r"\bbitte\b(?!\s+(?:schön|sehr|beachten|entschuldigen|um entschuldigung|um verständnis)\b)[^.!?;]{0,120}?"
    r"\s(?-i:[a-zäöüß]{3,}(?:en|ern|eln))\s*[.!]?\s*$|"
    # ...what the reader has yet to give ("Es fehlt noch Ihre Freigabe für die Bestellung"), and a wish
    # of the reader ("Wäre super, wenn du mir die Zahlen bis Freitag schicken könntest")
    r"\bfehl(?:t|en) (?:uns |mir )?(?:noch|immer noch|weiterhin)\b(?=[^.!?;]{0,80}\b(?:ihre[nmrs]?|deine[nmrs]?|eure[nmrs]?|"
    r"von ihnen|von dir|von euch)\b)|"
    r"\bwäre (?:es )?(?:super|toll|nett|schön|gut|klasse|prima|hilfreich|wichtig)\b[^.!?;]{0,40}?\bwenn (?:du|sie|ihr)\b|"
    # French: "Je vous remercie de bien vouloir valider le devis", "Il faudrait que tu valides la commande",
    # "il nous faut votre accord"
    r"\b(?:je|nous) (?:vous|te) (?:remercie|remercions|saurais gré|saurions gré|serais reconnaissante?|serions reconnaissant(?:e)?s|"
    r"prie|prions) d(?:e|')\s*(?!(?:agréer|croire|recevoir|accepter)\b)"
    r"(?:bien vouloir )?"
    r"(?:me |nous |m'|m’)?[a-zàâçéèêëîïôûù]+(?:er|ir|re)\b|"
    r"\bil (?:faudrait|faut|faudra)(?: donc| absolument| vraiment| aussi)? (?:que|qu'|qu’)\s*(?!je\b|j['’])|"
    r"\bil (?:faudrait|faut|faudra)(?: donc)? (?:nous|me|m'|m’)\s*(?:(?:le|la|les|l'|l’|en|y)\s*)?[a-zàâçéèêëîïôûù]+(?:er|ir|re)\b|\bil (?:me|nous) (?:faut|faudrait|faudra) (?:ton|ta|tes|votre|vos)\b|"
    # Spanish: "¿Puedes enviarme el contrato antes del viernes?", "Necesito que revises..."
    r"\b(?:puedes|podrías|podrias|podría|podria|pueden|podrían) [a-záéíóúñ]+|\bnecesito que\b|"
    # ..."puede" as the formal "you can" only when asked of the reader: "¿Nos puede confirmar...?"
    r"\b(?:me|nos) puede [a-záéíóúñ]+|"
    r"\bnecesit(?:o|amos) saber\b|"
    # ...and any question asked the Spanish way: "¿La madera la pides a Alamo Lumber o a Home Depot?"
    r"^\W*¿[^?]{8,}\?\s*$|"
    # ...an order first in the sentence, in the tú form: "Mira la foto 7", "Pasa a casa de los Medina"
    r"^\W*(?:(?:y|también|porfa|oye|cuando [^,]{3,40},|(?-i:[A-ZÁÉÍÓÚ][a-záéíóúñ]+),)\s*)?(?!(?i:mira) (?:lo que|esto|nada)\b)(?-i:[Mm]ira|[Pp]asa|[Mm]anda|[Hh]az|"
    r"[Ll]lama|[Rr]evisa|[Ss]ube|[Cc]heca|[Tt]rae|[Dd]eja|[Ll]leva|[Aa]visa|[Cc]onfirma|[Ff]irma|[Ee]nvía|[Pp]repara|[Cc]ompra|"
    r"[Pp]ide|[Pp]regunta|[Dd]ile|[Dd]iles|[Aa]segúrate|[Aa]rma|[Hh]abla|[Aa]bre|[Bb]usca|[Cc]onsigue|[Ee]scribe|[Oo]rganiza|"
    r"[Pp]rograma|[Cc]orrige|[Cc]oordina|[Aa]gend[a])\b(?! (?:que no|la pena)\b)"
    r"(?![^.!?;]*\bcomo (?:mejor )?(?:te parezca|quieras|prefieras|puedas)\b)"
    r"(?=\s+(?:la|el|los|las|a|al|un|una|unos|unas|por|con|en|me|le|les|lo|te|nos|esto|eso|tu|su|tus|sus|mañana|hoy|de|"
    r"del|que|si)\b)|"
    # ...a need of a thing or of the reader's step ("necesito fotos del empaque", "Necesitamos que
    # aprueben el cambio"), not of the writer's own ("necesito revisar"); "me confirme", "¿me dices...?"
    r"\bnecesit(?:o|amos|aríamos)\b(?! (?:[a-záéíóúñ]+(?:ar|er|ir))\b)|"
    r"\b(?:me|nos) (?:confirme|confirmes|confirmas|mande|mandes|mandas|envíe|envíes|envie|envies|envías|diga|digas|dices|"
    r"avise|avises|avisas|pase|pases|pasas)\b|"
    # ...an order with its pronoun joined on: "Mándale a Jennifer la carta", "págale el saldo a Raúl"
    r"^\W*(?:(?:y|también|porfa|oye),?\s+|(?-i:[A-ZÁÉÍÓÚ][a-záéíóúñ]+),\s*)?(?:m[aá]nd|env[ií]|p[aá]g|aj[uú]st|conf[ií]rm|p[aá]s|"
    r"ll[aá]m|f[ií]rm|s[uú]b|av[ií]s|prep[aá]r|rev[ií]s|ch[eé]c|expl[ií]c|s[aá]c|b[uú]sc|p[aá]s|reg[ií]str|c[oó]mpr)"
    r"a(?:le|les|me|nos|lo|la|los|las|selo|sela|selos|selas)\b|"
    r"^\W*(?:(?:y|también|porfa|oye),?\s+|(?-i:[A-ZÁÉÍÓÚ][a-záéíóúñ]+),\s*)?(?:dime|d[ií]game|dinos|d[ií]ganos)\b"
    r"(?! (?:si (?:necesitas|necesita|te hace falta|quieres|ocupas|hay algo)|cualquier cosa)\b)|"
    # ...and the formal "usted": "Le solicito nos haga llegar...", "le pido que nos indique...", "Le agradeceré hacernos llegar..."
    r"\b(?:le|les) (?:solicit(?:o|amos)|pid(?:o|e)|pedimos|ruego|rogamos|agradecer(?:é|e|ía|ia|íamos|iamos|emos))\b"
    r"(?! (?:a (?-i:[A-ZÁÉÍÓÚ])|(?:disculpas|perdón|perdon|paciencia|comprensión|comprension)\b))|"
    r"\bpor favor,? (?:me |nos |le |te )?[a-záéíóúñ]+(?:a|e|en|an)\b|"
    # Portuguese: "precisamos da vossa adjudicação", "consegues confirmar até amanhã...?"
    r"\bprecis(?:o|amos) (?:da|do|de|que)\b|\b(?:consegues|consegue|podes|poderia|poderias) [a-zãõáéíóúç]+(?:ar|er|ir)\b|"
    r"\bme (?:confirma|manda|envia|diz)\b", re.I)
# Spanish and Portuguese preconditions: "No podemos cerrar plafón hasta que Protección Civil apruebe
# el plano", "no puede emitirlas sin la orden de compra firmada".
_ES_BLOCKER_RE = re.compile(r"\bno (?:puedo|podemos|puede|pueden|podré|podremos|posso)\b[^.!?;]{0,60}?\b"
                            r"(?:hasta que|hasta (?:recibir|tener|contar con)|si no (?:llega|llegan|tenemos|recibimos)|sin|até que|sem)"
                            r"\s+(?P<what>[^.!?;]+)|"
                            # French: "le service ne peut pas signer l'entente tant que votre bureau n'a pas envoyé..."
                            r"\bne (?:peut|peuvent|pouvons|peux|pourra|pourrons) pas\b[^.!?;]{0,80}?\b"
                            r"(?:tant que|tant qu'|tant qu’|avant que|avant qu'|avant qu’|avant d'avoir|sans)\s*(?P<what2>[^.!?;]+)|"
                            # ...the precondition first: "sans l'attestation, on ne peut pas finaliser la réclamation"
                            r"^\W*(?:(?:mais|et|donc|or),?\s+)?(?:sans|tant (?:que|qu'|qu’)) ?(?P<what5>[^,.!?;]{2,80}?),?\s*"
                            r"(?:on|nous|je|j'|ils|elles|il|elle)\s*(?:ne |n')?(?:peut|peux|pouvons|peuvent|pourra|pourrons|pourrai)"
                            r"(?: (?:pas|rien|plus|jamais))+\b|"
                            # ...and in Spanish and German: "Sin los rieles no puedo empezar el lado sur",
                            # "Ohne die Freigabe können wir nicht live gehen"
                            r"^\W*(?:(?:pero|y|o sea|entonces),?\s+)?sin (?P<what6>[^,.!?;]{2,80}?),?\s+no (?:podemos|puedo|se puede|"
                            r"pueden|puede|podremos|podré|podre|vamos a poder|hay (?:forma|manera|modo|cómo|como))\b|"
                            r"^\W*(?:(?:aber|und|also),?\s+)?ohne (?P<what7>[^,!?;]{2,80}?),?\s+(?:können|kann|könnt|dürfen|darf|"
                            r"wird|werden) (?:[^\s!?;]+ ){0,8}?(?:nicht|leider nicht|noch nicht|nichts|keine[nmrs]?)\b|"
                            # "Solange die Zollpapiere fehlen, können wir nicht ausliefern", "Die Produktion
                            # steht, bis die Ersatzteile da sind", "Die Bestellung hängt noch an Ihrer Freigabe"
                            r"^\W*(?:(?:aber|und|also),?\s+)?solange (?P<what9>[^,.!?;]{2,80}?),\s*(?:können|kann|könnt|"
                            r"dürfen|darf) (?:wir|ich|sie|die|der|er|es)\b(?: [\w-]+){0,5}? (?:nicht|nichts|keine[nmrs]?)\b|"
                            r"\b(?:steht|stehen|ruht|ruhen|stockt|stocken)(?: still| fest| noch)?,? (?:bis|solange)\s+(?P<what8>[^.!?;]+)|"
                            r"\bhängt (?:aber |jedoch )?(?:noch |momentan |aktuell |derzeit )?(?:an|bei) (?P<what10>(?:ihre[rnm]?|deine[rnm]?|eure[rnm]?|der|"
                            r"dem|den)\b[^.!?;]+)|"
                            r"\bwarten (?:noch|immer noch|weiterhin) auf (?P<what11>[^.!?;,]{2,80}?),? (?:bevor|ehe) (?:wir|ich)\b|"
                            # French: "La production est bloquée en attendant les films", "on attend toujours le
                            # certificat avant de pouvoir expédier"
                            r"\b(?:est|sont|reste|restent|sommes|suis) (?:toujours |encore |actuellement )?(?:bloqué|bloquée|"
                            r"bloqués|bloquées|à l'arrêt|en stand-by|suspendu|suspendue|suspendus|suspendues|en suspens|"
                            r"en attente)\b[^.!?;]{0,40}?(?:en attendant|tant que|tant qu'|tant qu’|"
                            r"\bpar\b|faute de|dans l'attente d[eu']|en attente d[eu'])\s*(?P<what12>[^.!?;]+)|"
                            r"\b(?:on|nous) attend(?:ons)? (?:toujours|encore) (?P<what13>[^.!?;,]{2,80}?),? (?:avant de|pour) "
                            r"(?:pouvoir )?[a-zàâçéèêëîïôûù]+(?:er|ir|re)\b|"
                            # German: "Die Integration ist blockiert, bis wir die API-Schlüssel bekommen", "Wir können
                            # erst starten, wenn ihr den Vertrag unterschreibt"
                            r"\b(?:ist|sind) (?:blockiert|gestoppt|angehalten)\b,? (?:bis|solange|weil|da)\s+(?P<what3>[^.!?;]+)|"
                            # "Erst nach Eingang der Anzahlung können wir mit der Fertigung beginnen", "Uns fehlt
                            # noch die Materialfreigabe, sonst können wir nicht starten"
                            r"^\W*(?:(?:aber|und|also),?\s+)?erst (?:nach|wenn|sobald) (?P<what15>[^,.!?;]{2,80}?),?\s+"
                            r"(?:können|kann|könnt|dürfen|darf) (?:wir|ich|sie|er|es)\b|"
                            r"\b(?:uns|mir) fehlt (?:noch |immer noch |leider )?(?P<what16>[^,.!?;]{2,80}?),\s*(?:sonst|ohne)\b|"
                            r"\b(?:kann|können|könnt) (?:ich |wir |sie |er |es )?(?:[\wäöüß-]+ ){0,6}?(?:erst|nicht)\b"
                            r"[^.!?;]{0,60}?\b(?:wenn|bis|bevor|solange|ohne)\s+(?P<what4>[^.!?;]+)|"
                            # ...and without "können": "Die DoC mach ich erst, wenn die Änderung freigegeben ist",
                            # "DHL gibt die Verfügung erst heraus, wenn wir eine Vollmacht schicken"
                            r"\berst\b(?: [a-zäöü]{2,8})?,? (?:wenn|nachdem|sobald) (?P<what14>(?!ich\b|wir\b)[^.!?;]+)|"
                            # ...a delay for a thing missing: "Die Montage verzögert sich, da die Baugenehmigung noch
                            # fehlt", "Weil die Lieferung ausgeblieben ist, steht die Produktion still"
                            r"\b(?:verzögert|verzögern|verschiebt|verschieben) sich\b[^.!?;]{0,40}?,?\s*(?:da|weil)\s+"
                            r"(?P<what20>[^.!?;]{2,80}?\s(?:noch |immer noch |bisher |leider )?(?:fehlt|fehlen|aussteht|ausstehen|"
                            r"ausgeblieben ist|nicht vorliegt|nicht vorliegen|nicht eingegangen ist))\b|"
                            r"^\W*(?:da|weil) (?P<what21>[^,.!?;]{2,80}?\s(?:noch |immer noch |bisher )?(?:fehlt|fehlen|aussteht|ausstehen|"
                            r"ausgeblieben ist|nicht vorliegt|nicht vorliegen|nicht eingegangen ist)),\s*(?:steht|stehen|ruht|ruhen|"
                            r"stockt|stocken|verzögert sich|verzögern sich|können wir|kann ich)\b|"
                            # ...a step that can follow only another: "Die Auszahlung kann erst nach Eingang der
                            # unterschriebenen Vereinbarung erfolgen"
                            r"\b(?:kann|können|darf|dürfen)\b[^.!?;]{0,60}?\berst nach (?P<what22>(?:Eingang|Erhalt|Vorlage|Zahlung|"
                            r"Freigabe|Unterzeichnung|Zusendung|Rücksendung|Prüfung|Ausgleich|Begleichung|Bezahlung|Bestätigung|"
                            r"Genehmigung|Zustimmung|Klärung)\b[^.!?;,]{2,80})|"
                            # ...or is possible only then: "Eine Bearbeitung ist erst nach Eingang der Unterlagen möglich"
                            r"\b(?:ist|sind)\s+(?:[\wäöüß-]+\s+){0,2}?erst nach (?P<what26>(?:Eingang|Erhalt|Vorlage|Zahlung|Freigabe|"
                            r"Unterzeichnung|Zusendung|Prüfung|Ausgleich|Begleichung|Bezahlung|Bestätigung|Genehmigung|Zustimmung|Klärung)"
                            r"\b[^.!?;,]{2,80}?)\s+möglich\b|"
                            # "Bis diese vorliegt, können wir über Ihren Antrag nicht entscheiden"
                            r"^\W*(?:(?:aber|und|also),?\s+)?bis (?!(?:Ihre|deine|eure|Sie|du|ihr)\b)(?P<what27>[^,.!?;]{2,80}?\s(?:vorliegt|vorliegen|da ist|da sind|"
                            r"eingegangen ist|eingegangen sind|eingeht|eintrifft|geklärt ist|unterschrieben ist|bezahlt ist|freigegeben ist)),"
                            r"\s*(?:können|kann|dürfen|darf) (?:wir|ich|sie|er|es)\b[^.!?;]{0,60}?\b(?:nicht|nichts|keine[nmrs]?)\b|"
                            # "ohne das Isolierglas können wir die Elemente nicht fertigen" (not "ohne Ihre Hilfe")
                            r"(?:^\W*|,\s*|\bund\s+)ohne (?!(?:Ihre|deine|eure|unsere)\s+(?:Hilfe|Unterstützung|Geduld|Einsatz)\b)"
                            r"(?P<what28>(?:das|die|den|dem|der|Ihre[nmrs]?|Ihr|deine[nmrs]?|dein|eure[nmrs]?|unsere[nmrs]?|diese[nmrs]?)"
                            r"\s+[^,.!?;]{2,60}?),?\s+(?:können|kann|dürfen|darf) (?:wir|ich|sie|er|es)\b(?: [\wäöüß-]+){0,5}? nicht\b|"
                            # "ich komm mit der Präsi nicht weiter, solange die Zahlen aus Q3 fehlen"
                            r"\b(?:komme?|kommen)\b(?: [\wäöüß-]+){0,5}? nicht (?:weiter|voran)\b,?\s*(?:solange|bis|ohne)\s+"
                            r"(?P<what29>[^.!?;]+)|"
                            # French: "Nous ne pourrons procéder au remboursement qu'après réception de la facture",
                            # "Sans votre signature, le dossier ne pourra pas être transmis", "La livraison est
                            # retardée car le transporteur n'a toujours pas récupéré la marchandise"
                            r"\bne (?:pouvons|pourrons|pourra|peut|peuvent|pourront|pourrai|peux)\b[^.!?;]{0,60}?\bqu['’]\s*"
                            r"(?:après|à|dès|une fois) (?:la |le |les |l['’]|votre |vos )?(?P<what23>(?:réception|signature|paiement|"
                            r"validation|accord|envoi|retour|autorisation|levée|obtention|approbation|confirmation|versement|règlement|"
                            r"contrat|permis|attestation|certificat|facture|acompte)\b[^.!?;]+)|"
                            # "On peut pas fermer le dossier tant qu'on a pas la preuve d'assurance", "Tant qu'on n'a pas
                            # 12 bénévoles, le magasin ne nous autorise pas à installer le stand"
                            r"\b(?:on|nous|je) (?:ne |n['’])?(?:peut|pouvons|peux|pourra|pourrons|pourrai)(?: pas| rien| plus)\b"
                            r"[^.!?;]{0,60}?\btant qu['’]\s*(?P<what30>[^.!?;]+)|"
                            r"^\W*(?:(?:mais|et|donc),?\s+)?tant qu['’]\s*(?P<what31>[^,.!?;]{2,80}?\bpas\b[^,.!?;]*),\s*"
                            r"(?:[\w'’-]+ ){0,6}?(?:ne|n['’])\s*(?:[\w'’-]+ ){0,2}?(?:pouvons|pourrons|peut|peuvent|pourra|pourront|"
                            r"autorise|autorisent|peux|pourrai)\b|"
                            # "La commande est en attente : il nous manque votre numéro de TVA"
                            r"\b(?:est|sont|reste|restent) (?:toujours |encore |actuellement )?en attente\s*(?::|,|car|parce qu['’]|"
                            r"puisqu['’]|puisque)\s*(?:il )?(?:nous |me )?manque (?!(?:encore |toujours )?(?:votre|vos|ton|ta|tes)\b)(?P<what32>[^.!?;]+)|"
                            r"^\W*(?:(?:mais|et|donc|or),?\s+)?sans (?!(?:votre|vos|ton|ta|tes|leur|leurs) (?:soutien|aide|confiance|"
                            r"engagement|présence|appui|patience)\b)(?![^.!?;]*\b(?:merci|remercie))(?P<what24>(?:votre|vos|ton|ta|tes|la|le|"
                            r"les|l['’]|leur|leurs|ce|cette|ces)\s*[^,.!?;]{2,80}?),\s*(?:[\w'’-]+ ){1,6}?ne (?:pourra|pourront|"
                            r"peut|peuvent) (?:pas|plus|rien)\b|"
                            r"\b(?:est|sont) (?:retardée?s?|suspendue?s?|reportée?s?)\b[^.!?;]{0,30}?\b(?:car|parce que|"
                            r"parce qu['’]|puisque)\s*(?P<what25>[^.!?;]*?\b(?:n['’](?:a|avons|ont) (?:toujours |pas encore |"
                            r"jamais )?(?:pas )?|manque\b|manquante?s?\b|attend\b|attendons\b|pas encore|toujours pas)[^.!?;]*)",
                            re.I)
# Someone else's promise to the reader, in German or French: "Herr Brunner schickt Ihnen die
# Zugangsdaten heute noch", "Unsere Buchhaltung wird Ihnen die Gutschrift übermitteln", "Frau Keller
# meldet sich diese Woche bei dir", "Notre comptable vous contactera cette semaine", "Madame Dubois
# vous transmettra les accès lundi", "Le technicien passera chez vous jeudi".
_FOREIGN_THIRD_PROMISE_RE = re.compile(
    r"^\W*(?:(?:und|also|außerdem|wie besprochen|wie vereinbart|et|aussi|par ailleurs|comme convenu|comme promis),?\s+)?"
    # who: a person by title and name, or a team or a trade of the writer's side
    r"(?:(?-i:Herr|Frau|Monsieur|Madame|M\.|Mme)(?: (?-i:Dr\.|Prof\.|Maître|Me))? (?-i:[A-ZÀ-Ý][\wÀ-ÿ'’-]+)(?: (?-i:[A-ZÀ-Ý][\wÀ-ÿ'’-]+))?|"
    r"(?-i:Unser|Unsere|Notre|Nos|Le|La|L['’]) ?(?:Buchhaltung|Personalabteilung|Steuerberater(?:in)?|Anwalt|Anwältin|Kollege|"
    r"Kollegin|Techniker(?:in)?|Monteur(?:in)?|Assistentin|Assistent|Sekretariat|comptable|technicien(?:ne)?|livreur|plombier|"
    r"électricien|notaire|avocate?|collègue|assistante?|secrétariat|service (?:comptable|juridique|client|technique)|banque))"
    r"(?: (?:aus|von|vom|de|du|des) (?:der |dem |den |la |l['’])?[\wÀ-ÿ'’-]+)? "
    # ...and a piece of work for the reader, not a feeling or a courtesy ("wird Ihnen gefallen",
    # "vous transmettra ses amitiés"), nor one on a condition ("uniquement si", "falls")
    r"(?![^.!?;]*\b(?:si|falls|wenn|sofern|en cas de|au besoin|bei bedarf|gegebenenfalls|ggf|ses amitiés|ses salutations|"
    r"ses voeux|ses vœux|ses félicitations|gefallen|fehlen|bekannt|weiterhelfen|grüße|grüsse|gruß|gruss|glückwünsche)\b)"
    r"(?:(?:wird|werden) (?:ihnen|dir|euch) (?:[\wäöüß.-]+ ){0,5}?(?:schicken|senden|zusenden|übermitteln|zukommen lassen|"
    r"mitteilen|geben|mailen|weiterleiten)\b|"
    r"(?:schickt|sendet|übermittelt|mailt|leitet) (?:ihnen|dir|euch)\b|(?:meldet|melden) sich\b[^.!?;]{0,40}?\bbei (?:ihnen|dir|euch)\b|"
    r"(?:ruft|rufen) (?:sie|dich|euch)\b[^.!?;]{0,40}?\b(?:an|zurück)\b|"
    r"(?:vous|te) (?:contactera|contacteront|transmettra|transmettront|enverra|enverront|fera parvenir|feront parvenir|"
    r"appellera|appelleront|rappellera|recontactera|adressera|adresseront|communiquera|communiqueront)\b|"
    r"passera chez (?:vous|toi)\b)[^.!?;]*", re.I)
# The other choice of the question before, as its title reads: "Answer Sam: or would Friday work better?"
_OR_QUESTION_RE = re.compile(r"^Answer [^:]+: (?:or|oder|ou|o)\b", re.I)
# A life's needs, no work's: "Ohne Kaffee kann ich nicht arbeiten".
_FOREIGN_NO_WORK_RE = re.compile(r"\b(?:ohne|sin|sans|sem) (?:(?:meinen|meine|mein|einen|mi|mon|ma|mes|un|une|el|la|le) )?"
                                 r"(?:kaffee|café|cafe|schlaf|sommeil|sueño|urlaub|vacances|vacaciones|pause|bier|wein|essen|"
                                 r"musik|musique|música)\b", re.I)
# The reader's part in a foreign sentence: "von dir", "Ihre Freigabe", "votre accord", "su firma".
_FOREIGN_READERS_RE = re.compile(r"\b(?:von (?:dir|euch|(?-i:Ihnen))|deine[rnms]?|eure[rnms]?|dein|euer|(?-i:Ihre[rnms]?|Ihr)|"
                                 r"de (?:ta|ton|tes|votre|vos) |votre|vos|ton|tes|sus|tus|de usted)\b", re.I)
# "Peux-tu croire..." and thanks for what is done ask nothing.
_FR_NOT_ASK_RE = re.compile(r"\b(?:croire|imaginer)\b|"
                            r"\b(?:vous vous rendez compte|tu imagines)\b|"
                            r"\b(?:merci|remercie|remercions) (?:de|pour) (?:ton|ta|tes|votre|vos|l'|la|le|les)\b|"
                            # German courtesies and notices: "Bitte beachten Sie...", "Wir bitten um Verständnis"
                            r"\bbitte (?:beachten|entschuldigen|denken sie daran, dass)\b|\bum (?:ihr |euer |dein |ihre |eure |deine )?(?:entschuldigung|verständnis|"
                            r"nachsicht|geduld)\b|\bentschuldigen sie\b|"
                            # ...and where to be reached: "Gerne können Sie uns auch telefonisch unter 0316 123456
                            # erreichen", "Vous pouvez nous joindre au 01 23 45 67 89"
                            r"\b(?:können|könnt) (?:sie|du|ihr) (?:uns|mich) [^.!?;]{0,60}?\berreichen\b|"
                            r"\bvous pouvez (?:nous|me) (?:joindre|contacter|appeler)\b", re.I)
# A literal of each branch of _FR_NOT_ASK_RE (ASCII, so that ``fold`` holds it as the pattern matches it).
_FR_NOT_ASK_KEYS = ("croire", "imagin", "vous rendez compte", "merci ", "remerci", "bitte ", "entschuldig", "ndnis",
                    "nachsicht", "geduld", "erreichen", "vous pouvez ")
# Small talk and wonder, adverts and courtesy offers, asked of no work (see _FOREIGN_CHAT), with a literal
# of each of its phrases: most sentences hold none and skip the pattern.
_FOREIGN_CHAT_RE = re.compile(r"\b" + _FOREIGN_CHAT + r"\b", re.I)
_FOREIGN_CHAT_KEYS = ("wie ", "wochenende", "ferien", "angekommen", "alles ", "vorstellen", "glaubst", "stell dir", "weißt",
                      "weisst", "gehört", "gesehen", "erinnerst", "comment ", "ça va", "bien passé", "vacances", "week-end",
                      "rends compte", "as vu", "as-tu vu", "avez-vous vu", "souvenez", "souviens", "imagines", "imaginez",
                      "est pas", "wissen sie", "sais quoi", "savez quoi", "gut ", "bonne semaine", "passé un", "passé une",
                      "quel temps", "wer hätte", "qui aurait", "pourquoi pas", "ist das nicht", "sind sie", "kennen sie",
                      "suchen sie", "haben sie", "hast du", "möchten sie", "brauchen sie", "brauchst du", "cherch",
                      "saviez", "savais", "vous aussi", "vous voulez", "besoin d", "erinnern", "avez-vous déjà")


def _not_asked(sentence: str) -> bool:
    """Is ``sentence`` what the German and French rules refuse to read as an ask: a notice, a courtesy,
    small talk ("Wie war dein Wochenende?", "Tu te rends compte ?")?"""
    return bool(_FR_NOT_ASK_RE.search(sentence)) or _search(_FOREIGN_CHAT_RE, _FOREIGN_CHAT_KEYS, sentence, fold(sentence)) is not None
_FR_PROMISE_RE = re.compile(
    r"(?:^|[,:;]\s*|\b(?:et|alors|donc|ok|oui|sinon|y|pero|entonces|luego|bueno|vale|listo|sí)\b,?\s+|"
    r"(?<=[\u2600-\u27bf\U0001f300-\U0001faff])\s*)(?P<what>(?:je |j'|j’|on (?=te\b|t'|t’|vous\b|lui\b|leur\b))(?:(?:te|t'|t’|vous|lui|leur|le|la|les|l'|l’)\s*)*"
    # ("je reviens de vacances" is no answer coming back)
    r"(?:envoie|enverrai|renvoie|renverrai|relis|relirai|reviens(?!\s+(?:de|du|des|d'|d’|au|à|en)\b)|reviendrai|revient(?!\s+(?:de|du|des|au|à|en)\b)|"
    r"ferai|prépare|préparerai|transmets|transfère|transfèrerai|transférerai|achemine|acheminerai|relance|relancerai|"
    r"transmettrai|partage|partagerai|signe|signerai|confirme|confirmerai|regarde|regarderai|rappelle|rappellerai|"
    r"écris|écrirai|dépose|déposerai|intègre|intégrerai|mets|mettrai)\b(?:[^.!?;]|\.(?!\s*$))*?|"
    # ...and what the reader will have: "Tu auras les deux scripts demain", "vous recevrez le contrat lundi"
    r"(?:tu|vous) (?:(?:les|le|la|l'|l’)\s*)?(?:auras|aurez|recevras|recevrez)\b(?!\s+(?:froid|chaud|faim|soif|raison|tort|"
    r"peur|sommeil|besoin|du mal|l'air)\b)(?:[^.!?;]|\.(?!\s*$))*?|"
    # German: "Ich schicke dir die Entwürfe bis Donnerstag"; Spanish: "Te envío el contrato el viernes"
    r"(?:ich|wir) (?:schicke|schicken|sende|senden|schreibe|liefere|liefern|melde|gebe|kümmere|prüfe|überarbeite)\b"
    r"(?:[^.!?;]|\.(?!\s*$))*?|"
    # ...and what the reader will get: "Sie erhalten das Angebot bis Ende der Woche", "die Zugänge bekommt ihr morgen"
    r"(?:(?:sie|du|ihr) (?:erhalten|erhältst|erhaltet|bekommen|bekommst|bekommt)|(?:erhalten|bekommen) sie|"
    r"(?:erhältst|bekommst) du|(?:erhaltet|bekommt) ihr)\b(?:[^.!?;]|\.(?!\s*$))*?|"
    r"(?:(?:el|la|los|las) (?:(?!\by\b)[^,.!?;]){1,40}? )?"
    # ...the day first: "Mañana te confirmo el resultado", "Hoy mismo te lo mando"
    r"(?:(?:mañana|manana|hoy(?: mismo)?|ahorita|más tarde|mas tarde|esta tarde|el (?:lunes|martes|miércoles|miercoles|"
    r"jueves|viernes))(?: temprano| en la mañana| a primera hora)?,? )?(?:yo )?(?:(?:te|le|os|les|se|me|nos|lo|la|los|las) )*(?:envío|envio|mando|enviaré|enviare|mandaré|mandare|paso|"
    r"pasaré|reviso|revisaré|confirmo|confirmaré|instalo|instalamos|mandamos|enviamos|pasamos|revisamos|entrego|"
    r"entregamos|firmo|firmamos|hago|hacemos|subo|preparo|preparamos|checo|consigo|junto|regreso|transfiero|pago|"
    r"aviso|avisamos|contesto|contestamos|respondo|respondemos|llamo|llamamos|"
    r"pido a [A-ZÁÉÍÓÚÑ][\wáéíóúñ]+ que (?:te|le|les|os) [a-záéíóúñ]+|"
    # ...and any verb of "we" after an object pronoun: "la conectamos el viernes", "se lo cambiamos mañana"
    r"(?:(?<=\b(?:te|le|lo|la|se) )|(?<=\b(?:los|las|les) ))(?!(?:discut|habl|platic|comentamos|vemos|reun|quedamos|"
    r"decid|pensamos|tenemos|sabemos|creemos|queremos|podemos|debemos|sentimos|esperamos|recordamos|agradecemos|"
    r"confirmamos|informamos|deseamos|invitamos|comunicamos|rogamos|pedimos|necesitamos|notificamos|ofrecemos))"
    r"[a-záéíóúñ]{3,}(?:amos|emos|imos)|"
    r"pagamos|(?:voy|vamos) a [a-záéíóúñ]+(?:ar|er|ir)(?:le|les|me|te|lo|la|los|las)?|me encargo de|nos encargamos de)\b"
    r"(?:[^.!?;]|\.(?!\s*$))*?)"
    r"(?=\s+et\s+(?:je|j')|\s+und\s+(?:ich|wir)|\s+y\s+(?:te|le)|[!?;]|\.\s*$|$)", re.I)
# German and French promises in their general forms, read beside _FR_PROMISE_RE's verbs (with a day,
# as it reads them): the future ("Ich werde das Angebot bis zum 15.03. prüfen", "Nous vous livrerons
# les palettes semaine 4", "Je vais vous transmettre le rapport lundi"), and any work verb in the
# present, which both languages use for what is to come ("Wir überweisen die Anzahlung bis Freitag",
# "Morgen schicke ich Ihnen...", "Je te fais un retour demain", "je m'en occupe d'ici jeudi"). German
# verbs are lower-case where nouns are not; verbs of being, having, thinking, wishing and going are
# not work.
_DE_NOT_WORK = ("habe|haben|hatte|hatten|hätte|hätten|bin|sind|war|waren|wäre|wären|hoffe|hoffen|denke|denken|dachte|"
                "glaube|glauben|finde|finden|freue|freuen|weiß|wissen|meine|meinen|möchte|möchten|würde|würden|könnte|"
                "könnten|sollte|sollten|müsste|müssten|muss|müssen|kann|können|will|wollen|wollte|wollten|darf|dürfen|"
                "brauche|brauchen|benötige|benötigen|wünsche|wünschen|danke|danken|bedanke|bedanken|bitte|bitten|warte|"
                "überlasse|überlassen|"
                "warten|erwarte|erwarten|sehe|sehen|verstehe|verstehen|fürchte|fürchten|befürchte|gehe|gehen|fahre|"
                "fahren|fliege|fliegen|komme|kommen|bleibe|bleiben|arbeite|arbeiten|sitze|sitzen|stehe|stehen|treffe|"
                "treffen|telefoniere|telefonieren|merke|merken|entschuldige|entschuldigen|vermute|vermuten|empfehle|"
                "empfehlen|gratuliere|gratulieren|werde|werden|gerne|alle|beide|eben|heute|morgen|diese|selbst|halte|"
                "halten|lese|lesen|feiern|feiere|liebe|lieben|mache mir|machen uns|nehme an|nehmen an|gehe davon|"
                "gehen davon|sage|sagen|frage(?![^.!?;]{0,60}\\bnach\\b)|fragen|schlage vor|schlagen vor|starte|starten|"
                "lade(?![^.!?;]{0,80}\\bhoch\\b)|laden(?![^.!?;]{0,80}\\bhoch\\b)|informiere|"
                "melde mich ab|bestätige den erhalt|bestätigen den erhalt|ersuche|ersuchen|bräuchte|bräuchten|brauch|"
                "bespreche|besprechen|spreche|sprechen|eine|einen|einem|einer|keine|keinen|keinem|deine|deinen|seine|"
                "seinen|ihre|ihren|unsere|unseren|eure|euren|diesen|jeden|jede|allen|beiden|welche|solche|mehrere|"
                "wieder|leider|gemeinsam|zusammen|lieber|lange|eben|oben|unten|vorne|gerade|dagegen|deswegen|"
                "übrigens|eigene|eigenen|gleiche|gleichen|selben|einzige|ohne|gegen|seitens|nochmal|nochmals|"
                "freuen uns|freue mich|informieren wir sie,? dass|informieren sie,? dass|informiere sie,? dass|schlage|schlagen|bestätige ich ihnen|bestätigen wir ihnen")
# Spoken German drops the "e" of the first person: "ich frag", "meld mich", "schick's".
_DE_SPOKEN = ("frag|meld|schick|geb|ruf|sag|kümmer|check|mach|schau|leit|bring|hol|besorg|buch|bestell|zahl|"
              "überweis|unterschreib|prüf|erledig|korrigier|schreib|send|kläre?|organisier")
_FR_NOT_WORK = ("suis|serai|sais|saurai|ai|aurai|avais|étais|pense|penserai|crois|peux|pourrai|veux|voudrais|voudrai|"
                "dois|devrai|pars|partirai|rentre|rentrerai|arrive|arriverai|espère|souhaite|remercie|vois|verrai|trouve|"
                "comprends|attends|préfère|propose|reste|resterai|travaille|viens|viendrai|crains|signale|précise|"
                "informe|tiens à|tiens a|joins|prie|permets|excuse|suppose|imagine|sens|note|rappelle que|demande si|ne|n'|n’|"
                "vous|nous|te|lui|leur|les|fais suite|reviens de|reviens du|reviens des|reviens au|reviens à|reviens en|retrouve|réjouis|félicite|souhaiterais|aimerais|"
                "sera|seras|serons|dis que|vois|vais voir|laisse")
_MORE_PROMISE_RE = re.compile(
    r"(?P<what>\b(?:ich werde|wir werden|werde ich|werden wir)\b(?!\s+(?:sehen|schauen,? ob|versuchen)\b)|"
    r"\b(?:ich|wir) (?!(?:" + _DE_NOT_WORK + r")\b)(?-i:[a-zäöüß]{3,}(?:e|en))\b|"
    r"(?<![.!?]\s)(?<!^)\b(?!(?:" + _DE_NOT_WORK + r")\b)(?-i:[a-zäöüß]{3,}(?:e|en)) (?:ich|wir)\b|"
    r"\b(?:bekommst|erhältst|kriegst) du\b|\b(?:bekommt|erhaltet|kriegt) ihr\b|\b(?:bekommen|erhalten|kriegen) sie\b|"
    r"\bdu (?:kriegst|bekommst|erhältst)\b|\b(?:weisst|weißt) du mehr\b|\bdu hast (?:sie|es|ihn|die|das|den)\b|"
    # ...the spoken forms without their "e" ("Ich frag mal bei Thomas nach und meld mich morgen früh",
    # "Rheintal ruf ich heute noch an", "sag ich dir Bescheid")
    r"\bich (?:" + _DE_SPOKEN + r")(?:['’]s)?\b|(?<![.!?]\s)(?<!^)\b(?:" + _DE_SPOKEN + r")(?:['’]s)? ich\b|"
    # ...what the writer can do for the reader ("12 Stück können wir Ihnen bis Montag zustellen"), what
    # follows ("die restlichen 12 Stück folgen in KW 12", "Die Bestellung folgt morgen früh"), and "Sie
    # hören spätestens am Freitag von mir"
    r"\b(?:können|kann) (?:wir|ich) (?:ihnen|dir|euch)\b|\b(?:folgt|folgen)\b|"
    # ...what will be done to it: "Die Ware wird am Montag geliefert"
    r"\b(?:wird|werden)\b(?:(?!\b(?:nicht|kein|keine)\b)[^.!?;,]){0,60}?\b(?:geliefert|verschickt|versendet|versandt|zugestellt|geschickt|überwiesen|"
    r"bezahlt|erledigt|unterschrieben|bereitgestellt|freigegeben|installiert|montiert|abgeholt)\b|"
    r"\b(?:sie|du|ihr) (?:hören|hörst|hört)\b[^.!?;]{0,40}?\bvon (?:mir|uns)\b|"
    # ...a date set for a delivery ("Die Zustellung erfolgt am Montag, 15.03.")
    r"\b(?:zustellung|lieferung|auslieferung|anlieferung|abholung|überweisung|zahlung|rückmeldung|freigabe)\b"
    r"[^.!?;]{0,60}?\berfolg(?:t|en)\b|"
    r"\b(?:je|nous|on) (?:(?:vous|te|t'|t’|lui|leur|le|la|les|l'|l’|en|y|m'|m’|me)\s*)*(?:vais|allons|va) "
    r"[a-zàâçéèêëîïôûù]+(?:er|ir|re)\b|"
    r"(?<!\bque )(?<!\bqu')(?<!\bqu’)(?<!\bdont )(?<!\boù )"
    r"\bje (?:(?:vous|te|t'|t’|lui|leur|le|la|les|l'|l’|en|y|m'|m’|me)\s*)*(?!(?:" + _FR_NOT_WORK + r")\b)"
    r"[a-zàâçéèêëîïôûù]{2,}(?:rai|e|s)\b|"
    r"\b(?:nous|on) (?:vous|te|lui|leur) (?:(?:le|la|les|l'|l’|en|y)\s*)*(?!(?:" + _FR_NOT_WORK + r")\b)"
    r"[a-zàâçéèêëîïôûù]{2,}(?:rons|ons|e)\b|"
    r"\bnous (?!(?:serons|aurons|pourrons|devrons|voudrons|saurons|verrons)\b)[a-zàâçéèêëîïôûù]{2,}rons\b|"
    r"\b(?:vous|te|t'|t’)\s*(?:sera|seront) (?:envoyé|transmis|adressé|livré|remis|communiqué|expédié|retourné|renvoyé|"
    r"versé|viré)e?s?\b|"
    r"\bwird (?:ihnen|dir|euch) (?:[\wäöüß.-]+ ){0,6}?(?:zugeschickt|zugesandt|geschickt|gesendet|übermittelt|geliefert|"
    r"zugestellt|überwiesen)\b)"
    r"(?:[^.!?;]|\.(?!\s*$))*?(?=\s+et\s+(?:je|j')|\s+und\s+(?:ich|wir)|[!?;]|\.\s*$|$)", re.I)
# A title whose verb takes no object ("Drop at Sam's office"): its thing was said before the verb.
_NO_OBJECT_RE = re.compile(r"^\w+ (?:at|to|in|on|into|onto|over|across|back|by|before|after|with|off)\b", re.I)
# An owed thing that is only a pronoun: "it", "send you them".
_PRONOUN_THING_RE = re.compile(r"^(?:\w+ )?(?:you )?(?:it|them|this|that|these|those)\W*$", re.I)
# A promise whose thing is said before it: "The DPA annex we will send you separately on Tuesday",
# "..., the final ones I'll send after lunch tomorrow".
# A thing owed, said before its verb: "The full export per shipment you'll get tomorrow morning".
_FRONTED_OWED_RE = re.compile(r"^\W*(?:(?:and|so|also),?\s+)?(?P<obj>(?:the|my|our|your|a|an|this|that|these|those|"
                              r"(?-i:[A-Z][\w&-]*(?: [A-Z][\w&-]*)?)['’]s)\s+"
                              r"[\w'’&/ -]{2,60}?)\s+you(?:'ll|’ll| will| should| shall)\s+(?:also |then )?(?:get|have|receive)\b",
                              re.I)
# A need for the thing just asked for, with its day: "I need it by Wednesday at the latest", "we'd need
# them back before the 12th".
_DEADLINE_FOR_IT_RE = re.compile(r"^\W*(?:(?:and|but|so|also|as)\s+)?(?:i|we)(?:'d|’d| would| will|'ll|’ll)?\s+(?:really\s+|urgently\s+)?"
                                 r"(?:need|want|must have|have to have)\s+(?:it|this|that|them|these|those)(?:\s+back)?\s+"
                                 r"(?:by|before|until|till|no later than|latest(?: by)?)\b|"
                                 # ...and in Spanish: "mándanos las 40 toneladas; las necesitamos en planta a más tardar el sábado"
                                 r"^\W*(?:(?:y|pero)\s+)?(?:lo|la|los|las) necesit(?:o|amos)\b[^.!?;]{0,40}?\b(?:a más tardar|a mas tardar|"
                                 r"antes del?|para el|el|hoy|mañana)\b", re.I)
_ASSENTS = frozenset(("yes", "yep", "yeah", "sure", "ok", "okay", "noted", "done", "agreed", "will do", "do", "absolutely",
                      "of course", "no problem", "fine", "great", "perfect"))
# ...and the rest of a sentence that opens on one ("do" alone opens none: "Do send it").
_AFTER_ASSENT_RE = re.compile(r"^\W*(?:" + "|".join(sorted(_ASSENTS - {"do"}, key=len, reverse=True))
                              + r")\b[\s,.!:;–—-]+(?P<rest>\S.{8,})$", re.I)
# ...with any verb, when the title is that verb alone: "The contrast fixes I'll check this afternoon",
# "Receipts I'll upload tonight", "the advance tax I'll pay on Thursday", "The EDM copy I'll look at".
_FRONTED_ANY_RE = re.compile(
    r"^\W*(?:(?:and|so|also|oh and|ok|okay|re)\W+)?(?P<obj>(?:(?:the|my|our|your|a|an|this|that|these|those|both|all)\s+)?"
    r"(?!(?:i|we|if|when|once|then|so|and|but|you|it|they|he|she|there|this is|that is|today|tomorrow|tonight|later|"
    r"soon|now|first|next|this (?:morning|afternoon|evening|week))\b)[\w'’&/+ -]{2,50}?)\s+"
    r"(?:i|we)(?:'ll|’ll| will| shall| can)\s+(?:also |then |just |happily )?"
    r"(?P<verb>look (?:at|into|over)|go (?:through|over)|deal with|sign off|sort out|pick up|chase up|write up|follow up on|[a-z]+)\b",
    re.I)
_FRONTED_RE = re.compile(
    r"^(?:[^.!?;]{0,80}?[,:]\s*)?(?P<obj>(?:the|my|our|your|a|an|this|that|these|those)\s+[\w'’ -]{2,50}?)\s+"
    r"(?:i|we)(?:'ll|’ll| will| shall| can)\s+(?:also |then )?(?P<verb>send|share|forward|bring|deliver|email|post|give|"
    r"circulate|upload|finish|prepare|draft|drop|return|sign)\b", re.I)


# What a blocker holds up: "I cannot continue with the remaining icons until I know this",
# "Until that's answered the missed-dose string can't go to localization".
_HELD_UP_RE = re.compile(
    r"(?:\b(?P<me>i|we)|(?:^|[,;:]\s*|\b(?:but|and|so|sadly|unfortunately)\s+)(?P<who>(?:the|our) [\w'’ -]{2,40}?))\s+"
    r"(?:still |just |really |also )?(?:can't|cannot|can not|won't be able to|am unable to|are unable to|couldn't|won't|"
    r"will not|isn't able to|aren't able to)\s+(?!wait\b)(?P<act>[^.!?;]{3,80}?)(?:\s+(?:until|till|til|'til|before|"
    r"without|unless)\b|[.!?;]?$)", re.I)
_QUOTED_CLAUSE = 70  # characters of the sentence a blocker's title may quote


def _blocked_title(sentence: str, ctx: _Ctx) -> str:
    """A blocker titled by what it holds up, for a precondition that says too little alone
    ("Unblock: I know"): "Unblock Léa: continue with the remaining 20 icons" when the writer is
    held up, "Unblock: the missed-dose string can't go to localization" when a thing is. When
    that says too little as well ("countersign"), the sentence itself, quoted."""
    name = "" if ctx.from_owner else first_name(ctx.other)
    m = _HELD_UP_RE.search(sentence)
    if m is not None:
        act = _clean_vp(m.group("act"), "")
        if m.group("who"):
            title = f"Unblock: {m.group('who')} can't {act}"
        else:
            owned = {"my": f"{name}'s", "our": f"{name}'s", "me": name, "us": name}
            title = f"Unblock {name}: {_swap(act, owned)}" if name else f"Unblock: {act}"
        if not vague(title):
            return title
    clause = _SPACES_RE.sub(" ", re.sub(r"^\W*(?:(?:but|and|so|also|sadly|unfortunately),?\s+)+", "", sentence,
                                          flags=re.I)).strip().rstrip(".!;")
    if len(clause) > _QUOTED_CLAUSE:
        clause = clause[:_QUOTED_CLAUSE].rsplit(" ", 1)[0] + "…"
    return f"Unblock{' ' + name if name else ''}: “{_cap(clause)}”"


def _whole_number(title: str, evidence: str) -> str:
    """``title`` with a number the rules cut at its stop made whole again: "Pay the deposit of €12"
    of "€12.500,00". A stop or comma with a digit on each side is inside a number, no break. Only
    where the title's last words occur once in the evidence, so the number is surely the same."""
    # (The pattern ends on a digit at the end, or before a last newline, as "$" reads it: a title
    # ending otherwise is let be without the search, which is tried at every place of it.)
    if not (title[-1:].isdecimal() or (title[-1:] == "\n" and title[-2:-1].isdecimal())):
        return title
    m = _LAST_NUMBER_RE.search(title)
    if m is None:
        return title
    found = list(re.finditer(rf"(?<![\w.,]){re.escape(m.group(0))}(?!\d)((?:[.,]\d+)*)", evidence, re.I))
    return title + found[0].group(1) if len(found) == 1 else title


# A title's last word or two, ending in digits: "invoice 12", "of €12".
_LAST_NUMBER_RE = re.compile(r"(?:\S+\s+)?\S*\d$")


def _swap(vp: str, mapping: dict[str, str]) -> str:
    def repl(m: re.Match[str]) -> str:
        return mapping[m.group(0).lower()]

    return re.sub(r"\b(" + "|".join(mapping) + r")\b", repl, vp, flags=re.I)


def _uncap(text: str) -> str:
    """"Quotes from Weiss" -> "quotes from Weiss"; a name or an acronym ("SOW", "Priya") stays, and
    so does a name's possessive ("Gary's budget paper")."""
    if not (text[1:2].islower() and text[:1].isupper() and " " in text):
        return text
    return text if text.split(" ", 1)[0].endswith(("'s", "’s")) else text[:1].lower() + text[1:]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# A need said of someone by name, first in the sentence: "Tom needs the keys by Monday".
_NEEDER_RE = re.compile(r"^\W*(?:(?:also|and|so|but|plus|oh|btw),?\s+)?(?!" + _NOT_A_NAME + r")"
                        r"((?:Dr\.? )?(?-i:[A-Z][\w'’-]+)(?: (?-i:[A-Z][\w'’-]+))?) (?:also |still |really |just )?"
                        r"(?:needs|requires)\b", re.I)
# Words that open a sentence in a name's place and name no one: "They need...", "Everyone wants...".
_NO_ONE_NAMED = frozenset("they he she the our my his her their everyone everybody someone somebody all both".split())


@dataclass
class _Ctx:
    msg: Message
    owner: Owner
    from_owner: bool
    other: Address  # the counterparty: the sender, or the owner's first recipient
    # Whether the sentence read opens a message that says more after it (see _WANTS_RE).
    opening: bool = False
    before: str = ""  # the sentence read before this one
    # An item's title as the message's items are told apart, where it is not the title itself. Keyed
    # by id, with the item kept beside its key: an item made and then passed over must stay alive,
    # or a later item given its id would take its key (and be dropped as its duplicate).
    same_as: dict[int, tuple[Item, str]] = field(default_factory=dict)

    def key_of(self, item: Item) -> str:
        """The title ``item`` is told apart by (see ``same_as``)."""
        kept = self.same_as.get(id(item))
        return kept[1] if kept is not None and kept[0] is item else item.title.lower()
    # The sentence classifier's items, held back while the rules read the message when ``defer``
    # is set (see EmbeddedExtractor._second_opinion).
    defer: bool = False
    held: list[Item] = field(default_factory=list)
    # What find_due made of each sentence read in this message, by the sentence and ``work``, with
    # the date, zone and last workday it was read against (see EmbeddedExtractor._due): the rules
    # ask one sentence for its date on several paths.
    dues: dict[tuple[str, bool], tuple[object, object, int, tuple[str | None, str]]] = field(default_factory=dict)


# A due phrase counts for the recall pass only beside a verb: "the audit by Friday" as a bare
# heading is no work, "send it by Friday" or "the audit is due Friday" may be.
_GATE_VERB_RE = re.compile(r"\b(?:will|shall|can|could|would|should|must|need|needs|needed|have to|has to|due|"
                           r"going to|want|wants|expect|let|make|get|send|share|review|sign|confirm|finish|"
                           r"submit|prepare|deliver|book|schedule|pay|approve|update|reply|call)\b|'ll\b|'d\b", re.I)


# An ask that points back at a need said just before it: "could you send it to me?"
_POINTS_BACK_RE = re.compile(r"\b(?:can|could|would|will) (?:you|u)\b[^.!?;]*?\b(?:send|share|forward|give|get|email|pass|drop|"
                             r"upload|return|bring) (?:it|them|these|those)\b", re.I)
_STOP = frozenset("the and for from with your you that this have need needs still before after can could would will "
                  "send share please them they their there what when which into about also just".split())


def _words(text: str) -> set[str]:
    """The content words of ``text``, for telling whether two sentences speak of the same thing."""
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _STOP}


# The reader's own word as what holds the work up ("your approval", "your sign-off"), and the step
# held ("we can't start the migration").
_YOUR_WORD_RE = re.compile(r"your (?P<word>approval|sign-?off|ok|okay|go-?ahead|green light|confirmation|signature|"
                           r"decision|permission)\s*$", re.I)
_HELD_STEP_RE = re.compile(r"\b(?:i|we|they|he|she)\s+(?:can't|cannot|can not|won't be able to|am unable to|are unable to|"
                           r"(?:am|are|is) not able to)\s+(?P<vp>[a-z][^.!?;,]+)", re.I)


# Work put off to a later time, with no step now: "Let's regroup in January", "Let's pick this up
# after the holidays", "Let's revisit next quarter" (not "Let's meet on Friday at 10").
_LETS_DEFER_RE = re.compile(
    r"^\W*(?:(?:ok|okay|so|but|then|anyway|in that case),?\s+)?(?:let's|let us|we can|we'll|we will)\s+"
    r"(?:regroup|reconnect|revisit(?: (?:it|this|that))?|pick (?:it|this|that) (?:back )?up|circle back|reconvene|"
    r"touch base|catch up|come back to (?:it|this|that)|resume|talk again|speak again)\b"
    r"(?:\s+(?:on|about) (?:it|this|that))?\s+(?:in|after|next|early|later|once|when|at the (?:start|beginning) of)\b"
    r"(?![^.!?]*\b(?:by|before|until)\b)[^.!?]*[.!]?\s*$", re.I)


# An apology or a word of news before what is said: "apologies:", "sorry,", "quick update -".
_LEAD_IN_RE = re.compile(r"^\W*(?:(?:my |many |our )?apologies|sorry|quick update|update|heads[- ]up|fyi|ps|good news|"
                         r"bad news|unfortunately)\s*[:,.!-]+\s*", re.I)
# A thing that slips, said with its new date: "the term sheet will slip to next Wednesday, ...".
_SLIPS_RE = re.compile(r"(?<=\w)\s+(?:will|'ll|is going to|has to|needs to|may|might|must)\s+(?:slip|move|be (?:delayed|pushed|"
                       r"moved|late))\b.*$", re.I)


def _bare_state(sentence: str) -> bool:
    """Whether a blocker's sentence says only that a thing is stuck ("Datapeak's payment is stuck"),
    not what it waits on."""
    b = _search(_BLOCKER_RE, _BLOCKER_KEYS, sentence, fold(sentence))
    return bool(b and b.group("b29"))


def _stems(text: str) -> set[str]:
    """The first five letters of each content word: "amend" and "amendment" share one."""
    return {w[:5] for w in _words(text)}


# A precondition said first: "Without the amendment our bank can not negotiate the documents".
_WITHOUT_FIRST_RE = re.compile(r"^\W*(?:(?:but|and|so|also),?\s+)?without (?P<thing>[^,.!?;]+?)(?:,|\s+(?:our|the|their|we|i|they|he|she)\b)",
                               re.I)


def _reason_after_ask(items: list[Item], text: list[str]) -> list[Item]:
    """A precondition said right after an ask, of the very thing asked for ("Kindly please help to
    amend the L/C. Without the amendment our bank can not negotiate the documents."; "Please send
    the signed NDA. Without it we can't open the data room."): why the ask is made, not a second
    piece of work. The blocker goes; the ask stays. (Said last, "he can't start the claim without
    it" stays a blocker beside the ask, as the labelled mail has it, and clears with the ask.)"""
    if not any(i.kind == "blocker" for i in items):
        return items

    def at(item: Item) -> int:
        return next((n for n, s in enumerate(text) if item.evidence in s), -1)

    asks = [(at(i), i) for i in items if i.kind == "request"]
    out = []
    for item in items:
        if item.kind == "blocker" and (n := at(item)) > 0 and (first := _WITHOUT_FIRST_RE.match(item.evidence)):
            thing = first.group("thing")
            if any(k == n - 1 and (re.fullmatch(r"(?:it|them|this|that|these|those)", thing, re.I)
                                   or _stems(thing) & _stems(ask.evidence)) for k, ask in asks):
                continue
        out.append(item)
    return out


# The sentence classifier's least probability for an ask it adds (see _added_act).
_ASK_ADD_AT = 0.99

# How many sentences' quiet verdicts an extractor keeps; past it the memo starts afresh.
_QUIET_KEPT = 2048

# -- lists under a lead-in ------------------------------------------------------------------
# A list says who does what through the line that opens it: "Action items:", "Next steps on my
# side:", "Still blocked on:", "Can you:". Each bullet is read as the sentence it stands for
# ("I'll send the revised budget", "Ada, please review the questionnaire", "We're blocked on
# legal sign-off"), and quotes the bullet itself.
# A lead-in that asks of the reader, or lists people, is no one's own steps.
_LIST_ASKS_WORDS_RE = re.compile(r"\b(?:please|pls|kindly|could you|can you|would you|you|your)\b", re.I)
_LIST_PEOPLE_RE = re.compile(r"\b(?:participants?|attendees?|people|contacts?|names?|members?|speakers?|guests?|"
                             r"representatives?|delegates?|who)\b", re.I)
# The writer's own steps: "On our side we will:", "From my end:", "I'll:", "Our side will:".
_LIST_SELF_RE = re.compile(
    r"(?:\b(?:on|from|for) (?:my|our) (?:side|end|part)\b|\b(?:my|our) (?:next steps|to-?dos?|action items?|actions)\b|\bmy plan\b|"
    r"\b(?:my|our) (?:side|end|team) will\b|\b(?:still )?to come from (?:me|us)\b|^\W*(?:my|our) (?:side|end|part)\s*:\s*$|\((?:me|mine|my side)\)\s*:\s*$|"
    r"\b(?:i|we)(?:'ll| will| shall|'m going to| am going to|'re going to| are going to| plan to)"
    r"(?: also| then| now| next| today| tomorrow| this week)?(?: (?:do|be doing|handle|take care of|cover))?"
    r"(?: the following)?\s*:\s*$)", re.I)
# Steps given out, each to a name: "Action items:", "Next steps from the call:", "To-dos:".
_LIST_ASSIGN_RE = re.compile(r"\b(?:action (?:items?|points?)|actions|next steps?|to-?dos?|follow-?ups?|owners|tasks|"
                             r"AIs|who does what|assignments)\b[^:]{0,60}:\s*$", re.I)
# What holds the work up: "Still blocked on:", "Blockers:", "What's holding up the launch:".
_LIST_BLOCKER_RE = re.compile(r"\b(?:blocked (?:on|by)|blockers|blocking (?:us|the|our|this|it|launch|release)|stuck on|dependencies|"
                              r"in the way|(?:we're|we are|i'm|i am) stuck|until (?:a few|some|these|two|three) things are (?:resolved|sorted|fixed)|"
                              r"(?:can't|cannot|can not|won't)\b[^:]{0,50}\b(?:because of|due to)|"
                              r"held up (?:by|on)|holding (?:\w+ )?(?:up|back)|stopping us)\b[^:]{0,60}:\s*$", re.I)
# Bullets that ask nothing of anyone: "Quick status, no action needed:", "FYI:".
_LIST_NONE_RE = re.compile(r"\b(?:no action(?: is)? (?:needed|required|necessary)|nothing (?:needed|required) from you|"
                           r"fyi|for your information|for (?:your )?reference|for the record|just so you know|faqs?|"
                           r"frequently asked questions|q ?& ?a)\b[^:]{0,60}:\s*$",
                           re.I)
# A meeting's running order: its slots are read as they stand, a name beside one gives no step
# ("Agenda:" over "- Ada: 10 minutes on hiring"), while "- Ada to send the budget before the
# meeting" still asks.
_LIST_AGENDA_RE = re.compile(r"\b(?:agenda|running order|programme|program|timetable|itinerary|schedule for the day)\b[^:]{0,80}:\s*$",
                             re.I)
# How to do a thing, step by step: "To upload, please:", "To reset your password:". The steps are
# one piece of work, asked (if at all) on its own, not one each.
_LIST_HOWTO_RE = re.compile(r"^\W*to (?!(?:do|be done|confirm|recap|summari[sz]e|sum|clarify|remind|update|be|follow|note|reiterate|"
                            r"repeat|wrap|conclude|close|start|begin|explain|review|cover|list|outline)\b)[a-z]+(?: (?:it|them|the|your|a|an|my|our|this|these|in|on|up|[a-z]+)){0,3},?"
                            r"\s*(?:please|just|simply|you(?:'ll| will)? need to|do this)?\s*:\s*$", re.I)
# The options a choice is made among ("There are two options I'd like you to consider:"): no
# option is asked for, the choice is (said on its own); a promise inside one still holds.
_LIST_OPTIONS_RE = re.compile(r"\b(?:options?|alternatives|choices|scenarios)\b[^:]{0,60}:\s*$", re.I)
# Steps asked of the reader, the list saying what: "Can you:", "As discussed, could you please:",
# "What I need from you:", "A few changes please:", "Please follow these steps:", "Remember to:".
_LIST_ASK_RE = re.compile(
    r"^(?:[^:]{0,80}?,\s*)?(?:(?:can|could|would|will) (?:you|u)(?: please| also| kindly)?|please(?: also)?|pls|kindly|"
    r"i (?:need|'d like|would like) you to|would you mind|(?:please )?(?:remember|make sure|don'?t forget) to|"
    r"(?:please )?(?:do|follow|complete|take) (?:the |these |the following |following )(?:steps|actions)|"
    r"please do the following|what (?:i|we) need from you(?: is)?|from you (?:i|we) (?:need|want|would like)|"
    r"your (?:action items?|to-?dos?|tasks|next steps|part|side)|next steps for you|for you to do|"
    r"(?:(?:a |the )?(?:few|couple(?: of)?|some|two|three|\d) )?(?:more |quick |small )?"
    r"(?:decisions?|input|answers?|questions?|items?|actions?|approvals?|sign-?offs?|asks?) (?:needed |required |we need |i need )?"
    r"(?:(?:from|for) you|on your (?:side|end|part))\b[^:]{0,30}|"
    r"(?:(?:a |the )?(?:few|couple(?: of)?|some|two|three|\d) )?(?:more |quick |small )?(?:things|bits|changes|requests|asks|"
    r"favou?rs|fixes)(?:\s+(?:for you|from you|please|to do|i need|we need|before (?!i\b)[^:]{1,40}?|by [^:]{1,30}?))+)\s*:\s*$", re.I)
# What the writer still needs, the list naming it: "To finish the onboarding we still need:",
# "Pending from your side:", "Still missing:". Not a need to do something ("We need to discuss:").
_LIST_NEED_RE = re.compile(r"\b(?:i|we)(?:'d| would)? (?:still |also |just |now |only )*(?:need|require)(?! to\b)[^:]{0,60}:\s*$|"
                           r"\b(?:pending|outstanding|missing|open|required|needed) (?:from|on) your (?:side|end|part)\b[^:]{0,30}:\s*$|"
                           r"\b(?:still )?(?:waiting|wait) (?:on|for)\b[^:]{0,60}:\s*$|"
                           r"^\W*(?:still )?(?:missing|outstanding|pending)(?: items| documents| points)?(?: from you)?\s*:\s*$",
                           re.I)
# A need the lead-in itself lays on the reader: "from you", "your side".
_LIST_FROM_YOU_RE = re.compile(r"\b(?:from you|from your|your (?:side|end|part))\b", re.I)
# Who a bullet gives its step to: "Ada: review...", "@Tom - fix...", "Maria to book travel",
# "review the questionnaire (Ada)", "book the venue - Maria", "Ada and Tom: agree on...".
_NAME = r"(?:@[\w.-]+|[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?|me|you|all|everyone|everybody|both)"
_ASSIGNEE = rf"{_NAME}(?:(?:\s*,\s*|\s+(?:and|&|\+)\s+){_NAME})*"
_ROLE_LABEL = r"(?:(?i:owners?|assignee|dri|who)\s*:\s*)"
_ASSIGNED_RE = re.compile(
    # "Ada: review...", "@Tom - fix...", "Maria to book travel", "Ada -> set up a rotation", "Owner: Ada — get sign-off"
    rf"^{_ROLE_LABEL}?(?P<who>{_ASSIGNEE})\s*(?::|->|→|[-–—]|\bto\b|\bwill\b)\s+(?P<task>[^\s:].*)$|"
    # "@ada add alerting on queue depth"
    rf"^(?P<who6>@[\w.-]+)\s+(?P<task6>[a-z].*)$|"
    # "[Ada] approve the node", "AI (Ada): write the plan", "Finch (Ada): share the slides"
    rf"^\[(?P<who4>{_ASSIGNEE})\]\s*(?P<task4>\S.*)$|^[^:()]{{0,30}}\((?P<who5>{_ASSIGNEE})\)\s*:\s*(?P<task5>\S.*)$|"
    # "review the questionnaire (Ada)", "book the venue - Maria", "sign off — @ada", "slide — Owner: Ada", "... -> Ada"
    rf"^(?P<task2>.{{6,}}?)\s*(?:\((?P<who2>{_ASSIGNEE})\)|(?:[-–—]|->|→)\s*{_ROLE_LABEL}?(?P<who3>{_ASSIGNEE}))"
    rf"(?:\s*[,;(]\s*(?i:due|by|deadline)\b[^)]*\)?)?\s*\.?$")
# The reader's own steps, said as theirs: "To confirm the scope we agreed, you'll deliver:".
_LIST_YOURS_RE = re.compile(r"\byou(?:'ll| will| are going to)(?: also)? (?:deliver|provide|send|do|handle|take care of|"
                            r"prepare|cover|own)(?: the following)?\s*:\s*$", re.I)
# A lead-in that is a name alone, the list under it that one's steps: "Me:", "You:", "Lena:".
_LIST_LABEL_RE = re.compile(r"^\W*(?P<who>[A-Z][\w'’-]+|(?i:me|you|us|we|both of us|everyone|all))\s*:\s*$")
# A checkbox before a bullet's words: "[ ] release notes approved".
_CHECKBOX_RE = re.compile(r"^\[[ xX✓]?\]\s*")
# A bullet that is a step, not a thing named ("- your file notes", "- access to the SAP
# reporting", "- whether the break option is a must"): an order the rules know, one held back
# ("don't forget the deck"), or a verb with what it acts on ("rename the 'beta' flag", "propose
# two dates", "send me the form").
_STEP_RE = re.compile(r"(?!(?:whether|if|what|which|who|how|when|where|why)\b)(?:(?:don'?t|do not|never|please|pls|kindly)\b|"
                      r"[a-z][\w-]*(?<!s)(?<!ing)(?<!ed)(?<!ion)(?<!ment)(?<!ance)(?<!ence)(?<!ity) "
                      r"(?:the|a|an|your|our|my|his|her|their|its|this|that|these|those|it|them|us|me|him|"
                      r"up|out|over|back|down|off|some|any|all|two|three|both|each|every|together|through|forward|"
                      r"ahead|around|across|away)\b|"
                      # ...or a person: "chase Tom for his feedback", "ask Priya about the visa"
                      r"[a-z][\w-]*(?<!s)(?<!ing)(?<!ed)(?<!ion)(?<!ment) (?-i:[A-Z][a-z]+)\b)")


def _is_step(bullet: str) -> bool:
    low = _uncap(bullet)
    return bool(_STEP_RE.match(low) or _IMPERATIVE_RE.match(low))


# A bullet that says its own subject and verb: "I'll send the invoice", "our EORI is GB1234",
# "the certificate has to be signed by our supplier".
_CLAUSE_RE = re.compile(r"(?:i|we|i'll|we'll|i'm|we're)\b|(?:the|a|an|our|my|their|his|her|its|this|that|these|those)\b"
                        r"[^,;:]{0,40}?\b(?:is|are|was|were|has|have|had|will|would|can|could|should|must|may|might)\b", re.I)
_EVERYONE = frozenset(("all", "everyone", "everybody", "both"))
_SELF_NAMES = frozenset(("i", "me", "we", "us", "myself"))


def _things_only(bullets: list[str]) -> bool:
    """Whether every bullet names a thing (no step, no clause of its own, no question, no one it is
    given to)."""
    return bool(bullets) and not any(_is_step(b) or _CLAUSE_RE.match(b) or _ASSIGNED_RE.match(b) or "?" in b for b in bullets)


def _who(m: re.Match[str]) -> str:
    """The name an _ASSIGNED_RE match gives its step to, without a handle's "@"."""
    return next(w for w in (m.group(g) for g in ("who", "who2", "who3", "who4", "who5", "who6")) if w).lstrip("@")


def _owner_names(owner: Owner) -> set[str]:
    """What a list may call the owner: her first name, her whole name, her address's name, her
    initials ("AL" for Ada Lovelace), her surname with a title ("Mrs Lovelace")."""
    parts = owner.name.split()
    names = {owner.first_name, owner.name.lower(), owner.email.split("@")[0].lower()}
    if len(parts) >= 2:
        names.add("".join(p[0] for p in parts).lower())
        names |= {f"{title} {parts[-1].lower()}" for title in ("mrs", "ms", "mr", "dr", "mrs.", "ms.", "mr.", "dr.")}
    return names - {""}


def list_leads(text: str) -> tuple[dict[str, tuple[str, str, str]], dict[str, tuple[str, list[str]]]]:
    """Each bullet sentence of ``text`` that follows a lead-in, with that lead-in, its kind (self,
    assign, blocker, none, options, ask, need, label or "") and the whole bullet it is part of ("Ada - confirm
    the headcount" reads as two sentences); and every lead-in that ends in a colon, with its kind
    ("" when none) and its bullets."""
    bullets: dict[str, tuple[str, str, str]] = {}
    under: dict[str, tuple[str, list[str]]] = {}
    if ":" not in text:
        return bullets, under
    lead: tuple[str, str] | None = None
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if (line[0] in "-*•[" or line[0].isdigit() or line[1:2] == ")") and _BULLET_RE.match(line):
            if lead is not None:
                whole = " ".join(_CHECKBOX_RE.sub("", _BULLET_RE.sub("", line)).split())
                under[lead[0]][1].append(whole)
                for s in sentences(line):
                    bullets.setdefault(s, (*lead, whole))
            continue
        lead = None
        if line.endswith(":"):
            said = sentences(line)
            head = said[-1] if said else line
            lead = (head, _lead_kind(head))
            under.setdefault(head, (lead[1], []))
    return bullets, under


def _lead_kind(head: str) -> str:
    """What a lead-in says of the list under it (see list_leads)."""
    if (tongue := tongue_of(head)) is not None:
        # Dutch or Portuguese: "Verder verzoek ik u vriendelijk om:", "Precisamos dos seguintes documentos:"
        # ...and a blocker that waits on the reader's things: "wij kunnen het origineel pas uitgeven nadat
        # wij de volgende stukken van jullie hebben ontvangen:" asks for each.
        return ("none" if tongue.not_work.search(head) else "ask" if tongue.ask.search(head)
                or (tongue.blocker.search(head) and tongue.to_reader.search(head)) else
                "blocker" if tongue.blocker.search(head) else "")
    if _LIST_NONE_RE.search(head) or _LIST_HOWTO_RE.match(head):
        return "none"
    if _LIST_OPTIONS_RE.search(head):
        return "options"
    if _LIST_AGENDA_RE.search(head):
        return "agenda"
    if _LIST_PEOPLE_RE.search(head):
        return ""
    if _LIST_SELF_RE.search(head) and not _LIST_ASKS_WORDS_RE.search(head):
        return "self"
    if _LIST_BLOCKER_RE.search(head):
        return "blocker"
    if _LIST_ASK_RE.match(head):
        return "ask"
    if _LIST_NEED_RE.search(head):
        return "need"
    if _LIST_YOURS_RE.search(head):
        return "yours"
    if _LIST_ASSIGN_RE.search(head):
        return "assign"
    return "label" if _LIST_LABEL_RE.match(head) else ""


# ...and a thing sent on after it, in the passive (see _clause_parts).
_SENT_ON_AFTER_RE = re.compile(r"^(?P<a>[^;]+?),?\s+and\s+(?P<b>(?:the|our|my|your) [\w -]{1,30}? will be (?:sent|shipped|delivered|"
                               r"posted|couriered|e-?mailed|issued|returned)\b.*)$", re.I)
# What goes with the mail itself: "The PDF is attached", "Attached is the scan", "Enclosed please find..."
_ATTACHED_NOW_RE = re.compile(r"\b(?:is|are) (?:attached|enclosed)\b|^\W*(?:attached|enclosed)\b|\bplease find (?:attached|enclosed|in attach)\b",
                              re.I)


# Where a Spanish question or exclamation opens a new sentence after a stop: "...con la helada. ¿Nos podría...?"
_INVERTED_OPENING_RE = re.compile(r"(?<=[.!?])\s+(?=[¿¡])")


class EmbeddedExtractor:
    """The offline default. ``threshold`` is the request model's cut-off probability; ``add_at`` the
    sentence classifier's, for an item the rules missed."""

    name = "embedded"

    def __init__(self, model: RequestModel | None = None, threshold: float = 0.55, rule_floor: float = 0.2,
                 kinds: KindsModel | None = None, add_at: float = 0.95) -> None:
        self.model = model or shipped_model()
        self.threshold = threshold
        self.rule_floor = rule_floor
        self.kinds = kinds or shipped_kinds_model()
        self.add_at = add_at
        # (sentence, from the owner?) -> proven to yield nothing; see _quiet.
        self._quiet_seen: dict[tuple[str, bool], bool] = {}
        # The models' say on the last sentence each read: _quiet asks, then the rules and the
        # second opinion that read the same sentence ask again.
        self._p_read: tuple[RequestModel, str, float] | None = None
        self._act_read: tuple[KindsModel, str, tuple[str, float]] | None = None

    @property
    def shipped(self) -> bool:
        """Whether this is the extractor as shipped (models and cut-offs): then another process
        that builds its own ``EmbeddedExtractor()`` finds exactly the same items."""
        return (self.model is shipped_model() and self.kinds is shipped_kinds_model()
                and (self.threshold, self.rule_floor, self.add_at) == (0.55, 0.2, 0.95))

    def extract(self, message: Message, owner: Owner) -> list[Item]:
        from_owner = message.sender.email == owner.email.lower()
        if from_owner:
            recipients = [a for a in message.to + message.cc if a.email != owner.email.lower()]
            other = recipients[0] if recipients else Address("", "")
        else:
            other = message.sender
        ctx = _Ctx(message, owner, from_owner, other)
        items: list[Item] = []
        seen: set[str] = set()
        read: set[str] = set()
        body = examined_text(message)
        low_body = fold(body)
        if any(map(low_body.__contains__, _INVITATION_KEYS)) and _INVITATION_RE.search(body):
            return []
        if not from_owner and (("@" in body and self._sends_data_out(body, ctx))
                               or (all(any(map(low_body.__contains__, keys)) for keys in _IGNORE_WARNINGS_KEYS)
                                   and _IGNORE_WARNINGS_RE.search(body))):
            # A mail that asks for the business's data to go outside, or for warnings to be ignored,
            # reads as a hijacked mailbox's: none of its sentences is trusted as work.
            return []
        text = read_sentences(body)
        prev = ""
        # A name or a title under the sign-off says nothing more: a sentence says something
        # with three words at least. (The first two such sentences are all the opener needs; the
        # rest are read once, below.)
        said = list(islice((s for s in text if len(s.split()) >= 3 and not _greeting_or_signoff(s)
                            and not _courtesy_or_away(s, fold(s))), 2))
        opener = said[0] if len(said) > 1 else None
        listed, under = list_leads(body)
        bulleted: set[str] = set()
        for sentence in text:
            ctx.opening = sentence is opener
            # A sentence's items depend on it and the message alone: said twice, its items are
            # already in (or were kept out of) the list.
            if sentence in read:
                continue
            read.add(sentence)
            before, prev = prev, sentence
            ctx.before = before
            lead = listed.get(sentence) if listed else None
            if lead is not None and lead[2] in bulleted:
                continue  # the rest of a bullet read whole
            found = None if lead is None else self._listed(lead, ctx, under)
            if lead is not None and found is not None:
                bulleted.add(lead[2])
            else:
                if not from_owner and _NEED_TO_KNOW_RE.match(sentence) and self._question_behind(before, sentence, ctx, items):
                    continue
                note = None if from_owner else self._deadline_note(sentence, ctx, items)
                if note is not None:
                    if isinstance(note, Item):
                        items.append(note)
                    continue
                ctx.defer = True
                found = self._sentence_items(sentence, ctx)
                if len(found) > 1 and any(_refrains(i, dated=True) for i in found):
                    # "Please don't delay, we need the signed form back by Friday": the day is the work's
                    # beside it, and holding back is none.
                    found = [i for i in found if not _refrains(i, dated=True)] or found
                if any(map(_refrains, found)):
                    found = [i for i in found if not _refrains(i)]
                    # "Please don't call the customer, email them the tracking number instead": the
                    # work is what is asked after the holding back.
                    rest = _AFTER_REFRAIN_RE.match(sentence)
                    if not found and rest and len(rest.group("rest").split()) >= 2:
                        # The ask keeps the sentence's "please" ("Please don't cancel it, downgrade it
                        # instead" asks to downgrade), and its "it" is what was held back.
                        asked = f"{_cap(rest.group('please'))}{rest.group('rest')}" if rest.group("please") else rest.group("rest")
                        found = [i for i in self._sentence_items(asked, ctx) if not _refrains(i)]
                        for i in found:
                            i.evidence = sentence if i.evidence in asked else i.evidence
                            i.title = re.sub(r"\s+instead$", "", _named_last(i.title, rest.group("held"), at_end=False))
                ctx.defer = False
            if lead is not None and lead[1] == "options":
                found = [i for i in found if i.kind != "request"]  # see _LIST_OPTIONS_RE
            if not found and under and under.get(sentence, ("",))[0] in ("need", "ask"):
                found = self._needed(sentence, under[sentence][1], ctx)
            elif not found and under and under.get(sentence, ("",))[0] in ("self", "yours"):
                found = self._promised(sentence, *under[sentence], ctx)
            for item in found:
                if item.kind == "blocker" and lead is None and any(i.kind == "blocker" for i in items):
                    # One message describes one blocker; later sentences elaborate on it (a list, one
                    # each). A bare state said first ("the deployment is stuck") gives way to the
                    # later sentence that says what the work waits on ("QA can't test anything until
                    # staging is back").
                    at = next(n for n, i in enumerate(items) if i.kind == "blocker")
                    if _bare_state(items[at].evidence) and not _bare_state(item.evidence):
                        items[at] = item
                    continue
                if items and _OR_QUESTION_RE.match(item.title) and items[-1].title.startswith("Answer ") \
                        and items[-1].evidence == before:
                    continue  # "Can we move the call to Thursday? Or would Friday work better?": one question
                # (A question a bullet asks is one of its own: "- Is there a fee?" beside "- Can I send it late?")
                key = item.title.lower() if lead is not None else ctx.key_of(item)
                if key not in seen:
                    seen.add(key)
                    items.append(item)
                elif item.kind == "request" and key.startswith("reply to "):
                    # The one reply a message wants, said twice: an ask outright ("Please let me know
                    # today if you prefer the split") says it better than a sentence that only speaks
                    # to the reader ("so we can also propose a split: ..."), and its day is the reply's.
                    at = next(n for n, i in enumerate(items) if ctx.key_of(i) == key)
                    same = items[at]
                    if (same.due is None and item.due is not None and not same.evidence.rstrip().endswith("?")
                            and _explicit_ask(item.evidence, fold(item.evidence))
                            and not _explicit_ask(same.evidence, fold(same.evidence))):
                        items[at] = item
                elif item.kind in ("waiting", "commitment") and item.due:
                    # "We'll prepare the draft agreement. You'll receive it early next week.": one
                    # thing, and the second sentence says when.
                    same = next(i for i in items if ctx.key_of(i) == key)
                    same.due = same.due or item.due
        items = self._need_then_ask(items, text)
        items = _reason_after_ask(items, text)
        if any(i.kind == "blocker" and _bare_state(i.evidence) for i in items) \
                and any(i.kind == "blocker" and not _bare_state(i.evidence) for i in items):
            # "The migration is stuck. Blockers: - finance hasn't signed off...": the state said
            # first is what the blockers named after it explain.
            items = [i for i in items if not (i.kind == "blocker" and _bare_state(i.evidence))]
        items = _relayed_beside_ask(items, text)
        items = _chaser_beside_ask(items)
        if under:
            items = self._name_the_list(items, under, ctx)
        items += self._dated_asks(self._added([i for i in ctx.held if not _refrains(i)], items, seen), items, text)
        # Card data, passwords and codes asked for, promised on their condition, or said to block
        # ("the payment hangs on your approval of the new IBAN") are a scam's, never work. What the
        # owner's own mail awaits ("we are expecting the production credentials by Friday") is the owner's.
        # A blocker's secret is a scam's when it is the reader's ("Without your card details we cannot
        # complete the booking"); "the VPN credentials from their IT never arrived" holds up real work.
        items = [i for i in items if not (_scam_item(i.evidence) and not (from_owner and i.kind == "waiting")
                                          and not (i.kind == "blocker" and not re.search(r"\byou(?:r|rs)?\b", i.evidence, re.I)))
                 # A promise on a condition waits on the answer: "If so, I'll put you in touch".
                 and not (i.kind in ("waiting", "commitment") and _ON_A_CONDITION_RE.match(i.evidence)
                          and not i.evidence.rstrip().endswith("?") and not _explicit_ask(i.evidence, fold(i.evidence)))]
        for item in items:
            # "Yes, the report will be with David by Tuesday", "Will do, I'll go through it this
            # afternoon": a title that is only the word of assent is the rest's.
            core = item.title.rpartition(": ")[2] if item.title.startswith(("Follow up with ", "Unblock")) else item.title
            if core.lower().strip(" .!") in _ASSENTS and (rest := _AFTER_ASSENT_RE.match(item.evidence)):
                held = len(ctx.held)
                again = [i for i in self._sentence_items(rest.group("rest"), ctx) if i.kind == item.kind and not vague(i.title)]
                del ctx.held[held:]
                if again:
                    item.title, item.due = again[0].title, item.due or again[0].due
        for item in items:
            # "Please find attached the revised NDA. Could you sign it by Friday?": "it" is the
            # thing just handed over, so the title names it ("Sign the revised NDA").
            if vague(item.title) and (pronoun := _IT_OBJECT_RE.search(item.title)):
                at = next((n for n, s in enumerate(text) if item.evidence in s), -1)
                handed = None
                for before_it in ([text[at][:text[at].find(item.evidence)]] if at >= 0 else []) + ([text[at - 1]] if at > 0 else []):
                    handed = handed or _HANDED_RE.search(before_it)
                thing = _uncap(handed.group("np").strip()) if handed is not None else ""
                # ...else the thing its own sentence named first: "Portfolio scores: I'll get them
                # into Greenhouse", "I'll dig out the contract tonight, you'll have it tomorrow".
                verb = _TITLE_VERB_RE.match(item.title.rpartition(": ")[2]) if item.title.startswith("Follow up with ") \
                    else _TITLE_VERB_RE.match(item.title)
                if not thing and at >= 0 and not (verb and verb.group(0).lower() in _ON_PEOPLE):
                    sentence = text[at]
                    spot = re.search(rf"\b{re.escape(verb.group(0))}\w*\s+(?:[\w'’-]+\s+){{0,2}}?{pronoun.group(0)}\b",
                                     sentence, re.I) if verb else None
                    spot = spot or re.search(rf"\b{pronoun.group(0)}\b", sentence, re.I)
                    if spot is not None:
                        thing = _antecedent(sentence[:spot.start()], spot.group(0).lower().endswith("them"))
                    if not thing and at > 0 and not re.search(r"\b(?:it|them|it's|it’s)\b", sentence[:spot.start() if spot else 0], re.I):
                        # ...else the thing the sentence before needs or hands over: "She needs the signed
                        # addendum before she can send the list. Can you sign it today?"
                        thing = _needed_before(text[at - 1], pronoun.group(0).lower() == "them")
                if thing:
                    if verb is not None:  # "Sign the signed addendum": the verb says it once
                        thing = re.sub(rf"^(the|your) {re.escape(verb.group(0).lower())}e?d\s", r"\1 ", thing, flags=re.I)
                    item.title = item.title[:pronoun.start()] + thing + item.title[pronoun.end():]
        items = self._dated_by_next(items, text, ctx)
        # An item whose own words name no day may take one from around it: "send it before
        # then" the day named before, "They need a name by the 12th" the deadline set after.
        for item in items:
            if item.due is None:
                item.due = find_due_in_context(item.evidence, text, message.date, owner.tz, owner.last_workday)[0]
        # A forward's note may hand the forwarded mail over.
        if _maybe_forward(message):
            items = self._handed_over(items, text, ctx)
        return items

    def hand_over(self, items: list[Item], message: Message, owner: Owner) -> list[Item]:
        """Another extractor's ``items`` of ``message`` (a model's, which reads only the note),
        titled and dated as this extractor titles its own when the note hands a forwarded mail over
        (see _handed_over), with the same screens of the forwarded mail."""
        if not _maybe_forward(message):
            return items
        from_owner = message.sender.email == owner.email.lower()
        if from_owner:
            recipients = [a for a in message.to + message.cc if a.email != owner.email.lower()]
            other = recipients[0] if recipients else Address("", "")
        else:
            other = message.sender
        return self._handed_over(items, read_sentences(examined_text(message)), _Ctx(message, owner, from_owner, other))

    # -- forwards ------------------------------------------------------------------------------

    def _handed_over(self, items: list[Item], text: list[str], ctx: _Ctx) -> list[Item]:
        """A forward whose note hands its mail over ("Can you take care of this?", "Over to you",
        "Kannst du das übernehmen?"): the note's item is the forwarded mail's work, titled by what
        that mail asks ("Send Tom the signed renewal form") or, when it asks nothing or the note
        asks for a reply or a read, by its sender or subject ("Reply to Tom Becker: Renewal of the
        insurance certificate"), and due when the forwarded ask is, unless the note gives its own
        day. The evidence stays the note's sentence: the work is the note writer's ask (or, in the
        owner's own forward, what the owner waits on). A note that hands nothing over ("FYI", "no
        action needed", "looks like a scam") keeps what it says, and so does one over a forwarded
        mail that speaks to the assistant, moves money to new bank details or sets mailbox rules."""
        # Imported late: the parser's modules cost the CLI's start-up (as in examined_text), and
        # these import this module's neighbours.
        from agent.hostility import hostile
        from agent.spam import BANK_CHANGE, scam_traits
        from connectors.mime import forwarded

        msg = ctx.msg
        kind = "waiting" if ctx.from_owner else "request"
        said = [s for s in text if len(s.split()) >= 2 and not _greeting_or_signoff(s)]
        # Whom the note may hand the mail to by name: the owner (or, in the owner's own forward, a recipient).
        yours = {n.lower() for n in ([first_name(a) for a in msg.to + msg.cc] if ctx.from_owner
                                     else [ctx.owner.first_name, *ctx.owner.name.split()[1:]]) if n}
        # (A name on its own before the sentence is the sentence's: "Paul - over to you." reads as "Paul", "over to you.")
        addressed = {s: f"{text[n - 1]}, {s}" if n and re.fullmatch(r"@?[A-Z][\w'’-]*", text[n - 1].strip(" -–:,")) else s
                 for n, s in enumerate(text)}
        handing = [i for i in items if i.kind == kind and _takes_forward_over(i, said)
                   and not _aimed_elsewhere(addressed.get(next((x for x in text if i.evidence in x), ""), i.evidence), yours)]
        note = None
        if not handing and not any(i.kind == kind for i in items):
            note = next((s for s in text if (_HANDOVER_NOTE_RE.match(s) or _foreign_handover(s))
                         and not _aimed_elsewhere(addressed[s], yours)), None)
        if not handing and note is None:
            return items
        # A note that takes it back or says it is done, beside its handing sentence ("Can you take care
        # of this? Never mind, I sent it already."); a signature's disclaimer further on says nothing of it.
        near = {s for n, s in enumerate(text) if any(t in text[max(0, n - 1):n + 2] for t in
                                                   [note] + [next((x for x in text if i.evidence in x), "") for i in handing])}
        if any(_NOTHING_HANDED_RE.search(s) for s in near):
            return items
        fwd = forwarded(msg.text, msg.subject)
        if fwd is None or any(hostile(t) for t in (fwd.subject, fwd.sender.name, fwd.text)):
            return items
        if _scam_item(fwd.subject) or scam_traits(Message(message_id="", subject=fwd.subject, sender=fwd.sender, to=[], cc=[],
                                                          date=msg.date, text=fwd.text, reply_text=fwd.text)) & _FRAUD_TRAITS:
            return items  # gift cards or codes asked for, a windfall, changed bank details: a fraud's moves
        if note is not None:
            title = f"Follow up with {first_name(ctx.other)}: take care of it" if ctx.from_owner else "Take care of it"
            item = self._item(kind, title, note, ctx, None, ctx.other.email or "me")
            items, handing = [*items, item], [item]
        # A forwarded mail that redirects payments: no ask of it that moves money is titled from it.
        redirected = bool(BANK_CHANGE.search(fwd.text) or _PAY_TO_RE.search(fwd.text))
        asks = [a for a in self._forwarded_asks(fwd, ctx)
                if not (_RISKY_ASK_RE.search(a.evidence) or BANK_CHANGE.search(a.evidence) or self._sends_data_out(a.evidence, ctx)
                        or (redirected and _MONEY_WORDS_RE.search(a.evidence)))]
        # A question to its reader ("Answer Grace: could someone get them fixed by Wednesday?")
        # names no work that the owner takes over: the subject says it better, and it says when.
        named = [a for a in asks if not a.title.startswith("Answer ")]
        work = named[0] if named else None
        when = (named or asks)[0].due if asks else None
        subject = re.sub(r"^\s*(?:(?:re|aw|fwd?|wg|tr|rv|sv|pd)\s*:\s*)+", "", fwd.subject, flags=re.I).strip()
        if not _plain_subject(subject) or _scam_item(subject) or self._sends_data_out(subject, ctx):
            subject = ""  # a subject that asks or links anything is not pasted into a title
        for item in handing:
            prefix, _, core = item.title.rpartition(": ") if item.title.startswith("Follow up with ") else ("", "", item.title)
            core = _as_reply(core)
            if _HANDOVER_NOTE_RE.match(item.evidence) and re.search(r"thoughts|think", item.evidence, re.I):
                core = f"Give {first_name(msg.sender) or 'them'} your thoughts"  # "Thoughts?"
            elif _HANDOVER_NOTE_RE.match(item.evidence) or _foreign_handover(item.evidence) or _GET_DONE_RE.match(core) \
                    or _foreign_handover(next((s for s in said if item.evidence in s), "")) \
                    or re.search(r"\blook after\b", item.evidence, re.I) \
                    or not (_TAKE_OVER_RE.match(core) or _first_word(core) in _REPLY_VERBS | _READ_VERBS):
                core = "Take care of it"  # "Over to you", "Answer Maria: Tu peux t'en occuper?"
            taking = _TAKE_OVER_RE.match(core)
            verb = taking.group("verb") if taking and taking.group("verb").lower() != "get" else \
                re.sub(rf"(?:\s+{_PRONOUN_OBJECTS})+\s*[.!?]*$", "", core, flags=re.I).strip() or "Take care of"
            lead = "take" if taking else _first_word(verb)
            if lead in _REPLY_VERBS:
                who = _person(fwd.sender)
                new = f"{_cap(lead)} {'to ' if lead in ('reply', 'respond') else ''}{who}" if who else _cap(lead)
                new = f"{new}: {subject}" if subject else new
            elif lead in _READ_VERBS or lead == "give" or work is None:
                verb = verb if verb.lower() not in _BARE_TAKE_VERBS else "Take care of"  # not "Take: Renewal..."
                new = (f"{verb} ({subject})" if prefix else f"{verb}: {subject}") if subject else ""
            else:
                new = work.title
            if not new:
                continue
            item.title = f"{prefix}: {_uncap(new)}" if prefix else _cap(new)
            if fwd.sender.email and fwd.sender.email != item.counterparty:
                # Whom the work is for: the owner's mail to them may deliver it (agent.nodes.resolve.delivery).
                item.source = {**item.source, "forwarded_from": fwd.sender.email}
            if item.due is None and lead not in _READ_VERBS and lead != "give":
                item.due = when
            if lead not in _REPLY_VERBS and lead not in _READ_VERBS and _SEVERAL_RE.search(core) and len(named) > 1:
                # "Can you handle both of these?": each thing the forwarded mail asks
                for more in named[1:_MOST_HANDED]:
                    title = f"{prefix}: {_uncap(more.title)}" if prefix else more.title
                    items.append(replace(item, title=title, due=more.due))
        return items

    def _forwarded_asks(self, fwd: Forwarded, ctx: _Ctx) -> list[Item]:
        """The asks of the forwarded mail, read as its reader read it: the note's writer, to whom
        it was written (the owner, when it is the owner's own forward). An ask it gives someone
        else by name ("Peter, could you send Maria the quote?") is not the reader's."""
        msg, owner = ctx.msg, ctx.owner
        if not fwd.text.strip() or fwd.sender.email in (owner.email.lower(), msg.sender.email):
            return []
        when = fwd.date
        if when is None or when.tzinfo is None:
            when = msg.date if when is None else when.replace(tzinfo=msg.date.tzinfo)
        when = min(when, msg.date)
        reader = Owner(msg.sender.name or owner.name, msg.sender.email, owner.tz, owner.last_workday)
        inner = Message(message_id=msg.message_id + _FORWARDED_ID, subject=fwd.subject, sender=fwd.sender,
                        to=[Address(reader.name, reader.email)], cc=[], date=when, text=fwd.below, reply_text=fwd.text)
        mine = {n.lower() for n in (reader.first_name, owner.first_name) if n}
        asks = []
        for ask in self.extract(inner, reader):
            named = _GIVEN_TO_RE.match(ask.evidence)
            if ask.kind != "request" or vague(ask.title) or ask.title.startswith("And ") or _COURTESY_ASK_RE.match(ask.title) or (
                    named and named.group("name").lower() not in mine and (named.group("at") or _vocative(named.group("name").lower()))):
                continue  # (also "Confirm receipt of this email", and "Could you and Peter send...", read as "And Peter send")
            if owner.first_name and (asked := re.match(rf"ask {re.escape(owner.first_name)} to (?P<rest>.+)$", ask.title, re.I)):
                ask.title = _cap(asked.group("rest"))  # "Could you ask Ada to send us the form?": Ada's to do
            asks.append(ask)
        return asks

    # -- lists ---------------------------------------------------------------------------------

    def _listed(self, lead: tuple[str, str, str], ctx: _Ctx, under: dict[str, tuple[str, list[str]]]) -> list[Item] | None:
        """The items of a bullet under a lead-in of ``lead``'s kind (see list_leads), or None to
        read the bullet's sentences as they stand."""
        head, kind, bullet = lead
        if kind == "none":
            return []
        if kind in ("options", "agenda"):
            return None  # read as it stands (options ask nothing, see extract)
        if _ANSWERED_RE.search(bullet):
            return []  # "- Do I need to reinstall Office? No, IT does it": a question and its answer
        if kind in ("", "label") and (aimed := re.search(r"\bfor (@?[\w.-]+)\s*:\s*$", head)) and (
                aimed.group(1).lower() == "you" or aimed.group(1).lstrip("@").lower() in _owner_names(ctx.owner)):
            kind = "ask"  # "Couple of bits for Ada:"
        if kind in ("ask", "need", "blocker") and tongue_of(head) is not None:
            # Under a Dutch or Portuguese lead-in ("Verder verzoek ik u vriendelijk om:"), each bullet
            # is what it asks, by the bullet's day or else the lead-in's.
            what = _short(bullet)
            due = self._due(bullet, ctx)[0] or self._due(head, ctx)[0]
            name = first_name(ctx.other) if ctx.other.email else "them"
            if kind == "blocker":
                return [self._item("blocker", f"Unblock: {what}", bullet, ctx, due, ctx.other.email or "me")]
            if ctx.from_owner:
                return [self._item("waiting", f"Follow up with {name}: {what}", bullet, ctx, due, ctx.other.email)]
            return [self._item("request", f"Reply to {name}: {what}", bullet, ctx, due, "me")]
        if _foreign_hint(bullet) or len(bullet.split()) > 30 or len(_SPLIT_RE.split(bullet)) > 1:
            # The sentences it stands for are English ones, and a bullet that is a paragraph is
            # read sentence by sentence.
            return None
        step = bullet.rstrip(" ;,")
        if kind in ("ask", "need"):
            # "Can you:" over "- approve the PO": each step is asked ("Please approve the PO"); a
            # thing named ("- your file notes from the meeting") is read as it stands, and is what
            # the lead-in's item asks for (see _needed) when it is no item of its own.
            if not _is_step(step) or not (kind == "ask" or _LIST_FROM_YOU_RE.search(head)):
                return None
            asked = step if re.match(r"(?:please|pls|kindly)\b", step, re.I) else f"Please {_uncap(step)}"
            return self._bullet_as(bullet, asked, ctx, "waiting" if ctx.from_owner else "request") or None
        if kind == "label" and self._takes_part(head.strip(" :"), ctx):
            return self._assigned(bullet, head.strip(" :"), step, ctx)
        if kind in ("self", "yours") and _things_only(under.get(head, ("", []))[1]):
            return []  # "Still to come from me:" over "- the rental income spreadsheet": the lead-in's (see _promised)
        if kind == "yours":
            return self._assigned(bullet, "you", step, ctx)
        m = _ASSIGNED_RE.match(_CHECKBOX_RE.sub("", step)) if kind != "blocker" else None
        if m and m.group("task2") and all(w[:1].isupper() for w in m.group("task2").split()):
            m = None  # "Julia Brandt (Controlling)": a name and its department
        if m and kind not in ("self", "assign", "need") and not self._takes_part(_who(m), ctx):
            # Under a lead-in that gives out no steps ("Release checklist:", "Can you:") a bullet
            # is given to someone only by a name the mail is between ("- notes approved — @ada"),
            # not by a label ("- Friday: the venue").
            m = None
        if m:
            task = next(t for t in (m.group(g) for g in ("task", "task2", "task4", "task5", "task6")) if t)
            # (Under a lead-in that gives out steps, a step the rules do not read is still given out.)
            return self._assigned(bullet, _who(m), task.strip(), ctx, given=kind in ("self", "assign", "need"))
        if kind == "self" and len(step.split()) >= 2 and not _CLAUSE_RE.match(step):
            # (A bullet that says its own subject, "I'll send the invoice" or "the certificate has
            # to be signed by our supplier", is read as it stands.)
            we = "We" if re.search(r"\b(?:we|our)\b", head, re.I) else "I"
            return self._bullet_as(bullet, f"{we}'ll {_uncap(step)}", ctx)
        if kind == "blocker" and len(step.split()) >= 2:
            # "Blockers:" over "- legal sign-off on the DPA" or "- finance hasn't signed off": each
            # bullet is one, as the lead-in says, whether or not the rules read its words so.
            found = self._bullet_as(bullet, f"We're blocked on {_uncap(step)}.", ctx, "blocker")[:1]
            if not found:
                due, phrase = self._due(step, ctx)
                what = _clean_vp(step, phrase) or step
                found = [self._item("blocker", f"Unblock: {_uncap(what)}", bullet, ctx, due, ctx.other.email or "me")]
            return found
        return None

    def _promised(self, lead: str, kind: str, things: list[str], ctx: _Ctx) -> list[Item]:
        """The promise of a lead-in over the things its bullets name: "Still to come from me (should
        have them by the 20th):" is the writer's (the owner's commitment, or owed to her), "you'll
        deliver:" the reader's; one item, quoting the lead-in, titled by the things (see _name_the_list)."""
        if not _things_only(things):
            return []
        due, _ = self._due(lead, ctx)
        name = first_name(ctx.other) if ctx.other.email else "them"
        what = _uncap(lead.rstrip(" :"))
        mine = (kind == "self") == ctx.from_owner  # the owner's own promise, or the other side's to her
        if mine and ctx.from_owner:
            return [self._item("commitment", f"Send {name}: {what}", lead, ctx, due, "me")]
        if mine or ctx.from_owner:
            return [self._item("waiting", f"Follow up with {name}: {what}", lead, ctx, due, ctx.other.email)]
        return [self._item("request", f"Reply to {name}: {what}", lead, ctx, due, "me")]

    def _needed(self, lead: str, things: list[str], ctx: _Ctx) -> list[Item]:
        """The ask of a need the list under it names ("we still need:" over "- proof of address"):
        one item, quoting the lead-in, when the lead-in lays it on the reader ("Pending from your
        side:") or, in mail to the owner, one of its things is asked for said as a need ("We need
        proof of address."); a request to the owner, or in the owner's mail a thing waited on."""
        if not things:
            return []
        if any(_is_step(t) or _ASSIGNED_RE.match(t) for t in things):
            return []  # steps, or things each from someone named: each its own item (see _listed)
        asked = bool(_LIST_FROM_YOU_RE.search(lead) or _LIST_ASK_RE.match(lead)) or (
            ctx.from_owner and bool(re.search(r"\bwait", lead, re.I)))
        for thing in [] if asked or ctx.from_owner else things:
            held, ctx.defer = len(ctx.held), True
            asked = any(i.kind == "request" for i in self._sentence_items(f"We need {_uncap(thing.rstrip(' ;,.'))}.", ctx))
            del ctx.held[held:]
            ctx.defer = False
            if asked:
                break
        if not asked:
            return []
        due, _ = self._due(lead, ctx)
        name = first_name(ctx.other) if ctx.other.email else "them"
        # Titled by the things the bullets name, once read (see _name_the_list); a long list by
        # its lead-in.
        what = _uncap(lead.rstrip(" :"))
        if ctx.from_owner:
            return [self._item("waiting", f"Follow up with {name}: {what}", lead, ctx, due, ctx.other.email)]
        return [self._item("request", f"Reply to {name}: {what}", lead, ctx, due, "me")]

    @staticmethod
    def _takes_part(who: str, ctx: _Ctx) -> bool:
        """Whether ``who`` (a name, a handle, "me", "you") is someone the message is between: the
        owner, the writer, a recipient, or all of them."""
        names = {n.strip().lstrip("@").lower() for n in re.split(r"\s*,\s*|\s+(?:and|&|\+)\s+", who)}
        if names & (_SELF_NAMES | _EVERYONE | {"you", "both of us"} | _owner_names(ctx.owner)):
            return True
        people = [ctx.msg.sender, *ctx.msg.to, *ctx.msg.cc]
        known = {first_name(a).lower() for a in people} | {a.email.split("@")[0].lower() for a in people}
        return bool(names & known)

    def _assigned(self, bullet: str, who: str, task: str, ctx: _Ctx, given: bool = True) -> list[Item]:
        """A step a list gives to ``who``: the owner's is a request to them (a commitment in their
        own mail), another's is the owner's to wait on when the owner gave it out. ``given``: the
        lead-in gives out steps, so one the rules do not read as one is still an item."""
        low = who.lower()
        owner = ctx.owner
        names = {n.strip().lstrip("@") for n in re.split(r"\s*,\s*|\s+(?:and|&|\+)\s+", low)}
        if "you" in names:  # the reader: the owner in her inbox, the recipient in her own mail
            names.discard("you")
            if ctx.from_owner:
                who = first_name(ctx.other) or who
                names.add(who.lower())
            else:
                names.add(owner.first_name)
        mine = bool(names & _owner_names(owner)) or (ctx.from_owner and bool(names & _SELF_NAMES))
        everyone = bool(names & _EVERYONE)
        task = task.rstrip(" ;,.")
        if not ctx.from_owner and not (mine or everyone):
            # Another's step is what the rules make of it said outright: the writer's own ("Me:
            # send the contract to you") is owed to the owner, a third person's mostly no one's.
            sender = bool(names & _SELF_NAMES) or low == first_name(ctx.other).lower()
            return self._bullet_as(bullet, f"I'll {_uncap(task)}." if sender else f"{who} will {_uncap(task)}.", ctx)
        if ctx.from_owner and not mine:
            kind, said = "waiting", f"{who}, please {_uncap(task)}."
        elif ctx.from_owner:
            kind, said = "commitment", f"I'll {_uncap(task)}."
        else:
            kind, said = "request", f"Please {_uncap(task)}."
        items = self._bullet_as(bullet, said, ctx, kind)
        if kind == "waiting":
            for item in items:  # the one it is given to, named or not among the recipients
                item.title = re.sub(r"^Follow up with [^:]+:", f"Follow up with {_cap(who)}:", item.title, count=1)
        if items or len(task.split()) < 2 or not (given or _is_step(task)):
            return items
        # A step the rules do not read as one ("Lukas: register update for Verifio") is still given
        # out by name.
        due, phrase = self._due(task, ctx)
        what = _clean_vp(task, phrase) or task
        due = due or self._due(bullet, ctx)[0]  # "... - Owner: Ada, due 30 May"
        if kind == "request":
            return [self._item(kind, _cap(what), bullet, ctx, due, "me")]
        if kind == "commitment":
            return [self._item(kind, _cap(what), bullet, ctx, due, "me")]
        return [self._item(kind, f"Follow up with {_cap(who)}: {_uncap(what)}", bullet, ctx, due, ctx.other.email)]

    def _bullet_as(self, bullet: str, said: str, ctx: _Ctx, kind: str | None = None) -> list[Item]:
        """The rules' items of ``said``, the sentence a bullet stands for, each quoting the bullet;
        only those of ``kind`` when given. The sentence classifier has no say here."""
        held, ctx.defer = len(ctx.held), True
        found = self._sentence_items(said, ctx)
        del ctx.held[held:]
        ctx.defer = False
        out = []
        for item in found:
            if kind is None or item.kind == kind:
                item.evidence = bullet
                out.append(item)
        return out

    @staticmethod
    def _name_the_list(items: list[Item], under: dict[str, tuple[str, list[str]]], ctx: _Ctx) -> list[Item]:
        """``items`` with each lead-in's ask settled by its list. When bullets of the list are
        items of their own, a lead-in's item that only points at them ("Please" of "Could you
        please:", "Reply to Carlos about..." of "What I need from you:", "Follow these steps") is
        dropped. When none is, the lead-in's ask is titled by the short things its bullets name
        ("Could you send me the following by Thursday:" -> "Send Maria the signed NDA and the W-9")."""
        out = []
        # The questions of a lead-in that asks for answers by a day ("I need your answers to the
        # following questions by 20 November:") are its one ask; "I have some questions please:"
        # asks each.
        asked = set()
        for item in items:
            lead = under.get(item.evidence)
            if lead is not None and item.kind in ("request", "waiting") and item.due and _ANSWERS_RE.search(item.evidence):
                asked |= {id(i) for i in items if i is not item and i.title.startswith("Answer ")
                          and any(t in i.evidence or i.evidence in t for t in lead[1])}
        items = [i for i in items if id(i) not in asked]
        for n, item in enumerate(items):
            lead = under.get(item.evidence)
            if lead is None or item.kind not in ("request", "waiting", "commitment"):
                out.append(item)
                continue
            things = lead[1]
            if lead[0] in ("need", "ask") and any(
                    later.kind == item.kind and _POINTS_AT_LIST_RE.search(later.evidence) for later in items[n + 1:]):
                continue  # "What I need from you: ... Please get these to me by Wednesday": the ask after it
            if any(t in i.evidence or i.evidence in t for t in things for i in items if i is not item):
                if not (vague(item.title) or item.title.startswith(("Reply to ", "Answer "))
                        or _LIST_ASK_RE.match(item.evidence) or under[item.evidence][0] == "need"):
                    out.append(item)
                continue
            out.append(item)
            if not things or any(len(t.split()) > 10 for t in things):
                continue
            names = [_uncap(t.rstrip(" ;,.")) for t in things]
            if len(names) > 4:
                names = [*names[:3], f"{len(names) - 3} more"]
            joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
            following = re.search(r"\bthe following(?: (?:items|documents|things|information|details|points))?\b",
                                  item.title, re.I)
            if following:
                item.title = f"{item.title[:following.start()]}{joined}{item.title[following.end():]}"
            elif item.title.startswith(("Reply to ", "Follow up with ", "Send ")) and (
                    item.title.count(":") == 0 or item.title.endswith(_uncap(item.evidence.rstrip(" :")))):
                item.title = (f"Send {first_name(ctx.other)} {joined}" if item.kind in ("request", "commitment")
                              else f"Follow up with {first_name(ctx.other)}: {joined}")
        return out

    @staticmethod
    def _added(held: list[Item], items: list[Item], seen: set[str]) -> list[Item]:
        """The sentence classifier's items that add to the rules' ``items``: none on words a rule
        item already quotes, none that repeats a title, and no second blocker. Held back until
        the rules have read the whole message, they change nothing the rules find: an added item
        cannot take a clause's place, be given a later sentence's deadline or end a thread of
        asks ("Sign-off on the action items by Friday." before "Would love your take before
        Thursday's review" once took the second ask as the first one's deadline)."""
        out: list[Item] = []
        for item in held:
            if any(item.evidence in i.evidence or i.evidence in item.evidence for i in items + out):
                continue
            if item.title.lower() in seen or (item.kind == "blocker" and any(i.kind == "blocker" for i in items + out)):
                continue
            seen.add(item.title.lower())
            out.append(item)
        return out

    @staticmethod
    def _need_then_ask(items: list[Item], text: list[str]) -> list[Item]:
        """A need stated, then asked for at once ("Grace still needs your share code before she can
        send the contract. Could you send it to me by Thursday?"): one piece of work, the ask. The
        need is dropped when the next item is an explicit ask of the same kind that points back at
        it (a pronoun, or two words of the need)."""
        def at(item: Item) -> int:
            return next((n for n, s in enumerate(text) if item.evidence in s), -1)

        out: list[Item] = []
        dropped: set[int] = set()
        for n, item in enumerate(items):
            if n in dropped:
                continue
            nxt = items[n + 1] if n + 1 < len(items) else None
            if (nxt is not None and nxt.kind == item.kind and item.kind in ("request", "waiting")
                    and 0 <= at(nxt) - at(item) <= 1 and nxt.evidence != item.evidence
                    and (_search(_WISH_RE, _WISH_KEYS, item.evidence, fold(item.evidence))
                         or _search(_NEED_FROM_RE, _NEED_FROM_KEYS, item.evidence, fold(item.evidence)))
                    and not _search(_ASK_RE, _ASK_KEYS, item.evidence, fold(item.evidence))
                    and _search(_ASK_RE, _ASK_KEYS, nxt.evidence, fold(nxt.evidence))
                    and (_POINTS_BACK_RE.search(nxt.evidence) or len(_words(item.evidence) & _words(nxt.evidence)) >= 2)):
                nxt.due = nxt.due or item.due  # ...by the need's day: "we need it by Friday. Could you chase them?"
                continue
            if (nxt is not None and nxt.kind == item.kind and item.kind in ("request", "waiting") and nxt.due
                    and 0 <= at(nxt) - at(item) <= 1 and nxt.evidence != item.evidence
                    and _DEADLINE_FOR_IT_RE.match(nxt.evidence)):
                # "Please push Civil Defence for a firm date; I need it by Wednesday at the latest":
                # the need that follows says when the thing just asked for is due.
                item.due = item.due or nxt.due
                dropped.add(n + 1)
            out.append(item)
        return out

    def _dated_by_next(self, items: list[Item], text: list[str], ctx: _Ctx) -> list[Item]:
        """An ask followed by a short sentence that only names its day ("Can you send the updated
        BOM? Ideally by Thursday.", "Geht das bis Donnerstag?"): the ask takes the day, and the day
        is no item of its own."""
        kept = list(items)
        for n, said in enumerate(text[1:], 1):
            if len(said.split()) > 8 or not _FOLLOW_UP_DAY_RE.match(said):
                continue
            asked = next((i for i in kept if i.kind in ("request", "waiting") and i.evidence in text[n - 1]), None)
            if asked is None:
                continue
            due = self._due(said, ctx)[0]
            if due is None:
                continue
            asked.due = asked.due or due
            kept = [i for i in kept if not (i is not asked and i.evidence in said)]
        return kept

    @staticmethod
    def _dated_asks(added: list[Item], items: list[Item], text: list[str]) -> list[Item]:
        """Items the sentence classifier adds, less a need that only dates the ask said just before
        it ("Please push them for a firm date; I need it by Wednesday"): that ask takes its day."""
        kept: list[Item] = []
        for extra in added:
            if extra.due and _DEADLINE_FOR_IT_RE.match(extra.evidence):
                at = next((n for n, s in enumerate(text) if extra.evidence in s), -1)
                near = {text[at]} | ({text[at - 1]} if at > 0 else set()) if at >= 0 else set()
                asked = next((i for i in reversed(items) if i.kind == extra.kind and any(i.evidence in s for s in near)), None)
                if asked is not None:
                    asked.due = asked.due or extra.due
                    continue
            kept.append(extra)
        return kept

    def flags(self, message: Message, owner: Owner, threshold: float = 0.3) -> bool:
        """The recall-oriented pass: might any sentence of ``message``'s examined text hold an
        item? True on a request-model probability of ``threshold`` or more, any rule cue of any
        kind (before the checks that veto one), a due phrase beside a verb, or a question to the owner; so a
        message it passes over is one the extractors would find nothing in."""
        from_owner = message.sender.email == owner.email.lower()
        text = examined_text(message)
        if self._steps_listed(text, _Ctx(message, owner, from_owner, message.sender)):
            return True
        for sentence in read_sentences(text):
            sentence = chat_reading(sentence)  # "ill send it tmrw" cues as "I'll send it tmrw" does
            parts = [sentence, *(_TRAILING_RE.sub("", p.strip()) for p in _CLAUSE_SPLIT_RE.split(sentence)[1:])]
            for part in parts:
                if self._cue(part, fold(part), from_owner, message, owner, threshold):
                    return True
        return False

    def _steps_listed(self, text: str, ctx: _Ctx) -> bool:
        """Whether ``text`` has a list whose lead-in or bullets say whose steps they are (see
        _listed): the recall pass lets such mail through, whatever its sentences say alone."""
        for head, kind, bullet in list_leads(text)[0].values():
            if kind in ("self", "assign", "blocker", "ask", "need"):
                return True
            if kind == "label" and self._takes_part(head.strip(" :"), ctx):
                return True
            m = _ASSIGNED_RE.match(_CHECKBOX_RE.sub("", bullet)) if kind in ("", "label") else None
            if m and self._takes_part(_who(m), ctx):
                return True
        return False

    def _cue(self, sentence: str, low: str, from_owner: bool, message: Message, owner: Owner,
             threshold: float) -> bool:
        if (_explicit_ask(sentence, low) or _search(_PROMISE_RE, _PROMISE_KEYS, sentence, low)
                or _search(_LET_ME_RE, _LET_ME_KEYS, sentence, low) or _search(_OWED_RE, _OWED_KEYS, sentence, low)
                or _bare(sentence, low) or _search(_BLOCKER_RE, _BLOCKER_KEYS, sentence, low) or self._caused(sentence, low)
                or _search(_WISH_RE, _WISH_KEYS, sentence, low) or _LET_KNOW_RE.search(sentence)):
            return True
        if not from_owner and sentence.rstrip().endswith("?"):
            return True
        if self.model.probability(sentence) >= threshold:
            return True
        due, _ = find_due(sentence, message.date, owner.tz, owner.last_workday)
        return due is not None and bool(_GATE_VERB_RE.search(sentence))

    def _sentence_items(self, sentence: str, ctx: _Ctx) -> list[Item]:
        """One item per promise when a sentence joins several ("I'll draft it tonight and will
        share it Monday"), each quoting its own clause and keeping its own due date; else the
        sentence's item, if any."""
        if (tongue := tongue_of(sentence)) is not None and (by_tongue := self._tongue(sentence, tongue, ctx)) is not None:
            return by_tongue  # Dutch, Portuguese, Italian or Spanish, read by its own patterns (see tongues)
        if (chat := chat_reading(sentence)) != sentence:
            return self._read_as(chat, sentence, ctx)
        if _LETS_DEFER_RE.match(sentence):
            return []  # "Let's regroup in January": the work is put off, nothing is asked now
        if _ASK_WORD_FIRST_RE.match(sentence):
            # "Tafadhali tuma the GRN copies by Friday", "Paki-check naman po yung draft": asked by its
            # Filipino or Swahili word of asking, whatever the English words after it would say.
            by_word = self._french(sentence, ctx)
            return [by_word] if by_word is not None else []
        low = fold(sentence)
        if ("work" in low or " is " in low or "suit" in low or "sound" in low) and (agreed := _AGREED_DAY_RE.match(sentence)) \
                and " or " not in agreed.group("day") and not names_a_date(agreed.group("rest")):
            # (The day agreed is a day and little else: not "The June 5 draft", "the version dated 3 March".)
            said = self._due(agreed.group("day"), ctx)[1]
            promised = re.sub(r"\s+then\s*$", "", agreed.group("rest").rstrip(), flags=re.I)
            if said and agreed.group("day").lower().find(said.lower()) <= 4 \
                    and not re.search(r"\b(?:dated|draft|version|letter|copy|invoice|contract|quote|plan|proposal)\b", agreed.group("day"), re.I):
                return self._read_as(f"{promised} {said}.", sentence, ctx)
        if not ctx.from_owner and "go ahead and " in low and (ahead := _GO_AHEAD_AND_RE.match(sentence)) is not None:
            return self._read_as(f"Please {ahead.group('step')}", sentence, ctx)
        if not ctx.from_owner and " come from " in low and (come := _COME_FROM_YOU_RE.match(sentence)) is not None:
            return self._read_as(f"Could you send me {_uncap(come.group('what'))}{come.group('rest')}?", sentence, ctx)
        if not ctx.from_owner and " need" in low and (bare_need := _BARE_NEED_RE.match(sentence.rstrip(" .!"))) is not None \
                and names_a_date(bare_need.group("by")):
            name = first_name(ctx.other) if ctx.other.email else "them"
            what = _swap(bare_need.group("what").rstrip(" ,"), {"me": name, "my": f"{name}'s", "us": name, "our": f"{name}'s"})
            return [self._item("request", f"Send {name} {what}", sentence, ctx, self._due(bare_need.group("by"), ctx)[0], "me")]
        if not ctx.from_owner and low.lstrip(" -*•").startswith(("if ", "and if ", "but if ", "so if ", "also if ", "please note")) \
                and (missed := _MISSED_BY_RE.match(sentence)) is not None and names_a_date(f"by {missed.group('when')}"):
            name = first_name(ctx.other) if ctx.other.email else "them"
            thing = _swap(_uncap(missed.group("thing")), {"our": f"{name}'s"})
            done = missed.group("done").lower()
            title = f"Get {thing} to {name}" if done in ("arrive", "come", "reach us") else f"Get {thing} {done}"
            return [self._item("request", title, sentence, ctx, self._due(f"by {missed.group('when')}", ctx)[0], "me")]
        if ":" in sentence[:48] and (topic := _TOPIC_LEAD_RE.match(sentence)) is not None \
                and len(sentence[topic.end():].split()) >= 3 and not names_a_date(topic.group("topic")):
            return self._read_as(sentence[topic.end():], sentence, ctx)
        if not ctx.from_owner and " your " in low and (decide := _NEED_YOUR_WORD_ON_RE.match(sentence)) is not None:
            # "For the 38 out-of-sequence, I need your decision if we will retain the logic or correct it"
            return self._read_as(f"Please tell me {decide.group('q').rstrip(' ,')}.", sentence, ctx)
        if not ctx.from_owner and " asks " in low and (relayed_thing := _RELAYED_THING_RE.match(sentence)) \
                and re.search(r"\b(?:you|your)\b(?! (?:help|support|patience|understanding|cooperation|attention)\b)",
                              relayed_thing.group("what"), re.I):
            # (Someone else's ask, told, is the owner's when it is of the writer's side or of the reader's
            # own thing: "the auditor asks for a signed letter. I will send you the draft" is not yet.)
            return self._read_as(f"Could you send me {relayed_thing.group('what').rstrip(' ,')}?", sentence, ctx)
        if not ctx.from_owner and " ask " in low and (asked_the := _ASK_YOU_THE_RE.match(sentence)):
            what = asked_the.group("what").rstrip(" ,")
            return self._read_as(f"Could you take care of {what}?", sentence, ctx)
        if not ctx.from_owner and " ask " in low and (asked_q := _ASK_YOU_WHICH_RE.match(sentence)):
            return self._read_as(f"Please tell me {asked_q.group('what').rstrip(' ,')}.", sentence, ctx)
        if not ctx.from_owner and " with " in low and (with_you := _WITH_YOU_NOW_RE.match(sentence)) \
                and not (names_a_date(sentence) and not re.search(r"\b(?:by|before|no later than)\b", sentence, re.I)) \
                and not re.match(r"(?:the |your )?signed\b", with_you.group("what"), re.I):
            return self._read_as(f"Could you act on {_uncap(with_you.group('what'))}?", sentence, ctx)
        if not ctx.from_owner and " is " in low and (cleft := _CLEFT_NEED_RE.match(sentence)):
            # "What I need is a date when this will be fixed": a need said as a cleft
            return self._read_as(f"Could you give me {cleft.group('what')}?", sentence, ctx)
        if not ctx.from_owner and " need" in low and (needed := _WILL_NEED_FROM_YOU_RE.match(sentence)) \
                and not (needed.group("why") and not re.match(r"\s+(?:by|before) then\b|\s+from (?:you|your)\b", sentence[needed.end("what"):], re.I)):
            # "I will also need a name from your side for the working group": what the writer needs
            # from the reader is asked of her, not promised.
            after = re.sub(r"^\s+(?:by|before) then\b", "", needed.group("rest"))  # (the day is the sentence's, before it)
            return self._read_as(f"Could you send me {needed.group('what')}{after}?".replace(" ?", "?"), sentence, ctx)
        if not ctx.from_owner and ("apprecia" in low or "grateful" in low or "thankful" in low or "glad to" in low) \
                and (receive := _APPRECIATE_RECEIVING_RE.search(sentence)):
            # "We would appreciate receiving these by Friday": an ask for them
            what = re.split(r",?\s+(?:so that|so|as|because|since|in order to|to enable)\s", receive.group("what"), maxsplit=1)[0]
            # (Not a list's lead-in, "...to receive the following:": its points are the asks.)
            if not what.lower().startswith("the following"):
                return self._read_as(f"Could you send us {what.rstrip(' ,:')}?", sentence, ctx)
            return []
        if not ctx.from_owner and " find it " in low and (helpful := _FIND_IT_HELPFUL_RE.search(sentence)):
            # "She would find it very helpful to have the panel questions in advance"
            return self._read_as(f"It would help to {helpful.group('verb')} {helpful.group('what')}", sentence, ctx)
        if not ctx.from_owner and (" that you" in low or " you to " in low or " that u" in low) \
                and (that := _NEED_THAT_YOU_RE.search(sentence)):
            # "We would need, please, that you send us two seal kits": an ask in another language's order
            return self._read_as(f"Could you {that.group('vp').rstrip(' ,')}?", sentence, ctx)
        if not ctx.from_owner and (" me to " in low or " us to " in low) and (nudge := _NUDGE_RE.search(sentence)):
            # ...read as the ask it carries
            asked = f"send me {nudge.group('thing')}" if nudge.group("thing") else nudge.group("act")
            return self._read_as(f"Could you {asked}?", sentence, ctx)
        if not ctx.from_owner and any(map(low.__contains__, (" asking ", " wondering ", " to know ", " chasing ", " asks "))) \
                and (relayed := _RELAYED_Q_RE.match(sentence)) \
                and not (relayed.group("by") and (not names_a_date(relayed.group("by")) or _ANYONE_RE.match(relayed.group("who")))):
            # ...read as asked, without the reason after it ("..., because last time the bay was blocked")
            q = re.split(r",?\s+(?:because|as|since|so that|so)\s", relayed.group("q"), maxsplit=1)[0].rstrip(" ,")
            if relayed.group("by"):
                # ("before Friday's meeting": before Friday; the meeting is no part of the question)
                q = f"{q} {_POSSESSIVE_TAIL_RE.sub('', relayed.group('by'))}"
            return self._read_as(f"Could you let me know {q}?", sentence, ctx)
        if any(map(low.__contains__, _CONSEQUENCE_KEYS)) and (tail := _CONSEQUENCE_RE.search(sentence)) and tail.start() >= 12:
            # "I'll need a yes or no by Wednesday or I'll have to release her": read without the threat.
            head = sentence[:tail.start()].rstrip(_TRAILING_CHARS + ",") + ("?" if sentence.rstrip().endswith("?") else ".")
            return self._read_as(head, sentence, ctx)
        if ("attach" in low or "enclos" in low or "pfa" in low) and (handed := _HANDED_LEAD_RE.match(sentence)) \
                and sentence[handed.end():].strip(" .!"):
            # "Note is attached, pls get it approved", "Attached is the quote, please approve it by Friday":
            # the thing goes with the mail, and the order after it is asked of the reader.
            thing = (handed.group("thing") or handed.group("thing2") or "").strip()
            if thing[:1].isupper() and thing[1:2].islower() and " " not in thing:
                thing = thing.lower()  # (the sentence's capital: "Note is attached")
            thing = _uncap(thing)
            after = sentence[handed.end():]
            if thing and not re.match(r"(?:the|our|my|a|an|this|these|your)\b", thing, re.I):
                thing = "the " + thing  # "Note is attached": the note
            if thing and len(thing.split()) <= 6:
                if re.search(r"\b(?:it|them)\b", after):
                    after = re.sub(r"\b(?:it|them)\b", thing, after, count=1)  # "pls get it approved": the note
                elif not re.search(r"\b(?:the|a|an|this|these|those|your|my|our|his|her|their)\b", after, re.I) and len(after.split()) <= 5:
                    after = after.rstrip(" .!") + " " + thing + "."  # "kindly sign and return": the agreement
            return self._read_as("Please " + after, sentence, ctx)
        if "," in sentence[:40] and (polite := _POLITE_LEAD_RE.match(sentence)) \
                and (order := _match(_IMPERATIVE_RE, sentence[polite.end():])) and order.start("vp") == 0:
            return self._read_as("Please " + sentence[polite.end():], sentence, ctx)
        if "lmk" in low and (lmk := re.search(r"(?:^\W*|[,;]\s*|\b(?:and|also|pls|please|just|so)\s+)(?P<lmk>lmk)\b(?=\s+(?:which|what|when|"
                                              r"who|whether|if|how|where|your|asap|by|before|the|pls|please|about|once|thoughts|feedback)\b)",
                                              sentence, re.I)):
            # "lmk which slot works": "let me know", as chat writes it
            return self._read_as(sentence[:lmk.start("lmk")] + "let me know" + sentence[lmk.end("lmk"):], sentence, ctx)
        if low.lstrip()[:3] == "do " and (emphatic := _EMPHATIC_DO_RE.match(sentence)):
            return self._read_as("Please " + sentence[emphatic.end():], sentence, ctx)
        if " be " in low and (doing := _WILL_BE_DOING_RE.search(sentence)):
            plain = _DOING[doing.group("ing").lower()]
            return self._read_as(sentence[:doing.start("be")] + plain + sentence[doing.end("be"):], sentence, ctx)
        if " that " in low and (formal := _ASK_THAT_PASSIVE_RE.match(sentence)):
            return self._read_as(f"{_cap(formal.group('what'))} must be {formal.group('rest')}", sentence, ctx)
        if "(" in sentence and (aside := _ASIDE_RE.search(sentence)):
            bare = sentence[:aside.start()] + sentence[aside.end():]
            items = self._read_as(bare, sentence, ctx) if len(bare.split()) >= 3 else []
            inner = aside.group("inner").strip()
            # The aside's own item counts with a day of its own: "(I'll return them Friday)" is a
            # promise, "(I'll keep the spares)" says why.
            return items + [i for i in self._sentence_items(inner, ctx)
                            if i.due and names_a_date(inner) and not any(i.title.lower() == j.title.lower() for j in items)]
        if "," in sentence[:40] and (note := _NOTE_LEAD_RE.match(sentence)) and sentence[:note.end()].rstrip()[-1:] in ",:–—-" \
                and len(sentence) - note.end() >= 8:
            # "Please understand, we need the signed form by Friday": the lead-in is no clause of its own.
            return self._read_as(sentence[note.end():], sentence, ctx)
        if low.startswith(("if ", "should ", "in case ")) and (told := _IF_THEN_TELL_RE.match(sentence)) is not None \
                and not names_a_date(told.group("rest")):
            # "If there is a charge, please let me know and I will raise a purchase order": asked, and
            # promised, only if something happens (see _courtesy_or_away); none of its clauses is work.
            return []
        # Every split is at an "and", "but", "then" or ";" (_CLAUSE_SPLIT_KEYS): most sentences have none.
        if ((any(map(low.__contains__, _CLAUSE_SPLIT_KEYS)) or ("," in low and (" by " in low or " before " in low)))
                and len(clauses := _clauses(sentence)) > 1):
            found: list[Item] = []
            borrowed: list[Item] = []  # items of a clause read with the first one's "I" or "we"
            before = ctx.before
            for part, read in clauses:
                item = self._classify(read, ctx)
                if found and found[-1].due is None and found[-1].kind in ("request", "waiting") \
                        and _DEADLINE_FOR_IT_RE.match(part):
                    # "Please chase the hotel for the rooming list; I need it by Wednesday": the need
                    # dates the ask before it, and is no item of its own.
                    found[-1].due = self._due(part, ctx)[0]
                    continue
                if item is not None and read != part and re.match(r"(?:i|we) will\b", read, re.I) \
                        and re.match(r"will\b|(?:send|share|forward|e-?mail|deliver|bring|get|return|post)\b", part, re.I):
                    borrowed.append(item)
                ctx.before = part  # the clause a later one's "it" may stand for
                if item is not None:
                    if part != read and names_a_date(part):
                        # "..., so you'll have the photos Fri and the descriptions tmrw": a clause
                        # read with the sentence's lead-in keeps its own day, not the lead-in's.
                        item.due = self._due(part, ctx)[0] or item.due
                    own_due, own_phrase = self._due(part, ctx)
                    if found and found[-1].due and _TIME_ONLY_RE.match(own_phrase):
                        # "The budget will be with you tomorrow morning, and the form I'll drop off
                        # before noon": an hour alone is of the day named before it, at its own time.
                        item.due = found[-1].due[:10] + (own_due[10:] if own_due and "T" in own_due else "")
                    item.evidence = part
                    if found and found[-1].kind == item.kind and _REFERS_BACK_RE.match(part):
                        # "...and send them round on Friday": "them" is what the clause before made.
                        item.title = _named_back(item.title, found[-1].title)
                    found.append(item)
            ctx.before = before
            if (len(found) == 2 and found[0].kind == found[1].kind and found[0].kind in ("waiting", "commitment")
                    and (_SENDS_IT_ON_RE.match(found[1].evidence)
                         or ((_SENDS_IT_BACK_RE.match(found[1].evidence)
                              or (_HANDS_OUTCOME_RE.match(found[1].evidence)
                                  # (handed over no earlier than the work is done: "I'll call Tom on Monday and get
                                  # back to you Friday" is two, the second before the first)
                                  and not (found[0].due and found[1].due and found[1].due[:10] < found[0].due[:10])))
                             and not _GOT_DONE_BY_RE.search(found[0].evidence)))):
                # "I will ask Minh to download the statement tonight and send you tomorrow": the thing
                # got, then sent, is one piece of work, due when it is sent.
                found[0].due = found[1].due or found[0].due
                found[0].evidence = sentence
                return found[:1]
            if len(found) > 1 and all(i.kind == found[0].kind for i in found) and len({i.title for i in found}) == 1:
                # "we will prepare a draft for your review; you will receive it early next week": one
                # thing, quoted whole.
                found[0].due = found[0].due or next((i.due for i in found if i.due), None)
                found[0].evidence = sentence
                return found[:1]
            if (len(found) == 2 and all(i.kind == "request" for i in found) and found[0].title.startswith(("Pay ", "Submit your "))
                    and _UNPAID_REMINDER_RE.match(found[0].evidence) and re.search(r"\b(?:it|them|this|that)\b", found[1].evidence, re.I)):
                # "Just a reminder that the invoice is still outstanding, so please settle it by
                # Friday": one bill to pay, by the ask's day, quoted whole.
                found[0].due = found[1].due or found[0].due
                found[0].evidence = sentence
                return found[:1]
            # (A wish to know is explicit too, but says why when a question follows it.)
            outright = [i for i in found if i.evidence.rstrip().endswith("?")
                        or (_explicit_ask(i.evidence, fold(i.evidence)) and not _WANTS_TO_KNOW_RE.search(i.evidence))]
            if (len(found) > 1 and len(outright) == 1 and all(i.kind == "request" for i in found)
                    and all(i is outright[0] or i.title.startswith("Reply to ") or _WANTS_TO_KNOW_RE.search(i.evidence)
                            or (found.index(i) < found.index(outright[0])
                                and _search(_WISH_RE, _WISH_KEYS, i.evidence, fold(i.evidence)))
                            for i in found)):
                # "For the scavenging we need to know which machines you use, can you tell me the
                # model?", "The lender needs the valuation by Friday, so could you send the report
                # before then?": the need says why the ask is made; one ask, quoted whole.
                one = outright[0]
                one.due = one.due or next((i.due for i in found if i.due), None)
                one.evidence = sentence
                return [one]
            if len(found) > 1:
                # "We'd need the plan as well as the map by Monday": a date that closes a list of
                # things asked holds for each of them.
                if all(i.kind == "request" for i in found) and found[-1].due:
                    for i in found:
                        i.due = i.due or found[-1].due
                return found
            if len(found) == 1:
                # "Let me know tonight if ok and I'll bring the element": one clause is an ask alone,
                # the other a promise only with the sentence's date. The whole sentence's item of
                # another kind is the other clause's.
                whole = self._classify(sentence, ctx)
                rest = [part for part, _ in clauses if part != found[0].evidence]
                if whole is not None and whole.kind != found[0].kind and len(rest) == 1:
                    if not self._read_in(whole, rest[0]) or _courtesy_or_away(rest[0], fold(rest[0])):
                        return found  # the whole sentence's reading is the found clause's, again
                    whole.evidence = rest[0]
                    return [found[0], whole]
                if (whole is not None and whole.kind == found[0].kind and whole.kind in ("commitment", "waiting")
                        and ";" in sentence and found[0].evidence in sentence.split(";", 1)[0]):
                    # "I'll make the intro tomorrow; the proposal is on track for next Wednesday":
                    # the clause before the semicolon keeps its own day.
                    return found
                if (whole is None and found[0].kind in ("waiting", "commitment") and found[0].due
                        and (_OWN_PROMISE_CLAUSE_RE.match(found[0].evidence) or _match(_NAMED_PROMISE_RE, found[0].evidence))
                        and not _JOINT_PLAN_RE.match(sentence)):
                    # "..., so I start the histology Tuesday and you'll have the new counts by end of
                    # next week": a dated promise in a clause of its own stands however the rest reads.
                    return found
                if (whole is None and found[0].kind == "request" and " to " in sentence and _ACTION_ITEM_RE.match(sentence)
                        and _explicit_ask(found[0].evidence, fold(found[0].evidence))):
                    # "Marketing to send the banners by Friday, could you approve the copy?": someone
                    # else's line, then an ask of the reader's own.
                    return found
                if whole is None and found[0] in borrowed and found[0].kind in ("waiting", "commitment"):
                    # "I've asked Jürgen for the labels and will forward them as soon as they land":
                    # the promise is the second clause's, told with the first one's "I"; its "it" is
                    # the thing the first clause ends on ("I've read the contract and will sign it").
                    found[0].evidence = sentence
                    found[0].title = _named_last(found[0].title, clauses[0][0])
                    return found
                if (whole is None and found[0].kind == "request" and len(clauses) == 2 and found[0].evidence == clauses[1][0]
                        and _LEAVE_IT_RE.match(clauses[0][0])
                        and (found[0].due or re.search(r"\b(?:you|your|u)\b", found[0].evidence, re.I))):
                    # "Feel free to ignore the rest, but I really need the headcount plan from you by
                    # Thursday": leave given for the rest does not swallow the ask after it, when the ask
                    # is the reader's or has its day ("..., but I'd love a sunny day for the picnic" is a wish).
                    return found
                if (whole is None and found[0].kind in ("request", "waiting") and len(clauses) == 2
                        and found[0].evidence == clauses[1][0]
                        and re.search(r",\s*(?:so|but)\s+" + re.escape(clauses[1][0][:12]), sentence, re.I)
                        and (order := _match(_IMPERATIVE_RE, clauses[1][0])) is not None and order.start("vp") == 0):
                    # "Jonathan signs, but send it to me first": the order after the comma stands alone.
                    return found
                if whole is None and found[0].evidence not in sentence.split(";", 1)[0]:
                    # "Julie is pulling the list now; you'll have it Thursday": a clause after a
                    # semicolon stands as a sentence of its own.
                    return found
                if (whole is None and found[0].kind in ("commitment", "waiting") and len(clauses) == 2
                        and found[0].evidence == clauses[1][0] and _ATTACHED_NOW_RE.search(clauses[0][0])):
                    # "The PDF is attached, and the original will be sent by DHL tomorrow": what goes with
                    # the mail, then what follows it; the promise stands.
                    return found
                if (whole is not None and whole.kind == found[0].kind and found[0].kind in ("request", "waiting")
                        and found[0].due and found[0].due != whole.due and found[0].evidence == clauses[-1][0]
                        and re.search(r",\s*(?:so|therefore|hence|and so)\s+" + re.escape(found[0].evidence[:12]), sentence, re.I)):
                    # "Brenner needs our answer by Wednesday, so could you discuss it with the director by
                    # tomorrow?": the ask is the sentence's, by its own day, not by the day of the need it answers.
                    whole.due = found[0].due
                    if not vague(found[0].title):
                        whole.title = found[0].title
                    return [whole]
        item = self._classify(sentence, ctx)
        return [item] if item is not None else []

    def _read_as(self, text: str, sentence: str, ctx: _Ctx) -> list[Item]:
        """The items of ``sentence`` read as ``text``, its words recast or cut; an item that quotes
        all of ``text``, or words the sentence does not hold, quotes the whole sentence."""
        held = len(ctx.held)
        items = self._sentence_items(text, ctx)
        # Items held while the rules read the message quote as the others do.
        for got in items + ctx.held[held:]:
            if got.evidence in (text, text[:-1]) or got.evidence not in sentence:
                got.evidence = sentence
        return items

    @staticmethod
    def _read_in(item: Item, clause: str) -> bool:
        """Whether the words an item's title ends on come from ``clause``: "Follow up with Daan:
        have both" is not read in "I'll be the speaker myself"."""
        return bool(_words(item.title.rsplit(": ", 1)[-1]) & _words(clause))

    def is_request(self, sentence: str) -> bool:
        """Does this sentence, written to the owner, ask the owner to act or answer?"""
        low = fold(sentence)
        return not _not_an_ask(sentence, low) and self._asks(sentence, low)

    def _probability(self, sentence: str) -> float:
        """``self.model.probability(sentence)``, kept for the last sentence read."""
        read = self._p_read
        if read is None or read[1] != sentence or read[0] is not self.model:
            read = self._p_read = (self.model, sentence, self.model.probability(sentence))
        return read[2]

    def _best_act(self, sentence: str) -> tuple[str, float]:
        """``self.kinds.best(sentence)``, kept for the last sentence read."""
        read = self._act_read
        if read is None or read[1] != sentence or read[0] is not self.kinds:
            read = self._act_read = (self.kinds, sentence, self.kinds.best(sentence))
        return read[2]

    def _added_act(self, sentence: str, question: bool) -> str | None:
        """The act the sentence classifier is sure enough of to add an item the rules missed, or
        None. Both cut-offs were chosen leaving one development week out (``python -m
        agent.extractors.train_kinds --lowo``): ``add_at`` 0.95 for a promise or a blocker and
        0.99 for an ask, since the request model already reads asks. Lower cut-offs bought no F1
        and cost precision. A question is only ever an ask."""
        act, p = self._best_act(sentence)
        if act == "none" or p < (max(self.add_at, _ASK_ADD_AT) if act == "ask" else self.add_at):
            return None
        return None if question and act != "ask" else act

    def _asks(self, sentence: str, low: str) -> bool:
        """``is_request`` for a sentence already known to be no courtesy, away note or marketing. German and
        French small talk asks nothing (see _FOREIGN_CHAT); it is looked for last, as few sentences ask."""
        return self._asks_plainly(sentence, low) and not _search(_FOREIGN_CHAT_RE, _FOREIGN_CHAT_KEYS, sentence, low)

    def _asks_plainly(self, sentence: str, low: str) -> bool:
        """:meth:`_asks` before the small talk is ruled out."""
        if _held(_RHETORICAL_RE, _RHETORICAL_KEYS, sentence, low):
            return False
        if _holds_any(low, _FR_NOT_ASK_KEYS) and _FR_NOT_ASK_RE.search(sentence):
            return False  # "Peux-tu croire qu'il neige déjà ?", "Bitte beachten Sie...": as _french reads them
        if len(sentence) < 60 and _SMALL_TALK_RE.match(sentence):
            return False
        if _REMINDED_RE.match(sentence):
            return True  # "Don't forget to send the signed copy back by Monday", whatever the model makes of "don't"
        if "?" in sentence and " or " in low and len(sentence.split()) >= 5 and _YOU_OR_RE.search(sentence):
            return True  # see _YOU_OR_RE
        if "?" in sentence and len(sentence.split()) >= 4 and (_CONFIRM_TAG_RE.search(sentence) or _WH_TO_YOU_RE.search(sentence)
                                                                or _LEAVE_ASKED_RE.match(sentence)):
            return True  # see _CONFIRM_TAG_RE and _WH_TO_YOU_RE
        if len(sentence) <= 80 and _BARE_ORDER_RE.match(sentence):
            return True  # see _BARE_ORDER_RE
        p = self._probability(sentence)
        # An explicit ask counts unless the model finds it very unlike one ("can you believe...");
        # anything else needs the model's confidence. Both cut-offs were chosen by 5-fold
        # cross-validation of the whole extractor on the training split (agent.extractors.train).
        if p >= self.threshold:
            # ...and, said as a plain statement, some word of asking: the model alone took "We're so
            # lucky to have you" and "Mr Kern will be at your reception on Monday" for asks.
            return ("?" in sentence or _held(_ASK_CUE_RE, None, sentence, low) or bool(_ORDER_OPENS_RE.match(sentence))
                    or bool(_FORMAL_ASK_RE.search(sentence)))
        if not _explicit_ask(sentence, low):
            return False
        if p >= self.rule_floor or _FORMAL_ASK_RE.search(sentence) or _RELAYED_ASK_RE.search(sentence):
            # (A formal letter's "you are requested to..." asks whatever the model makes of its words.)
            return True
        # A short order of a piece of work, first in the sentence, with what it acts on: "Bring the
        # incident timeline.", "sign the cover sheet", "Update the tracker by Friday". The model,
        # trained on sentences where bare orders are mostly marketing, finds these unlike asks.
        if len(sentence) <= 120 and _WORK_ORDER_RE.match(sentence):
            return True
        # ...and so does a polite order to answer or act, with its day: "Kindly revert by 12 noon"
        if len(sentence) <= 120 and _POLITE_ORDER_RE.match(sentence) and names_a_date(sentence):
            return True
        # An order of the reader's own thing with its day ("Submit your claim before Friday") is an
        # ask whatever the model makes of its words.
        if _YOUR_RE.search(sentence) and names_a_date(sentence) and (imp := _match(_IMPERATIVE_RE, sentence)) \
                and imp.start("vp") == 0:
            return True
        # A long tail that says why ("..., she has a different count and I don't want two numbers
        # in front of the board") drowns an explicit ask: the ask's own clause is read alone.
        head = _ASK_TAIL_RE.split(sentence, maxsplit=1)[0]
        if head != sentence and len(head) >= 15 and self.model.probability(head) >= self.rule_floor:
            return True
        # ...and so does the purpose said before it: "In order to list the mugs, fill in the sheet".
        imp = _match(_IMPERATIVE_RE, sentence)
        return bool(imp and imp.start("vp") > 0 and self.model.probability(sentence[imp.start("vp"):]) >= self.rule_floor)

    # -- classification ----------------------------------------------------------------------

    def _classify(self, sentence: str, ctx: _Ctx) -> Item | None:
        """The item one sentence yields, read whole, else (when it opens on a greeting or a name,
        "Hey Ada, send me the deck") the order after it."""
        item = self._read_sentence(sentence, ctx)
        if item is not None and item.kind == "blocker" and (("if " in sentence.lower() and _IF_CHOSEN_RE.match(sentence))
                                                             or (_PAST_HOLDUP_RE.search(sentence)
                                                                 and not _STILL_HELD_RE.search(sentence))):
            return None  # see _IF_CHOSEN_RE and _PAST_HOLDUP_RE
        if item is None and ("," in sentence[:40] or "!" in sentence[:40]) and len(sentence) <= 400:
            order = self._greeted_order(sentence, ctx)
            if order:
                item = self._read_sentence(order, ctx)
        return item

    def _read_sentence(self, sentence: str, ctx: _Ctx) -> Item | None:
        if len(sentence) < 8 or len(sentence) > 400:
            return None
        if _IF_SO_RE.match(sentence):
            return None  # see _IF_SO_RE
        if ("give" in sentence.lower() and _TIME_ASKED_RE.search(sentence) and not _search(_ASK_RE, _ASK_KEYS, sentence, fold(sentence))
                and not _search(_PROMISE_RE, _PROMISE_KEYS, sentence, fold(sentence))):
            return None  # see _TIME_ASKED_RE
        if " have " in sentence and _ALREADY_YOURS_RE.match(sentence):
            return None  # see _ALREADY_YOURS_RE
        if not ctx.from_owner and "@" in sentence and self._sends_data_out(sentence, ctx):
            return None  # see _DATA_OUT_RE
        if not ctx.from_owner and " as " in sentence and _UNCHECKED_RE.search(sentence):
            return None  # see _UNCHECKED_RE
        if ("/" in sentence or len(sentence.split()) < 2) and _HEADING_RE.match(sentence):
            return None  # "Schedule / Level 3 pour", "Schedule": a heading names no work (a "/" or one word)
        if _NOTHING_NEEDED_RE.match(sentence):
            return None  # see _NOTHING_NEEDED_RE
        if ("ignore" in sentence or "disregard" in sentence) and _IGNORE_ASK_RE.match(sentence):
            return None  # see _IGNORE_ASK_RE
        # Signatures, disclaimers and stock lines recur from message to message: a sentence once
        # proven to yield nothing is not read again.
        key = (sentence, ctx.from_owner)
        quiet = self._quiet_seen.get(key)
        if quiet is None:
            if len(self._quiet_seen) >= _QUIET_KEPT:
                self._quiet_seen.clear()
            quiet = self._quiet_seen[key] = self._quiet(sentence, ctx.from_owner)
        if quiet:
            return None
        if _greeting_or_signoff(sentence):
            return None
        if _SAYS_WHAT_FOLLOWS_RE.match(sentence):
            return None  # see _SAYS_WHAT_FOLLOWS_RE (read only once the sentence is known not to be quiet)
        low = fold(sentence)
        if _courtesy_or_away(sentence, low):
            return None
        note = _NOTE_LEAD_RE.match(sentence)
        if note and len(sentence) - note.end() >= 8:
            # "Please note that the portal closes Friday, so submit your claim before then": what
            # comes after "note" is read alone; "note that" is never the work.
            rest = sentence[note.end():]
            item = self._classify(rest, ctx)
            if item is not None and item.evidence == rest:
                item.evidence = sentence  # the quote is the sentence as written, "Please note that" and all
            if item is not None or not (_NOTED_DUTY_RE.search(rest) and names_a_date(rest)):
                return item
            # ...but a dated duty no rule reads alone ("interviews must be booked in the portal by
            # Monday") is read with its "note", and titled by the duty.
            item = self._their_sentence(sentence, low, ctx) if not ctx.from_owner else None
            if item is not None and item.kind == "request" and (lead := _NOTED_TITLE_RE.match(item.title)):
                item.title = _cap(item.title[lead.end():])
            return item
        action = _ACTION_ITEM_RE.match(sentence) if " to " in sentence else None
        acted = self._action_item(action, sentence, ctx) if action else None
        if action and (acted is None or acted.kind != "request"):
            return acted
        if ctx.from_owner:
            item = self._owner_sentence(sentence, low, ctx, *self._due(sentence, ctx))
        else:
            # Most of other people's sentences yield nothing, so their due date is found only when
            # an item needs it.
            item = self._their_sentence(sentence, low, ctx)
        if item is None and _foreign_hint(sentence):
            item = self._french(sentence, ctx)
        item = self._second_opinion(sentence, low, ctx, item)
        if acted is not None and (item is None or item.kind != "request"):
            # The owner named in another's line ("Ada to send the budget before the meeting"): the
            # rules' own reading when they have one (it keeps "before the meeting"), else the line's.
            return acted
        if item is not None and item.kind == "waiting" and not ctx.from_owner and self._not_owed(sentence, ctx):
            return None
        if item is not None and item.kind == "commitment" and ctx.from_owner and self._colleagues(sentence, ctx) \
                and not _OWNERS_SIDE_PROMISE_RE.match(sentence):
            return None
        return item

    def _action_item(self, m: re.Match[str], sentence: str, ctx: _Ctx) -> Item | None:
        """A line of minutes or a plan that names who does what ("Alder Finch to reissue the ceiling
        plan by 4/25", "Action: Ada to confirm the venue by Monday"): the owner's request when it
        names the owner, a waiting item when the owner names someone else or the writer names
        themself; else someone else's work, none of the owner's."""
        who = m.group("who")
        first = who.split()[0].lower()
        due, phrase = self._due(sentence, ctx)
        vp = _clean_vp(m.group("vp"), phrase)
        if not vp:
            return None
        if first == ctx.owner.first_name:
            if ctx.from_owner:
                return self._item("commitment", _cap(vp), sentence, ctx, due, "me") if due else None
            return self._item("request", _cap(vp), sentence, ctx, due, "me")
        if ctx.from_owner:
            return self._item("waiting", f"Follow up with {who}: {vp}", sentence, ctx, due, ctx.other.email or "them")
        if first == first_name(ctx.other).lower() and due:
            # The writer's own line counts as a promise does: with a day.
            return self._item("waiting", f"Follow up with {who}: {vp}", sentence, ctx, due, ctx.other.email)
        return None

    def _french(self, sentence: str, ctx: _Ctx) -> Item | None:
        """An ask or a dated promise in French, as colleagues in Quebec, France or Belgium write
        them ("Est-ce que tu peux me confirmer le montant ?", "je t'envoie ma lettre d'appui d'ici
        mercredi"): the rules above read English only. Titled by the sentence's own words."""
        name = first_name(ctx.other) if ctx.other.email else "them"
        clause = _SPACES_RE.sub(" ", sentence.strip().rstrip(" ?!."))
        # "hola Ada, ¿me puedes...": the greeting and the name are no part of what is asked.
        clause = _FOREIGN_GREETING_RE.sub("", clause) or clause
        if len(clause) > 90:
            clause = clause[:90].rsplit(" ", 1)[0] + "…"
        low = fold(sentence)
        blocked = _held(_ES_BLOCKER_RE, None, sentence, low)
        if blocked and not _FOREIGN_NO_WORK_RE.search(sentence) and not _POLICY_RE.search(sentence) and (
                not ctx.from_owner or _FOREIGN_READERS_RE.search(sentence)):
            # The owner's own only when the reader's part holds it up: "Ohne die Zahlen von dir kann
            # ich den Bericht nicht fertigstellen".
            return self._item("blocker", f"Unblock {name}: {clause}" if not ctx.from_owner else f"Unblock: {clause}",
                              sentence, ctx, self._due(sentence, ctx)[0], ctx.other.email or "me")
        if (_held(_FR_ASK_RE, None, sentence, low) or (_held(_WANT_RE, None, sentence, low) and names_a_date(sentence))) \
                and not _not_asked(sentence) and (ctx.from_owner or not self._aimed_elsewhere(sentence, ctx)):
            # (Asked of someone else, in mail the owner is copied on, it is not hers: see _aimed_elsewhere.)
            due = self._due(sentence, ctx)[0]
            if ctx.from_owner:
                return self._item("waiting", f"Follow up with {name}: {clause}", sentence, ctx, due, ctx.other.email)
            title = f"Answer {name}: {clause}?" if sentence.rstrip().endswith("?") else f"Reply to {name}: {clause}"
            return self._item("request", title, sentence, ctx, due, "me")
        if not ctx.from_owner and not sentence.rstrip().endswith("?") and (third := _FOREIGN_THIRD_PROMISE_RE.match(sentence)):
            return self._item("waiting", f"Follow up with {name}: {clause}", sentence, ctx,
                              self._due(third.group(0), ctx)[0], ctx.other.email)
        promises = ([m for m in _FR_PROMISE_RE.finditer(sentence) if names_a_date(m.group(0))]
                    if not _HEREWITH_RE.search(sentence) else [])
        if not promises and not sentence.rstrip().endswith("?") and not _FOREIGN_IF_RE.match(sentence):
            # The general forms, dated anywhere in their clause ("Morgen schicke ich Ihnen...").
            # (What comes with the mail is sent, not promised: "Weiter erhalten Sie in der Beilage...")
            promises = ([m for m in _MORE_PROMISE_RE.finditer(sentence)
                         if names_a_date(sentence[_clause_start(sentence, m.start()):m.end()])]
                        if not _HEREWITH_RE.search(sentence) else [])
            if promises:
                # Titled by the whole clause: its thing or day may come first ("le bon de commande
                # vous sera adressé lundi", "Morgen schicke ich Ihnen die Zeichnung").
                m = promises[-1]
                start = _clause_start(sentence, m.start())
                what = _SPACES_RE.sub(" ", sentence[start:m.end()].strip(" ,;:"))
                due = self._due(sentence[start:m.end()], ctx)[0]
                if ctx.from_owner:
                    return self._item("commitment", _cap(what), sentence, ctx, due, "me")
                return self._item("waiting", f"Follow up with {name}: {what}", sentence, ctx, due, ctx.other.email)
        if not promises and not sentence.rstrip().endswith("?") and not _FOREIGN_IF_RE.match(sentence) \
                and (ctx.from_owner or _FOREIGN_YOU_RE.search(sentence)):
            # Undated, a promise needs the future said outright ("Ich werde die Erklärung vorbereiten",
            # "je vais vous transmettre le rapport") or a trigger ("Ich schick's dir weiter, sobald es da
            # ist"), as "I'll..." is in English: the present alone may be "herewith" ("Je vous transmets le
            # devis"). Another's promise is the owner's to wait on when it speaks to the reader.
            undated = [m for rx in (_FR_PROMISE_RE, _MORE_PROMISE_RE) for m in rx.finditer(sentence)
                       if (_FOREIGN_FUTURE_RE.search(m.group(0)) or _FOREIGN_TRIGGER_RE.search(sentence)
                           or (ctx.from_owner and _DE_FRONTED_RE.match(sentence, _clause_start(sentence, m.start()))))
                       and not _FOREIGN_HABIT_RE.search(sentence)]
            if undated and not _HEREWITH_RE.search(sentence):
                m = undated[-1]
                start = _clause_start(sentence, m.start())
                what = _SPACES_RE.sub(" ", sentence[start:m.end()].strip(" ,;:"))
                if ctx.from_owner:
                    return self._item("commitment", _cap(what), sentence, ctx, None, "me")
                return self._item("waiting", f"Follow up with {name}: {what}", sentence, ctx, None, ctx.other.email)
        if promises:
            # Of several ("j'intègre tes corrections lundi et je te renvoie la version mardi"), the
            # last: what reaches the reader.
            m = promises[-1]
            due = self._due(m.group(0), ctx)[0]
            what = _SPACES_RE.sub(" ", m.group("what").strip(" ,;:"))
            if ctx.from_owner:
                return self._item("commitment", _cap(what), sentence, ctx, due, "me")
            return self._item("waiting", f"Follow up with {name}: {what}", sentence, ctx, due, ctx.other.email)
        return None

    def _tongue(self, sentence: str, tongue: Tongue, ctx: _Ctx) -> list[Item] | None:
        """A Dutch, Portuguese, Italian or Spanish sentence read by its language's patterns (see tongues): a
        blocker, an ask (the owner's: what she waits on) and a promise, at most one of each, each
        titled by the clause it is in. None when they find nothing in a line that is half English
        ("Could you de vendor questionnaire invullen vóór de audit?"): the English rules read it."""
        if (pieces := _INVERTED_OPENING_RE.split(sentence)) and len(pieces) > 1:
            # "Estamos pensando en una batería. ¿Nos podría mandar el precio?": two sentences the
            # splitter left whole (a question mark opens the second), each read as its own.
            found_in = [self._tongue(piece, tongue, ctx) for piece in pieces]
            if all(f is None for f in found_in):
                return None
            return [item for f in found_in if f for item in f]
        if tongue.not_work.search(sentence):
            return []
        name = first_name(ctx.other) if ctx.other.email else "them"
        called = None if ctx.from_owner else _CALLED_RE.match(sentence)
        if called and called.group(1).lower() not in _owner_names(ctx.owner) and called.group(1).lower() not in INTERJECTIONS \
                and called.group(1).lower() not in tongue.markers and not tongue.ask.match(called.group(1)):
            return []  # "Sanne, wil jij de notulen sturen?": asked of someone else in mail the owner reads
        found: list[Item] = []
        parts = clauses(sentence, tongue)
        # What is done already says nothing to do ("Ik heb de notaris gebeld, die past het morgen aan":
        # the second clause still promises), unless it is asked about.
        live = [c for c in parts if tongue.ask.search(c) or not tongue.past.search(c)]
        if any(tongue.blocker.search(c) for c in live):
            what = _short(sentence)
            found.append(self._item("blocker", f"Unblock: {what}" if ctx.from_owner else f"Unblock {name}: {what}", sentence,
                                    ctx, self._due(sentence, ctx)[0], ctx.other.email or "me"))
        # (A lead-in asks nothing by itself: the list under it says what is asked, see _listed.)
        asked = promised = sentence.rstrip().endswith(":")
        for clause in live:
            if not asked and tongue.ask.search(clause) and (ctx.from_owner or not self._aimed_elsewhere(sentence, ctx)):
                asked = True
                due, what = self._due(clause, ctx)[0], _short(clause.lstrip("¿¡"))
                if ctx.from_owner:
                    found.append(self._item("waiting", f"Follow up with {name}: {what}", sentence, ctx, due, ctx.other.email))
                else:
                    title = f"Answer {name}: {what}?" if clause.rstrip().endswith("?") else f"Reply to {name}: {what}"
                    found.append(self._item("request", title, sentence, ctx, due, "me"))
            elif (not promised and not clause.rstrip().endswith("?") and tongue.promise.search(clause)
                  and not tongue.blocker.search(clause) and not tongue.herewith.search(clause)):
                due = self._due(clause, ctx)[0]
                if due or tongue.future.search(clause) or tongue.to_reader.search(clause) or tongue.strong.search(clause):
                    promised = True
                    what = _short(clause)
                    if ctx.from_owner:
                        found.append(self._item("commitment", _cap(what), sentence, ctx, due, "me"))
                    else:
                        found.append(self._item("waiting", f"Follow up with {name}: {what}", sentence, ctx, due,
                                                ctx.other.email))
        if not found and (english_words(sentence) >= 2 or tongue.defers):
            return None
        return found

    @staticmethod
    def _sends_data_out(sentence: str, ctx: _Ctx) -> bool:
        """Does ``sentence`` ask for the business's data or secrets to go to an address outside the
        owner's domain ("Action: Ada to email the full customer list to leads@harvest-data.example",
        "forward the payroll export to audit-desk@..."), whoever it comes from? A hijacked colleague's
        mailbox asks this way; such a sentence is no work to put in the brief."""
        m = _DATA_OUT_RE.search(sentence)
        return m is not None and m.group("host").lower() != ctx.owner.email.rpartition("@")[2].lower()

    @staticmethod
    def _colleagues(sentence: str, ctx: _Ctx) -> bool:
        """"Inès will send you the booking confirmation today", "Emre from our solutions team will
        get them to you": in the owner's mail, a colleague's promise the owner passes on, not the
        owner's own work."""
        m = _COLLEAGUE_PROMISE_RE.match(sentence)
        # "..., you should have both by Friday": what the owner says the reader will get is the owner's;
        # and "Slides will be with you by the 20th" names a thing, not a colleague.
        return (m is not None and m.group("who").lower() not in (ctx.owner.first_name or "").lower().split()
                and m.group("who").lower() not in _DELIVERABLES
                and not _OWN_WORD_RE.search(sentence, m.end()))

    def _not_owed(self, sentence: str, ctx: _Ctx) -> bool:
        """A promise in someone else's mail that is owed to someone else: made to the person in To
        when the owner is only copied ("We'll then send you the execution version"), or a plan the
        writer shares with a colleague ("Rania and I will run the batch")."""
        # ...but "Ben and I will have the final list to you by Wednesday" is owed to the reader.
        return ((bool(_JOINT_PLAN_RE.match(sentence)) and not _to_reader(sentence)) or self._aimed_elsewhere(sentence, ctx)
                or self._third_party_plan(sentence, ctx))

    @staticmethod
    def _third_party_plan(sentence: str, ctx: _Ctx) -> bool:
        """See _THIRD_PARTY_PLAN_RE: a plan between others, unless it speaks to or of the owner."""
        m = _THIRD_PARTY_PLAN_RE.match(sentence)
        if m is None or _YOU_RE.search(sentence):
            return False
        first = ctx.owner.first_name
        return not (first and re.search(rf"\b{re.escape(first)}\b", sentence, re.I))

    def _quiet(self, sentence: str, from_owner: bool) -> bool:
        """True when ``_classify`` returns None for this sentence whatever the message around it
        (date, names, recipients): each check mirrors a rule's path to an item, and a sentence is
        quiet only when every path is closed by the sentence alone. False means "read it"."""
        if _greeting_or_signoff(sentence):
            return True
        if " to " in sentence and _ACTION_ITEM_RE.match(sentence):
            return False  # _action_item
        low = fold(sentence)
        if _foreign_hint(sentence) and (_held(_FR_ASK_RE, None, sentence, low) or _FR_PROMISE_RE.search(sentence)
                                              or (not from_owner and _FOREIGN_THIRD_PROMISE_RE.match(sentence))
                                              or _held(_ES_BLOCKER_RE, None, sentence, low) or _held(_MORE_PROMISE_RE, None, sentence, low)
                                              or _held(_WANT_RE, None, sentence, low)):
            return False  # _french
        if " hear " in low and _HEAR_FROM_RE.search(sentence):
            return False  # _owner_sentence, _their_sentence: "you'll hear from me Thursday"
        if _courtesy_or_away(sentence, low):
            return True
        question = sentence.rstrip().endswith("?")
        marketing = None
        if from_owner:
            # _owner_sentence: owed and bare promises need a match and no question; a promise a
            # match, no question and no leading "if"; a follow-up any ask.
            if not question and (_search(_OWED_RE, _OWED_KEYS, sentence, low) or _bare(sentence, low)
                                 or ((" to " in sentence or " from me " in sentence) and _TO_YOU_THING_RE.match(sentence))
                                 or _match(_OWNER_BLOCKER_RE, sentence) or _OWNER_STUCK_RE.match(sentence)
                                 or self._caused(sentence, low) or _match(_SHIPPING_RE, sentence)
                                 or _match(_PRESENT_PROMISE_RE, sentence)):
                return False
            promise = _search(_PROMISE_RE, _PROMISE_KEYS, sentence, low) or _search(_LET_ME_RE, _LET_ME_KEYS,
                                                                                    sentence, low)
            if promise and not question and not re.match(r"^\s*if\b", sentence, re.I):
                return False
            if _held(_ASK_RE, _ASK_KEYS, sentence, low) or (not question and _match(_IMPERATIVE_RE, sentence)):
                return False
            if not question and _DATED_ORDER_RE.match(sentence) and names_a_date(sentence):
                return False  # _owner_sentence: "Hold the pump for Monday"
            if question and _owner_question(sentence, low):
                return False
            if not question and (self._owner_wish(sentence, low) or (" need " in low and _OWNER_NEED_RE.match(sentence))):
                return False
            if not question and "wait" in low and _OWNER_CHASE_RE.search(sentence):
                return False  # _owner_sentence: "I'm still waiting for the signed NDA from you"
            if not question and (" want " in low or " need " in low) and _OWNER_WANTS_DONE_RE.match(sentence):
                return False  # _owner_sentence: "I want the pump stripped and the bearings bagged"
            if not question and " will " in low and " you" in low and _OWNERS_SIDE_PROMISE_RE.match(sentence):
                return False  # _owner_sentence: "Karthik from my team will call you tomorrow" (work for the reader)
        else:
            if (" your " in low or " with you " in low) and _AWAITS_YOU_RE.match(sentence):
                return False  # _their_sentence: "The contract is ready for your signature"
            # _their_sentence, in its order: a blocker always yields; owed, bare and promised
            # items need a match and no question; a wish needs its match (and, as a question,
            # "can we get"); a request needs _asks.
            if _held(_BLOCKER_RE, _BLOCKER_KEYS, sentence, low) or self._caused(sentence, low):
                return False
            if not question:
                # Each of these yields only with a due date (which no context gives a sentence
                # that names none), or with "from me" / a "you" in the sentence itself.
                owed = _search(_OWED_RE, _OWED_KEYS, sentence, low)
                if owed and (_FROM_ME_RE.search(owed.group("what")) or names_a_date(sentence)):
                    return False
                if _bare(sentence, low) and (names_a_date(sentence) or _ON_EVENT_RE.search(sentence)):
                    return False
                if _match(_SHIPPING_RE, sentence) or (_match(_PRESENT_PROMISE_RE, sentence) and names_a_date(sentence)):
                    return False
                if " be " in low and _READY_ON_RE.match(sentence) and names_a_date(sentence):
                    return False  # _their_sentence: "The result will be available on Monday"
                if ("slip" in low or "move" in low or " be " in low) and _SLIPS_TO_RE.match(sentence):
                    return False  # _their_sentence: "the term sheet will slip to next Wednesday"
                if " be " in low and _EVENT_ON_RE.match(sentence) and names_a_date(sentence):
                    return False  # _their_sentence: "The delivery to your site will be on December 15"
                if _match(_NAMED_PROMISE_RE, sentence) and names_a_date(sentence):
                    return False
                if _search(_REMINDER_RE, _REMINDER_KEYS, sentence, low):
                    return False
                if _search(_LET_ME_RE, _LET_ME_KEYS, sentence, low) and names_a_date(sentence):
                    return False  # _their_sentence: "Let me circle back on the plan by Wednesday"
                if (" to " in sentence or " from me " in sentence) and _TO_YOU_THING_RE.match(sentence) and names_a_date(sentence):
                    return False  # _their_sentence: "Revised quote over to you tomorrow"
                if "you" in low and _FRONTED_OWED_RE.match(sentence) and names_a_date(sentence):
                    return False
                promise = _search(_PROMISE_RE, _PROMISE_KEYS, sentence, low)
                if promise and (re.search(r"\b(you|your)\b", sentence, re.I) or names_a_date(sentence)
                                or _hands_over(promise.group("vp"))
                                or _EVENT_DEADLINE_RE.search(promise.group("vp"))):
                    return False
            if not question and ((_holds_any(low, _IF_YOU_OK_KEYS) and _IF_YOU_OK_RE.match(sentence))
                                 or (_holds_any(low, _ASKED_WHETHER_KEYS) and _ASKED_WHETHER_RE.search(sentence))
                                 or (_search(_DUE_STATEMENT_RE, _DUE_STATEMENT_KEYS, sentence, low)
                                     and (names_a_date(sentence) or _FROM_AN_EVENT_RE.search(sentence)))):
                return False
            marketing = _held(_MARKETING_RE, _MARKETING_KEYS, sentence, low)
            if not marketing and not question and "reminder" in low and _UNPAID_REMINDER_RE.match(sentence):
                return False  # _their_sentence: "Just a reminder that the October invoice is still outstanding"
            if not marketing:
                if not (_held(_ASK_RE, _ASK_KEYS, sentence, low) or _search(_NEED_FROM_RE, _NEED_FROM_KEYS,
                                                                             sentence, low)):
                    # (Searched for its groups only where it is found at all.)
                    w = _search(_WISH_RE, _WISH_KEYS, sentence, low) if _held(_WISH_RE, _WISH_KEYS, sentence, low) else None
                    if w and not (question and not w.group("what3")):
                        return False
                if self._asks(sentence, low):
                    return False
                if question and _match(_CHOICE_Q_RE, sentence) and _owner_question(sentence, low):
                    return False
        # _second_opinion on a sentence the rules found nothing in.
        if self._added_act(sentence, question) is None:
            return True
        if marketing is None:
            marketing = _held(_MARKETING_RE, _MARKETING_KEYS, sentence, low)
        return bool(marketing or _held(_RHETORICAL_RE, _RHETORICAL_KEYS, sentence, low) or _match(_CONDITION_RE, sentence)
                    or "click" in low or "http" in low)

    def _second_opinion(self, sentence: str, low: str, ctx: _Ctx, item: Item | None) -> Item | None:
        """The sentence classifier's say on a sentence the rules found nothing in: an item, when it
        is sure of the act. It never drops a rule item: as a veto it cost more recall on the
        held-out request sentences than it bought precision."""
        if item is not None:
            return item
        act = self._added_act(sentence, sentence.rstrip().endswith("?"))
        if act is None:
            return None
        if (_held(_MARKETING_RE, _MARKETING_KEYS, sentence, low) or _held(_RHETORICAL_RE, _RHETORICAL_KEYS, sentence, low)
                or _match(_CONDITION_RE, sentence) or "click" in low or "http" in low):
            return None
        if act == "promise" and ctx.from_owner and (re.match(r"\W*(?:his|her|their)\b", sentence, re.I) or _REPORTS_RE.match(sentence)):
            return None  # "Sam says ProGate will have the spec today": another's word, passed on by the owner
        if act == "promise" and _AUTOMATIC_RE.search(sentence):
            return None  # "The invoice will be generated automatically at month end": see _AUTOMATIC_RE
        if act == "promise" and _HEDGED_RE.search(sentence):
            return None  # "Your lawyer will probably call you tomorrow": a guess, no one's promise
        if act == "blocker" and _DISCLAIMER_RE.search(sentence):
            return None  # a disclaimer of liability holds up no one's work
        if act == "promise" and not names_a_date(sentence):
            return None  # (as below: no date, no promise; said first, as it is cheaper than reading the date)
        due, phrase = self._due(sentence, ctx)
        # As with the rules, a promise counts only with a date: "I'll walk the team through it" is
        # a plan, not a piece of work to track.
        if act == "promise" and not due:
            return None
        name = first_name(ctx.other) if ctx.other.email else "them"
        # Without a greeting or an apology before it ("Hi Sam, our IT team will send...", "Sam,
        # apologies: the term sheet will slip..."), and a thing that slips is titled by the thing.
        said = _LEAD_IN_RE.sub("", _VOCATIVE_RE.sub("", sentence)) or sentence
        what = _clean_vp(_PROMISER_RE.sub("", _SLIPS_RE.sub("", said)), phrase).rstrip(".! ")
        if not what or _refused_as_the_rules_would(act, what, sentence, ctx):
            return None
        if ctx.from_owner:
            if act == "promise":
                return self._hold(self._item("commitment", _cap(_swap(what, {"you": name, "your": f"{name}'s"})),
                                             sentence, ctx, due, "me"), ctx)
            if act == "ask" and ctx.other.email:
                return self._hold(self._item("waiting", f"Follow up with {name}: {what}", sentence, ctx, due,
                                             ctx.other.email), ctx)
            return None
        added: Item | None
        if act == "blocker":
            added = self._item("blocker", f"Unblock: {what}", sentence, ctx, due, ctx.other.email)
        elif act == "promise":
            # Their words, in the owner's: "our IT team will send..." is Dana's team.
            theirs = _swap(what, {"our": f"{name}'s", "my": f"{name}'s", "us": name})
            added = self._item("waiting", f"Follow up with {name}: {theirs}", sentence, ctx, due, ctx.other.email)
        elif self._aimed_elsewhere(sentence, ctx):
            return None
        else:
            added = self._request(sentence, low, ctx)
        return self._hold(added, ctx)

    @staticmethod
    def _hold(item: Item | None, ctx: _Ctx) -> Item | None:
        """``item``, or None with the item held in ``ctx`` while the rules read the message."""
        if item is not None and ctx.defer:
            ctx.held.append(item)
            return None
        return item

    @staticmethod
    def _only_a_time(text: str | None, ctx: _Ctx) -> bool:
        """Is ``text`` (what a "until" waits for) a day or time and little else: "Thurs pm", "Monday"?"""
        if not text:
            return False
        due, phrase = EmbeddedExtractor._due(text, ctx)
        return due is not None and len(text.strip()) - len(phrase) <= 6

    @staticmethod
    def _due(sentence: str, ctx: _Ctx, work: bool = True) -> tuple[str | None, str]:
        sent, tz, last_workday = ctx.msg.date, ctx.owner.tz, ctx.owner.last_workday
        known = ctx.dues.get((sentence, work))
        if known is not None and known[0] == sent and known[1] is tz and known[2] == last_workday:
            return known[3]
        due = find_due(sentence, sent, tz, last_workday, work)
        ctx.dues[(sentence, work)] = (sent, tz, last_workday, due)
        return due

    def _item(self, kind: str, title: str, sentence: str, ctx: _Ctx, due: str | None, owner: str) -> Item:
        msg = ctx.msg
        other = ctx.other
        if kind == "waiting" and ctx.from_owner and (called := _CALLED_RE.match(sentence)):
            # "Paul, please price under CO-07" in mail to Gerry and Paul: it is Paul's to do.
            named = next((a for a in msg.to + msg.cc if a.email != other.email
                          and first_name(a).lower() == called.group(1).lower()), None)
            if named is not None:
                other = named
                title = re.sub(r"^Follow up with [^:]+:", f"Follow up with {first_name(named)}:", title, count=1)
                owner = named.email if owner == ctx.other.email else owner
        if due is None and kind in ("commitment", "waiting") and _DONE_NOW_RE.search(sentence):
            due = ctx.msg.date.astimezone(ctx.owner.tz).date().isoformat()  # "Will email Wayne now."
        if kind == "blocker" and vague(title):
            title = _blocked_title(sentence, ctx)
        elif kind in ("waiting", "commitment") and (vague(title) or _NO_OBJECT_RE.match(title.rpartition(": ")[2])):
            head, colon, core = title.rpartition(": ")
            what = ""
            if f := _FRONTED_RE.match(sentence):
                # "The final figures I'll send you tomorrow": what is sent was said first.
                what = f"{f.group('verb').lower()} {_uncap(f.group('obj'))}"
            elif (f := _FRONTED_ANY_RE.match(sentence)) and len(said := (core if colon else title).split()) <= 2 \
                    and said[0].lower() == f.group("verb").split()[0].lower() and not names_a_date(f.group("obj")):
                what = f"{' '.join(f.group('verb').lower().split())} {_uncap(f.group('obj').strip())}"
            elif _PRONOUN_THING_RE.match(core if colon else title) and (
                    p := _search(_PROMISE_RE, _PROMISE_KEYS, ctx.before, fold(ctx.before))):
                # "We'll prepare the draft. You'll receive it early next week.": "it" is the promise before.
                what = _clean_vp(p.group("vp"), "")
                what = "" if vague(what) else what
                renamed = _named_back(core if colon else title, what)
                if (what and renamed.lower() != (core if colon else title).lower() and not vague(renamed)
                        and not re.match(r"(?:you )?(?:it|them|this|that|these|those)\b", core if colon else title, re.I)):
                    # "...and I'll sign it by Friday": the verb stays, "it" is the thing before ("Sign the contract").
                    what = _uncap(renamed) if colon else renamed
            if what:
                title = f"{head}{colon}{what}" if colon else _cap(what)
        # "It would be great if you could also sign the permit": the title is "Sign the permit".
        title = _FILLER_START_RE.sub(lambda m: m.group(1) + (m.group(2) if m.group(1) else m.group(2).upper()), title,
                                     count=1)
        at = 0
        for _ in range(3):  # (each name in turn: "Ask Dr" -> "Ask Dr. Smith and Eng" -> "...Eng. Patel to review the design")
            if not ((cut := _TITLE_CUT_RE.search(title)) and (surname := re.compile(
                    rf"\b{cut.group(1)}\.\s+([A-Z][\w'’-]+)([^.!?;]*)").search(sentence, at))):
                break
            # "...to Mr" -> "...to Mr. Hendriks", and what the sentence goes on with after the name, its day
            # left out: "Send Eng" -> "Send Eng. Hossam the revised rates"
            more = _clean_vp(surname.group(2), find_due(surname.group(2), msg.date, ctx.owner.tz,
                                                        ctx.owner.last_workday)[1]) if surname.group(2).strip() else ""
            more = _DANGLING_DUE_RE.sub("", more).strip()  # ("...on or before 25 Nov": its "on" too)
            title = f"{title[:cut.start(1)]}{cut.group(1)}. {surname.group(1)}" + (f" {more}" if more else "")
            at = surname.end(1)
        return Item(
            kind=kind, title=_whole_number(title, sentence), evidence=sentence, due=due, owner=owner,
            counterparty=other.email, thread_id=msg.thread_id,
            source={"message_id": msg.message_id, "subject": msg.subject, "from": msg.sender.email,
                    "date": msg.date.isoformat()},
        )

    @staticmethod
    def _caused(sentence: str, low: str) -> str | None:
        """The problem that holds work up, when the sentence says one as the cause of work that
        cannot go on (see _CAUSED_RE); None otherwise, and for a policy or a question."""
        if not _holds_any(low, _CAUSED_KEYS) or not _holds_any(low, _CAUSED_CUES) or sentence.rstrip().endswith("?"):
            return None
        m = _CAUSED_RE.search(sentence)
        if m is None or _POLICY_RE.search(sentence):
            return None
        cause = next(g for g in (m.group("cause"), m.group("cause2"), m.group("cause3"), m.group("cause4"), m.group("cause5"),
                                 m.group("cause6"), m.group("cause7")) if g).strip(" ,")
        # The reader's own thing at fault ("the leg from your pool is missing the Form 1, so we
        # can't fit it") is the reason for an ask, not a block on someone else's work.
        return None if re.search(r"\b(?:your|yours|you)\b", cause, re.I) else cause

    def _owner_sentence(self, sentence: str, low: str, ctx: _Ctx, due: str | None, phrase: str) -> Item | None:
        if (" says " in low or " said " in low or " tells me " in low or " told me " in low) and _REPORTS_RE.match(sentence) \
                and not _OWN_WORD_AFTER_RE.search(sentence):
            return None  # "Sam at Tixora says ProGate will have the spec by today": news passed on, no promise of hers
        if " or " in low and _TIMES_OFFERED_RE.match(sentence):
            return None  # "I can do the Step 1 meeting Monday at 10 or Tuesday afternoon": times offered, none taken yet
        name = first_name(ctx.other) if ctx.other.email else "them"
        question = sentence.rstrip().endswith("?")
        if due and not question and " hear " in low and _HEAR_FROM_RE.search(sentence):
            return self._item("commitment", f"Get back to {name}", sentence, ctx, due, "me")
        blocked = None if question else (_match(_OWNER_BLOCKER_RE, sentence) or _OWNER_STUCK_RE.match(sentence))
        waited = (blocked.group("what") or blocked.groupdict().get("what0") or "") if blocked else ""
        if blocked and not self._only_a_time(waited, ctx):
            what = _clean_vp(waited, phrase) or sentence
            return self._item("blocker", f"Unblock: {what}", sentence, ctx, due, ctx.other.email or "me")
        if not question and (caused := self._caused(sentence, low)) is not None:
            return self._item("blocker", f"Unblock: {_clean_vp(caused, phrase) or sentence}", sentence, ctx, due,
                              ctx.other.email or "me")
        if not question and (named := _OWNERS_SIDE_PROMISE_RE.match(sentence)) is not None:
            # The owner promising for someone on her side: "Tuan will install it Thursday", "Sian
            # will send you the local rules by the 18th". A day says it is a promise, not news.
            due, phrase = self._due(sentence, ctx)
            who = named.group("who")
            readers = {first_name(a).lower() for a in ctx.msg.to}  # (a colleague copied in is often the one named)
            if (due and who.split()[0].lower() not in _NOT_NAMES | readers | _DELIVERABLES | {"he", "she", "they", ctx.owner.first_name}
                    and who[:1].isupper() and not who.lower().startswith(("our ", "my ", "a ", "an ", "the ", "your "))):
                vp = _clean_vp(named.group("vp"), phrase)
                if vp and not _VAGUE_RE.match(vp):
                    return self._item("commitment", f"{who} to {_swap(vp, {'you': name, 'your': name + chr(39) + 's'})}",
                                      sentence, ctx, due, "me")
        o = None if question else _search(_OWED_RE, _OWED_KEYS, sentence, low)
        # "Depending on your bank you should see it within five days", "you should see parity
        # restored by tonight": what the reader will see is an outcome, no work of the owner's.
        seen = bool(o and sentence[:o.start("what")].rstrip().lower().endswith(" see"))
        if o and not seen and o.start("what") > 20:
            # "They have the concept on Monday, so you get the script Wednesday": the day said with what is owed.
            part = sentence[o.start("what"):]
            if names_a_date(part):
                due, phrase = self._due(part, ctx)
        owed = "" if seen else self._owed(sentence, low, due, phrase)
        if owed and not question:
            # "you should get it from me" -> "Send it to Sam", not "Send Sam it"
            said = f"send {owed} to {name}" if re.match(r"(it|them)\b", owed, re.I) else f"send {name} {owed}"
            title = _cap(_swap(said, {"you": name, "your": f"{name}'s"}))
            return self._item("commitment", title, sentence, ctx, due, "me")
        sent_thing = "" if question or not due else _thing_to_you(sentence)
        if sent_thing:
            # "Draft MAS response to you Wednesday noon", "Revised quote over to you tomorrow": a thing
            # the owner sends, its verb left out (not an order: no one is told to send a thing to themselves).
            return self._item("commitment", f"Send {name} {_clean_vp(sent_thing, phrase)}", sentence, ctx, due, "me")
        now = None if question or not due else _match(_PRESENT_PROMISE_RE, sentence)
        bare = (self._bare_promise(sentence, low, due, phrase, mine=True) or self._shipping(sentence, due, phrase, mine=True)
                or (_clean_vp(now.group("vp"), phrase) if now else ""))
        if bare:
            return self._item("commitment", _cap(_swap(bare, {"you": name, "your": f"{name}'s"})), sentence, ctx, due, "me")
        # The owner's direction to a colleague, its main clause first: "Start getting quotes so we
        # can decide", "Send me the numbers by Friday". Leave to go on ("go ahead and send it") is none.
        imp = (None if question or _PERMISSION_RE.match(sentence) or _ATTACHED_LABEL_RE.match(sentence)
               else _match(_IMPERATIVE_RE, sentence) or (_DATED_ORDER_RE.match(sentence) if due else None))
        if imp and ctx.other.email:
            vp = _uncap(_clean_vp(imp.group("vp"), phrase))
            if vp and not re.match(r"^(let me know if|tell me if|(?:pass|send) (?:on |along )?(?:your|our|my) (?:regards|thanks|"
                                   r"best|love))", vp, re.I):
                vp = _swap(vp, {"me": "you", "my": "your", "us": "you", "our": "your", "your": "their"})
                return self._item("waiting", f"Follow up with {name}: {vp}", sentence, ctx, due, ctx.other.email)
        m = _search(_PROMISE_RE, _PROMISE_KEYS, sentence, low) or _search(_LET_ME_RE, _LET_ME_KEYS, sentence, low)
        if m and re.match(r"(?:i|we) (?:can|could)\b", m.group(0), re.I) and (
                _PURPOSE_BEFORE_RE.search(sentence, 0, m.start())
                or re.search(r"\b(?:a|an|the|some|any|something|anything|one)\s+(?:[\w-]+\s+){0,2}$", sentence[:m.start()], re.I)):
            # "I need the levels this morning so I can issue the AI": a purpose, not a promise; "I
            # need an ETA I can give Rohan": what the thing is for
            m = None
        if m and not question and not re.match(r"^\s*if\b", sentence, re.I):
            vp = _clean_vp(m.group("vp"), phrase)
            if vp and not (_VAGUE_RE.match(vp) and not due and not _notice_on_event(m.group("vp"), mine=True)):
                if re.search(r"\b(i|we) can\b", m.group(0), re.I) and not due:
                    return None
                if (re.match(r"be\b", vp, re.I) and not due) or _AWAY_RE.match(vp) or _NO_WORK_VP_RE.match(vp):
                    return None  # "I'll be around to help" is a plan; "I'll be in Fri morning to sign for it" work
                title = _cap(_swap(vp, {"you": name, "your": f"{name}'s"}))
                return self._item("commitment", title, sentence, ctx, due, "me")
        a = _search(_ASK_RE, _ASK_KEYS, sentence, low)
        if a and ctx.other.email:
            groups = a.groupdict()
            vp = _uncap(_clean_vp(groups.get("vp") or groups.get("vp2") or groups.get("vp3") or "", phrase))
            if vp and not re.match(r"^(let me know if|tell me if|hesitate|feel free|(?:pass|send) (?:on |along )?(?:your|our|my) "
                                   r"(?:regards|thanks|best|love))", vp, re.I):
                vp = _swap(vp, {"me": "you", "my": "your", "us": "you", "our": "your", "your": "their"})
                return self._item("waiting", f"Follow up with {name}: {vp}", sentence, ctx, due,
                                  ctx.other.email)
        # The owner's dated need of a thing the reader delivers: "We need the signed change order by
        # Wednesday noon", "I'll need the receipts from your bookkeeper by the 20th".
        need = None if question or not due or not ctx.other.email or " need " not in low else _OWNER_NEED_RE.match(sentence)
        if need:
            what = _swap(_clean_vp(need.group("what"), phrase), {"your": "their", "me": "you", "my": "your", "us": "you",
                                                                  "our": "your"})
            if len(what.split()) >= 2 or (what and not _VAGUE_RE.match(what)):
                return self._item("waiting", f"Follow up with {name}: {what}", sentence, ctx, due, ctx.other.email)
        # The owner's order of a thing put in a state, dated or not: "I want the LH mag plug rechecked and
        # the result sent straight to me", "I need the pump stripped and the bearings bagged for the OEM".
        if not question and ctx.other.email and (" want " in low or " need " in low) \
                and (state := _OWNER_WANTS_DONE_RE.match(sentence)) is not None:
            what = _swap(_clean_vp(state.group("what"), phrase), {"your": "their", "me": "you", "my": "your", "us": "you",
                                                                   "our": "your"})
            if len(what.split()) >= 3:
                return self._item("waiting", f"Follow up with {name}: get {what}", sentence, ctx, due, ctx.other.email)
        # The owner's chase of what the reader owes, dated or not: "I'm still waiting for the signed
        # NDA from you", "We are still awaiting your invoice".
        if not question and ctx.other.email and (chase := _OWNER_CHASE_RE.search(sentence)) and chase.group("what") is None:
            on = _clean_vp(chase.group("on") or "", phrase).strip()
            on = _swap(on, {"your": "their", "me": "you", "my": "your", "us": "you", "our": "your"})
            return self._item("waiting", f"Follow up with {name}: their answer{' ' + on if on else ''}", sentence, ctx, due,
                              ctx.other.email)
        if not question and ctx.other.email and chase and chase.group("what") is not None \
                and re.search(r"\bfrom (?:you|u|your (?:side|end|team|office))\b|^your\b|"
                              r"\b(?:you|u)(?:'d|’d| said| promised| were going to| mentioned| offered)\b",
                              chase.group("what"), re.I):
            what = _swap(_clean_vp(_FROM_YOU_RE.sub("", chase.group("what")), phrase),
                         {"your": "their", "me": "you", "my": "your", "us": "you", "our": "your"})
            if len(what.split()) >= 2:
                return self._item("waiting", f"Follow up with {name}: {what}", sentence, ctx, due, ctx.other.email)
        # The owner's dated wish of the reader's part: "Would love your answer before our Tuesday sync".
        if not question and due and ctx.other.email and (what := self._owner_wish(sentence, low)):
            what = _swap(_clean_vp(what, phrase), {"your": "their", "me": "you", "my": "your", "us": "you", "our": "your"})
            if len(what.split()) >= 2:
                return self._item("waiting", f"Follow up with {name}: {what}", sentence, ctx, due, ctx.other.email)
        if question and ctx.other.email and _owner_question(sentence, low):
            what = _SPACES_RE.sub(" ", _TRAILING_RE.sub("", sentence.rstrip("?! ")))
            return self._item("waiting", f"Follow up with {name}: {_uncap(what)}?", sentence, ctx, due,
                              ctx.other.email)
        return None

    @staticmethod
    def _owner_wish(sentence: str, low: str) -> str:
        """What the owner wishes of the reader ("I'd love your feedback by Friday" -> "your
        feedback by Friday"), or "": only a wish put as "would" of a thing that is the reader's."""
        w = _search(_WISH_RE, _WISH_KEYS, sentence, low)
        if w is None:
            return ""
        what = (w.group("what10") or w.group("what21")
                # "Need your view by Wednesday": a need of the reader's part, its subject left out
                or (w.group("what2") if re.match(r"^\W*(?:(?:and|also|so|still|really|ok|okay),?\s+)?needs?\b", sentence, re.I)
                    else None)
                or (w.group("what") if (w.group("modal") or "").strip() in ("'d", "would") else None))
        if what and (re.match(r"your\b", what, re.I) or w.group("what21")):
            return what  # ...or a need said plainly, which the caller takes only with its day
        # "I'd be grateful for a steer before the end of next week": a thing only the reader gives.
        g = _GRATEFUL_FOR_RE.search(sentence)
        return g.group("what") if g else ""

    @staticmethod
    def _bare_promise(sentence: str, low: str, due: str | None, phrase: str, mine: bool = False) -> str:
        """What a promise without its subject commits to ("will send it over tomorrow", "will forward
        it to you as soon as it comes"), or "". ``mine``: the owner's own mail (see _ON_EVENT_RE)."""
        b = _bare(sentence, low)
        if not b or sentence.rstrip().endswith("?"):
            return ""
        # ...from another, to the reader: "Will confirm as soon as we have a date" names no one
        event = (not due and bool(b.group("vp")) and _notice_on_event(b.group("vp"), mine)
                 and (mine or _to_reader(sentence)))
        if not due and not event:
            return ""
        if b.group("frag") and (len(b.group("frag").split()) > 6 or _explicit_ask(sentence, low)
                                or _search(_WISH_RE, _WISH_KEYS, sentence, low)
                                or _search(_BLOCKER_RE, _BLOCKER_KEYS, sentence, low)
                                or _DATED_ORDER_RE.match(b.group("frag"))):
            return ""  # "Send me the numbers by Friday" is an order, "X requires your sign-off" a need
        if b.group("done") and _AUTOMATIC_RE.search(sentence):
            return ""  # see _AUTOMATIC_RE
        if b.group("ing") and (_search(_NEED_FROM_RE, _NEED_FROM_KEYS, sentence, low) or _search(_ASK_RE, _ASK_KEYS, sentence, low)):
            return ""  # "I am finishing the claim and for this I need from you the list": work of theirs, and an ask
        if b.group("frag"):
            return f"deliver {_uncap(_clean_vp(b.group('frag'), phrase))}"
        vp = (b.group("vp") or (f"{b.group('ing')} {b.group('rest')}" if b.group("ing") else
              f"have {b.group('done')} {b.group('pp')}" if b.group("done") else
              f"send {b.group('what').lower() if b.group('what').lower() in _DELIVERABLES else b.group('what')}"))
        vp = _clean_vp(vp, phrase)
        return "" if not vp or (_VAGUE_RE.match(vp) and not event) else vp

    @staticmethod
    def _shipping(sentence: str, due: str | None, phrase: str, mine: bool = False) -> str:
        """What a sentence says is on its way ("Samples going in the post tmrw"), or ""."""
        m = _match(_SHIPPING_RE, sentence) if not sentence.rstrip().endswith("?") else None
        if not m or not (m.group("done") or any(w in _DELIVERABLES for w in m.group("what").lower().split())
                         or (re.search(r"\b(?:ship|shipped|dispatched|leave)\b", m.group("plan") or "", re.I)
                             and m.group("head").lower() not in ("they", "it", "team", "he", "she", "release", "feature", "version",
                                                                 "update", "app", "build", "fix", "product", "patch")
                             and not _OBJECT_AFTER_RE.match(m.group("rest")))):
            # "Replacement lid", "the parcel": a thing sent; "the team", "spring" are not; but what
            # ships or leaves the factory is goods ("the 3 lathes will leave our factory on 25 February")
            return ""
        if m.group("plan") and m.group("plan").startswith(("come", "arrive")) and m.group("head").lower() == "they":
            return ""  # "I called the service, they come Thursday": people come, things are sent
        if mine and re.search(r"\b(?:his|her|their)\s+$", sentence[max(0, m.start("what") - 8):m.start("what")], re.I):
            return ""  # "His signed report will follow on Monday": in the owner's mail, his to send, not hers
        if (m.group("plan") and m.group("plan").startswith(("come", "arrive"))
                and re.search(r",\s*so\s+(?:i|we)\b", sentence[m.end("plan"):], re.I)):
            return ""  # "The parts arrive Monday, so I start on Tuesday": what reaches the writer, for their own plan
        if re.search(r"(?:,\s*|\s+)(?:so|and so|which means)\s+(?:(?:i|we)(?:'ll|’ll| will| would| 'd|'d|’d)?\s+(?:really\s+|also\s+)?"
                     r"(?:need|needs|require)\b|(?:could|can|would|will) you\b|please\b|kindly\b)",
                     sentence[m.end("what"):], re.I):
            return ""  # "The board pack goes out Monday, so I'll need your section by Friday": the ask is the point
        if (re.search(r"\b(?:board (?:deck|pack|papers|packet|book|report|update|minutes)|investors? (?:update|letter|report|deck|"
                      r"newsletter)s?|shareholder letter|press release|newsletter|announcement|all-hands (?:email|memo|note))\b",
                      m.group("what"), re.I)
                and not re.search(r"\b(?:you|your|u)\b", sentence, re.I)):
            return ""  # "Board deck goes out Thursday evening": to its audience, not owed to the reader
        if not due and not (m.group("way") and m.group("head").lower() not in ("it", "they")):
            return ""
        if (m.group("head").lower() == "they" and (m.group("plan") or "").lower().endswith("ship")
                and _OBJECT_AFTER_RE.match(m.group("rest"))):
            # "They will ship our order this Friday": who ships, not what is shipped; what they
            # ship is the work, and never the owner's when the owner tells of it.
            return "" if mine else _clean_vp(f"ship{m.group('rest')}", phrase)
        what = _uncap(m.group("what"))
        what = what.lower() if what.lower() in _DELIVERABLES else what  # "Slides will be with you..."
        return f"send {what}" if what.lower() not in ("it", "they") else f"deliver {'them' if what.lower() == 'they' else what}"

    @staticmethod
    def _owed(sentence: str, low: str, due: str | None, phrase: str) -> str:
        """What a sentence says the reader will get ("you'll have the pricing from me Friday"),
        or "" when it says nothing owed, with neither a due date nor "from me"."""
        o = _search(_OWED_RE, _OWED_KEYS, sentence, low)
        if not o or not (due or _FROM_ME_RE.search(o.group("what"))):
            return ""
        what = _clean_vp(_FROM_ME_RE.sub("", o.group("what")), phrase)
        if not what and (f := _FRONTED_OWED_RE.match(sentence)):
            what = _clean_vp(_uncap(f.group("obj")), phrase)  # "The full export you'll get tomorrow": the thing came first
        return "" if _VAGUE_RE.match(what) else what

    def _wish(self, sentence: str, low: str, ctx: _Ctx) -> Item | None:
        """A request put as a need or a wish, from someone else to the owner."""
        w = _search(_WISH_RE, _WISH_KEYS, sentence, low)
        # Only "can we get...?" asks by a question; a question of need is rhetorical.
        if not w or (sentence.rstrip().endswith("?") and not w.group("what3")):
            return None
        needed = w.group("what2") or (w.group("what24") and re.sub(r"\s+from us\b", "", w.group("what24"), flags=re.I))
        if (needed and (f := _FROM_OTHERS_RE.search(needed))
                and not (ctx.owner.first_name and needed[f.end() - 1:].lower().startswith(ctx.owner.first_name))):
            return None  # "Engineering needs the specs from design": a need between others
        if w.group("what") and _GET_IT_OUT_RE.search(sentence):
            return None  # see _GET_IT_OUT_RE
        if w.group("what") and re.match(r"(?:him|them|it)\b", w.group("what"), re.I) \
                and re.search(r"\b(?:not|no longer|never)\b|n't\b", sentence[:w.start("what")], re.I):
            return None  # "I don't think we need it signed before Monday"
        what = (w.group("what") or w.group("what2") or w.group("what3") or w.group("what4") or w.group("what5")
                or w.group("what6") or w.group("what7") or w.group("what8") or w.group("what9") or w.group("what10")
                or w.group("what11") or w.group("what12") or w.group("what13") or w.group("what15")
                or w.group("what16") or w.group("what17") or w.group("what18") or w.group("what19")
                or w.group("what21") or w.group("what22") or w.group("what24") or w.group("what25") or w.group("what28"))
        due, phrase = self._due(sentence, ctx)
        if (w.group("what22") or w.group("what24")) and (_HANDLED_RE.search(sentence) or _HAS_IT_RE.search(sentence)):
            return None  # "The customer wants a revised quote by Friday, and Tom is preparing it": someone has it
        if w.group("what24") and ((not due and not re.match(r"your (?:[\w-]+ )?(?:" + _YOUR_DELIVERABLE + r"|initials\b)\s+\w+\s+\w",
                                                              w.group("what24"), re.I))
                                  or _NEWS_RE.search(sentence) or w.group("who24").split()[-1].lower()
                                  == (ctx.owner.first_name or "").lower()):
            # Undated, told as news ("..., according to Reuters"), or the owner's own need: none.
            # ...but the reader's own act or thing, said with what it is on, is asked for with no day
            # too: "Sam wants your sign-off before anything goes to the pilot" (not "Tom wants your
            # feedback": on what?).
            return None
        if w.group("what19") and not (re.search(r"\byour\b", what, re.I) or w.group("welcome").startswith(("appreciated", "a "))
                                      or (due and phrase and phrase in what
                                          and re.search(r"\b(?:by|before|no later than|ahead of|in time for)\s", what, re.I))):
            return None  # "The new layout would be great": praise, unless it names the thing's day
        if w.group("what7") and re.match(r"(?:by|before|until|till|today|tomorrow|tonight)\b", what, re.I):
            # "I need to know by Friday so I can order": the answer to what was asked, by then
            due = due or self._due(sentence, ctx)[0]
            if due is None and re.match(r"(?:by|before) (?:[1-9]|1[0-2])(?::[0-5]\d)?(?:\s*[ap]\.?m\.?)?(?=\s+(?:so|as|because|and|or|if)\b|"
                                        r"\s*[,.!;]|\s*$)", what, re.I):
                due = ctx.msg.date.astimezone(ctx.owner.tz).date().isoformat()  # "before 3": by three today
            subject = _SUBJECT_PREFIX_RE.sub("", ctx.msg.subject).strip()
            return self._item("request", f"Reply to {first_name(ctx.other)} about {subject or 'their message'}", sentence, ctx,
                              due, "me")
        if w.group("what19") and w.start("what19") > 12 and re.match(
                r"(?:an? |your |the |some )?(?:quick |short |early |final )?(?:answers?|reply|replies|response|decision|word|"
                r"confirmation|yes or no|go-?ahead)\b", what, re.I):
            return None  # "..., so an answer before the release cut would be ideal": the day of an ask made before
        if w.group("what19"):
            what = what[0].lower() + what[1:]  # "A shorter version by Monday would be perfect" opens the sentence
        addressed = (bool(re.match(r"your\b", what, re.I)) or bool(w.group("what19") and re.search(r"\byour\b", what, re.I))
                     or bool(w.group("what3") or w.group("what5") or w.group("what6") or w.group("what7") or w.group("what8")
                                                                     or w.group("what10") or w.group("what11")
                                                                     or w.group("what13") or w.group("what17")
                                                                     or w.group("what18"))
                     or bool(w.group("modal") and w.group("modal").strip() in ("'d", "would"))
                     # "We will also require a copy of your licence": a formal need, dated or not
                     or bool(w.group("what") and re.search(r"\b(?:require|need|wish|request)", sentence[w.start():w.start("what")], re.I)
                             and re.match(r"(?:your|an? (?:copy|certificate|signed|written|scan|certified|completed|yes or no|decision|"
                                          r"answer|go-?ahead|sign-?off|steer)|copies|"
                                          r"the (?:signed|completed|certified|original)|proof|evidence|confirmation|written|signed|"
                                          r"certified|completed|original)\b", w.group("what"), re.I)))
        if not (addressed or due) or (w.group("what25") and not due):
            return None
        if not due and w.group("what") and (re.match(r"(?:her|his|their)\b", w.group("what"), re.I)
                                            or _HAS_IT_RE.search(sentence) or _OWN_NEED_RE.search(sentence)
                                            or _POLICY_RE.search(sentence)):
            # Undated, someone else's thing ("I'd like their opinion on the colours"), a need already
            # seen to ("..., which Mark is handling"), the writer's own ("I need evidence for my
            # thesis, so I'll be in the archives"), one for later ("Next year we'd like written
            # guidelines") or a rule ("As a rule we need original receipts"): no ask of the reader.
            return None
        name = first_name(ctx.other)
        if w.group("what24"):
            what = re.sub(r"\s+from (?:us|you)\b", "", what, flags=re.I)  # "a note from us": from the owner's side
        who = w.group("who24") or ((named := _NEEDER_RE.match(sentence)) and named.group(1) if w.group("what2") else None)
        if (who and all(part[:1].isupper() for part in who.split()) and who.split()[0].lower() not in _NO_ONE_NAMED
                and who.split()[0].lower() != (ctx.owner.first_name or "").lower()):
            name = who  # "Gabe would like...", "Tom needs the keys by Monday": theirs, not the writer's
        what = _swap(_clean_vp(what, phrase), {"me": name, "my": f"{name}'s", "us": name, "our": f"{name}'s"})
        if w.group("what19") and len(what.split()) == 1 and (subject := _SUBJECT_PREFIX_RE.sub("", ctx.msg.subject).strip()):
            what = f"{what} on {subject}"  # "Comments by Monday would be great": comments on what the mail is about
        if not what or len(what.split()) < 2:
            return None
        if w.group("what9"):
            if re.search(r"\b(?:not|no longer|never)\b|n't\b", sentence[:w.start()], re.I):
                return None  # "I don't think we need it signed before Monday"
            return self._item("request", f"Get {what} for {name}", sentence, ctx, due, "me")
        if w.group("what") and re.search(r"\brequesting\b", w.group(0), re.I):
            # Due only by a deadline word: "an extension of the deadline to 15 December" asks for that day.
            by = re.search(r"\b(?:by|before|no later than)\b.*$", sentence, re.I)
            due = self._due(by.group(0), ctx)[0] if by else None
            return self._item("request", f"Answer {name}'s request for {what}", sentence, ctx, due, "me")
        return self._item("request", _get_title(what, name, ctx.msg.subject), sentence, ctx, due, "me")

    def _greeted_order(self, sentence: str, ctx: _Ctx) -> str | None:
        """The order after a greeting or a name on its line ("Hey Ada, send me the deck"), "" when
        it is someone else's ("Hi Marcus, send me the deck" in mail to several people), None when
        the sentence opens on no greeting or name before an order. Without a greeting, the name must
        be one the mail was written to (the owner's, in someone else's mail) or a group ("All,
        ..."): "Monday, send the deck" opens on no name."""
        g = _GREETED_RE.match(sentence)
        if g is None or not (g.group("greeting") or g.group("name")):
            return None
        rest = sentence[g.end():]
        if len(rest) < 8 or not _match(_IMPERATIVE_RE, rest) or _NOUN_FOR_RE.match(rest):
            return None
        if ":" in rest and len(rest.split(":", 1)[0].split()) <= 3:
            return None  # a label, no order: "Jonas, update as promised: terms are agreed..."
        name = (g.group("name") or "").lower()
        others = [a for a in ctx.msg.to + ctx.msg.cc if a.email != ctx.owner.email.lower()]
        if ctx.from_owner:
            known = {first_name(a).lower() for a in others}
        else:
            known = {ctx.owner.first_name or ""}
        if not name or name in _GROUP_WORDS or name in known:
            return rest
        if not g.group("greeting"):
            return None  # a word before a comma, no name: the sentence is read whole
        # "Hi Marcus, send me the deck": Marcus's work when others were written to as well.
        return "" if not ctx.from_owner and others and name not in _NOT_NAMES else rest

    def _aimed_elsewhere(self, sentence: str, ctx: _Ctx) -> bool:
        """A request that names someone else first ("Bob, can you...") in mail to several people
        is not the owner's; nor is a "you" in mail where the owner is only copied. Mail to the
        owner alone is the owner's whatever name it opens with (a nickname, a slip)."""
        others = [a for a in ctx.msg.to + ctx.msg.cc if a.email != ctx.owner.email.lower()]
        m = _ADDRESSED_RE.match(sentence)
        owner_names = {w.lower() for w in ctx.owner.name.split() if len(w) > 1}
        if (others and m and m.group("name").lower() not in _NOT_NAMES
                and m.group("name").lower() != ctx.owner.first_name
                # ("Frau Brunner, ...", "Mr Okafor, ...": the owner by surname)
                and owner_names.isdisjoint(w.lower() for w in re.findall(r"[^\W\d_]+", m.group(0)))
                # "Schedule: could you send me...": a word before a colon is a label, unless it is
                # the name of someone the mail went to.
                and (m.group(0).rstrip()[-1] != ":" or m.group("name").lower() in {first_name(a).lower() for a in others}
                     or _ROLE_PLURAL_RE.search(m.group("name")))):
            return True
        owner_in_to = any(a.email == ctx.owner.email.lower() for a in ctx.msg.to)
        # In neither To nor Cc, the owner had it through a list or a blind copy: "Hi all, pay the
        # deposit by Friday" to the stallholders asks each of them, the owner too.
        owner_in_cc = any(a.email == ctx.owner.email.lower() for a in ctx.msg.cc)
        if owner_in_to or not ctx.msg.to or not owner_in_cc:
            return False
        # Named in the third person ("until Marguerite's one-pager is in"), the owner is spoken of,
        # not to.
        mentions_owner = bool(ctx.owner.first_name) and re.search(rf"\b{re.escape(ctx.owner.first_name)}\b(?!['’]s\b)",
                                                                  sentence, re.I)
        return not mentions_owner

    def _their_sentence(self, sentence: str, low: str, ctx: _Ctx) -> Item | None:
        name = first_name(ctx.other)
        if (" your " in low or " with you " in low) and (wait := _AWAITS_YOU_RE.match(sentence)) \
                and not sentence.rstrip().endswith("?"):
            # "PR #142 is up for your review", "The contract is ready for your signature": the
            # thing waits on the reader's act, a request titled by that act.
            verb = _AWAITED_ACTS[re.sub(r"[\s-]+", " ", (wait.group("act") or wait.group("queue") or "approval").lower())]
            thing = wait.group("obj") or wait.group("thing")
            if re.fullmatch(r"(?i:it|they|these|those)", thing):
                thing = thing.lower()  # "It is ready for your review": "Review it"
            if wait.group("obj") or not re.fullmatch(r"[A-Z][a-z]+|(?i:we(?: are)?(?: all)?|everyone|everybody)", thing):
                # ("Finance is waiting for your approval", "We are all waiting for your feedback": of what?)
                thing = _swap(_uncap(thing) if re.match(r"[A-Z][a-z]* ", thing) and not re.match(r"[A-Z]{2}", thing)
                              else thing, {"my": f"{name}'s", "our": f"{name}'s", "us": name})
                if wait.group("queue") is not None or (wait.group("act") is None):
                    # In the reader's queue: a day in what waits says what it is ("the vacation request for
                    # July 24-28"), not when it is due.
                    due, phrase = self._due(sentence[wait.end("thing"):], ctx)[0], ""
                else:
                    due, phrase = self._due(sentence, ctx)
                return self._item("request", f"{verb} {_clean_vp(thing, phrase) or thing}", sentence, ctx, due, "me")
        if " hear " in low and _HEAR_FROM_RE.search(sentence) and not sentence.rstrip().endswith("?"):
            due = self._due(sentence, ctx)[0]
            if due:
                return self._item("waiting", f"Hear back from {name}", sentence, ctx, due, ctx.other.email)
        if (_STANDING_RE.match(sentence) or _THREAT_RE.match(sentence)) and not _LET_KNOW_RE.search(sentence) \
                and not re.search(r"\b(?:but|and|so),?\s+(?:could|can|would|will|please)\b", sentence, re.I) \
                and not (_THREAT_RE.match(sentence) and _search(_ASK_RE, _ASK_KEYS, sentence, low)):
            return None  # see _STANDING_RE, _THREAT_RE
        b = _search(_BLOCKER_RE, _BLOCKER_KEYS, sentence, low)
        # "We need your sign-off before I can send it" asks the owner, the reason given: a
        # request. "The contractors need VPN access before they can start" stays a blocker.
        if b and b.group("b6") and (_NEED_YOUR_RE.search(sentence) or (re.match(r"your\b", b.group("b6"), re.I) and re.search(
                r"\bbefore (?:i|we)(?:'d| would)? (?:can|could|am able to|are able to)\b", sentence, re.I))):
            # ...and so does "the matrix still needs your sign-off before I can send it": what is
            # needed is the reader's to give, for the writer's own next step. Before a third
            # party's ("before finance will approve it") it stays a blocker.
            b = None
        if b and b.group("b22") and re.match(r"(?:to (?:know|hear|see)\b|(?:an? |your )?(?:decision|answer|reply|response|"
                                             r"confirmation|go-ahead|ok|okay|approval|sign-off|view|steer)\b)", b.group("b22"), re.I):
            # "Before I can send our comments back, I need a decision from you": the reader's answer
            # is asked for, a request; "...we need copies of every licence" stays a blocker.
            b = None
        if b and _READERS_STEP_RE.search(sentence):
            # "I need you to approve the payment request, it won't go to finance until...", "You'll
            # need to update the budget before we can run the check", "they need your statement
            # before they can assess it": the step is the reader's, asked outright.
            b = None
        if b and b.start() > 0 and _PLEASE_FIRST_RE.match(sentence):
            # "Please have the approved drawings on the deck with him, he won't start without them":
            # the ask comes first, and the precondition says why.
            b = None
        if b and _ONLY_YOU_RE.match(next(g for g in b.groups() if g)):
            b = None  # "Two things I can't move without you": a preamble; what blocks follows, if anything
        if b and sentence.rstrip().endswith(":") and _LEAD_IN_POINTS_RE.search(sentence) \
                and re.search(r"\b(?:need|have|want) to\b", sentence, re.I):
            b = None  # "A few things we need to close out before we can confirm:": a list's lead-in; its points are the work
        if b and b.group("b29") and _HELD_FOR_RE.search(sentence):
            b = None  # "Done, 13 rooms on hold at Ngarri Village": kept for the reader, not stuck
        if b and b.group("b29") and sentence.rstrip().endswith("?") and _ASK_LEAD_RE.match(sentence):
            b = None  # "Can you find out where it's stuck?": what is stuck is what the reader is asked to look into
        if b and self._only_a_time(b.group("b2") or b.group("b14") or (b.group("b37") and f"by {b.group('b37')}"), ctx):
            b = None  # "won't have the van back till Thurs pm" is a schedule, waiting on no one
        if b and _POLICY_RE.search(sentence):
            b = None  # see _POLICY_RE
        if b and (yours := _YOUR_WORD_RE.match(next(g for g in b.groups() if g))) \
                and (held := _HELD_STEP_RE.search(sentence)):
            # "Without your approval we can't start the migration": what holds the work up is the
            # reader's own word, so it is asked of her, a request, not a blocker to chase.
            due, phrase = self._due(sentence, ctx)
            step = _clean_vp(held.group("vp"), phrase)
            return self._item("request", f"Give {name} your {yours.group('word')} to {step}", sentence, ctx, due, "me")
        if b:
            due, phrase = self._due(sentence, ctx)
            what = next(g for g in b.groups() if g)
            if b.group("b29") and "," in what:
                # "Thanks for the reminder, so your January PO is on hold": the part that says what is held.
                what = next((part for part in reversed(re.split(r",\s*(?:so\s+|and\s+|but\s+|however\s+)?", what))
                             if re.search(r"\b(?:stuck|on hold)\b", part, re.I)), what)
            if b.group("b29") or b.group("b32") or b.group("b34") or b.group("b34n"):
                what = re.sub(r"^(?:The|A|An|Our|Their|My|His|Her|Its|[A-Z][a-z]+ing)\b", lambda m: m.group(0).lower(), what)
            what = _swap(_clean_vp(what, phrase), {"our": f"{name}'s", "my": f"{name}'s", "us": name}) or sentence
            # "blocked on the audit without the bank letter": what is missing is what to chase.
            # "blocked on planning without it": the work that waits, as "it" (the ask) names nothing.
            missing = re.fullmatch(r"(?P<work>.+?) without (?P<thing>.+)", what, re.I)
            if missing and re.fullmatch(r"(?:it|them|this|that|these|those)", missing.group("thing"), re.I):
                what = missing.group("work")
            elif missing:
                what = missing.group("thing")
            what = re.sub(r"^(?:receiving|getting|having) (?=(?:the|your|our|their|a|an|full)\b)", "", what)  # "...only after receiving the budget"
            return self._item("blocker", f"Unblock: {what}", sentence, ctx, due, ctx.other.email)
        if (caused := self._caused(sentence, low)) is not None:
            due, phrase = self._due(sentence, ctx)
            what = _swap(_clean_vp(caused, phrase), {"our": f"{name}'s", "my": f"{name}'s", "us": name}) or sentence
            return self._item("blocker", f"Unblock: {what}", sentence, ctx, due, ctx.other.email)
        question = sentence.rstrip().endswith("?")
        if not question and (o := _search(_OWED_RE, _OWED_KEYS, sentence, low)):
            # "it's a holiday on Tuesday, so you will get it on Wednesday": the day said with what is owed.
            part = sentence[o.start("what"):]
            due, phrase = self._due(part if names_a_date(part) else sentence, ctx)
            owed = self._owed(sentence, low, due, phrase)
            if owed:
                return self._item("waiting", f"Follow up with {name}: {owed}", sentence, ctx, due, ctx.other.email)
        if not question and "you" in low and (f := _FRONTED_OWED_RE.match(sentence)):
            # "Mile High's quote for the lead-lined board you'll have Wednesday": the thing first.
            due, phrase = self._due(sentence[f.end():], ctx)
            obj = f.group("obj")
            what = _clean_vp(obj if re.match(r"[A-Z][\w&-]*(?: [A-Z][\w&-]*)?['’]s\b", obj) else _uncap(obj), phrase)
            if due and what and not _VAGUE_RE.match(what):
                return self._item("waiting", f"Follow up with {name}: {what}", sentence, ctx, due, ctx.other.email)
        if (not question and (lm := _search(_LET_ME_RE, _LET_ME_KEYS, sentence, low))
                and not _LET_ME_NOT_MINE_RE.match(lm.group(0)) and not _search(_ASK_RE, _ASK_KEYS, sentence, low)
                and not _search(_MARKETING_RE, _MARKETING_KEYS, sentence, low)):
            # "Let me circle back on the hiring plan by Wednesday": the writer's dated promise.
            due, phrase = self._due(sentence, ctx)
            vp = _clean_vp(lm.group("vp"), phrase) if due else ""
            if vp and not _AWAY_RE.match(vp):
                return self._item("waiting", f"Follow up with {name}: {vp}", sentence, ctx, due, ctx.other.email)
        if not question and _bare(sentence, low):
            due, phrase = self._due(sentence, ctx)
            bare = self._bare_promise(sentence, low, due, phrase)
            if bare:
                return self._item("waiting", f"Follow up with {name}: {bare}", sentence, ctx, due, ctx.other.email)
        if not question and (now := _match(_PRESENT_PROMISE_RE, sentence)):
            due, phrase = self._due(sentence, ctx)
            vp = _clean_vp(now.group("vp"), phrase) if due else ""
            if vp:
                return self._item("waiting", f"Follow up with {name}: {vp}", sentence, ctx, due, ctx.other.email)
        if not question and (ship := _match(_SHIPPING_RE, sentence)):
            # A lead-in's day ("New dispatch date is Wednesday, so delivery should be Friday") is not the thing's.
            due, phrase = self._due(sentence[ship.start("what"):], ctx)
            sent = self._shipping(sentence, due, phrase)
            if sent:
                return self._item("waiting", f"Follow up with {name}: {sent}", sentence, ctx, due, ctx.other.email)
        sent_thing = "" if question else _thing_to_you(sentence)
        if sent_thing:
            due, phrase = self._due(sentence, ctx)
            if due:  # "Revised quote over to you tomorrow": the thing the writer sends, its verb left out
                return self._item("waiting", f"Follow up with {name}: {_clean_vp(sent_thing, phrase)}", sentence, ctx,
                                  due, ctx.other.email)
        p = _search(_PROMISE_RE, _PROMISE_KEYS, sentence, low)
        if p and not question:
            due, phrase = self._due(sentence, ctx)
            if due or _to_reader(sentence) or _EVENT_DEADLINE_RE.search(p.group("vp")) or _hands_over(p.group("vp")):
                vp = _clean_vp(p.group("vp"), phrase)
                if (vp and not (_VAGUE_RE.match(vp) and not due and not _notice_on_event(p.group("vp")))
                        and not _AWAY_RE.match(vp) and not _NO_WORK_VP_RE.match(vp)
                        and not (re.search(r"\b(i|we) can\b", p.group(0), re.I)
                                 and not (due and (_CAN_HAVE_RE.match(p.group("vp"))
                                                   or (_CAN_VISIT_RE.match(p.group("vp")) and _I_CAN_FIRST_RE.match(sentence)
                                                       and not re.search(r"\bis\b", p.group("vp"), re.I)))
                                          and not re.search(r"\bif\b", sentence, re.I)))):
                    return self._item("waiting", f"Follow up with {name}: {vp}", sentence, ctx, due, ctx.other.email)
        if not question and (promised := _search(_REMINDER_RE, _REMINDER_KEYS, sentence, low)):
            due, phrase = self._due(sentence, ctx)
            what = _swap(_clean_vp(promised.group("what"), phrase), {"me": name, "my": f"{name}'s", "us": name,
                                                                  "our": f"{name}'s"})
            if len(what.split()) >= 2 and not self._aimed_elsewhere(sentence, ctx):
                return self._item("request", f"Send {name} {what}", sentence, ctx, due, "me")
        if not question and (slipped := _SLIPS_TO_RE.match(sentence)) is not None:
            due = self._due(sentence[slipped.end("thing"):], ctx)[0]
            if due and not _GATHERING_RE.search(slipped.group("thing")):  # (a meeting moved is no work owed)
                thing = _swap(_uncap(slipped.group("thing")), {"our": f"{name}'s", "my": f"{name}'s"})
                return self._item("waiting", f"Follow up with {name}: {thing}", sentence, ctx, due, ctx.other.email)
        if not question and " be " in low and (event := _EVENT_ON_RE.match(sentence)) is not None \
                and not re.search(r"\bor\b", sentence[event.end():], re.I):
            due = self._due(sentence, ctx)[0]
            if due:
                thing = _swap(_uncap(event.group("thing")), {"our": f"{name}'s", "my": f"{name}'s"})
                return self._item("waiting", f"Follow up with {name}: {thing}", sentence, ctx, due, ctx.other.email)
        if not question and " be " in low and (ready := _READY_ON_RE.match(sentence)) is not None:
            due = self._due(sentence, ctx)[0]
            if due:
                thing = _swap(_uncap(ready.group("thing")), {"our": f"{name}'s", "my": f"{name}'s"})
                return self._item("waiting", f"Follow up with {name}: {thing}", sentence, ctx, due, ctx.other.email)
        if not question and (named := _match(_NAMED_PROMISE_RE, sentence)):
            due, phrase = self._due(sentence, ctx)
            who = named.group("who")
            # (A day, or soon for the reader: "Lars will send you the template in the next days".)
            # (Someone named by a pronoun, or a firm by what it is, hands something over: "She'll get her results
            # on Friday", "The factory will have a holiday next week" are news of them, not work for the owner.)
            unnamed = who.lower() in ("he", "she", "they") or who.lower().startswith("the ")
            if unnamed and re.match(r"(?:have|get)\b", named.group("vp"), re.I):
                pass
            elif (due or _SOON_FOR_YOU_RE.search(sentence)) and who.lower() not in _NOT_NAMES and who.split()[0].lower() != ctx.owner.first_name:
                vp = _clean_vp(named.group("vp"), phrase)
                if vp and not _VAGUE_RE.match(vp):
                    # A pronoun stands for someone the sender spoke of: "Follow up with Sam: email you ...".
                    whose = "" if who.lower() in ("he", "she", "they") else f"{who} to "
                    if who.split()[0].lower() in ("our", "my", "a", "an", "the", "your"):
                        # By role: "Maria's lawyer to send you the final version", "a surveyor from Damp Solutions to attend"
                        whose = _swap(who[0].lower() + who[1:], {"our": f"{name}'s", "my": f"{name}'s"}) + " to "
                    return self._item("waiting", f"Follow up with {name}: {whose}{vp}", sentence, ctx, due,
                                      ctx.other.email)
        # _classify has ruled out courtesy and away notes; marketing remains to check. Each check
        # runs once: most sentences of a long mail are none of these.
        marketing = _search(_MARKETING_RE, _MARKETING_KEYS, sentence, low)
        elsewhere: bool | None = None
        if (not marketing and not _search(_ASK_RE, _ASK_KEYS, sentence, low)
                and not _search(_NEED_FROM_RE, _NEED_FROM_KEYS, sentence, low)):
            elsewhere = self._aimed_elsewhere(sentence, ctx)
            wish = None if elsewhere else self._wish(sentence, low, ctx)
            if wish is not None:
                return wish
        if not question and not marketing and "reminder" in low and (unpaid := _UNPAID_REMINDER_RE.match(sentence)):
            what = _clean_vp(unpaid.group("what") or unpaid.group("form"), "")
            if what:
                verb = "Pay" if unpaid.group("what") else "Submit"
                return self._item("request", f"{verb} {_uncap(what)}", sentence, ctx, None, "me")
        if not question and not marketing and (d := _search(_DUE_STATEMENT_RE, _DUE_STATEMENT_KEYS, sentence, low)):
            # "Your review for manuscript JSN-0877 is due on Friday", "The declaration must be
            # submitted via the portal no later than 1 December": a deadline of the reader's, stated.
            # ...after a reason: "They shoot the week of Feb 7, so the build is due February 4" is due the 4th.
            due, phrase = self._due(sentence[d.start("what"):], ctx) if d.start("what") > 12 else self._due(sentence, ctx)
            what = _clean_vp(d.group("what"), phrase)
            # A deadline set from an event counts without a day (see _FROM_AN_EVENT_RE).
            if (due or _FROM_AN_EVENT_RE.search(sentence, d.start("what"))) \
                    and what and not _PRONOUN_THING_RE.match(what) \
                    and (_DUE_THING_RE.search(what) or (d.group("pp") or "").lower() in _DUE_DECISIONS) \
                    and not _SECRET_THING_RE.search(what) \
                    and not re.match(r"(?:our|my)\b", what, re.I) and (elsewhere is None or not elsewhere) \
                    and not self._aimed_elsewhere(sentence, ctx):
                # A bill stated due is paid: "The 30% deposit is due by Friday" -> "Pay the 30% deposit".
                bill = bool(_BILL_RE.search(what)) and re.search(r"\bdue\b", d.group(0), re.I) is not None
                verb = _DUE_VERBS.get((d.group("pp") or "").lower(), "pay" if bill else "submit")
                # The sentence's capital is no name's: "Slides are due" -> "Submit slides".
                what = (what[:1].lower() + what[1:] if (" " not in what and what[1:2].islower())
                        or re.match(r"(?:A|An|The) ", what) else _uncap(what))
                return self._item("request", f"{verb.capitalize()} {what}", sentence, ctx, due, "me")
        if not question and not marketing and ((ok := _IF_YOU_OK_RE.match(sentence)) or _ASKED_WHETHER_RE.search(sentence)):
            if elsewhere is None:
                elsewhere = self._aimed_elsewhere(sentence, ctx)
            if not elsewhere:
                # The OK's own day: "we can start Monday, but only if you approve it by Friday".
                due = self._due(sentence[ok.end("what"):] if ok is not None and names_a_date(sentence[ok.end("what"):])
                                else sentence, ctx)[0]
                if ok is not None:
                    return self._item("request", f"Give {name} the OK: {_uncap(ok.group('what'))}", sentence, ctx, due, "me")
                asked = _ASKED_WHETHER_RE.search(sentence)
                assert asked is not None
                return self._item("request", f"Tell {name} {asked.group('how').lower()} {_clean_vp(asked.group('q'), '')}",
                                  sentence, ctx, due, "me")
        if (question and not marketing and _match(_CHOICE_Q_RE, sentence) and not _explicit_ask(sentence, low)
                and _owner_question(sentence, low)):
            if elsewhere is None:
                elsewhere = self._aimed_elsewhere(sentence, ctx)
            if not elsewhere:
                # The days of a choice ("Tuesday or Wednesday?") are its options, not its deadline.
                due = self._due(sentence, ctx)[0] if _DEADLINE_WORD_RE.search(sentence) else None
                what = _SPACES_RE.sub(" ", sentence.rstrip("?!x ").split(": ", 1)[-1])
                return self._item("request", f"Answer {name}: {_uncap(what)}?", sentence, ctx, due, "me")
        if (marketing or not self._asks(sentence, low) or self._unaddressed(sentence, low)
                or (not question and (_ACTIVITY_RE.match(sentence) or _NO_ASK_RE.match(sentence)
                                      or (_IF_WOULD_RE.match(sentence) and not _YOU_RE.search(sentence)))
                    and not _explicit_ask(sentence, low) and not _LET_KNOW_RE.search(sentence))):
            return None
        if ctx.opening and not question and not _explicit_ask(sentence, low) and not _WANTS_RE.search(sentence):
            return None  # see _WANTS_RE
        if not question and _TIME_PREFERENCE_RE.match(sentence):
            return None
        if (not question and _OWN_PLAN_RE.match(sentence) and not _YOU_RE.search(sentence)
                and not _explicit_ask(sentence, low)):
            return None  # see _OWN_PLAN_RE
        if elsewhere is None:
            elsewhere = self._aimed_elsewhere(sentence, ctx)
        return None if elsewhere else self._request(sentence, low, ctx)

    def _deadline_note(self, sentence: str, ctx: _Ctx, items: list[Item]) -> Item | bool | None:
        """A sentence that only sets the deadline of an ask ("A short answer by Thursday would
        help"): the request asked earlier in the message and still undated takes the date (True);
        with none, the sentence is a request of its own to answer by then (an Item). None when
        ``sentence`` is no such note, or names no date. Its day is read in any clause ("the copy
        locks tomorrow at 10, so I need an answer before then"): the sentence is about the deadline."""
        earlier = next((i for i in reversed(items) if i.kind == "request"), None)
        if earlier is not None and ((_holds_any(fold(sentence), _ANSWER_BY_KEYS) and _ANSWER_BY_RE.search(sentence))
                                    or _LET_KNOW_BY_RE.match(sentence)):
            # "Can you confirm which boxes you want? I need your answer until tomorrow 12:00.": the
            # need of an answer sets the ask's deadline, over any day the ask itself named.
            due, _ = self._due(sentence, ctx, work=False)
            if due is not None:
                earlier.due = due
                return True
        m = _DEADLINE_NOTE_RE.match(sentence) or _NEED_ANSWER_RE.match(sentence)
        if m is None and earlier is not None and _THIRD_NEED_RE.match(sentence) \
                and not _search(_ASK_RE, _ASK_KEYS, sentence, fold(sentence)):
            # "Could you speak at the meetup? They need a name by the 12th.": the need of whoever
            # is behind the ask dates it; it asks nothing more. One that goes on to ask ("The bank
            # need a figure by the 14th, so could you send us the quote before then?") is an ask.
            due, _ = self._due(sentence, ctx, work=False)
            if due is None:
                return None
            if earlier.due and earlier.due[:10] != due[:10]:
                # "Could we get the key art by the 10th? They'd need a build by the 9th": an ask
                # dated already is not what another day's need is about; the need is read alone.
                return None
            earlier.due = earlier.due or due
            return True
        if not m or self._aimed_elsewhere(sentence, ctx):
            return None
        due, _ = self._due(m.group("head"), ctx, work=False)
        if due is None:
            return None
        if earlier is not None:
            if not earlier.due:
                earlier.due = due
            return True
        subject = re.sub(r"^((re|fwd?|aw|wg|tr)\s*:\s*)+", "", ctx.msg.subject, flags=re.I).strip()
        return self._item("request", f"Reply to {first_name(ctx.other)} about {subject or 'their message'}",
                          sentence, ctx, due, "me")

    def _question_behind(self, question: str, need: str, ctx: _Ctx, items: list[Item]) -> bool:
        """"do you want it warmer or true to life? need to know before I batch them this arvo": the
        need makes the question before it an ask of the owner, due when the need says. True when
        ``need`` is thus read (and adds or dates that ask)."""
        if (not question.rstrip().endswith("?") or not _YOU_RE.search(question)
                or not _owner_question(question, fold(question)) or self._aimed_elsewhere(question, ctx)):
            return False  # no question, or small talk ("can you believe the queue?"), or someone else's
        due, _ = self._due(need, ctx)
        asked = next((i for i in items if i.evidence == question), None)
        if asked is not None:
            if asked.kind != "request":
                return False
            asked.due = due or asked.due  # the need says when; the question may name another day
            return True
        what = _SPACES_RE.sub(" ", question.rstrip("?! "))
        what = re.sub(r"^(?:(?:also|and|so|quick q),?\s+)", "", what, flags=re.I)
        items.append(self._item("request", f"Answer {first_name(ctx.other)}: {_uncap(what)}?", question, ctx, due, "me"))
        return True

    def _unaddressed(self, sentence: str, low: str) -> bool:
        """A statement the request model alone calls an ask, that neither asks explicitly, nor
        asks a question, nor speaks to the reader: "Lunch on Friday is on us", "Priya said yes
        on Friday!" are news. Only a model very sure of it makes such a sentence a request."""
        return (not _explicit_ask(sentence, low) and not sentence.rstrip().endswith("?")
                and not _YOU_RE.search(sentence) and not _FIRST_PERSON_RE.search(sentence)
                and bool(_STATEMENT_RE.search(sentence)) and self._probability(sentence) < _UNADDRESSED_AT)

    def _request(self, sentence: str, low: str, ctx: _Ctx) -> Item | None:
        """A request from someone else to the owner, titled by what it asks; None for a statement
        that names no step of the reader's (see _SPEAKS_TO_READER_RE)."""
        name = first_name(ctx.other)
        due, phrase = self._due(sentence, ctx)
        swap = {"me": name, "my": f"{name}'s", "us": name, "our": f"{name}'s", "your": "your"}
        n = _search(_NEED_FROM_RE, _NEED_FROM_KEYS, sentence, low)
        if n:
            title = _get_title(_clean_vp(n.group('what') or n.group('after'), phrase), name, ctx.msg.subject)
        else:
            a = _search(_ASK_RE, _ASK_KEYS, sentence, low) or _match(_IMPERATIVE_RE, sentence)
            vp = ""
            if a is not None:
                groups = a.groupdict()
                vp = _clean_vp(groups.get("vp") or groups.get("vp2") or groups.get("vp3") or "", phrase)
            known = _LET_KNOW_WHAT_RE.search(sentence) if not vp or _LET_KNOW_RE.match(vp) or _BARE_TELL_RE.match(vp) \
                else None
            if vp and _TOLD_RE.match(vp) and a is not None and re.search(
                    r"\b(?:know|hear|understand|knowing|hearing|understanding|learning)\s*$",
                    sentence[:a.start("vp3")] if a.start("vp3") >= 0 else ""):
                # "we'd love to know what it does to the application"
                what = _swap(vp, swap)
                title = (f"Give {name} {what}" if what.lower().startswith("your ") else f"Tell {name} {what}")
            elif vp and not _LET_KNOW_RE.match(vp) and not (known and _BARE_TELL_RE.match(vp)):
                title = _cap(_swap(vp, swap))
            elif known:  # titled by what is asked, not by the subject
                q = _DANGLING_WORDS_RE.sub("", _SOFTENERS_RE.sub("", _without_due(known.group("q"), phrase)))
                title = f"Tell {name} {_SPACES_RE.sub(' ', _swap(q, swap)).strip()}"
            else:
                if not sentence.rstrip().endswith("?") and not _SPEAKS_TO_READER_RE.search(sentence):
                    return None
                subject = re.sub(r"^((re|fwd?|aw|wg|tr)\s*:\s*)+", "", ctx.msg.subject, flags=re.I).strip()
                title = f"Reply to {name} about {subject or 'their message'}"
                if sentence.rstrip().endswith("?") and len(sentence) <= _ANSWER_TITLE_MAX:
                    # A question asked outright is titled by itself ("Answer Diego: can we use the
                    # word "free" in the app store text?"), and still counts as the one reply the
                    # message wants: its other such asks are the same item.
                    item = self._item("request", title, sentence, ctx, due, "me")
                    what = _SPACES_RE.sub(" ", sentence.rstrip("?!x ").split(": ", 1)[-1])
                    # "Hi Chloé, any news on the booking form?": the greeting and the name are no question.
                    what = _FOREIGN_GREETING_RE.sub("", _VOCATIVE_RE.sub("", what)) or what
                    item.title = _whole_number(f"Answer {name}: {_uncap(what)}?", sentence)
                    if not due:
                        # (One with its own day is a piece of work of its own: "Kannst du die heute
                        # noch im SAP freigeben?" after "Soll ich das verhandeln oder willst du?")
                        ctx.same_as[id(item)] = (item, title.lower())
                    return item
        if (title.lower().startswith(("find attached", "find enclosed", "see attached", "see enclosed", "find in attach"))
                or re.match(r"\W*in (?:the )?attach", sentence, re.I)) \
                and (then := _ATTACHED_THEN_RE.search(sentence)):
            # "Please find attached the contract, kindly sign and return by Friday": the step asked
            # after the handover is the work, and the thing handed over what it is done to; "...the
            # revised SOW and let me know if it works" asks whether the thing does.
            thing = _TRAILING_RE.sub("", then.group("thing")).strip()
            if then.group("q"):
                q = _without_due(then.group("q"), phrase).rstrip(" .!")
                if thing:
                    q = re.sub(r"^(if|whether) (?:it|this|that|they|these)\b", rf"\1 {_uncap(thing)}", q, flags=re.I)
                title = f"Tell {name} {_swap(q, swap)}"
            elif step := _clean_vp(then.group("vp"), phrase):
                title = _cap(_swap(step, swap)) + (f": {thing}" if thing and len(step.split()) <= 3
                                                   and not re.search(r"\byour\b", step, re.I) else "")
        return self._item("request", title, sentence, ctx, due, "me")
