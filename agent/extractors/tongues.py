"""Dutch (and the languages after it): asks, promises and blockers the English rules cannot read.

The embedded extractor's rules read English, and German, French and some Spanish through their own
patterns (see ``embedded.EmbeddedExtractor._french``). A Dutch or Portuguese sentence is told by its
words (:func:`tongue_of`) and read here instead, by a few patterns per kind, as a colleague in
Amsterdam, Antwerp, Lisbon or São Paulo writes them:

- an ask of the reader: a polite question to "je/u/jij" or "você/tu" ("Kun je het contract vóór
  donderdag doorlezen?", "Pode me enviar o relatório até sexta?"), a "please" word ("graag",
  "gelieve", "por favor", "pf"), a need ("We hebben jouw akkoord nodig", "Preciso que assines"), or an
  order said first ("Stuur me de factuur", "Envie o contrato");
- a promise of the writer's: the present said of a step ("Ik stuur je de offerte morgen", "Envio-lhe
  o relatório amanhã"), the future, or what the reader will receive ("Je krijgt de planning vrijdag",
  "Vai receber a proposta amanhã"); with a day, or said to the reader, or the future said outright;
- a blocker: work that can only go on once something happens, or is stuck ("We kunnen pas storten
  als...", "Zonder de PO kunnen we niet...", "ligt stil", "Não podemos avançar sem...", "está parado").

Each reader first sets aside what asks nothing: thanks, offers ("als je nog vragen hebt", "qualquer
dúvida"), notices and newsletters, and the past ("Ik heb de factuur gestuurd", "Já enviei"). What it
finds is titled by the sentence's own words, as French and German items are.
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
                    "encore déjà peux pouvez veux voudrais faire envoyer envoie t'envoie m'envoyer j'ai c'est "
                    "ich und der das nicht mit für bitte sie dir dich wir ist sind auf dem den ein eine kann können wenn hat "
                    "haben habe erst am auch noch schon aber oder wird werden mich mir uns euch sein nach vom zum zur beim "
                    "allerdings dass weil nur jetzt heute bis ihnen ihr ihre kannst könnten würde gibt geht mal "
                    "el los las y con una usted gracias por para del está es".split())
# English words that show a line is English with a few foreign words in it, or the other way round.
_ENGLISH = frozenset("the you your please could would can will i we it this that to and is are be have has with "
                     "for of on by from what when if let me know thanks thank just".split())


@dataclass(frozen=True)
class Tongue:
    """One language's words and patterns. ``markers``: words only this language has among the
    ones focusd meets (two of them mark a sentence as this language)."""

    name: str
    markers: frozenset[str]
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


def tongue_of(sentence: str) -> Tongue | None:
    """The language of ``sentence`` when it is Dutch or Portuguese: two of its words only that
    language has, and no more English words than its own."""
    words = _WORD_RE.findall(_ADDRESS_RE.sub(" ", sentence.lower()))
    if len(words) < 3:
        return None
    english = sum(1 for w in words if w in _ENGLISH)
    for tongue in TONGUES:
        own = [w for w in words if w in tongue.markers]
        others = sum(1 for w in words if w in _OTHERS and w not in tongue.markers)
        if len(set(own)) >= 2 and len(own) >= english and len(own) > others:
            return tongue
    return None


# Words that open a sentence before a comma and are no one's name: "Akkoord, maak er 50% van",
# "Perfeito, envio amanhã".
INTERJECTIONS = frozenset("akkoord ok oké oke prima top goed ja nee super perfect helder duidelijk klopt inderdaad "
                          "verder daarnaast tot slot ten slotte ook dus beste hoi hallo "
                          "perfeito certo claro combinado olá oi bom boa obrigado obrigada sim não então além "
                          "pronto ótimo otimo beleza tá ta caro cara prezado prezada".split())


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
    markers=frozenset(
        "ik jij jou jouw jullie uw gij mij mijn wij onze het een niet geen voor vóór graag kun kunt kunnen zou zoudt zouden wilt "
        "willen gelieve uiterlijk vandaag bedankt naar ook maar wordt worden heb hebt heeft hebben zijn deze wanneer zodra "
        "zonder stuur stuurt sturen krijg krijgt ontvang ontvangt laat weten doen daar mee uit eens groeten vriendelijke "
        "hartelijk hoi goedemorgen fijn leuk klaar nodig akkoord offerte factuur zodat omdat want dus daarom waardoor zolang "
        "voordat nadat totdat sinds volgende vorige maand middag ochtend avond vanavond vanmiddag vanochtend morgenvroeg maandag "
        "dinsdag woensdag donderdag vrijdag zaterdag zondag alvast ff laatste welke waarom toch keer jullie ge 'k ’k "
        "nog even wel erg dank gerust helaas ligt stil staat zit vast kan wil mag moet moeten dient dienen "
        "betaling levering bestelling vergadering voorstel planning graag je op van aan om wat ons ze er bij nu dan tot hun hem "
        "haar zal zullen ga gaan komt kom bevestig bel zet regel levert volgt binnen morgen uiterlijk ten tegen hè "
        "werk thuis afwachting bijlage terug alstublieft alsjeblieft ondertekenen bezorgen sturen versturen doorsturen "
        "en".split()),
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

TONGUES: tuple[Tongue, ...] = (DUTCH,)
