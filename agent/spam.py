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
correspondent's (:mod:`planner.priority`); together they yield nothing. A scam has no machine
traits, but its own (:func:`scam_traits`): a windfall to claim, an ask for bank, card or login
details, pressure with a link, tracking links, a role or an office as the sender's name, a
company on a webmail address, a shouting subject; each is weak, as each fits some genuine first
contact, and any two from a stranger yield nothing. A cold sender's own opt-out ("reply STOP")
is a mass mailing's footer, a strong trait.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from agent.extractors.dates import fold
from agent.gates import Gated
from agent.hostility import normalise
from connectors.types import Message
from planner.priority import promotional

if TYPE_CHECKING:  # the store is only named: the parse worker, which imports this, opens none
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
#: A sender's own opt-out, as cold mass outreach words it: "reply STOP", "don't want to hear from me
#: again", and the words for unsubscribing in other languages.
OPT_OUT = Gated(
    re.I,
    (r"\b(reply|respond|answer) (with )?[\"'“‘]?(stop|remove|unsubscribe)\b",
     [("reply", "respond", "answer"), ("stop", "remove", "unsubscribe")]),
    (r"\b(do not|don['’]?t|no longer) (want|wish) to (hear from (me|us)|receive (these|this|our|such|further|"
     r"more) (e-?mails?|messages))", [("want", "wish"), ("hear from", "receive")]),
    (r"\b(désinscri|desinscri|darse de baja|darte de baja|cancelar (la |a )?(suscripción|subscrição|inscrição)|"
     r"disiscri|uitschrijven|descadastr|(hier|jederzeit|newsletter) (\w+ )?(abmelden|abbestellen)|hier afmelden)",
     [("inscri", "de baja", "cancelar", "disiscri", "uitschrijven", "descadastr", "abmelden", "abbestellen",
       "afmelden")]))
_NOREPLY_RE = re.compile(r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer|marketing|news(letter)?|promo(tions)?|"
                         r"offers?|deals|receipts?|digest|alerts?)([-+_.].*)?@", re.I)
# The traits of a scam, searched in a stranger's mail only (an NFKC, lower-case copy of its
# start). Each fits some genuine first contact too ("we offer a gift card for the interview", "it is
# urgent, the questions are here: https://..."), so each is weak: two together yield nothing.
#: A windfall to collect: a prize, winnings, a reward or refund to claim.
WINDFALL = Gated(
    re.I,
    (r"\byou(['’]ve| have)? (just )?(won|been (selected|chosen) (to (receive|win)|as (the |a |our )?winner))",
     [("won", "selected", "chosen"), ("you",)]),
    (r"\b(claim|collect|redeem) (your|the) (prize|reward|refund|winnings|gift|bonus|payout|funds|voucher|"
     r"compensation)", [("claim", "collect", "redeem")]),
    (r"\beligible for an? (\w+ )?(refund|reward|payout|compensation|grant)", [("eligible",)]),
    (r"\b(lottery|sweepstakes?|jackpot|your winnings|inheritance|unclaimed funds|lucky winner)\b",
     [("lottery", "sweepstake", "jackpot", "winnings", "inheritance", "unclaimed", "lucky winner")]),
    (r"\b(ha(s|n)? ganado|reclamar (su|tu) premio|ganador|sorteo)\b", [("ganado", "premio", "ganador", "sorteo")]),
    (r"\b(vous avez (été sélectionné|gagné)|gagnant|réclamer votre (prix|gain|remboursement|cadeau))",
     [("vous avez", "gagnant", "réclamer")]),
    (r"\b(sie haben|du hast|u heeft|je hebt) ([\w ]{0,30})?gewonnen|\bihren gewinn\b|gewinnspiel",
     [("gewonnen", "gewinn")]),
    (r"\b(hai|ha|avete) vinto\b|\bsei stat[oa] selezionat|\briscatta(re)? il (tuo |suo )?premio|\bvincitore",
     [("vinto", "selezionat", "riscatta", "vincitore")]),
    (r"\b(você|voce) (foi selecionad[oa]|ganhou)|\bresgat(ar|e) (o )?seu prêmio", [("selecionad", "ganhou", "resgat")]))
#: A refund or rebate the reader is told is theirs: a tax office's, an airline's.
REFUND_DUE = Gated(
    re.I,
    (r"\b(you are|you['’]re|you have been) (now )?(due|owed|entitled to|approved for) an? (\w+ ){0,2}(refund|rebate|"
     r"reimbursement|payout|compensation)\b", [("due", "owed", "entitled", "approved"),
                                              ("refund", "rebate", "reimbursement", "payout", "compensation")]),
    (r"\b(tax|vat|council tax) (refund|rebate)\b", [("refund", "rebate")]),
    (r"\b(remboursement d['’]impôt|devolución de impuestos|steuerrückerstattung|rimborso (irpef|fiscale)|"
     r"restituição (do|de) imposto|belastingteruggave)", [("impôt", "impuestos", "steuer", "rimborso", "imposto",
                                                         "belasting")]))
#: An ask for bank, card or login details, or to verify an account.
DETAILS = Gated(
    re.I,
    (r"\b(bank(ing)?|card|credit card|debit card|account|login|payment|billing) (details|information|info|"
     r"credentials|number)\b", [("bank", "card", "account", "login", "payment", "billing"),
                                (" details", " info", " credentials", " number")]),
    (r"\b(verify|confirm|update|validate|re-?activate|unlock|restore) (your|the) (account|identity|mailbox|"
     r"password|login|e-?mail account)\b",
     [("account", "identity", "mailbox", "password", "login"), ("your ", "the "),
      ("verify ", "confirm ", "update ", "validate ", "activate ", "unlock ", "restore ")]),
    (r"\bpassword (expires|will expire|has expired|is expiring)", [("password",)]),
    (r"\bsocial security\b", [("social security",)]),
    (r"\bwire transfer\b", [("wire transfer",)]),
    (r"\bgift ?card codes?\b", [("code",)]),
    (r"\b(datos|dati|dados|coordonnées|données|informations|coordinate) banc", [("banc",)]),
    (r"datos de (su|tu) tarjeta|dati della (tua |sua )?carta|dados do (seu )?cartão|(dos|de) (seu|teu) cartão",
     [("tarjeta", "carta", "cartão")]),
    (r"bankdaten|kontodaten|kreditkartendaten|zahlungsdaten|bankverbindung|bankgegevens",
     [("daten", "bankverbindung", "bankgegevens")]),
    (r"\b(contraseña|mot de passe|passwort|kennwort|wachtwoord)\b",
     [("contraseña", "mot de passe", "passwort", "kennwort", "wachtwoord")]))
#: An ask to move money to an account or to hand over access, in any of several languages:
#: "Merci de virer 7 800 € sur le compte FR76...", "transfer 4,750 EUR to Leo's account", "send me
#: your current password", "forward all of Maria's mail to...". From a stranger it yields nothing:
#: the owner does not move money or open a mailbox for someone never written to on a mail's word.
MONEY_OR_ACCESS = Gated(
    re.I,
    (r"\b(?:wire|transfer|pay|send|virer|virez|vire|virement|verser|überweis\w*|transfer\w*|pag[ae]\w*|envi[ae]\w*)\b"
     r"[^.!?\n]{0,60}?(?:\d[\d ,.']*\s?(?:€|eur|euros?|usd|\$|£|gbp|chf|dollars?)|[€$£]\s?\d)"
     r"[^.!?\n]{0,60}?\b(?:account|compte|konto|cuenta|conto|rekening|iban|[a-z]{2}\d{2}(?: ?\d{4}){2,})",
     [("wire", "transfer", "pay", "send", "vire", "verse", "überweis", "pag", "envi"),
      ("account", "compte", "konto", "cuenta", "conto", "rekening", "iban")]),
    # ...in the order German puts it: "bis Freitag 6.000 € auf das Konto DE44 ... überweisen"
    (r"(?:\d[\d ,.']*\s?(?:€|eur|euros?|usd|\$|£|gbp|chf)|[€$£]\s?\d|\b(?:eur|usd|gbp|chf)\s?\d)[^.!?\n]{0,30}?\b(?:auf das konto|auf unser konto|"
     r"sur le compte|sur notre compte|a la cuenta|en la cuenta|sul conto|to (?:the|this|our|my|a new) account|"
     r"into (?:the|this|our|my|a new) account)\b",
     [("konto", "compte", "cuenta", "conto", "account")]),
    (r"\b(?:send|share|give|forward|email|text|tell|renvo\w*|envo\w*|donne\w*|communique\w*|schick\w*|send\w*|"
     r"gib|geben|envi[ae]\w*|manda\w*|pasa\w*|comparte\w*)\b[^.!?\n]{0,40}?\b(?:password|passcode|passwort|kennwort|"
     r"mot de passe|identifiants|contraseña|credenciales|zugangsdaten|login details|log-in details|admin credentials|"
     r"verification code|2fa code|one-time code)\b",
     [("password", "passcode", "passwort", "kennwort", "mot de passe", "identifiants", "contraseña", "credenciales",
       "zugangsdaten", "login details", "log-in details", "admin credentials", "verification code", "2fa code",
       "one-time code")]),
    # The reader's secrets, however asked for ("We would be grateful for the admin password", "I'd
    # like to know your MFA code", "receiving your online banking credentials").
    (r"\b(?:your|the admin|the root|admin|root|online banking|bank)\s+(?:[\w-]+\s+){0,2}?(?:password|passcode|passwort|"
     r"login|log-in|logins|credentials|mfa code|2fa code|otp|one-time (?:pass)?code|verification code|security code|"
     r"pin|card number|card details|cvv|seed phrase|recovery phrase|private key)s?\b",
     [("password", "passcode", "passwort", "login", "log-in", "credentials", "mfa", "2fa", "otp", "one-time",
       "verification code", "security code", "pin", "card number", "card details", "cvv", "seed phrase",
       "recovery phrase", "private key")]),
    # ...a new one set or given ("confirm the new password to the service desk") and the reader's own in
    # other languages ("Sans tes identifiants", "deine Zugangsdaten", "tu contraseña").
    (r"\b(?:confirm|reset|enter|re-?enter|provide|submit|type|paste|share|send|give)\b[^.!?\n]{0,20}?\b(?:the |your )?"
     r"(?:new|current|old|temporary|existing) (?:password|passcode|pin|login|credentials)\b",
     [("password", "passcode", "pin", "login", "credentials"), ("new ", "current ", "old ", "temporary ", "existing ")]),
    (r"\b(?:tes|vos|ton|votre|tus|sus|tu|su|deine|ihre|dein|ihr|i tuoi|le tue|la tua|seus|suas|teu|tua)\s+"
     r"(?:identifiants|mot de passe|codes? d['’]accès|credenciales|contraseñas?|claves? de acceso|zugangsdaten|passwort|"
     r"kennwort|credenziali|senhas?|bankdaten|kontodaten|datos bancarios)\b",
     [("identifiants", "mot de passe", "accès", "credenciales", "contraseña", "clave", "zugangsdaten", "passwort",
       "kennwort", "credenziali", "senha", "bankdaten", "kontodaten", "datos bancarios")]),
    # A fee to release something held: "We cannot release your parcel before you pay the customs fee".
    (r"\b(?:pay|paying|settle|settling|send|sending|wire|wiring)\b[^.!?\n]{0,30}?\b(?:customs|release|processing|handling|redelivery|clearance|"
     r"unlock|activation|transfer|legal|administration|admin|verification)\s+(?:fee|charge|duty)\b",
     [("pay", "settl", "send", "wir"), (" fee", " charge", " duty")]),
    # An amount wired before something follows: "after the fee of USD 1,900 is wired".
    (r"(?:\d[\d ,.']*\s?(?:€|eur|euros?|usd|\$|£|gbp|chf|dollars?)\b|[€$£]\s?\d|\b(?:eur|usd|gbp|chf)\s?\d)"
     r"[^.!?\n]{0,20}?\b(?:is|be|are|been|gets?|was) (?:wired|transferred)\b", [("wired", "transferred")]),
    # A payment sent to an account given below, with no amount: "send it to the account below".
    (r"\b(?:send|pay|transfer|wire|remit)\s+(?:it|them|this|that|the (?:payment|money|funds|amount|balance|fee|sum|"
     r"settlement))\s+(?:in)?to\s+(?:the|this|our|my|a new)\s+(?:account|iban|bank account)\b",
     [("account", "iban")]),
    # Gift cards bought and their codes sent: the stranger's favourite payment, in any language.
    (r"\bgift ?cards?\b[^.!?\n]{0,80}?\b(?:codes?|each|worth)\b|"
     r"\b(?:buy|purchase|get|pick up|provide|send|pay|payable|paid)\b[^.!?\n]{0,40}?\bgift ?cards?\b",
     [("gift card", "giftcard")]),
    # ...and money sent where it cannot be called back: "the fee of USD 850 by Western Union"
    (r"\b(?:pay|payable|paid|send|sent|transfer|wire|fee|deposit|via|by|through|in)\b[^.!?\n]{0,60}?\b(?:western union|moneygram|"
     r"bitcoin|btc|usdt|tether|crypto ?currency|crypto wallet)\b",
     [("western union", "moneygram", "bitcoin", "btc", "usdt", "tether", "crypto")]),
    (r"\b(?:tarjetas? (?:de )?regalo|cartes? cadeaux?|geschenkkarten?|gutscheinkarten?|buoni regalo|cart(?:ão|ões) "
     r"(?:de )?presente)\b", [("regalo", "cadeau", "geschenkkarte", "gutscheinkarte", "presente")]),
    # Money moved, with its amount however put ("approve the payout of $92,000", "process the
    # $75,000 transfer", "EUR 48,500"), or a wire of "it" or "the funds".
    (r"\b(?:wire|transfer|payout|remittance)s?\b[^.!?\n]{0,40}?(?:\d[\d ,.']*\s?(?:€|eur|euros?|usd|\$|£|gbp|chf|dollars?)\b|"
     r"[€$£]\s?\d|\b(?:eur|usd|gbp|chf)\s?\d)|"
     r"(?:[€$£]\s?\d[\d,.']*|\b(?:eur|usd|gbp|chf)\s?\d[\d,.']*|\d[\d ,.']*\s?(?:€|eur|euros?|usd|gbp|chf|dollars?))\s+"
     r"(?:[\w-]+\s+){0,2}?(?:wire|transfer|payout|remittance)s?\b|"
     r"\bwire (?:it|them|the (?:money|funds|payment|deposit|balance|amount))\b",
     [("wire", "transfer", "payout", "remittance")]),
    # ...or moved, sent or released by another word: "the payment of 48,500 euros sent today",
    # "your help moving 20k to our new supplier"
    (r"\b(?:payment|mov(?:e|ing)|send(?:ing)?|sent|releas(?:e|ing)|pay(?:ing)?)\b[^.!?\n]{0,30}?"
     r"(?:\d[\d ,.']*\s?(?:€|eur|euros?|usd|\$|£|gbp|chf|dollars?)\b|[€$£]\s?\d|\b(?:eur|usd|gbp|chf)\s?\d|"
     r"\b\d+(?:[.,]\d+)?\s?k\b)[^.!?\n]{0,40}?\b(?:today|now|asap|immediately|urgently|tonight|sent|to (?:our|my|the|this|a) "
     r"(?:new )?(?:supplier|vendor|account|partner|escrow|agent))\b",
     [("payment", "move", "moving", "send", "sent", "releas", "pay")]),
    # The business's data sent off: "send us the full customer list and the source code".
    (r"\b(?:send|share|forward|export|give|email|upload)\b[^.!?\n]{0,40}?\b(?:customer list|customer data|client list|"
     r"customer database|source code|employee (?:list|records|data)|payroll (?:data|records)|w-?2s|tax forms)\b",
     [("customer list", "customer data", "client list", "customer database", "source code", "employee list",
       "employee records", "employee data", "payroll", "w2", "w-2", "tax forms")]),
    (r"\b(?:forward|transf[eé]r\w*|reenv\w*|weiterleit\w*|redirect\w*|redirig\w*)\b[^.!?\n]{0,30}?\b(?:all|every|tous|toutes|"
     r"todos|todas|alle)\b[^.!?\n]{0,40}?\b(?:e-?mails?|mails?|messages?|courriels|correos|nachrichten|inbox)\b",
     [("forward", "transf", "reenv", "weiterleit", "redirect", "redirig"),
      ("mail", "message", "courriel", "correo", "nachricht", "inbox")]))
#: Payment redirected: bank details that changed, a new account to pay into. Invoice fraud's
#: one move, from a supplier's lookalike or a hijacked mailbox.
BANK_CHANGE = Gated(
    re.I,
    (r"\b(bank(ing)?|account|payment|remittance|wire|iban|sort code) (details|information|info|number)s? "
     r"(have|has|had) (been )?(changed|updated|moved)", [("changed", "updated", "moved")]),
    (r"\b(changed|updated|new|revised|change (of|to|in)) (our |the |my |your )?(bank(ing)?|account|payment|remittance|"
     r"wire) (details|information|info|account|number|instructions)",
     [("bank", "account", "payment", "remittance", "wire"), (" details", " info", " account", " number", " instructions"),
      ("changed", "updated", "new", "revised", "change")]),
    (r"\b(pay|remit|wire|transfer (the |your )?(funds|money|payment|amount|balance|sum|[$€£]\s?\d[\d,.]*))\b[^.\n]{0,80}\b(to|into) "
     r"(the|our|my|\w+['’]s) (new|updated|other|different) ([A-Z][\w&-]* )?(bank )?account\b(?! (manager|team|executive|director))",
     [("new", "updated", "other", "different"), ("account",)]),
    (r"\bnew (iban|sort code|account number|bank account|beneficiary)", [("new",)]),
    (r"\b(neue|geänderte|aktualisierte) (bankverbindung|kontoverbindung|iban|kontonummer)|"
     r"(bankverbindung|kontoverbindung) (hat sich|wurde) geändert",
     [("bankverbindung", "kontoverbindung", "iban", "kontonummer")]),
    (r"\b(nouvelles? coordonnées bancaires|nouveau rib|changement de (rib|coordonnées bancaires)|nouvel iban)",
     [("rib", "bancaires", "iban")]),
    (r"\b(nuev[oa]s? (cuenta bancaria|datos bancarios|iban|número de cuenta)|cambio de (cuenta|datos) bancari)",
     [("bancari", "iban", "cuenta")]),
    (r"\b(nuov[oie] (iban|coordinate bancarie|conto corrente)|cambio (di )?(iban|coordinate bancarie))",
     [("iban", "bancarie", "conto")]),
    (r"\b(nova conta bancária|novos dados bancários|novo iban|alteração (de|dos) dados bancários)",
     [("bancári", "iban")]),
    (r"\b(nieuw(e)? (rekeningnummer|iban|bankrekening)|gewijzigde bankgegevens)",
     [("rekening", "iban", "bankgegevens")]),
    # ...and the account itself said to have changed: "Our bank account has changed"
    (r"\bbank(ing)? (account|details|information|info)s? (have|has|had) (recently |just )?(been )?(changed|updated|moved)",
     [("changed", "updated", "moved")]))
#: Pressure: a deadline in hours, a threat to close the account, "act now".
URGENT = Gated(
    re.I,
    (r"\b(urgent(ly)?|immediately|right away|act now|final (notice|warning|reminder)|last warning|today only)",
     [("urgent", "immediately", "right away", "act now", "final ", "last warning", "today only")]),
    (r"\bwithin \d+ ?(hours|hrs|h)\b|\bexpires? today|\b(will|is going to) expire\b|\b(if you do not|if you don't|unless you) "
     r"(sign|act|confirm|verify|respond|reply|log ?in|click)\b[^.\n]{0,30}\b(today|now|within|by)\b",
     [("within ", "expire", "if you do not", "if you don't", "unless you")]),
    (r"\b((will|has) been|will be) (suspended|closed|locked|deactivated|deleted)",
     [("suspended", "closed", "locked", "deactivated", "deleted")]),
    (r"\b(inmediatamente|urgente|en (las próximas )?\d+ horas|será suspendid|immédiatement|sous \d+ ?heures|"
     r"sera suspendu|sofort|innerhalb von \d+ stunden|wird gesperrt|subito|entro oggi|entro \d+ ore|sarà sospes|"
     r"imediatamente|até amanhã|em \d+ horas|será bloquead|onmiddellijk|binnen \d+ uur|wordt geblokkeerd)",
     [("inmediatamente", "urgente", "horas", "suspend", "immédiatement", "heures", "sofort", "stunden", "gesperrt",
       "subito", "entro", "sospes", "imediatamente", "amanhã", "bloquead", "onmiddellijk", "uur", "geblokkeerd")]))
_LINKS = ("http://", "https://", "www.")
#: A link that counts clicks: tracking parameters, a redirecting host or path.
_TRACKING_RE = re.compile(
    r"https?://[^\s>]*([?&](utm_\w+|mc_eid|mc_cid|trk|tracking_id|cid|eid)=|//(click|clicks|track|trk|email|"
    r"links?|go|t)\.[^\s/]+/|/(track|click|wf/click|ls/click|c)/)", re.I)
#: A display name that is a role or a department, not a person: "Prize Center", "Service Client".
_ROLE_NAME_RE = re.compile(
    r"\b(center|centre|team|department|dept|support|services?|security|billing|accounts?( payable)?|"
    r"admin(istrator|istration)?|help ?desk|rewards?|prizes?|refunds?|notifications?|alerts?|customer care|"
    r"verification|payroll|finance|claims|office|departamento|premios|servicio|atención al cliente|"
    r"service client|kundenservice|kundendienst|abteilung|assistenza|premi|atendimento|promoções|promociones|"
    r"klantenservice)\b|\w(dienst|service|zentrum|center)\b")
#: A subject that shouts: a run of capitals ("FINAL NOTICE", "CONGRATULATIONS") or "!!".
_SHOUT_RE = re.compile(r"!{2,}|\b[A-Z]{4,}\b[^a-z]*\b[A-Z]{4,}\b|^[^a-z]*[A-Z]{5,}[^a-z]*$")
#: A display name that claims a company or a bank: from a webmail address, an impostor's.
_COMPANY_NAME_RE = re.compile(
    r"\b(inc|ltd|llc|gmbh|ag|corp(oration)?|plc|bank|official|department|dept|ceo|cfo|coo|president|"
    r"director|hr|payroll|finance|billing|support|admin|helpdesk|security)\b")
#: A name that claims a tax office or another government body.
_GOVERNMENT_NAME_RE = re.compile(
    r"\b(hmrc|irs|inland revenue|internal revenue|revenue (agency|service)|tax (office|authority|department|"
    r"agency|administration|refunds?)|taxation office|canada revenue|dvla|gov(ernment)?|finanzamt|bundeszentralamt|impôts|impots|"
    r"finances publiques|agencia tributaria|hacienda|agenzia (delle )?entrate|receita federal|belastingdienst)\b")
_BANK_NAME_RE = re.compile(r"\b(bank|banque|banco|banca|sparkasse|volksbank|credit union|building society)\b|\wbank\b")
#: The domains a government writes from: gov.uk, irs.gov, impots.gouv.fr, agenciatributaria.gob.es.
_GOVERNMENT_DOMAIN_RE = re.compile(
    r"(^|\.)((gov|mil)|(gov|gouv|gob|gv|govt|go|gc|admin|bund)\.[a-z]{2})$|^(elster|bzst|belastingdienst)\.(de|nl)$")
#: "gov" as a part of a domain's name that is no government's ("hmrc-gov-uk.example").
_GOV_PART_RE = re.compile(r"(^|[.-])(gov|gouv|gob)([.-]|$)")
#: A brand hyphenated to the words of a login page ("sparkasse-sicher.example", "secure-hsbc.example").
_LOGIN_DOMAIN_RE = re.compile(
    r"-(secure|sicher|verify|verif\w*|login|online|alert|update|support|refunds?|service|account|claims?|portal)\b|"
    r"\b(secure|verify|login|refunds?|claims?)-")
_SCAN_CHARS = 8000  # a scam says what it wants at the start; a long stranger's mail costs no more

#: Traits that alone make a stranger's mail mass mail; the others only weigh with another.
STRONG_TRAITS = frozenset({"list-unsubscribe", "unsubscribe link", "noreply sender",
                           "asks to move money or hand over access",
                           # A stranger asking to be paid into a new account is invoice fraud's one move.
                           "changed bank details",
                           # A service's name on a domain not its own is a phish's disguise.
                           "service named on another domain",
                           # A stranger's discount with a deadline and a call to book, never the owner's work.
                           "cold sales pitch"})


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

    @cached_property
    def _sites(self) -> frozenset[str]:
        """The organisations (registrable domains) of the owner and of everyone known, webmail aside."""
        hosts = {domain(a) for a in self.owner | self.people} | set(self.domains)
        return frozenset(_registrable(h) for h in hosts if h and h not in _SHARED_DOMAINS)

    @cached_property
    def _mailboxes(self) -> dict[str, frozenset[str]]:
        """Known people's mailbox names that spell a full name ("dana.whitfield"), by name
        squashed ("danawhitfield"), with the organisations they write from."""
        found: dict[str, set[str]] = {}
        for address in self.people | self.owner:
            local, _, host = address.partition("@")
            if re.search(r"[a-z]{2}[._-][a-z]{2}", local):
                found.setdefault(re.sub(r"[._-]", "", local), set()).add(_registrable(host))
        return {k: frozenset(v) for k, v in found.items()}

    def lookalike(self, name: str, address: str) -> bool:
        """Whether a stranger's ``address`` is dressed as someone known: its domain one step from
        a known organisation's (another ending, a hyphen or digit added or dropped, one letter
        changed, the known domain with a new ending: "acme-example.co" for "acme.example"), or
        the display name of a known person's full-name mailbox at an organisation not theirs."""
        host = domain(address)
        if not host or self.known(address):
            return False
        site = _registrable(host)
        if (host not in _SHARED_DOMAINS and site not in self._sites
                and any(_close(site, host, known) for known in self._sites)):
            return True
        words = re.findall(r"[a-z]+", unicodedata.normalize("NFKC", name).lower())
        if len(words) < 2:
            return False
        spelled = {words[0] + words[-1], words[0][0] + words[-1], words[-1] + words[0]}
        return any(site not in self._mailboxes.get(s, {site}) for s in spelled)


#: Second-level labels under which a country's registry gives names: "acme.co.uk", "acme.com.br".
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "or", "ne", "go", "gv"})
# Letters set to pass for others in a domain: "rn" for "m", "vv" for "w", digits for letters.
_LOOKALIKE_LETTERS = (("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("3", "e"), ("5", "s"))


def _registrable(host: str) -> str:
    """The domain an organisation registers: the last two labels, three under "co.uk" and its like."""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def _squashed(label: str) -> str:
    for seen, meant in _LOOKALIKE_LETTERS:
        label = label.replace(seen, meant)
    return re.sub(r"[^a-z]", "", label)


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter changed, added, dropped or two swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    ra, rb = a[start:], b[start:]
    return (ra[1:] == rb[1:] or ra[1:] == rb or ra == rb[1:]
            or (len(ra) >= 2 and ra[0] == rb[1:2] and ra[1] == rb[0] and ra[2:] == rb[2:]))


def _close(site: str, host: str, known: str) -> bool:
    """Whether the organisation ``site`` (of ``host``) passes for the ``known`` one."""
    name, known_name = site.split(".")[0], known.split(".")[0]
    mine, theirs = _squashed(name), _squashed(known_name)
    if len(theirs) < 4:  # "hp", "ibm": too short to tell a likeness from another name
        return False
    # "acme.example.pay-portal.co", "acme-example-billing.co": the known domain at the start.
    # One letter from a name of four is another word as often as a likeness ("loom", "zoom").
    return (mine == theirs or mine == _squashed(known) or host.startswith((known + ".", known.replace(".", "-")))
            or (len(theirs) >= 5 and _one_edit(mine, theirs)))


def traits(msg: Message, owner: Collection[str] = ()) -> set[str]:
    """The marketing and mass-mail traits of ``msg``; ``owner`` are the owner's addresses."""
    found = {t for t in msg.traits if t in ("list-unsubscribe", "hidden recipients")}
    if MASS_BODY.search(msg.text) or OPT_OUT.search(msg.text[:_SCAN_CHARS]):
        found.add("unsubscribe link")
    if _NOREPLY_RE.match(msg.sender.email):
        found.add("noreply sender")
    if promotional(msg.subject):
        found.add("promotional subject")
    shown = {a.email.lower() for a in [*msg.to, *msg.cc]}
    if owner and shown and not shown & {o.lower() for o in owner}:
        found.add("hidden recipients")  # the owner was among the Bcc
    return found | scam_traits(msg)


def scam_traits(msg: Message) -> set[str]:
    """The traits of a scam in ``msg``: a windfall to claim, an ask for bank, card or login
    details, pressure with a link, tracking links, and a sender named as a role or posing as a
    company from a webmail address. Normalised (NFKC) first, so full-width or styled letters match.
    Worked out once per message (kept in ``msg.scam``)."""
    if msg.scam is None:
        msg.scam = frozenset(_scam_traits(msg))
    return set(msg.scam)


def _scam_traits(msg: Message) -> set[str]:
    # The visible reply: a scam quotes no history, and quoted text is someone else's words.
    body = msg.reply_text or msg.text
    text = unicodedata.normalize("NFKC", f"{msg.subject}\n{body[:_SCAN_CHARS]}").lower()
    low = fold(text)  # what the gates test, once for every pattern
    name = unicodedata.normalize("NFKC", msg.sender.name).lower()
    found = set()
    if WINDFALL.search(text, low) or REFUND_DUE.search(text, low):
        found.add("windfall claim")
    # ...and as it reads with look-alike letters in mixed-script words made Latin ("сould yоu
    # send the wіre"), for the asks a scam most wants to hide from a filter.
    plain = normalise(text).lower() if not text.isascii() else text
    read = [(text, low)] if plain == text else [(text, low), (plain, fold(plain))]
    if any(DETAILS.search(t, f) for t, f in read):
        found.add("asks for account details")
    if any(MONEY_OR_ACCESS.search(t, f) for t, f in read):
        found.add("asks to move money or hand over access")
    if any(link in text for link in _LINKS) and URGENT.search(text, low):
        found.add("pressure and a link")
    if "http" in low and _TRACKING_RE.search(text):  # it opens with the scheme
        found.add("tracking link")
    if _ROLE_NAME_RE.search(name):
        found.add("role as sender name")
    if domain(msg.sender.email) in _SHARED_DOMAINS:
        # A webmail address whose name or mailbox claims a company or an office ("ceo.acme.corp@").
        local = re.sub(r"[._+-]+", " ", msg.sender.email.partition("@")[0].lower())
        if any(_COMPANY_NAME_RE.search(v) or _ROLE_NAME_RE.search(v) for v in (name, local)):
            found.add("company on webmail")
    if _SHOUT_RE.search(msg.subject):
        found.add("shouting subject")
    if BANK_CHANGE.search(text, low):
        found.add("changed bank details")
    if _official_elsewhere(name, msg.sender.email):
        found.add("official body on another domain")
    if _brand_elsewhere(msg.sender.name, msg.sender.email):
        found.add("service named on another domain")
    if _pitch(text):
        found.add("cold sales pitch")
    return found


# Services whose notices a phish copies, with the domains they write from: a sender named for one
# on another domain ("DocuSign <dse@docu-sign-secure.co>") poses as it.
_BRANDS: dict[str, tuple[str, ...]] = {
    "docusign": ("docusign.com", "docusign.net"), "dropbox": ("dropbox.com", "dropboxmail.com"),
    "hellosign": ("hellosign.com", "dropbox.com"), "adobe sign": ("adobe.com", "adobesign.com", "echosign.com"),
    "microsoft": ("microsoft.com", "office.com", "office365.com", "outlook.com", "sharepoint.com", "onmicrosoft.com"),
    "office 365": ("microsoft.com", "office.com", "office365.com"), "onedrive": ("microsoft.com", "onedrive.com"),
    "sharepoint": ("microsoft.com", "sharepoint.com"), "paypal": ("paypal.com",), "apple": ("apple.com", "icloud.com"),
    "icloud": ("apple.com", "icloud.com"), "wetransfer": ("wetransfer.com",), "linkedin": ("linkedin.com",),
    "zoom": ("zoom.us", "zoom.com"), "google": ("google.com", "googlemail.com", "gmail.com"),
    "amazon": ("amazon.com", "amazon.co.uk", "amazon.de", "amazonaws.com"), "netflix": ("netflix.com",),
    "fedex": ("fedex.com",), "dhl": ("dhl.com", "dhl.de"), "ups": ("ups.com",), "stripe": ("stripe.com",),
}
_BRAND_RE = re.compile(r"\b(" + "|".join(re.escape(b) for b in _BRANDS) + r")\b")


# A cold sales pitch's moves: a discount with a deadline, a short call to book, growth promised.
# One alone is any vendor's ("a 15 min call about your RFP"); two make a pitch.
_PITCH = (re.compile(r"\b\d+ ?% (?:off|discount)\b|\b(?:discount|offer|deal|pricing) (?:ends|expires)\b"),
          re.compile(r"\block (?:in|it in)\b"), re.compile(r"\blast chance\b"),
          re.compile(r"\b(?:10|15|20|30)[- ]?min(?:ute)?s? (?:call|chat|demo|intro)\b"),
          re.compile(r"\b(?:\d+x|double|triple) your (?:pipeline|revenue|leads|sales|growth|meetings)\b"),
          re.compile(r"\bbook a (?:demo|call|meeting) with (?:me|us)\b"),
          re.compile(r"\bi (?:noticed|saw) (?:that )?(?:you|your|\w+ is|\w+ are|\w+ has)\b"))


def _pitch(text: str) -> bool:
    return sum(1 for rx in _PITCH if rx.search(text)) >= 2


def _brand_elsewhere(name: str, address: str) -> bool:
    """Whether a sender named for a service ("DocuSign", "Microsoft 365") writes from a domain that
    is none of that service's."""
    found = _BRAND_RE.search(re.sub(r"[-_.]", " ", name).lower().replace("docu sign", "docusign"))
    if not found:
        return False
    host = domain(address)
    return bool(host) and not any(host == d or host.endswith("." + d) for d in _BRANDS[found.group(1)])


def _official_elsewhere(name: str, address: str) -> bool:
    """Whether a sender poses as a tax office, a government or a bank from a domain that is
    none of theirs: a government's name, or "gov" in the domain's name, off a government
    domain; a bank's name from a domain dressed as a login page. A bank's own domain cannot
    be known here, so a bank's name alone is no trait."""
    host = domain(address)
    if not host or _GOVERNMENT_DOMAIN_RE.search(host):
        return False
    who = f"{name} {re.sub(r'[._+-]+', ' ', address.partition('@')[0].lower())}"
    return bool(_GOV_PART_RE.search(host) or _GOVERNMENT_NAME_RE.search(who)
                or (_BANK_NAME_RE.search(who) and _LOGIN_DOMAIN_RE.search(host)))


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
        if self.correspondents.lookalike(msg.sender.name, msg.sender.email):
            found.add("lookalike sender")
        if found & STRONG_TRAITS or len(found) >= 2:
            return ", ".join(sorted(found))
        return ""


def _list_key(value: str) -> str:
    """A List-Id's bracketed id ("Team <team.corp.com>" -> "team.corp.com"), or an address."""
    value = value.strip().lower()
    found = re.search(r"<([^>]+)>", value)
    return (found.group(1) if found else value).strip()
