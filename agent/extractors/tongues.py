"""Dutch, Portuguese, Italian and Spanish: asks, promises and blockers in languages the English rules
cannot read.

The embedded extractor's rules read English, and German, French and some Spanish through their own
patterns (see ``embedded.EmbeddedExtractor._french``). A Dutch, Portuguese or Italian sentence is
told by its words (:func:`tongue_of`) and read here instead, by a few patterns per kind, as a
colleague in Amsterdam, Antwerp, Lisbon, São Paulo, Milan or Lugano writes them:

- an ask of the reader: a polite question to "je/u/jij", "você/tu" or "tu/Lei" ("Kun je het contract
  vóór donderdag doorlezen?", "Pode me enviar o relatório até sexta?", "Me lo firmi entro lunedì?"),
  a "please" word ("graag", "gelieve", "por favor", "per cortesia", "La preghiamo di"), a need ("We
  hebben jouw akkoord nodig", "Preciso que assines", "Ci servirebbe la visura"), a duty ("va
  restituito entro il 25"), or an order said first ("Stuur me de factuur", "Envie o contrato",
  "Mandami le foto", "Chiamalo tu");
- a promise of the writer's: the present said of a step ("Ik stuur je de offerte morgen", "Envio-lhe
  o relatório amanhã", "Domani ti giro il listino", "il verbale lo firmo io"), the future, or what
  the reader will receive ("Je krijgt de planning vrijdag", "Vai receber a proposta amanhã",
  "Riceverà da noi il certificato"); with a day, or said to the reader, or the future said outright;
- a blocker: work that can only go on once something happens, or is stuck ("We kunnen pas storten
  als...", "Zonder de PO kunnen we niet...", "ligt stil", "Não podemos avançar sem...", "está parado",
  "Non possiamo spedire finché...", "è fermo in attesa di...", "mi manca solo la firma").

Spanish ("¿Podrías revisar...?", "Le agradecería que nos enviara...", "Te envío el presupuesto el
jueves", "No podemos despachar hasta que llegue el pago") is read the same way, but the French and
German patterns read Spanish too, and did before this reader: when its patterns find nothing, they
still read the sentence (``Tongue.defers``).

Each reader first sets aside what asks nothing: thanks, offers ("als je nog vragen hebt", "qualquer
dúvida", "se ti serve altro"), notices and newsletters, and the past ("Ik heb de factuur gestuurd",
"Já enviei", "Ho già girato la fattura"). What it finds is titled by the sentence's own words, as
French and German items are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|['’]k\b")
# Addresses and links hold words of every language ("...@exemplo.com.br", "www.bedrijf.nl").
_ADDRESS_RE = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
# Words of the other languages focusd reads (French, German, Spanish): "Je vous envoie le planning
# lundi" is French, though "je" and "planning" are Dutch words too.
_OTHERS = frozenset("vous nous le la les est et pour avec des une du au merci je ne pas qui que sont cette "
                    "un fais fait suis ai avez avons sera serai ce cet ces mon ma mes ton ta tes son sa ses leur dans sur "
                    "par chez comme aussi bien demain jour journée retour fin mais très tout tous toute plus après avant "
                    "encore déjà peux pouvez veux voudrais faire envoyer envoie t'envoie m'envoyer j'ai c'est votre vos "
                    "notre nos à über für "
                    "ich und der das nicht mit für bitte sie dir dich wir ist sind auf dem den ein eine kann können wenn hat "
                    "haben habe erst am auch noch schon aber oder wird werden mich mir uns euch sein nach vom zum zur beim "
                    "allerdings dass weil nur jetzt heute bis ihnen ihr ihre kannst könnten würde gibt geht mal "
                    "el los las y con una usted gracias por para del está es".split())
# English words that show a line is English with a few foreign words in it, or the other way round.
_ENGLISH = frozenset("the you your please could would can will i we it this that to and is are be have has with "
                     "for of on by from what when if let me know thanks thank just i'll we'll you'll it's i'm don't can't "
                     "won't as soon at send sends".split())


# Common words of the languages around each one, which mark a sentence as not that language (see
# Tongue.others): each language's set is its own list and its neighbours' below.
_FRENCH_COMMON = "vous nous je est et avec pour merci une du au sont cette dans sur"
_GERMAN_COMMON = ("ich und der das die nicht mit für bitte sie dir wir ist sind auf dem den ein eine kann wenn hat haben noch "
                  "schon aber oder wird mich mir uns ihnen ihr ihre")
_DUTCH_COMMON = "het een niet voor zijn wordt graag jij jouw"
_ENGLISH_COMMON = "the you please could would"


@dataclass(frozen=True)
class Tongue:
    """One language's words and patterns. ``markers``: words only this language has among the
    ones focusd meets (two of them mark a sentence as this language)."""

    name: str
    markers: frozenset[str]
    marks: re.Pattern[str]  # a word's spelling that only this language has ("ção", "vrij")
    openers: frozenset[str]  # words that open an ask in this language and in no other ("Podia...?", "Kunt u...?")
    joined: re.Pattern[str]  # a pronoun joined on as only this language joins it ("contactá-la", "envio-lhe")
    mark_hints: tuple[str, ...]  # what a sentence holds when a word of it may have one of ``marks``
    joined_hints: tuple[str, ...]  # ...and when it may hold a ``joined`` pronoun
    foreign: re.Pattern[str]  # a spelling this language never has ("ß", "ñ"), which marks another's word
    others: frozenset[str]  # words of neighbouring languages, which mark a sentence as not this one
    not_work: re.Pattern[str]  # thanks, offers, notices: nothing to do
    past: re.Pattern[str]  # what is done already, unless it is asked about or waited on
    blocker: re.Pattern[str]
    ask: re.Pattern[str]
    promise: re.Pattern[str]
    future: re.Pattern[str]  # a promise said outright (the future, "promised"), which needs no day
    strong: re.Pattern[str]  # a step promised in the present by itself ("I'll take care of it"), no day needed
    to_reader: re.Pattern[str]  # words that speak to the reader
    herewith: re.Pattern[str]  # what comes with the mail is sent, not promised ("hierbij", "segue em anexo")
    clause_split: re.Pattern[str]  # where one clause ends and the next begins
    # When its patterns find nothing, the sentence is read by the other rules too (Spanish, which the
    # French and German patterns also read: what they found before this reader was written stays).
    defers: bool = False


def tongue_of(sentence: str) -> Tongue | None:
    """The language of ``sentence`` when it is Dutch, Portuguese, Italian or Spanish: two of its words only that
    language has, and no more English words than its own. (Every sentence of every mail is asked,
    so the common answer, English, costs one pass over the words and a few set lookups.)"""
    low = sentence.lower()
    words = _WORD_RE.findall(_ADDRESS_RE.sub(" ", low) if ("@" in low or "//" in low or "www." in low) else low)
    if len(words) < 3:
        return None
    english = -1
    for tongue in TONGUES:
        own = [w for w in words if w in tongue.markers]
        if any(map(low.__contains__, tongue.mark_hints)):
            own += [w for w in words if w not in tongue.markers and tongue.marks.search(w)]
        if any(map(low.__contains__, tongue.joined_hints)):
            own += tongue.joined.findall(low)
        if words[0] in tongue.openers:
            own.append(words[0] + "#")  # a question's first word counts twice: "Podia reenviar o link?"
        if len(set(own)) < 2:
            continue
        if english < 0:
            english = sum(1 for w in words if w in _ENGLISH)
        others = sum(1 for w in words if (w in tongue.others or tongue.foreign.search(w)) and w not in tongue.markers)
        if len(own) >= english and len(own) > others:
            return tongue
    return None


# Words that open a sentence before a comma and are no one's name: "Akkoord, maak er 50% van",
# "Perfeito, envio amanhã".
INTERJECTIONS = frozenset("akkoord ok oké oke prima top goed ja nee super perfect helder duidelijk klopt inderdaad "
                          "verder daarnaast tot slot ten slotte ook dus beste hoi hallo "
                          "perfeito certo claro combinado olá oi bom boa obrigado obrigada sim não então além "
                          "pronto ótimo otimo beleza tá ta caro cara prezado prezada anotado entendido feito fechado "
                          "combinado genial noted "
                          "d'accordo ok perfetto certo ricevuto benissimo ottimo allora comunque inoltre infine tranquillo "
                          "tranquilla sì si buongiorno ciao salve gentile caro cara bene va capito chiaro esatto ecco dunque "
                          "quindi promesso fatto intanto grazie "
                          "dale vale listo hecho claro perfecto bueno oye che mira entendido sale órale".split())


def english_words(sentence: str) -> int:
    """How many of ``sentence``'s words are common English ones."""
    return sum(1 for w in _WORD_RE.findall(sentence.lower()) if w in _ENGLISH)


def clauses(sentence: str, tongue: Tongue) -> list[str]:
    """``sentence`` cut where one clause ends and the next begins, each stripped."""
    parts = [p.strip(" ,;:-–—") for p in tongue.clause_split.split(sentence)]
    return [p for p in parts if len(p) > 3] or [sentence]


# -- Dutch ------------------------------------------------------------------------------------------

_NL_YOU = r"(?:je|jij|jou|jouw|u|uw|ge|gij|jullie)"
# Verbs of a step done for or sent to someone, as the writer says them of today or tomorrow.
_NL_STEP = (r"(?:stuur|stuurt|bel|belt|mail|mailt|check|controleer|regel|zet|pas|lever|levert|bezorg|bezorgt|breng|"
            r"bevestig|teken|betaal|boek|plan|maak|schrijf|review|bekijk|loop|kom|geef|zorg|pak|neem|"
            r"verstuur|verstuurt|deel|upload|corrigeer|dien|vul|reserveer|bestel|vraag|duik|verwerk|update|fix|rond|"
            r"wijzig|app|informeer|meld|sturen|versturen|betalen|maken|schrijven|geven|nemen)")
# ...of which these promise a step by themselves, with no day: "Ik regel de catering", "Ik neem je dienst over".
_NL_STRONG = re.compile(r"\b(?:ik|wij|we)\s+(?:regel|regelen|zorg|zorgen|stuur|sturen|bel|bellen|check|checken|bezorg|"
                        r"bezorgen|lever|leveren|pas|passen|teken|tekenen|boek|boeken|bevestig|bevestigen|review|neem|nemen|"
                        r"pak|pakken|corrigeer|corrigeren|bestel|bestellen|reserveer|reserveren|zet|zetten)\b|"
                        r"\blaat (?:het )?maar aan mij over\b|\b(?:volgt|volgen)\b", re.I)
_NL_NOT_WORK = re.compile(
    r"^\W*(?:bedankt|dank(?:je| je| u|jewel)?|hartelijk dank|proficiat|gefeliciteerd|sorry|excuses|ter info|fyi|ter informatie|"
    r"ter herinnering voor iedereen|goed nieuws|korte update|wat een|haha)\b|"
    # an offer, a courtesy, or what to do if the reader wants something
    r"\b(?:als|mocht|indien) (?:je|jij|u|ge|jullie) (?:nog )?(?:iets|vragen|meer|interesse|wil|wilt|zin)\b|"
    r"\blaat (?:het |maar |gerust )+(?:weten|horen) als\b|\bbij vragen\b|\bvoel (?:je|u) vrij\b|\bneem (?:dan )?gerust contact\b|"
    r"\bstaan? (?:ik|wij|we) (?:u|je) (?:uiteraard |graag )*(?:graag )?te woord\b|\bals (?:je|u) wilt, kan ik\b|"
    r"\bals het helpt\b|\bwe kunnen ook\b|\bvoor het geval\b|\bmisschien\b|\bhopelijk\b|\b(?:we|wij|ik) (?:hopen|hoop|hoopte|hoopten)\b|"
    r"\b(?:ik|we|wij) (?:denken|overwegen|zijn van plan)\b|\bik (?:zal|ga) (?:er )?(?:eens |even )?(?:over )?nadenken\b|"
    r"\bnadenken over\b|\berover nadenken\b|\bik kijk ernaar uit\b|"
    r"\b(?:voeren|voert) (?:wij|we) (?:[\wéèëïöü'’-]+ ){0,3}?onderhoud\b|\bhinder (?:kunt|kan|kunnen) ondervinden\b|\bhet was (?:leuk|fijn|goed)\b|"
    # notices, newsletters and disclaimers
    r"\b(?:schrijf je (?:nu )?in|shop (?:vandaag|nu)|klik hier|upgrade (?:vandaag|nu)|plan vandaag|meld (?:je|u) (?:nu )?aan|"
    r"u ontvangt deze e-?mail|bestemd voor de geadresseerde|per vergissing|denk aan het milieu|verstuurd vanaf mijn)\b|"
    r"\b(?:alle|iedere|elke) (?:bezoekers|medewerkers|patiënten|deelnemers|klanten)\b|\bworden verzocht\b|"
    r"\bmoeten (?:hun|zijn|haar) \w+ binnen\b|\bals regel\b|\bbij ons gaat\b|\b(?:afwezig|niet op kantoor|slecht bereikbaar|"
    r"minder bereikbaar|ziek)\b|\bwat een\b|\bbeloofd (?:de|het|om)\b|"
    r"\bje ontvangt deze e-?mail\b|\buitnodiging van google\b|"
    # a condition to tell of, no work now: "Gelieve mij te verwittigen als die datum in gevaar komt"
    r"\b(?:gelieve|graag|laat)\b[^.!?;]*\b(?:als|indien|mocht)\b[^.!?;]*\b(?:in gevaar komt|verandert|wijzigt|verschuift|"
    r"uitloopt|problemen)\b", re.I)
# the past: "Ik heb de factuur gestuurd", "is afgerond", "zijn binnen"
_NL_PAST = re.compile(
    r"\b(?:heb|hebben|heeft|had|hadden) (?:[\wéèëïöü'’-]+ ){0,9}?(?:ge[\wéèëïöü]+[dt]|gedaan|gezien|gelezen|gebeld|"
    r"verstuurd|verbeterd|opgelost|afgerond|doorgelezen|bekeken|gestaan|vergeten|begonnen)\b(?![^.!?;]*\b(?:nodig|dan|zodra)\b)|"
    r"\b(?:is|zijn|was|waren|werd|werden) (?:[\wéèëïöü'’-]+ ){0,4}?(?:afgerond|verholpen|goedgekeurd|opgelost|ondertekend|verlopen|"
    r"binnengekomen|binnen|aangekomen|gesloten|geleverd|verlengd)\b(?![^.!?;]*\b(?:zodra|pas|tot|voordat)\b)", re.I)
_NL_BLOCKER = re.compile(
    r"\b(?:kunnen|kan|kun|kunt|mogen|mag) (?:[\wéèëïöü'’-]+ ){0,8}?pas\b|\bpas (?:als|na|wanneer|zodra|nadat)\b|"
    r"\bzolang\b[^.!?;]*\bniet\b|\bniet\b[^.!?;]*\bzolang\b|"
    r"\b(?:kunnen|kan|kun|kunt|mogen|mag|lukt)\b[^.!?;]*\bniet\b[^.!?;]*\b(?:tot|totdat|voordat|zonder|zolang)\b|"
    r"\bzonder\b[^.!?;]*\b(?:kunnen|kan|kun|kunt|mogen|mag|lukt)\b[^.!?;]*\bniet\b|"
    r"\b(?:kan|kunnen|kun|kunt|mag|mogen|gaat|gaan)\b[^.!?;]{0,40}?\b(?:niet|niets|geen)\b[^.!?;]*\bvoordat\b|"
    r"\b(?:niet|niets|geen)\b[^.!?;]{0,40}?\b(?:kan|kunnen|mag|mogen|gaat|gaan)\b[^.!?;]*\bvoordat\b|"
    r"\b(?:ligt|liggen|staat|staan|zit|zitten) (?:[\wéèëïöü'’-]+ ){0,3}?(?:stil|vast|on hold)\b|"
    r"\bon hold\b|\bin afwachting van\b|\b(?:opgeschort|bevroren|tegengehouden|geblokkeerd|geblokkeerd)\b|"
    r"\bhoudt? (?:[\wéèëïöü'’-]+ ){0,3}?tegen\b|\bis blocked\b|"
    r"\b(?:waardoor|dus)\b[^.!?;]*\b(?:niet verder kan|niemand kan|niet kan draaien|kan niet|vertraagd)\b|"
    r"\btot (?:dan|die tijd)\b[^.!?;]*\b(?:stil|niet|geen)\b|\b(?:stil|niet|geen)\b[^.!?;]*\btot (?:dan|die tijd)\b|"
    r"^\W*(?:tot|totdat|zolang)\b[^.!?;]*,\s*(?:kunnen|kan|mogen|mag|kunt|kun)\b[^.!?;]*\b(?:niet|geen)\b", re.I)
_NL_ASK = re.compile(
    # a question to the reader with a verb of asking or doing: "Kun je...?", "Zou u ... willen...?",
    # "Stuur je me ... nog even door?", "Heb je morgen tijd...?"
    r"^\W*(?:[\w'’]+,\s+)?(?:(?:en|ook|dus|even|nog)\s+)?(?:kun|kunt|kan|kunnen|zou|zoudt|zouden|wil|wilt|willen|mag|mogen|"
    r"heb|hebt|stuur|stuurt|laat|neem|zet|bevestig|check|regel|bel|doe|maak|geef|breng|lukt|is het mogelijk|zou het lukken|"
    r"[a-z]+(?:t)?)\s+(?:(?:je|jij|u|ge|gij|jullie|iemand|ik je|ik u|wij u|we u|we je)\b)[^?]*\?|"
    r"\b(?:kun|kunt|kan|zou|zoudt|wil|wilt)\s+(?:je|jij|u|ge|gij|jullie|iemand)\b[^?]*\?|"
    r"\bis het mogelijk\b[^?]*\?|\bzou het lukken\b[^?]*\?|"
    # "please" words and polite statements
    r"\b(?:graag|gelieve|svp|s\.v\.p\.|pls|aub|a\.u\.b\.)\b|\bvergeet niet\b|\b(?:even )?een herinnering\b|"
    r"\b(?:wij|we|ik) (?:verzoeken|verzoek|vragen|vraag) (?:u|je|jullie)\b|\b(?:verzoeken|verzoek|vragen|vraag) (?:wij|we|ik) "
    r"(?:u|je|jullie)\b|^\W*(?:[\w'’]+,\s+)?(?:en |ook )?(?:kan|kunnen|mag|mogen) (?-i:[A-Z])[\w-]+ [^?]*\?|\bmag ik (?:je|u) (?:vragen|verzoeken)\b|"
    r"\b(?:mogen|mag) (?:wij|we|ik) (?:u|je) (?:vriendelijk )?(?:verzoeken|vragen)\b|\bik verneem graag\b|\bik hoor graag\b|"
    r"\bmag ik rekenen op\b|\bhet zou (?:fijn|mooi|handig|top|helpen|prettig) zijn als\b|\bik zou (?:graag|het fijn vinden)\b|"
    r"\b(?:is|zijn) (?:nog )?(?:nodig|vereist)\b|\b(?:hebben|heb|heeft) (?:[\wéèëïöü'’:-]+ ){0,10}?nodig\b|"
    r"(?<!\bhebben )(?<!\bhadden )(?<!\bheb )\b(?:dient|dienen|moet|moeten) (?:[\wéèëïöü'’/:.-]+ ){0,12}?"
    r"(?:door (?:u|jou|je|jullie)\b|te (?:worden |hebben )?[\wéèëïöü]+en\b)|"
    r"\b(?:kunnen|kan|mag|mogen) (?:we|wij|ik) (?:[\wéèëïöü'’/:-]+ ){0,8}?(?:van|bij) (?:je|jou|u|jullie) "
    r"(?:krijgen|ontvangen|hebben|verwachten)\b|"
    r"\b(?:ik|wij|we) (?:wil|willen|verwacht|verwachten|reken|rekenen)\b(?! dat (?:we|wij|ik)\b)"
    r"(?=[^.!?;]*\b(?:jouw|je|jullie|uw|u|erop)\b)[^.!?;]*\b(?:uiterlijk|vóór|tegen|voor|ten laatste|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|morgen)\b|"
    r"\b(?:ik|wij|we) (?:wacht|wachten) (?:nog )?op (?:je|jouw|uw|jullie)\b|\beven navragen\b|\bik wilde even polsen\b|"
    r"\blaat (?:me|mij|ons) (?:[\wéèëïöü'’/-]+ ){0,4}?(?:weten|horen)\b|"
    r"\b(?:wat vind jij|welk tijdstip past)\b|"
    # a deadline for a thing to be with the writer: "mits het uittreksel uiterlijk 30 november bij ons binnen is"
    r"\b(?:uiterlijk|vóór|tegen|ten laatste)\b[^.!?;]*\bbij (?:ons|mij) (?:binnen|zijn|is)\b|"
    # an order said first, not a notice ("Let op", "Kijk voor meer informatie")
    r"^\W*(?:[\w'’]+,\s+)?(?!(?:let|kijk|houd|wees|lees|ontdek|probeer|download|bestel|shop|neem de trap|"
    r"laat (?:het )?maar)\b)"
    r"(?:stuur|bel|mail|bevestig|teken|betaal|boek|plan|zet|regel|check|controleer|lever|bezorg|vul|laat|neem|geef|breng|"
    r"maak|doe|reserveer|bestel|upload|deel|pas|kijk|lees|onderteken|beantwoord)\s+(?:me|mij|ons|de|het|een|die|dat|deze|"
    r"dit|je|jij|uw|svp|even|nog|maar|vandaag|morgen|uiterlijk|er)\b", re.I)
_NL_PROMISE = re.compile(
    # the writer's step, in the present or the future: "Ik stuur je...", "Morgenvroeg stuur ik u...",
    # "'k Stuur u...", "Wij passen de factuur aan", "Ik zal de lesplannen uploaden"
    r"(?:\b(?:ik|wij|we)|(?<!\w)['’]k)\s+(?:(?:zal|zullen|ga|gaan|probeer|proberen)\s+)?(?:[\wéèëïöü'’-]+\s+){0,8}?"
    + _NL_STEP + r"\w{0,3}\b|"
    r"\b" + _NL_STEP + r"\w{0,3}\s+(?:ik|wij|we)\b|"
    r"\b(?:ik|wij|we) (?:zal|zullen|kom|komen)\b|"
    # what the reader will have or get: "Je krijgt de planning vrijdag", "U ontvangt de creditnota binnen vijf
    # werkdagen", "de mockups heb je vrijdag van me", "De offerte volgt per koerier"
    r"\b(?:je|jij|u|ge|jullie) (?:krijgt|krijg|ontvangt|hebt|heeft)\b|\b(?:krijg|krijgt|ontvangt|ontvang|heb|hebt) (?:je|jij|u|ge)\b|"
    r"\b(?:volgt|volgen) (?:per|morgen|vandaag|nog|later|zo|binnenkort|vrijdag|maandag)\b|"
    # the passive: "De offerte wordt u uiterlijk vrijdag toegestuurd"
    r"\b(?:wordt|worden) (?:[\wéèëïöü'’-]+ ){0,10}?(?:toegestuurd|gestuurd|verstuurd|gemaild|bezorgd|geleverd|gecorrigeerd|"
    r"opgestuurd|doorgestuurd|overgemaakt|uitbetaald|ingediend)\b|"
    # someone on the writer's side, in the present: "Onze projectleider belt u morgen", "Ons team levert..."
    r"\b(?:ons|onze|mijn) [\wéèëïöü-]+ (?:stuurt|belt|levert|mailt|dient|komt|neemt|regelt|bezorgt|past)\b|"
    r"\b(?:ik|wij|we) la(?:at|ten) (?:[\wéèëïöü'’-]+ ){0,6}?(?:weten|horen)\b|"
    r"\b(?:hij|zij|ze|die) (?:stuurt|belt|levert|mailt|past|regelt|bezorgt|komt|dient)\b|"
    r"\b(?:gaat|gaan) (?:[\wéèëïöü'’-]+ ){0,4}?(?:naar|per (?:koerier|post|mail))\b|"
    r"\b(?:komt (?:goed|in orde)|laat (?:het )?maar aan mij over|beloofd|je kunt op mij rekenen)\b", re.I)
_NL_FUTURE = re.compile(r"\b(?:zal|zullen|ga|gaan|beloofd|komt (?:goed|in orde)|laat (?:het )?maar aan mij over|"
                        r"je kunt op mij rekenen|zodra|(?:je|jij|u|ge) (?:krijgt|ontvangt|hebt)|(?:krijg|ontvang|heb) (?:je|u))\b", re.I)

DUTCH = Tongue(
    name="Dutch",
    others=_OTHERS,
    marks=re.compile(r"ij|aa"),
    mark_hints=("ij", "aa"),
    joined_hints=(),
    openers=frozenset("kun kunt zou zoudt gelieve graag kunnen zouden".split()),
    joined=re.compile(r"(?!x)x"),
    foreign=re.compile(r"[äöüßñàèùâîûç]"),
    markers=frozenset(
        "ik jij jou jouw jullie uw gij mij mijn wij onze het een niet geen voor vóór graag kun kunt kunnen zou zoudt zouden wilt "
        "willen gelieve uiterlijk vandaag bedankt naar ook maar wordt worden heb hebt heeft hebben zijn deze wanneer zodra "
        "zonder stuur stuurt sturen krijg krijgt ontvang ontvangt laat weten doen daar mee uit eens groeten vriendelijke "
        "hartelijk hoi goedemorgen fijn leuk klaar nodig akkoord offerte factuur zodat omdat want dus daarom waardoor zolang "
        "voordat nadat totdat sinds volgende vorige maand middag ochtend avond vanavond vanmiddag vanochtend morgenvroeg maandag "
        "dinsdag woensdag donderdag vrijdag zaterdag zondag alvast ff laatste welke waarom toch keer jullie ge 'k ’k "
        "nog even wel erg dank gerust helaas ligt stil staat zit vast kan wil mag moet moeten dient dienen "
        "betaling levering bestelling vergadering voorstel planning graag je op van aan om wat ons ze bij nu dan tot hun hem "
        "haar zal zullen ga gaan komt kom bevestig bel zet regel levert volgt binnen uiterlijk ten tegen hè "
        "werk thuis afwachting bijlage terug alstublieft alsjeblieft ondertekenen bezorgen sturen versturen doorsturen".split()),
    not_work=_NL_NOT_WORK,
    past=_NL_PAST,
    blocker=_NL_BLOCKER,
    ask=_NL_ASK,
    promise=_NL_PROMISE,
    future=_NL_FUTURE,
    strong=_NL_STRONG,
    to_reader=re.compile(r"\b" + _NL_YOU + r"\b", re.I),
    herewith=re.compile(r"\b(?:hierbij|bijgaand|in de bijlage|als bijlage|bijgevoegd)\b", re.I),
    clause_split=re.compile(r"\s*[;:]\s+|,\s+(?=(?:en\s+|maar\s+|dus\s+)?(?:ik|wij|we|kun|kunt|kan|wil|zou|laat|stuur|"
                            r"bel|graag|je|jij|u|jullie|die|hij|zij|ze)\b)", re.I),
)

# -- Portuguese -------------------------------------------------------------------------------------

_PT_NOT_WORK = re.compile(
    r"^\W*(?:(?:muito )?obrigad[oa]s?|valeu|thanks|parabéns|desculp[ea]|sem problema|bom dia|boa tarde|abraços?|"
    r"até breve|bom fim de semana|atualização rápida|só um aviso|para (?:sua|vossa) informação|informamos que)\b|"
    # an offer, a courtesy, what to do if the reader wants something
    r"\bse (?:precisar(?:es)?|quiser(?:es)?|for mais fácil|ajudar|tiver(?:es)? (?:alguma )?dúvida)\b|\bqualquer (?:dúvida|coisa)\b|"
    r"\b(?:estou|fico|ficamos|estamos) (?:à|a) (?:sua |vossa |tua )?disposição\b|\bfiqu?e(?:m)? à vontade\b|\bfica à vontade\b|"
    r"\bcaso seja útil\b|\bfique descansad[oa]\b|"
    # plans, hopes, guesses and the writer's own state
    r"\b(?:talvez|se calhar|quem sabe|esperamos|espero que|vamos ver se)\b|\b(?:estamos|estou) a (?:pensar|ponderar)\b|"
    r"\bestamos avaliando\b|\bvou pensar\b|\bpreciso (?:de )?pensar\b|\bfoi (?:um prazer|ótimo|bom)\b|"
    r"\b(?:estou|estarei) fora do escritório\b|\bde baixa\b|\bcom gripe\b|\bacesso limitado\b|\bvou estar em\b|"
    # notices, newsletters and disclaimers
    r"\b(?:está a receber|está recebendo|recebeu esta mensagem por engano|destinam-se exclusivamente|antes de imprimir|"
    r"inscreva-se|compre já|agende uma demo|subscreveu|política é que|estarão encerrados|estará fechado|entra em vigor|"
    r"passa a oferecer)\b|^\W*(?:tod[oa]s (?:os|as) |os colaboradores devem\b)|"
    # a wait that is over: "ficou retida..., mas já foi entregue", "o Sam já o corrigiu", "finalmente saiu"
    r"\bmas já\b|\bfinalmente\b|\bjá (?:o|a|os|as) (?:\w+ou|\w+eu)\b|\bnão nos afeta\b|"
    r"\bpoderá haver\b|\binterrupções\b|\bcansad[oa] de\b|\ba nossa app\b|\bquem diria\b|"
    r"\b(?:destinat[aá]rio|remetente)\b.{0,60}\b(?:apague|elimine|exclua|avise|notifique|informe)|\b(?:apague|elimine|exclua)-a\b|"
    r"^\W*vai participar\b|"
    # habits, not promises: "Normalmente eu ligo pro banco às segundas"
    r"\b(?:normalmente|geralmente|costumo|costumamos|sempre que|todas as semanas|todos os dias|"
    r"às (?:segundas|terças|quartas|quintas|sextas))\b", re.I)
# what is done already: "Já enviei a fatura", "Terminei o rascunho ontem", "O seu pedido foi enviado"
_PT_PAST = re.compile(
    r"\b(?:enviei|mandei|terminei|corrigi|revi|liguei|falei|paguei|assinei|resolvi|resolvemos|acabámos|acabamos|fechámos|"
    r"assinámos|reviu|aprovou|terminou|recebi)\b|"
    r"\b(?:foi|foram) (?:[\wçãõáéíóúâêô-]+ ){0,3}?(?:[\wçãõáéíóúâêô]+[ai]d[oa]s?|entregue|feit[oa]|aprovad[oa]|concluíd[oa])\b|"
    r"\bjá (?:foi|foram|enviei|mandei|está|estão)\b", re.I)
_PT_BLOCKER = re.compile(
    r"\bnão (?:podemos|posso|pode|podem|consigo|conseguimos|consegue|conseguem|dá(?: para| pra)?|é possível)\b"
    r"[^.!?;]*\b(?:enquanto|até|sem|antes)\b|"
    r"\bsem\b[^.!?;]*\b(?:não (?:podemos|posso|pode|podem|consigo|conseguimos|conseguem|dá)|não (?:há|tem) como)\b|"
    r"\bsem (?:o|a|os|as|que|ele|ela|eles|elas|isso|isto) [^.!?;]*\bnão\b|"
    r"\bsomente (?:poderá|pode|podem|poderão|será|serão|vai|vamos)\b[^.!?;]*\b(?:após|depois|quando|mediante)\b|"
    r"\bs[óo] (?:libera|aprova|autoriza|assina|avança|começa|abre|envia|paga|faz)\b[^.!?;]*\b(?:com|após|depois|quando|mediante)\b|\benquanto\b[^.!?;]*\b(?:não|faltarem?|ninguém)\b|"
    r"\bsó (?:avança|começa|começamos|podemos|posso|pode|vai|vamos|consigo|conseguimos|entra|sai|arranca|avançamos)\b"
    r"[^.!?;]*\b(?:quando|depois|após|assim que)\b|"
    r"\b(?:está|estão|estamos|estou|ficou|continua|continuam|tá) (?:tudo )?(?:[\wçãõáéíóúâêô-]+ ){0,2}?(?:parad[oa]s?|travad[oa]s?|"
    r"bloquead[oa]s?|suspens[oa]s?|retid[oa]s?|congelad[oa]s?|pendentes?|on hold|atrasad[oa]s?|em espera|à espera|"
    r"fora do ar|esgotad[oa]s?)\b|"
    r"\b(?:não pode|não podem) (?:avançar|prosseguir|começar|rodar|arrancar|seguir)\b|\bninguém consegue\b|"
    r"\bnada (?:entra|sai|avança|pode)\b[^.!?;]*\b(?:antes|até|sem)\b|\bpararam\b|"
    r"^\W*até\b[^.!?;]*,\s*não\b", re.I)
_PT_ASK = re.compile(
    # a question to the reader: "Poderia rever...?", "Podes enviar-me...?", "Consegue aprovar...?",
    # "Será que você poderia...?", "Dá para você...?", "Importa-se de me enviar...?"
    r"(?:^|[,;:]\s*)\W*(?:(?:e|ah|então|ada|olá|oi)\W+)*(?:você |vc |tu |o senhor |a senhora )?"
    r"(?:pode|poderia|podia|podes|poderias|podem|poderiam|consegue|consegues|conseguem|conseguiria|conseguirias|será que|"
    r"seria possível|haveria|"
    r"há alguma hipótese|dá para|dá pra|tem disponibilidade|tens disponibilidade|importa-se|importas-te|alguém)\b[^?]*\?|"
    r"\b(?:você|vc|tu) (?:pode|consegue|poderia|podia|consegues|podes)\b[^?]*\?|\bo que acha(?:s)?\b[^?]*\?|"
    r"\b(?:a vossa|o vosso|a sua|o seu|a tua|o teu|vossa|vosso|sua|seu) [\wçãõáéíóú-]+ (?:pode|poderia|consegue|podia)\b[^?]*\?|"
    # "please" words and polite statements
    r"\bpor (?:favor|gentileza)\b|\b(?:pf|pfv|pfvr|pls)\b|\bfavor (?:\w+ar|\w+er|\w+ir)\b|\bse faz favor\b|"
    r"\b(?:agradecia|agradeceria|agradeço que|agradecemos (?:a|o)|ficaria (?:muito )?grat[oa] se|peço (?:a gentileza|que|-lhe)|"
    r"solicito|solicitamos|queria pedir|gostaria (?:muito )?de (?:pedir|saber|solicitar|ter|receber)|gostaríamos de)\b|"
    r"\baguardo (?:o |a )?(?:seu |sua |vosso |vossa |teu |tua )?(?:retorno|resposta|confirmação|envio|feedback|parecer|aprovação)\b|"
    r"\bfico a aguardar\b|\bcontinuo à espera\b|\bainda não recebi\b|\bsó para (?:lembrar|saber)\b|"
    r"\b(?:preciso|precisamos|precisava|necessito|necessitamos) (?:que|da|do|das|dos|de|dele|dela|saber)\b|"
    r"\bvou precisar (?:de|que|do|da)\b|\b(?:pedimos|peço|pedia) que\b|\bacho melhor (?:vc|você|tu|o senhor|a senhora)\b|"
    r"\b(?:vc|você|tu) (?:manda|envia|passa|revisa|assina|faz|fala|liga|cuida|prepara|organiza|resolve)\b(?![^.!?;]*\?)|"
    r"(?:^|[,;:]\s*)\W*pode (?!(?:deixar|ser|haver|ter|estar|acontecer|demorar|ficar|vir|chover|dar)\b)(?:\w+ar|\w+er|\w+ir)\b"
    r"(?![^.!?;]*\?)|"
    r"\bé necessári[ao]\b|\bconvém que\b|\bnão (?:se )?esque(?:ça|ças)\b|\blembrete\b|"
    r"\b(?:tem|têm) (?:de|que) ser\b|\bdeve(?:m)? ser (?:\w+ )?(?:entregue|enviad|devolvid|assinad|pag|submetid|preenchid|aprovad)|"
    # an order said first, pronouns joined on: "Envie-me a fatura", "Me manda o comprovante", "Diz-me até quarta"
    r"(?:^|[,;:]\s*)\W*(?:(?:e|então)\s+)?(?:me\s+)?(?:envie|envia|manda|mande|avisa|avise|confirme|confirma|assine|assina|ligue|liga|"
    r"verifique|verifica|reveja|revê|revise|pague|paga|marque|marca|reserve|reserva|diga|diz|responda|responde|preencha|"
    r"preenche|aprove|aprova|partilhe|partilha|compartilhe|encaminhe|encaminha|emite|emita|trate|trata|faça|traga|traz|"
    r"reenvie|reenvia|devolva|devolve|sobe|suba|passa|passe|monta|monte|prepara|organiza|resolve|cuida|fala|chama|cobra|"
    r"publica|atualiza|corrige|olha)(?:-(?:me|nos|lhe|lo|la|los|las|a|o))?\b", re.I)
_PT_STEP = (r"(?:envio|mando|ligo|confirmo(?=[^.!?;]*\baté\b)|verifico|reviso|preparo|passo|faço|trato|resolvo|entrego|assino|pago|falo|volto|"
            r"retorno|dou|aviso|levo|devolvo|reservo|atualizo|corrijo|cubro|apresento|garanto|escrevo|marco|reenvio|agendo|"
            r"partilho|compartilho|mostro|trago|analiso|coloco|ponho|emito|termino|finalizo|respondo|consigo ter|"
            r"enviamos|mandamos|voltamos|ligamos|confirmamos|tratamos|entregamos|passamos|devolvemos|reenviamos|"
            r"atualizamos|corrigimos|preparamos|decido|formalizo|peço|fecho|subo|cuido|organizo|publico|protocolo|"
            r"encaminho|transfiro|deposito|providencio|providenciamos|fazemos)")
_PT_PROMISE = re.compile(
    # the writer's step in the present, first or after a pronoun: "Envio-lhe o orçamento", "Te mando a
    # planilha", "Amanhã de manhã envio-vos a ata", "eu resolvo isso"
    r"(?:^|[,;:]\s*|\b(?:eu|nós|te|lhe|vos|já|amanhã|hoje|depois|e|mas)\s+)\W*" + _PT_STEP
    + r"(?:-(?:lhe|lhes|te|vos|a|o|os|as|tos|tas|lho|lha|lhos|lhas))?\b|"
    r"\b(?:amanhã|hoje|logo|depois)\b[^.!?;]{0,30}?\b" + _PT_STEP + r"\b|"
    # the future: "Vou verificar", "vamos corrigir", "Enviarei", "Enviar-lhe-emos", "iremos enviar"
    r"\b(?:vou|vamos|iremos|irei) (?:tentar )?(?:\w+ar|\w+er|\w+ir|pôr|fazer|ver|dar|trazer)\b|"
    r"\b\w+(?:arei|erei|irei|aremos|eremos|iremos)\b|\b\w+(?:ar|er|ir)-(?:lhe|lhes|te|vos|no|na)-(?:ei|emos|á|ão)\b|"
    # what the reader will have: "Vai receber de mim a proposta", "Amanhã terá o contrato", "Terás os meus comentários"
    r"\b(?:vai|vais|vão|irá|irás) (?:receber|ter)\b|\b(?:terá|terás|receberá|receberás)\b|"
    # the passive: "Os resultados serão enviados", "A encomenda ser-lhe-á entregue"
    r"\b(?:será|serão|vai ser|vão ser|ser-lhe-á|ser-lhes-á)\s+(?:\w+ )?(?:enviad[oa]s?|entregue|entregues|remetid[oa]s?|"
    r"encaminhad[oa]s?|devolvid[oa]s?|transferid[oa]s?)\b|"
    # someone on the writer's side: "A nossa equipa envia as peças", "Nosso contador vai protocolar", "O técnico passa aí amanhã"
    r"\b(?:a nossa|o nosso|nossa|nosso) [\wçãõáéíóú-]+ (?:envia|entrega|passa|liga|manda|vai|responde|trata)\b|"
    r"\b(?:o|a) [\wçãõáéíóú-]+ (?:envia|entrega|passa|liga|manda|vai|responde|trata)\b"
    r"(?=[^.!?;]*\b(?:te|lhe|lhes|vos|você|vc|aí|contigo|consigo)\b)|"
    r"\bele (?:responde|envia|manda|liga|passa)\b|"
    r"\b(?:o|a) (?-i:[A-Z])[\wçãõáéíóú-]+ (?:te|lhe|lhes|vos) (?:manda|envia|passa|liga|encaminha|entrega|responde)\b|"
    r"\b(?!(?:será|serão|poderá|poderão|deverá|deverão|haverá|estará|estarão|terá|terão)\b)[a-zçãõáéíóú]{3,}(?:ará|erá|irá|arão|erão|irão)\b|"
    r"\b(?:pode deixar|deixa comigo|deixe comigo|fica prometido|conta comigo|fico eu responsável|garanto que|"
    r"segue(?:m)? (?:amanhã|hoje|ainda hoje|até|por correio|por e-?mail)|fica(?:m)? (?:pront[oa]s?|montad[oa]s?)|"
    r"combinado, \w+)\b", re.I)
_PT_FUTURE = re.compile(r"\b(?:vou|vamos|iremos|irei|vai receber|vais receber|terá|terás|fica prometido|pode deixar|deixa comigo|"
                        r"conta comigo|garanto|assim que|\w+(?:arei|erei|irei|aremos|eremos|iremos))\b|-(?:ei|emos|á|ão)\b|"
                        r"\b(?!(?:será|serão|poderá|poderão|deverá|deverão|haverá|estará|estarão|terá|terão)\b)"
                        r"[a-zçãõáéíóú]{3,}(?:ará|erá|irá|arão|erão|irão)\b",
                        re.I)
_PT_STRONG = re.compile(r"\beu (?!(?:faço parte|sou|estou|acho|penso|tenho|gosto|sei|vejo|moro|trabalho|acredito|concordo|"
                        r"entendo|espero|prefiro|preciso|quero|posso|uso|costumo|normalmente|sempre|nunca)\b)[a-zçãõáéíóú]+o\b|"
                        r"\b(?:agora|em seguida|ainda hoje|hoje mesmo)\b|"
                        r"\b(?:trato|resolvo|cubro|garanto|assumo|consigo ter|fico eu responsável|deixa comigo|pode deixar|conta comigo|"
                        r"corrigir e reenviar|segue(?:m)? (?:amanhã|hoje|por correio))\b", re.I)

PORTUGUESE = Tongue(
    name="Portuguese",
    marks=re.compile(r"[ãõ]|ç[ãõoa]|(?:nh|lh)(?:[aoe]s?)$"),
    mark_hints=("ã", "õ", "ç", "nh", "lh"),
    joined_hints=("-", "me "),
    openers=frozenset("podia poderia pode podes consegue consegues conseguiria importa-se".split()),
    joined=re.compile(r"\w-(?:lhe|lhes|lha|lho|lhos|lhas|tos|tas|nos|vos|se|lo|los)\b|"
                      r"\bme (?:liga|manda|passa|avisa|diz|fala|envia|conta|chama)\b"),
    foreign=re.compile(r"[äöüßñèùîë]"),
    markers=frozenset(
        "não nao você vocês vc vcs uma umas uns com ao aos à às pelo pela pelos pelas lhe lhes é são também tambem "
        "já então entao amanhã amanha obrigado obrigada pra seu sua seus suas meu minha meus minhas isso isto vou vai "
        "preciso precisamos precisava segue seguem envio consegue consegues conseguimos poderia podia podes pode "
        "até hoje feira terça quarta quinta sexta fim mês ainda nós estou tá né oi olá tudo abraço abraços cumprimentos "
        "atenciosamente agradeço agradecia aguardo fico fica deixa gostaria gostaríamos queria necessária necessário "
        "assinatura assinado assinada assinar assine orçamento fatura proposta reunião equipa equipe relatório planilha "
        "em nas num numa sem só depois enquanto noite manhã cedo lá aí vossa vosso vossos vossas nosso nossa "
        "nossos nossas ele ela eles elas muito bom boa terá terás receber envie manda mande favor "
        "ficou estamos está estão tem têm eu teu tua comigo contigo garanto acha achas deste desta neste nesta disso nisso "
        "mensagem recebeu bloqueado bloqueada parado parada travado travada pararam acabaram corrigir reenviar "
        "gentileza encaminhe dou sou tô hj pro pros estiver tiver puder quiser um após somente poderá deverá "
        "solicito solicitamos pedimos".split()),
    others=frozenset(" ".join(("el los las y con una usted ustedes gracias del es muy pero hoy mañana nosotros puedes puede "
                               "necesito hasta después también le les da so mal",
                               _FRENCH_COMMON, _GERMAN_COMMON, _ENGLISH_COMMON)).split()),
    not_work=_PT_NOT_WORK,
    past=_PT_PAST,
    blocker=_PT_BLOCKER,
    ask=_PT_ASK,
    promise=_PT_PROMISE,
    future=_PT_FUTURE,
    strong=_PT_STRONG,
    to_reader=re.compile(r"\b(?:você|vocês|vc|vcs|te|lhe|lhes|tu|vos|o senhor|a senhora|seu|sua|teu|tua|vosso|vossa|aí)\b|"
                         r"-(?:lhe|te|vos|lha|lho|tos|tas)\b", re.I),
    herewith=re.compile(r"\b(?:em anexo|segue(?:m)? (?:em )?anexo|junto (?:envio|seguem?)|anexad[oa]s?|anexamos|anexo)\b", re.I),
    clause_split=re.compile(r"\s*[;:]\s+|,\s+(?=(?:mas\s+|e\s+|então\s+|por isso\s+)?(?:eu|você|vc|pode|podes|consegue|consegues|"
                            r"podia|poderia|preciso|precisamos|aviso|envio|mando|te|lhe|ele|ela|o que|por favor)\b)|"
                            r",?\s+(?:mas|por isso|então)\s+(?=\w)|\s+que\s+(?=eu\b)", re.I),
)

# -- Italian ----------------------------------------------------------------------------------------

_IT_W = r"[\wàèéìòóù'’-]"
_IT_NOT_WORK = re.compile(
    r"^\W*(?:oggetto(?=\s*:)|grazie|thanks|complimenti|congratulazioni|scusa|scusate|scusi|buona giornata|buon lavoro|buon weekend|"
    r"ci vediamo|a presto|great job|per (?:tua|sua|vostra) (?:informazione|conoscenza)|un avviso|si comunica|"
    r"nessun problema per)\b|"
    # an offer, a courtesy, what to do if the reader wants something
    r"\bse (?:ti|le|vi|gli) (?:serve|servisse|servono|occorre)\b|\bse (?:serve|servisse|vuoi|vuole|volete|"
    r"è più comodo|può essere utile|ci fossero problemi|hai bisogno|ha bisogno|avete bisogno)\b|"
    r"\bper (?:qualsiasi|qualunque|ogni) (?:chiarimento|cosa|dubbio|domanda|necessità|informazione|esigenza)\b|"
    r"\b(?:resto|rimango|restiamo|rimaniamo) (?:a|a sua|a tua|a vostra) (?:completa )?disposizione\b|"
    r"\bnon (?:esiti|esitate|esitare) a\b|\bsentiti libero\b|\bsentitevi liberi\b|\bsi senta liber[oa]\b|\bper urgenze\b|"
    r"\bnel caso (?:ti|le|vi) sia utile\b|\bse è utile\b|\bposso condividere\b|\bpotremmo prenderci\b|"
    # plans, hopes, guesses and the writer's own state
    r"\b(?:magari|forse|speriamo|spero che|vediamo se|prima o poi|chissà)\b|\bstiamo (?:pensando|valutando)\b|"
    r"\bsto (?:pensando|valutando)\b|\bè stato un piacere\b|\bfuori (?:sede|ufficio)\b|\bin malattia\b|\bmalat[oa]\b|"
    r"\bho l'influenza\b|\baccesso limitato\b|\bsarò a\b|\bche disastro\b|\bche ne dici di un caffè\b|"
    # notices, newsletters and disclaimers
    r"\b(?:resterà chius[oa]|resteranno chius[ie]|entra in vigore|ricevi questa e-?mail|iscriviti|prenota una demo|approfittane|"
    r"destinat[oi] esclusivamente|per errore|ai sensi del|la informiamo|potrebbero verificarsi|osserverà l'orario|"
    r"scopri come|la nostra app|stanco di|le ricordiamo che i nostri uffici)\b|"
    r"^\W*(?:tutti i|tutte le|i dipendenti|gli utenti|i clienti) [^.!?;]*\b(?:devono|sono tenuti|vengono|dovranno)\b|"
    r"\b(?:la nostra|la mia) politica\b|\bvengono effettuati solo\b|"
    # a wait that is over or someone else's: "ma ora è stata consegnata", "l'ha già sistemata", "per noi non cambia niente"
    r"\bma (?:ora|adesso)\b|\bfinalmente\b|\bè (?:già )?risolt[oa]\b|\bper noi non cambia\b|\bil vicino\b|"
    # habits: "di solito", "ogni lunedì"
    r"\b(?:di solito|solitamente|normalmente|ogni (?:lunedì|martedì|mercoledì|giovedì|venerdì|settimana|giorno))\b|"
    r"\bnon ce la (?:faccio|facciamo|fa|fanno)\b", re.I)
# what is done already: "Ho già mandato la fattura", "Abbiamo risolto il problema", "è stato firmato"
_IT_PAST = re.compile(
    r"(?<!\bnon )(?<!\bnon ci )(?<!\bnon mi )(?<!\bnon ti )(?<!\bnon vi )(?<!\bnon le )(?<!\bnon gli )"
    r"\b(?:ho|hai|ha|abbiamo|avete|hanno|l'ho|l'ha|le ho|ti ho|vi ho|gli ho)\s+"
    r"(?:(?:già|appena|anche|ancora|mai|sempre|pure|io|noi|ieri|stamattina)\s+){0,2}"
    r"(?:[\wàèéìòù]+(?:ato|uto|ito|ata|uta|ita|ati|ate)|fatto|letto|scritto|messo|preso|detto|visto|"
    r"chiuso|risolto|promesso|chiesto|risposto|speso)\b(?![^.!?;]*\b(?:bisogno|finché|appena)\b)"
    # (...but a clause that goes on to promise is read for its promise: "ho esaminato le condizioni..., che Le invierò entro lunedì")
    r"(?![^.!?;]*\b[\wàèéìòù]{2,}(?:erò|irò|arò|eremo|iremo|aremo)\b)|"
    r"(?<!\bnon )\b(?:è|sono|era|erano) (?:stat[oaie] )?(?:già )?(?!(?:bloccat|sospes|fermat|scadut)\w*)"
    r"(?:[\wàèéìòù]+(?:ato|uto|ito|ata|uta|ita|ati|ate|iti|ite))\b"
    r"(?![^.!?;]*\b(?:finché|fino a|in attesa|quando|appena|dopo)\b)|"
    r"\bsi è (?:conclus[oa]|chius[oa]|risolt[oa])\b|\b(?:ieri|stamattina|la settimana scorsa)\b[^.!?;]*\b(?:era|erano|ho|abbiamo|ha)\b", re.I)
_IT_BLOCKER = re.compile(
    r"\bnon (?:possiamo|posso|può|possono|riusciamo|riesco|riesce|riescono|si può|si possono|potremo|potrò|potrà|potranno)\b"
    r"[^.!?;]*\b(?:finché|fintanto|senza|prima (?:che|di|del|della|dell')|fino a|fino al|se non)\b|"
    r"\b(?:finché|fintanto che)\b[^.!?;]*\bnon\b|\bfinché mancano\b|"
    r"\bsenza\b[^.!?;]*\bnon (?:possiamo|posso|può|possono|riusciamo|riesco|riesce|riescono|si può)\b|"
    r"\bin mancanza d\w*\b[^.!?;]*\bnon\b|\ba meno che\b[^.!?;]*\bnon\b|"
    r"\bsolo (?:quando|dopo|se|una volta che)\b|"
    r"\bnon (?:può|possono|riusciamo|riesco) (?:procedere|proseguire|partire|iniziare|andare avanti)\b|"
    r"\b(?:è|sono|siamo|sono|resta|restano|rimane|rimangono|risulta|risultano|qui è) (?:ancora |tutto |tutti |tutta )?"
    r"(?:ferm[oaie]|bloccat[oaie]|sospes[oaie]|in sospeso|on hold|in stand-?by|"
    # (...but what the writer waits for from the reader is asked: "Sono ancora in attesa dei vostri commenti")
    r"in attesa d\w*(?!\s+(?:vostr|tuo|tua|tuoi|tue|suo|sua|suoi|sue|loro)\w*))\b|"
    r"\btutto fermo\b|\bniente (?:va|parte|esce|si muove)\b[^.!?;]*\bprima\b|\bslitta a data da destinarsi\b|"
    r"\bsenza (?:il|la|lo|i|gli|le|l')\b[^.!?;]*\bnon\b|"
    # what is still missing: "mi manca solo la conferma delle distanze di sicurezza"
    r"\b(?:mi|ci|ne) manca(?:no)? (?:solo|soltanto)\b", re.I)
_IT_ASK = re.compile(
    # a question to the reader: "Potrebbe rivedere...?", "Riesci ad approvare...?", "Mi mandi...?", "Hai tempo...?"
    r"\b(?:potrebbe|potresti|potreste|puoi|può|potete|riesci|riesce|riuscite|riusciresti|riuscirebbe|dispiacerebbe|"
    r"sarebbe possibile|è possibile|c'è modo|hai tempo|ha tempo|avete tempo|mi mandi|mi manda|mi mandate|mi confermi|"
    r"mi conferma|mi confermate|mi fai|mi fa|mi faresti|mi fareste|mi giri|mi gira|mi chiami|mi chiama|me l[oaie] mandi|"
    r"mi dici|mi dice|preferisci|preferisce|che ne pensi|che ne pensa|mi aggiorni|mi aggiorna|ci mandi|ci manda|"
    r"ci confermi|ci conferma)\b[^?]*\?|"
    # "please" words and polite statements
    r"\bper (?:favore|cortesia|piacere)\b|\b(?:cortesemente|gentilmente|please|pls)\b|"
    r"\b(?:la|vi|ti|le) (?:preghiamo|prego|preghiamo cortesemente)\b|\bsi prega\b|\b(?:vi|ti|le) (?:chiediamo|chiedo|chiederei|"
    r"chiederemmo|sollecitiamo|sollecito)\b|\b(?:vi|le|ti) (?:sarei|saremmo|sarò|saremo) (?:molto )?grat[oaie]\b|"
    r"\b(?:attendo|attendiamo|aspetto|aspettiamo) (?:un |il |la |i |le )?(?:suo |tuo |vostro |vostra |sua |tua )?"
    r"(?:riscontro|conferma|ok|feedback|risposta|commenti|parere|benestare|documento|ddt|preventivo|offerta|fattura|contratto)\b"
    r"(?![^.!?;]*\bda(?:l|lla|llo|i|gli|lle)? (?-i:[A-Z]))|\b(?:attendo|aspetto) (?:il |la |i |le )?(?:suo|sua|tuo|tua|vostro|vostra)\b|\b(?:resto|restiamo|rimango|rimaniamo|sono|siamo) (?:ancora )?in attesa d\w*\b|"
    r"\b(?:fammi|fatemi|mi faccia|ci faccia|fateci|facci) sapere\b|\b(?:ricordati|ricordatevi|si ricordi)\b|"
    r"\b(?:ti|le|vi) ricordo\b|\bpromemoria\b|"
    r"\b(?:mi|ci|me ne|ce ne) (?:serve|servono|servirebbe|servirebbero|occorre|occorrono|occorrerebbe)\b|"
    r"\b(?:avrei|avremmo|ho|abbiamo) bisogno\b|\bè necessari[oa]\b|\bsono necessari[ei]\b|"
    r"\b(?:va|vanno|deve|devono) (?:[\wàèéìòù'’-]+ ){0,3}?(?:consegnat|restituit|inviat|firmat|compilat|pagat|trasmess|caricat|"
    r"approvat|esserci)\w*|\brisulta(?:no)? ancora (?:mancant|da)\w*|"
    r"\bvolevo (?:sapere|chiedere|chiederti|chiederle)\b|\bmi piacerebbe (?:avere|ricevere|sapere)\b|"
    r"\ble scrivo per chieder\w*\b|\bquale (?:delle|dei|tra)\b[^?]*\?|"
    # a question of the reader's step, a pronoun before it: "Me la autorizzi entro mercoledì?", "li approvi tu o Marco?",
    # "Mi dai l'ok entro domani?", "mi prepari l'elenco entro il 22?"; and asked as a condition: "Se me li approvi entro giovedì"
    r"\b(?:mi|me l[oaie]|ce l[oaie]|te l[oaie]|me ne|ci|li|lo|le)\s+[\wàèéìòù]{2,}i\b[^?.!;]*\?|"
    r"\bse me l[oaie] [\wàèéìòù]{2,}i\b|"
    # an order with its pronoun and "tu": "Sentili tu oggi", "fissalo tu", "Preparami tu il cash flow"
    r"\b[\wàèéìòù]{3,}(?:ami|ali|alo|ala|ale|ili|ilo|ila|ile|elo|ela|eli|ele|imi|emi|aci|ici|eci|agli|igli|egli)\s+tu\b|"
    # an invitation to act, a question of availability, an order passed on: "Vi invitiamo a provvedere al saldo",
    # "Sarebbe disponibile per un incontro...?", "dì a Giulia di mandarmeli"
    r"\b(?:vi|la|ti|le) invit(?:iamo|o)(?: (?:pertanto|quindi|cortesemente|gentilmente|nuovamente))? a\b|\b(?:sarebbe|saresti|sareste|siete|è) disponibil[ei]\b[^?]*\?|"
    r"(?:^|[,;:]\s*)\W*(?:dì|di'|digli|dille|chiedi|chiedigli|chiedile) a [\wàèéìòù]+ di\b|"
    # the reader's step in the polite present, with or without its question mark: "Mi giri la ricevuta quando puoi"
    r"(?<!\bnon )\b(?:mi|ci) (?:giri|gira|mandi|manda|mandate|invii|invia|inviate|fai avere|fa avere|confermi|conferma|inoltri|passi)\b|"
    # an order said first, pronouns joined on: "Mandami il report", "Fammi avere...", "Inoltra la fattura", "Chiamami"
    r"(?:^|[,;:]\s*|\b(?:e|poi|quindi|ok|ah)\s+)\W*(?:mandami|mandaci|mandamelo|mandamela|inviami|inviaci|inoltra|inoltrami|girami|"
    r"giramelo|dammi|dacci|dimmi|ditemi|chiamami|chiamaci|controlla|firma|firmalo|firmala|firmali|firmale|conferma|confermami|"
    r"confermaci|porta|portami|emetti|emettilo|emettila|manda|invia|prepara|preparami|rispondi|rispondigli|compila|paga|prenota|"
    r"verifica|aggiorna|aggiornami|guarda|ricontrolla|approva|approvali|sistema|correggi|carica|spostami|mandatemi|"
    r"inviatemi|inviate|mandate|fate|fai|fammi avere|dai|passa|passami|sentimi|scrivimi)\b|"
    # an order put as an infinitive, as forms and formal mail do: "Cortesemente inviare copia del documento"
    r"(?:^|[,;:]\s*)\W*(?:cortesemente|gentilmente|si prega di)\s+[\wàèéìòù]+(?:are|ere|ire)\b", re.I)
_IT_STEP = (r"(?:mando|invio|giro|preparo|sistemo|correggo|chiamo|verifico|controllo|confermo|aggiorno|trasmetto|porto|do|"
            r"rimando|bonifico|prenoto|guardo|presento|scrivo|richiamo|passo|faccio|copro|pago|firmo|carico|inoltro|spedisco|"
            r"consegno|organizzo|fisso|chiudo|avviso|mandiamo|inviamo|correggiamo|rimandiamo|prepariamo|giriamo|sistemiamo|"
            r"spediamo|consegniamo|verifichiamo|confermiamo|paghiamo|carichiamo|ricontattiamo|chiamiamo|facciamo|"
            r"sollecito|approvo|autorizzo|aggiorno|aggiorniamo|risolvo|risolviamo|fatturo|emetto|emettiamo)")
_IT_PROMISE = re.compile(
    # the writer's step in the present: "Le invio il preventivo", "Ti mando il file", "te le giro stasera",
    # "Domani mattina vi giro il verbale", "sistemo io"
    r"(?:^|[,;:]\s*|\b(?:io|noi|ti|te|le|vi|gli|ce|ve|lo|la|li|e|ma|poi|domani|stasera|oggi|domattina|già|ok|"
    r"lunedì|martedì|mercoledì|giovedì|venerdì|sabato)\s+|\bl['’])\W*" + _IT_STEP + r"\b|"
    r"\b(?:te|ve|glie|ce|se)(?:lo|la|li|le)\s+" + _IT_STEP + r"\b|"
    # a step the writer says is hers, "io" after its verb: "sollecito io l'ing. Ferraris", "I listini li approvo io"
    r"\b(?!(?:sono|questo|quello|nemmeno|neanche|anche|solo|proprio|credo|penso|spero)\b)[\wàèéìòù]{3,}o io\b|"
    # the future: "Vi ricontatteremo", "Provvederò", "Cercherò di mandarti", "Vi farò avere"
    r"\b[\wàèéìòù]{2,}(?:erò|irò|arò|eremo|iremo|aremo)\b|\b(?:farò|faremo|darò|daremo|starò)\b|"
    r"\bdovrei riuscire\b|\bcercherò\b|"
    # what the reader will have: "Riceverà da me...", "Domani avrà il contratto", "avrete il cronoprogramma"
    r"\b(?:riceverà|riceverai|riceverete|avrà|avrai|avrete)\b|"
    # the passive: "La merce Le sarà consegnata", "I risultati Le verranno inviati", "Le arriverà domani"
    r"\b(?:sarà|saranno|verrà|verranno)\s+(?:[\wàèéìòù]+\s+)?(?:inviat|consegnat|spedit|trasmess|mandat|emess|rimborsat|"
    r"accreditat|bonificat|girat|caricat)[oaie]\b|\b(?:le|ti|vi|gli)\s+(?:arriverà|arriveranno|arriva|arrivano)\b|"
    # "ti faccio sapere", "Le faremo pervenire", "ti faccio avere"
    r"\b(?:ti|le|vi|gli)\s+(?:faccio|facciamo|farò|faremo)\s+(?:avere|sapere|pervenire)\b|\bprovveder(?:ò|emo)\b|"
    # someone on the writer's side: "Il nostro tecnico passa da voi domani", "La merce parte dal nostro magazzino giovedì"
    r"\b(?:il nostro|la nostra|i nostri|le nostre|il mio|la mia) [\wàèéìòù-]+ (?:passa|manda|invia|chiama|consegna|porta|arriva|"
    r"parte|vi|ti|le|si occupa)\b|\bparte dal nostro\b|"
    r"\b(?:ci penso io|lascia(?:te)? fare a me|mi occupo io|contate su di me|conta su di me|promesso|stai tranquill[oa]|"
    r"state tranquilli|ci sto (?:già )?lavorando)\b", re.I)
_IT_FUTURE = re.compile(r"\b[\wàèéìòù]{2,}(?:erò|irò|arò|eremo|iremo|aremo)\b|\b(?:farò|faremo|darò|daremo|riceverà|riceverai|"
                        r"riceverete|avrà|avrai|avrete|ci penso io|lascia(?:te)? fare a me|mi occupo io|contate su di me|"
                        r"conta su di me|promesso|provveder(?:ò|emo)|faccio sapere|faccio avere|appena)\b", re.I)
_IT_STRONG = re.compile(r"\b(?!(?:sono|questo|quello|nemmeno|neanche|anche|solo|proprio|credo|penso|spero)\b)[\wàèéìòù]+o io\b|"
                        r"\bio (?!(?:sono|credo|penso|spero|so)\b)[\wàèéìòù]+o\b|\b(?:ci penso io|lascia(?:te)? fare a me|mi occupo io|"
                        r"contate su di me|in giornata|subito|stasera|domattina|entro sera)\b", re.I)

ITALIAN = Tongue(
    name="Italian",
    marks=re.compile(r"zion[ei]$|gli|cch|\w[ìù]$|^(?:dell|all|nell|dall|sull|un|quest|quell)['’]"),
    mark_hints=("zion", "gli", "cch", "ì", "ù", "dell'", "all'", "nell'", "dall'", "sull'", "un'", "quest'", "quell'"),
    joined_hints=("mi", "ti", "ci", "gli", "lo", "la"),
    openers=frozenset("potrebbe potresti potreste riesci riesce riusciresti puoi può fammi mandami".split()),
    joined=re.compile(r"\b(?:mandar|inviar|firmar|rimandar|girar|dir|far|chiamar|aggiornar|confermar|spedir|restituir|"
                      r"rispondergli|dar|portar|trasmetter|inoltrar|preparar|controllar)(?:mi|ti|ci|vi|gli|lo|la|li|le|ne|"
                      r"melo|mela|telo|tela|celo|cela|glielo|gliela)\b|"
                      r"\b[\wàèéìòù]+(?:are|ere|ire)(?:melo|mela|telo|tela|celo|cela|glielo|gliela|velo|vela)\b"),
    foreign=re.compile(r"[äöüßñãõçâêôûîëœ]"),
    markers=frozenset(
        "gli della delle dello degli dei nella nelle nello negli nel nei sul sulla sulle sugli dal dalla dai alla allo "
        "agli questo questa questi queste quello quella quelli quelle sono siamo siete è perché anche più già grazie "
        "entro domani oggi stasera domattina settimana prossima prossimo giornata mese ancora appena finché fintanto "
        "senza non ci vi che chi di lunedì martedì mercoledì giovedì venerdì sabato domenica potrebbe potresti potreste "
        "puoi può riesci riesce riusciresti riusciamo mandi mandami mando invio inviare inviarci fammi sapere sarebbe "
        "preghiamo prega chiediamo serve servirebbe bisogno ho hai abbiamo avete hanno fatto firmato firmare firma "
        "allegato allegata preventivo fattura ordine consegna riunione cortesia cortesemente gentilmente saluti "
        "cordiali buongiorno ciao salve gentile egregio spettabile distinti sua suo tuo tua vostro vostra nostro nostra "
        "io lei noi voi loro mi ti ricevuto riceverà avrà avrai avrete verranno sarà saranno subito grazie mille bozza "
        "contratto ufficio fermo ferma bloccato bloccata sospeso sospesa attesa aspettando cantiere ditta fornitore "
        "merce pagamento bonifico scadenza scaduto scaduta sollecito promemoria ricordo dispiacerebbe possibile sto "
        "stiamo stai pomeriggio mattina dopo sito nuovi nuovo nuova nuove contate gennaio febbraio aprile maggio giugno "
        "luglio settembre ottobre dicembre chiamo controllo confermo aggiorno trasmetto sistemo correggo guardo "
        "richiamo inoltro spedisco consegno organizzo prenoto scrivo rimando giro il per favore cliente numero "
        "aggiornata aggiornato aggiornati pagamenti bloccati bloccate sospesi fermi aspetto".split()),
    others=frozenset(" ".join(("el los las y usted ustedes gracias está muy pero hoy mañana nosotros puedes necesito hasta "
                               "después también es por para que de en não você vocês obrigado obrigada amanhã já então isso até "
                               "uma pra com é são les",
                               _FRENCH_COMMON, _GERMAN_COMMON, _DUTCH_COMMON, _ENGLISH_COMMON)).split()),
    not_work=_IT_NOT_WORK,
    past=_IT_PAST,
    blocker=_IT_BLOCKER,
    ask=_IT_ASK,
    promise=_IT_PROMISE,
    future=_IT_FUTURE,
    strong=_IT_STRONG,
    to_reader=re.compile(r"\b(?:ti|te|tu|tuo|tua|tuoi|tue|le|lei|suo|sua|vi|ve|voi|vostro|vostra|vostri|vostre|avrai|avrà|avrete|"
                         r"riceverà|riceverai|riceverete)\b", re.I),
    herewith=re.compile(r"\b(?:in allegato|allegat[oaie]|(?:ti|le|vi) allego|qui allegat\w*|trova allegat\w*|(?:ti|le|vi) inoltro|"
                        r"(?:le|ti|vi) confermo\b(?![^.!?;]*\bentro\b)|(?:le|ti|vi) scrivo (?:in merito|per|a nome|perché|riguardo))\b", re.I),
    clause_split=re.compile(r"\s*[;:]\s+|,\s+(?=(?:ma\s+|e\s+|quindi\s+|per cui\s+|poi\s+)?(?:io|puoi|può|potresti|potrebbe|riesci|"
                            r"riesce|mi|ti|le|vi|fammi|mandami|per favore|ci penso|te l[oaie]|ve l[oaie]|domani|stasera|dì|di')\b)|"
                            r",?\s+(?:ma|quindi|per cui)\s+(?=\w)|\s+(?=(?:se|appena|quando) (?:mi|ci|me) )", re.I),
)

# -- Spanish ----------------------------------------------------------------------------------------

_ES_NOT_WORK = re.compile(
    r"^\W*(?:gracias|muchas gracias|mil gracias|saludos|felicidades|enhorabuena|perdón por|disculpa(?:s|d)? (?:el|la|por)|"
    r"que tengas|buen fin de semana|buena semana|para tu información|para su información|les informamos|le informamos|"
    r"te informo que ya|"
    r"un aviso)\b|"
    # an offer, a courtesy, what to do if the reader wants something
    r"\b(?:si|cualquier) (?:necesitas|necesita|necesitan|duda|cosa|pregunta)\b|\bavísame si necesitas\b|"
    r"\b(?:estoy|quedo|quedamos|estamos) a (?:tu|su|vuestra|tus|sus) (?:entera )?disposición\b|\bno (?:dudes|dude|duden) en\b|"
    r"\bsiéntete libre\b|\bsiéntase libre\b|\bpor si (?:te|le|les) sirve\b|\bsi (?:te|le) (?:sirve|es útil|resulta útil)\b|"
    r"\bsi (?:te|le|les) resulta (?:más )?(?:fácil|cómodo|sencillo)\b|\blo pensaré\b|\bya veremos\b|"
    # a plan between others: "Jane mandará la lista al comité el viernes"
    r"^\W*(?-i:[A-ZÁÉÍÓÚ][a-záéíóúñ]+) [a-záéíóúñ]+(?:ará|erá|irá|arán|erán|irán) [^.!?;]*\b(?:al|a la|a los|a las) "
    r"(?!usted|ustedes)[a-záéíóúñ]+|"
    # plans, hopes, guesses, rhetorical questions and the writer's own state
    r"\b(?:ojalá|tal vez|quizás|quizá|a lo mejor|espero que|esperamos que)\b|\b(?:estamos|estoy) (?:pensando|evaluando|considerando)\b|"
    r"\bfue un placer\b|\bfuera de la oficina\b|\bde vacaciones\b|\bacceso limitado\b|\bsi el clima\b|\bpodría(?:s|n)? notar\b|"
    r"^\W*¿(?:a quién no|no es increíble|por qué siempre|qué tal (?:te|les|le) fue|quién (?:iba|diría)|se puede tener|cómo (?:te|le) fue)\b|"
    # notices, newsletters and disclaimers
    r"\b(?:estará cerrad[oa]|estarán cerrad[oa]s|permanecerá cerrad[oa]|permanecerán cerrad[oa]s|le recordamos que nuestr[oa]s?|entra en vigor|recibes este correo|recibe este correo|suscríbete|agenda una demo|"
    r"descubre cómo|aprovecha|por error|confidencial|destinatario)\b|"
    r"^\W*(?:tod[oa]s l[oa]s|l[oa]s) (?:empleados|visitantes|proveedores|colaboradores|usuarios|clientes)\b[^.!?;]*\b(?:deben|deberán|tienen que)\b|"
    r"\b(?:nuestra|la) política\b|"
    # a wait that is over: "pero ya lo liberaron", "finalmente llegó"
    r"\ba la espera de (?:sus|tus|vuestras) noticias\b|\b(?:vas a asistir|asistirás)\b|\bsí\s*[-·|]\s*quizás\s*[-·|]\s*no\b|"
    r"\bpero ya\b|\bfinalmente\b|\bya (?:se )?(?:resolvió|resolvimos|llegó|llegaron|quedó|está resuelto)\b|"
    # habits: "normalmente", "todos los lunes"
    r"\b(?:normalmente|por lo general|siempre que|todos los (?:lunes|martes|miércoles|jueves|viernes|días))\b|"
    # ...and what is never done: "El banco nunca le solicitará contraseñas"
    r"\bnunca\b", re.I)
# what is done already: "Ya te mandé la factura", "hemos cerrado la ronda", "El martes pasado entregamos..."
_ES_PAST = re.compile(
    r"\b(?:he|has|ha|hemos|habéis|han)\s+(?:ya\s+)?[a-záéíóúñ]+(?:ado|ido|to|cho|sto)\b(?![^.!?;]*\b(?:hasta|mientras|cuando)\b)|"
    r"\b(?:mandé|envié|terminé|revisé|llamé|pagué|firmé|hablé|corregí|resolví|entregué|subí|pasé|reservé|confirmé|hice)\b|"
    r"\b(?:ayer|anoche|la semana pasada|el mes pasado|el (?:lunes|martes|miércoles|jueves|viernes|sábado|domingo) pasado)\b|"
    r"\b(?:fue|fueron)\s+(?:[a-záéíóúñ]+\s+)?(?:[a-záéíóúñ]+(?:ado|ada|ados|adas|ido|ida|idos|idas))\b", re.I)
_ES_BLOCKER = re.compile(
    r"\bno (?:podemos|puedo|puede|pueden|podré|podremos|se puede|se pueden|podrá|podrán)\b[^.!?;]*\b"
    r"(?:hasta|sin|mientras|antes de|si no)\b|"
    r"\bmientras (?:no|falte|falten)\b[^.!?;]*\b(?:no|nadie|nada)\b|\bmientras no\b|"
    r"\bno (?:(?:nos|me|te|le|les|lo|la|los|las|se) )*(?:mandan?|envían?|sueltan?|liberan?|cargan?|entregan?|despachan?|firman?|"
    r"pagan?|mandará|enviará|soltará|liberará|cargará|entregará)\b[^.!?;]*\bhasta que\b|"
    r"\bsin\b[^.!?;]*\bno (?:podemos|puedo|puede|pueden|se puede|podremos|podré|libera|liberan|hay (?:forma|manera|modo))\b|"
    r"\bsolo (?:avanza|arranca|sale|saldrá|se puede|podemos|puedo|empieza|empezamos|libera|liberan|va)\b[^.!?;]*\b"
    r"(?:cuando|después|si|una vez)\b|"
    r"\b(?:está|están|estamos|estoy|sigue|siguen|seguimos|quedó|quedaron|queda|quedan)\s+(?:[a-záéíóúñ]+\s+){0,2}?"
    r"(?:bloquead[oa]s?|parad[oa]s?|detenid[oa]s?|frenad[oa]s?|congelad[oa]s?|suspendid[oa]s?|retenid[oa]s?|trabad[oa]s?|"
    r"atascad[oa]s?|en pausa|en espera|on hold|retrasad[oa]s?|pendientes? porque|esperando)\b|"
    r"\b(?:se detuvieron|se detuvo|está caíd[oa]|están caíd[oa]s)\b[^.!?;]*\b(?:no|nadie)\b|"
    r"\b(?:nadie puede|no corren|todo trabado|no puede (?:avanzar|seguir|empezar|arrancar))\b|"
    r"\bnada (?:sale|avanza|se mueve|entra)\b[^.!?;]*\b(?:antes|hasta|sin)\b|"
    r"\bno (?:puede|pueden|podemos|puedo) (?:avanzar|seguir|empezar|arrancar|continuar)\b", re.I)
_ES_ASK = re.compile(
    # a question to the reader: "¿Podrías revisar...?", "¿Me mandas...?", "¿Tienes un rato...?", "¿Le importaría...?"
    r"\b(?:puedes|podés|podrías|puede|podría|pueden|podrían|podríamos|te importaría|le importaría|les importaría|serías tan amable|"
    r"sería posible|habrá chance|hay (?:chance|forma|manera|alguna posibilidad)|existe alguna posibilidad|tienes (?:un )?(?:rato|tiempo|chance)|"
    r"me (?:mandas|mandás|pasas|pasás|confirmas|confirmás|dices|decís|envías|regalas|colaboras|ayudas|reenvías|checas|compartes)|"
    r"nos (?:mandas|pasas|confirmas|envías|puedes|puede)|lo puedes|la puedes|los puedes|cuándo (?:nos|me) puedes|"
    r"te encargas tú)\b[^?]*\?|"
    # "please" words and polite statements
    r"\bpor favor\b|\bporfa\b|\bfavor de\b|\b(?:te|le|les|os) (?:pido|pedimos) que\b|\b(?:te|le|les|os) (?:ruego|rogamos)\b|"
    r"\bse (?:le|les|te) requiere\b|\bquiero que\b|\b(?:nos|me) falta(?:n)? (?:tu|su|vuestr[oa]|el|la|los|las)\b|"
    r"\b(?:lo|la|los|las|se lo|se la|se los|se las) (?:mandas|envías|pasas|firmas|haces|llevas|preparas|revisas|subes) tú\b|"
    r"\b(?:te|le|les|os) agradecer(?:ía|ia|íamos|é|emos)\b|\bnecesit(?:o|amos|aríamos|aría) que\b|"
    r"\bnecesit(?:o|amos) (?:tu|su|tus|sus|vuestro|vuestra|el|la|los|las)\b|\bhace falta (?:tu|su)\b|"
    r"\bse requiere (?:su|tu)\b|\burge que\b|\bme (?:gustaría|encantaría) (?:que|conocer|saber)\b|\bsería (?:genial|ideal|bueno) que\b|"
    r"\brecordatorio\b|\bacuérdate\b|\brecuerda (?:que|traer|enviar|mandar)\b|\bno (?:olvides|te olvides)\b|"
    r"\b(?:tienes|tenés|tenéis) que\b|\busted tiene que\b|\bdeberá(?:n)? (?:entregarse|enviarse|presentarse|devolverse|firmarse|realizarse|aportarse|remitirse)\b|"
    r"\bquedo a la espera de\b|\bsigo pendiente de\b|\bestoy esperando (?:tu|su)\b|\bespero (?:tu|su|la|el|las|los)\b[^.!?;]*"
    r"\b(?:a más tardar|antes|para el)\b|\b(?:solo )?quería saber si\b|\bme preguntaba si\b|\bf[ií]jate si\b|"
    r"\bdale un vistazo\b|\bme regalas\b|\bme colaboras\b|"
    # an order, its pronoun joined on, first or after a comma: "Mándame el número", "revísalo antes del viernes"
    r"(?:^|[,;:]\s*|\b(?:y|porfa|oye|che|tú|vos)\s+)\W*(?:dame|dime|mándame|mandame|mándanos|envíame|envíanos|pásame|pasame|"
    r"confírmame|confirmame|avísame|llámame|revísalo|revisalo|revísala|fírmalo|fírmala|fírmalos|fírmalas|emítela|emítelo|"
    r"pásate|cúbreme|reserva|manda|envía|confirma|firma|paga|sube|prepara|revisa|checa|reenvía|reenvíame|compárteme|"
    r"mándamelo|mándamela|envíamelo|envíamela|pásamelo|pásamela|habla|arma|abre|explícame|organiza|coordina|busca|consigue|"
    r"corrige|agenda|aprueba|apruébalo|apruébala|"
    r"pásale|mándale|llámale|llama|escríbele|pregúntale|avisa|avísale)\b"
    # ...not a free hand: "Arma el plan como mejor te parezca"
    r"(?![^.!?;]*\bcomo (?:mejor )?(?:te parezca|quieras|prefieras|puedas)\b)"
    # ...not a courtesy or time asked for: "Avísame si necesitas cualquier otra cosa", "dame unos días"
    r"(?! si (?:necesitas|necesita|quieres|hay algo))(?! (?:unos|un par de|un) (?:días|minutos|momento|rato|segundo)\b)"
    r"(?! chance\b)(?! muy bien\b)", re.I)
_ES_STEP = (r"(?:envío|envio|mando|paso|reviso|confirmo|llamo|devuelvo|preparo|reservo|cubro|presento|actualizo|redacto|"
            r"reenvío|corrijo|hago|aviso|cuento|digo|entrego|firmo|subo|consigo|busco|agendo|programo|pago|transfiero|doy|hablo|"
            r"enviamos|mandamos|pasamos|revisamos|confirmamos|llamamos|devolvemos|preparamos|reservamos|corregimos|"
            r"reenviamos|entregamos|firmamos|subimos|hacemos|avisamos|pagamos|transferimos)")
_ES_PROMISE = re.compile(
    # the writer's step in the present: "Le envío el presupuesto", "Te paso el enlace en un rato", "corregimos la factura y te la reenviamos"
    r"(?:^|[,;:]\s*|\b(?:yo|nosotros|te|le|les|os|se lo|se la|se los|se las|te lo|te la|te los|te las|me|mañana|hoy|ahorita|"
    r"luego|después|ya|y|el (?:lunes|martes|miércoles|jueves|viernes)|esta (?:tarde|noche))\s+)" + _ES_STEP + r"\b|"
    # the future, not of what may be or is: "Te enviaré...", "Intentaré mandarte...", "Nuestro contador presentará..."
    r"\b(?!(?:será|serán|estará|estarán|habrá|podrá|podrán|deberá|deberán|tendrá que|tendrán que)\b)"
    r"[a-záéíóúñ]{3,}(?:aré|eré|iré|aremos|eremos|iremos|ará|erá|irá|arán|erán|irán)\b|"
    # what the reader will have: "Recibirás de mi parte...", "Mañana tendrás el contrato", "el viernes tienes los mockups"
    r"\b(?:recibirás|recibirá|recibirán|tendrás|tendrá(?! que)|tendrán(?! que)|tendréis)\b|"
    r"\b(?:el (?:lunes|martes|miércoles|jueves|viernes)|mañana|hoy) (?:tienes|tiene|tendrás)\b|"
    r"\b(?:lo|la|los|las) tienes (?:el|mañana|hoy|esta|antes|para)\b|"
    # goods on their way: "las 120 toneladas salen de nuestra planta el jueves 9"
    r"\b(?:sale|salen|saldrá|saldrán|llega|llegan|llegará|llegarán) (?:de nuestr[oa]s?|a su|a tu|a sus|a tus)\b|"
    # the passive: "La documentación le será remitida", "se enviarán a su consultorio", "estará en tus manos"
    r"\b(?:le |les |te )?(?:será|serán|se enviará|se enviarán)\s+(?:[a-záéíóúñ]+\s+)?(?:enviad|remitid|entregad|envi|mandad|"
    r"transferid|devuelt)\w*|\bestará en (?:tus|sus) manos\b|\bse enviarán?\b|"
    # set phrases of a promise, said outright
    r"\b(?:me encargo|yo me ocupo|me ocupo yo|d[ée]ja(?:lo|la)? en mis manos|queda en mis manos|cuenta con ello|cuenta conmigo|"
    r"me comprometo|estoy en ello|con gusto me encargo|déjame (?:consultarlo|revisar|ver|checar)\w*|te tengo (?:lista|listo|una)|"
    r"ahorita te|en un rato)\b", re.I)
_ES_FUTURE = re.compile(r"\b(?!(?:será|serán|estará|estarán|habrá|podrá|podrán|deberá|deberán)\b)[a-záéíóúñ]{3,}"
                        r"(?:aré|eré|iré|aremos|eremos|iremos|ará|erá|irá|arán|erán|irán)\b|"
                        r"\b(?:recibirás|recibirá|tendrás|me encargo|yo me ocupo|d[ée]ja(?:lo|la)? en mis manos|queda en mis manos|"
                        r"cuenta con ello|cuenta conmigo|me comprometo|estoy en ello|en cuanto(?! al?\b)|apenas|ahorita|en un rato)\b", re.I)
_ES_STRONG = re.compile(r"\byo (?:te |le |me )?[a-záéíóúñ]+o\b|\b[a-záéíóúñ]+o yo\b|\b(?:me encargo|me ocupo|hecho|listo|"
                        r"ahorita|en un rato|esta (?:tarde|noche)|hoy mismo)\b", re.I)

SPANISH = Tongue(
    name="Spanish",
    marks=re.compile(r"ñ|ción$|^¿|^¡"),
    mark_hints=("ñ", "ción", "¿", "¡"),
    joined_hints=("me", "lo", "la", "nos"),
    openers=frozenset("podrías puedes podría pueden oye porfa che".split()),
    joined=re.compile(r"\b[a-záéíóúñ]+(?:ame|adme|anos|ale|alo|ala|alos|alas|ámelo|ámela|émelo|émela|ímelo|ímela|"
                      r"ártelo|ártela|érselo|érsela|írtelo|írtela)\b"),
    foreign=re.compile(r"[ãõçàèìòùâêîôûäöüßœ]"),
    markers=frozenset(
        "el los las y usted ustedes gracias muy hoy mañana nosotros puedes podés podrías necesito necesitamos hasta después "
        "ahora ya bien todavía aún viernes lunes martes miércoles jueves su sus este esta esto eso ese aquí allí pero sin sí "
        "hay hacer tengo tienes tiene tenemos estoy estamos hemos han he había mismo noche saludos estimado estimada "
        "atentamente quedo quedamos favor ahorita chance porfa vale te le les del al por para con una un es está están "
        "semana próxima próximo mándame envío mando paso reviso confirmo llamo dime dame pásame revisa firma contrato "
        "factura presupuesto cotización reunión junta tu tus mi mis nos lo la que cuando donde cómo qué quién cualquier otra "
        "cosa necesitas avísame pasado entregamos mientras puede pueden podemos tengamos tenga sea sean".split()),
    others=frozenset(" ".join(("não você vocês obrigado obrigada amanhã então isso até uma pra com são também já il gli della "
                               "delle che sono è perché anche più già grazie entro domani oggi settimana les",
                               _FRENCH_COMMON, _GERMAN_COMMON, _DUTCH_COMMON, _ENGLISH_COMMON)).split()),
    not_work=_ES_NOT_WORK,
    past=_ES_PAST,
    blocker=_ES_BLOCKER,
    ask=_ES_ASK,
    promise=_ES_PROMISE,
    future=_ES_FUTURE,
    strong=_ES_STRONG,
    to_reader=re.compile(r"\b(?:te|tú|tu|tus|usted|ustedes|le|les|os|vos|su|sus|vuestro|vuestra|tendrás|recibirás|recibirá)\b", re.I),
    herewith=re.compile(r"\b(?:adjunto|adjunta|adjuntos|en el adjunto|te (?:comparto|envío adjunto|mando adjunto)|"
                        r"(?:te|le) (?:escribo|confirmo que ya)|te (?:lo|la|los|las) reenvío para|te reenvío (?:esto|este|el correo|la cadena|abajo|"
                        r"el hilo))\b|\b(?:te|os|le|les) reenvío\b(?![^.!?;]*\b(?:en cuanto|cuando|mañana|luego|apenas)\b)|"
                        r"\ben el adjunto\b|"
                        # ...a confirmation given now: "Le confirmamos su reserva para el sábado"
                        r"\b(?:le|te|les|os) confirm(?:o|amos) (?:su|tu|sus|tus|vuestra|vuestro|la recepción)\b"
                        r"(?![^.!?;]*\b(?:en cuanto|apenas|cuando|mañana)\b)|"
                        # ...and what is sent with the mail, said in the present with no time to come ("En cuanto al
                        # presupuesto, te envío la tabla anterior"; "te envío la tabla mañana" promises)
                        r"^\W*(?:[^,.!?;]{0,40},\s*)?(?:te|le|les|os) (?:envío|envio|mando|paso|adjunto|comparto)\b"
                        r"(?![^.!?;]*\b(?:mañana|hoy|luego|después|en un rato|el (?:lunes|martes|miércoles|jueves|viernes|sábado)|"
                        r"antes|para el|a más tardar|esta (?:tarde|noche)|ahorita|más tarde|en cuanto|apenas|cuando|ese (?:mismo )?día|"
                        r"pronto|al rato)\b)", re.I),
    clause_split=re.compile(r"\s*[;:]\s+|,\s+(?=(?:y\s+|pero\s+|así que\s+|mientras tanto,?\s+)?(?:yo|tú|vos|puedes|podrías|"
                            r"me|te|le|dame|dime|mándame|confírmame|¿|si puedes|por favor|porfa)\b)|"
                            r",?\s+(?:así que|pero|y)\s+(?=(?:por favor|porfa|emít|fírm|pás|dame|dime|mánd|envía|revisa|confírm|te|le|"
                            r"si puedes)\w*)|\s+(?=(?:si|en cuanto|apenas|cuando) (?:me|nos) )", re.I),
    defers=True,
)

TONGUES: tuple[Tongue, ...] = (DUTCH, PORTUGUESE, ITALIAN, SPANISH)
