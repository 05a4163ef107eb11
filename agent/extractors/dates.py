"""Due dates from phrases such as "by Friday", "EOD", "end of next week" or "in two days".

Everything resolves against the message's Date header taken in the owner's time zone. Rules
cover the relative phrases people write in mail; dateparser handles explicit calendar dates
("Dec 15", "15 December", "2026-12-15") with ``PREFER_DATES_FROM='future'`` and
``RELATIVE_BASE`` set, so a bare "Dec 3" written in November is this year's.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache

WEEKDAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "weds": 2,
            "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
            "saturday": 5, "sat": 5, "sunday": 6, "sun": 6}
# Weekday names (0 is Monday) and "tomorrow" (7) in the languages second-language mail mixes in:
# German, French, Spanish, Italian, Dutch, Portuguese, Swedish.
FOREIGN_DAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "morgen": 7,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "demain": 7,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "mañana": 7, "manana": 7,
    "lunedì": 0, "lunedi": 0, "martedì": 1, "martedi": 1, "mercoledì": 2, "mercoledi": 2, "giovedì": 3,
    "giovedi": 3, "venerdì": 4, "venerdi": 4, "domani": 7,
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4,
    "segunda": 0, "terça": 1, "terca": 1, "quarta": 2, "quinta": 3, "sexta": 4, "amanhã": 7, "amanha": 7,
    "segunda-feira": 0, "terça-feira": 1, "terca-feira": 1, "quarta-feira": 2, "quinta-feira": 3, "sexta-feira": 4,
    "måndag": 0, "tisdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4, "imorgon": 7,
    # The weekend: "para el sábado", "bis Samstag", "d'ici samedi" ("domingo" is a name too, so only
    # after a deadline word; "sábado" and "domingo" are Portuguese as well).
    "samstag": 5, "sonntag": 6, "samedi": 5, "dimanche": 6, "sábado": 5, "sabado": 5, "domingo": 6,
    "sabato": 5, "domenica": 6, "zaterdag": 5, "zondag": 6, "lördag": 5, "söndag": 6,
}
# Month names in the languages of FOREIGN_DAYS, as numbers: "le 4 février", "el 10 de febrero", "am 3. März".
FOREIGN_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9,
    "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9, "ottobre": 10,
    "dicembre": 12, "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "novembro": 11, "dezembro": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
    # German spells these as English does: "bis am 9. April 2027" (the dot after the day is German).
    "april": 4, "august": 8, "september": 9, "november": 11,
}
# The words those languages put before a date ("le 4 février", "antes del 10 de diciembre", "bis zum 3.
# Dezember"): without one, or a year after, "the 3 Mars renders" is a planet's and "2 Mayo jars" a sauce's.
_FOREIGN_DATE_LEAD_RE = re.compile(r"\b(?:l|dell|all|dall)['’]$|"
                                   r"\b(?:le|el|del|al|de|am|il|zum|bis|vom|den|dal|au|du|o|hasta|antes|avant|entro|até|spätestens|"
                                   r"d'ici|jusqu'au|desde|ab|seit|dès|depuis|op|uiterlijk|vóór|voor|tegen|tot|per|em|dia|a)\s+$|"
                                   # a labelled deadline: "Date limite : 4 décembre", "Frist: 12. Januar"
                                   r"\b(?:date limite|échéance|frist|abgabefrist|einsendeschluss|fecha límite|plazo|"
                                   r"scadenza|deadline)\s*:\s*$", re.I)
# Day names that are seldom any other word, so a day even with no deadline word before it: "je te
# l'envoie vendredi", "lo instalamos el viernes", "Freitag passt" ("Mardi Gras" is a feast, not Tuesday).
BARE_FOREIGN_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "montag", "dienstag",
                     "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "miércoles", "miercoles", "jueves",
                     "viernes", "sábado", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "maandag", "dinsdag", "woensdag",
                     "donderdag", "vrijdag", "zaterdag", "zondag", "segunda-feira", "terça-feira", "terca-feira",
                     "quarta-feira", "quinta-feira", "sexta-feira")
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "a few": 3}
MONTH_NUMBERS = {name: n for n, name in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                                  "oct", "nov", "dec"), start=1)}
MONTHS = ("jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|"
          "sep|sept|september|oct|october|nov|november|dec|december")

# "Mon" only capitalised: lower-case "mon" is French for "my" ("mon CV d'ici mercredi").
# Any weekday's name, in the languages above: "bis Freitag, den 4.12." names the 4th.
_ANY_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|" + "|".join(
    sorted((d for d, n in FOREIGN_DAYS.items() if n < 7), key=len, reverse=True)) + ")"
_WD = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?-i:Mon|MON)|tues|tue|weds|wed|thurs|thur|thu|fri)"
_NUM = r"(\d+|a couple of|a few|an|a|one|two|three|four|five|six|seven|eight|nine|ten)"
# Words an ordinal counts rather than dates: "the 3rd floor", "the 2nd round", "the 4th time".
_ORDINAL_NOUNS = (r"(?:floors?|storeys?|stor(?:y|ies)|levels?|rows?|rooms?|times?|places?|rounds?|quarters?|"
                  r"items?|points?|persons?|people|candidates?|interviews?|drafts?|versions?|editions?|"
                  r"pages?|slides?|steps?|stages?|phases?|lines?|options?|attempts?|years?|months?|weeks?|"
                  r"days?|hours?|gen(?:eration)?s?|anniversar(?:y|ies)|birthdays?|century|grades?|"
                  r"parties|party|percentile|largest|biggest|best|most|one|ones|periods?|class(?:es)?|lessons?|"
                  r"terms?|semesters?|chapters?|sections?|paragraphs?|holes?|innings?|laps?|streets?|avenues?)\b")
_TIME = r"(?:\s+(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b)?"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Most specific first: "Wednesday EOD" is Wednesday, not today.
    ("explicit", re.compile(
        r"\b(\d{4}-\d{2}-\d{2}|(?:" + MONTHS + r")\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?|"
        r"\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:" + MONTHS + r")(?:,? \d{4})?|\d{1,2}/\d{1,2}(?:/\d{2,4})?|"
        # "on or before 30-06-2028": day, month and year with dashes (the year keeps "3-5 days" out)
        r"\d{1,2}-\d{1,2}-\d{4})\b", re.I)),
    # "bis 20.3.", "by 01.02.", "until 9.6.2027": day and month with dots, as much of Europe
    # writes them. The closing dot (or a year) and a deadline word keep "version 1.2" out.
    ("dotted", re.compile(r"\b(?:on|by|before|until|till|til|due|latest|bis|spätestens|avant le|jusqu'au|hasta el|"
                          r"entro il|uiterlijk|até)\s+(?:" + _ANY_WEEKDAY + r",?\s+)?(?:(?:the|zum|am|den)\s+)?(\d{1,2})\.(\d{1,2})\."
                          r"(\d{4}|\d{2}(?!\d))?", re.I)),
    # "bis 15.03", "avant le 20.3": with a German or French deadline word before it, a day and month
    # need no closing dot (English "by 2.5 points" is a number, so English words are not read here).
    ("dotted_bare", re.compile(r"\b(?:bis|spätestens|bis zum|avant le|jusqu'au|zum|am)\s+(?:" + _ANY_WEEKDAY
                               + r",?\s+(?:(?:den|le)\s+)?)?(\d{1,2})\.(\d{1,2})"
                               r"(?![\d.,])(?!\s*(?:%|uhr\b|h\b|mio\b|euro?\b|€))", re.I)),
    # A calendar week, as much of Europe plans by it: "Lieferung in KW 12", "KW11/2027", "livraison
    # semaine 4", "by CW 14", "in week 12": that week's last working day.
    ("calendar_week", re.compile(r"\b(?:kw|cw)\s?(\d{1,2})(?:\s?/\s?(\d{4}|\d{2}))?\b|"
                                 r"\b(?:en |pour |d'ici |avant |livraison |livrée? |prévue? )?(?:la )?semaine (\d{1,2})\b|"
                                 r"\b(?:in|by|until|before|for) (?:calendar )?week (\d{1,2})\b(?!\s*(?:of|days?)\b)", re.I)),
    # A day of the month after a French or German deadline word: "avant le 20", "d'ici le 3",
    # "jusqu'au 15 inclus", "bis zum 20." (a month name after it is foreign_date's).
    ("foreign_day_of_month", re.compile(
        r"\b(?:avant le|d'ici le|d’ici le|jusqu'au|jusqu’au|pour le|au plus tard le)\s+(\d{1,2})(?:er)?(?![\d/:,h])(?!\.\d)"
        r"(?!\s*(?:%|€|h\b|heures?|jours?|semaines?|mois|ans?|minutes?|personnes?|pages?|euros?|pièces?|unités?|"
        + "|".join(["janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
                    "septembre", "octobre", "novembre", "décembre", "decembre"]) + r")\b)|"
        r"\b(?:bis zum|bis am|bis spätestens zum|spätestens zum|spätestens am|bis spätestens)\s+(\d{1,2})\.(?!\d)"
        r"(?!\s*(?:" + "|".join(["januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august",
                                 "september", "oktober", "november", "dezember"]) + r")\b)|"
        # "¿Me dices antes del 10?", "hasta el 15": Spanish, with no month after the day.
        r"\b(?:antes del|hasta el)\s+(\d{1,2})(?![\d/:.h])(?!,\d)(?!\s*(?:de\s+)?(?:%|€|por ciento|pm|am|p\.m|a\.m|"
        r"de la (?:tarde|mañana|noche)|días|dias|horas|personas|"
        + "|".join(["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
                    "octubre", "noviembre", "diciembre"]) + r")\b)", re.I)),
    # "the 18th": the next such day of a month, this one or the next.
    # "the 3rd floor" or "the 2nd round" names no day.
    # "The cut-off is the 15th." names a day where "this is the 2nd reminder" counts: after "is",
    # the ordinal must end the clause.
    ("day_of_month", re.compile(r"\b(?:(?:on|by|before|until|till|due|for|from|arrive on|ahead of|no later than|"
                                r"not later than|(?:slip|slips|slipping|drag|drags|dragging|run|runs|running|drift|drifting)"
                                r"(?: on)? (?:past|beyond)) the|"
                                r"(?:on|by|before|until|till|til|due)) (\d{1,2})(?:st|nd|rd|th)\b"
                                r"(?! (?:of )?(?:" + MONTHS + r")\b)(?!\s*(?:-\s*)?" + _ORDINAL_NOUNS + r")|"
                                r"\b(?:is|was|are|be) the (\d{1,2})(?:st|nd|rd|th)\b(?=\s*(?:[.,;:!?)]|$|"
                                r"(?:and|so|but|or|at|when|if|because|which|as|then)\b))", re.I)),
    # ...and "Thursday next week", "Wednesday of next week": that week's day.
    ("next_weekday", re.compile(r"\b(?:next |(?=" + _WD.replace("(", "(?:", 1) + r",? (?:of )?next week\b))" + _WD
                                + r"(?:,? (?:of )?next week)?\b" + _TIME, re.I)),
    # A weekday naming an event ("our Tuesday board call") is that event's next day, a week on
    # when the mail is written on that weekday: today's event would be "today's".
    ("event_weekday", re.compile(r"\b(?:our|the|your|their|my|next week's) " + _WD + r"(?:'s)? (?=[a-z])"
                                 r"(?!morning|afternoon|evening|night|eod\b)", re.I)),
    # "a week from Friday", "a week on Monday", "Tuesday week": that day's next date, a week on;
    # "a week from today".
    ("week_from", re.compile(r"\ba week (?:from|on) (?:this )?(?:" + _WD + r"|(today|tomorrow))\b|"
                             r"\b(?<!\bthis )(?<!\bnext )(?<!\blast )" + _WD + r" week\b", re.I)),
    # "last Saturday's outage" is past: no due date.
    # "Friday 26 March", "Fri, March 26": the calendar date says which Friday ("19.03" is no date
    # the explicit pattern reads, so there the weekday stays).
    ("this_weekday", re.compile(r"\b(?<!\blast )(?<!\bpast )(?<!\ba )(?<!\bany )(?:this |on |by |before |until |till |due |latest |latest by )?" + _WD + r"\b"
                                # ("Saturday overtime", "the Sunday shift": a weekday naming a kind of work, not its day)
                                r"(?! (?:overtime|shifts?|rota|roster|cover|service|rate|opening|hours|market|edition|staff)\b)"
                                r"(?!,? (?:of )?next week\b)"
                                r"(?!,?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?:" + MONTHS + r")\b|/\d{1,2}\b)"
                                r"|,?\s+(?:" + MONTHS + r")\.?\s+\d)"
                                r"(?:\s+(?:morning|afternoon|evening|night|eod))?" + _TIME, re.I)),
    ("day_after_tomorrow", re.compile(r"\b(?:the )?day after (?:tomorrow|tmrw|tmr)\b", re.I)),
    # A day of next week in Dutch and Portuguese: "volgende week vrijdag", "dinsdag volgende week",
    # "sexta-feira da próxima semana".
    ("foreign_next_weekday", re.compile(r"\bvolgende week (maandag|dinsdag|woensdag|donderdag|vrijdag)\b|"
                                        r"\b(maandag|dinsdag|woensdag|donderdag|vrijdag) (?:van )?volgende week\b|"
                                        r"\b(segunda|terça|terca|quarta|quinta|sexta)(?:-feira)? da (?:próxima|proxima) semana\b",
                                        re.I)),
    # A day of the month said the Dutch or Portuguese way: "uiterlijk de 25e", "op de 24e", "até dia 5".
    ("foreign_nth", re.compile(r"\b(?:op|tegen|vóór|voor|uiterlijk|tot(?: en met)?|na) de (\d{1,2})(?:e|ste|de)\b|"
                               r"\b(?:até (?:ao |o )?|no |ao |pelo |para o )dia (\d{1,2})\b(?!\s*(?:/|\.\d|de [a-zç]+))|"
                               # ...and the Italian: "entro il 10", "entro e non oltre il 22", "al più tardi il 5"
                               r"\b(?:entro(?: e non oltre)?|al più tardi|al piu tardi) il (\d{1,2})\b(?!\s*(?:/|\.\d|[a-zàèéìòù]))|"
                               # ..."entro l'11", "prima dell'8": the day of the month, as Italian writes it before a vowel
                               r"\b(?:entro l|prima dell)['’](\d{1,2})\b(?!\s*(?:/|\.\d|[a-zàèéìòù]))", re.I)),
    # Second-language mail keeps its own deadline words: "bis Mittwoch", "spätestens morgen",
    # "d'ici vendredi", "hasta el lunes", "entro domani", "uiterlijk vrijdag", "até segunda".
    ("foreign_day", re.compile(r"\b(?:bis|spätestens|avant|d'ici|jusqu'à|pour|antes del?|hasta(?: el)?|para el|entro|"
                               r"(?:el |la )?(?:próximo|proximo|próxima|proxima)|"
                               r"uiterlijk|voor|tot|até|innan|senast|el|am|"
                               # Portuguese "na segunda" (not Dutch "na maandag", after Monday)
                               r"na(?=\s+(?:segunda|terça|terca|quarta|quinta|sexta)\b))\s+(?:(?:zum|am|den|le|el|il|op|a|på)\s+)?"
                               r"(" + "|".join(FOREIGN_DAYS) + r")\b", re.I)),
    # ...and after the day: "mardi au plus tard", "Freitag spätestens"; "demain", "ce soir".
    ("foreign_late", re.compile(r"\b(" + "|".join(FOREIGN_DAYS) + r")(?:\s+(?:matin|soir|après-midi|apres-midi|"
                                r"vormittag|nachmittag|mattina|pomeriggio|tarde|manhã))?\s+(?:au plus tard|spätestens|"
                                r"a más tardar|a mas tardar|al più tardi|al piu tardi|uiterlijk|o mais tardar)\b", re.I)),
    # ...after the words those languages put before a date ("le 4 février", "antes del 10 de diciembre",
    # "bis zum 3. Dezember"), or with a year: "the 3 Mars renders" is a planet's.
    ("foreign_date", re.compile(r"(?<![\w.])(\d{1,2})(?:er|º|°)?\.?\s+(?:de\s+)?(" + "|".join(FOREIGN_MONTHS) + r")"
                                r"(?:\s+(?:de\s+)?(\d{4}))?(?![\w-])", re.I)),
    # German joins a part of the day to the day: "bis Mittwochabend", "am Freitagnachmittag"; and
    # writes the day short before a time or a date: "Unterschreibe Mi 8 Uhr", "bis Do.", "Fr. 12.3."
    ("foreign_day_part", re.compile(r"\b(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)"
                                    r"(?:abend|früh|morgen|vormittag|nachmittag|mittag)\b|"
                                    # ...and Dutch: "uiterlijk dinsdagavond", "vrijdagochtend"
                                    r"\b(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"
                                    r"(?:avond|ochtend|middag|morgen|namiddag)\b", re.I)),
    ("foreign_day_short", re.compile(r"(?<![\w.])(?-i:(Mo|Di|Mi|Do|Fr))\.?(?=\s+(?:\d{1,2}(?:[:.]\d{2})?\s*uhr\b|\d{1,2}\.\d{1,2}\.|"
                                     r"früh\b|vormittag\b|nachmittag\b|abend\b|mittag\b))|"
                                     r"\b(?:bis|am|spätestens|vor)\s+(?-i:(Mo|Di|Mi|Do|Fr))\b\.?", re.I)),
    ("foreign_bare", re.compile(r"(?<![\w-])(" + "|".join(BARE_FOREIGN_DAYS) + r")(?![\w-]| gras\b)", re.I)),
    ("foreign_tomorrow", re.compile(r"\b(demain|domani|domattina|amanhã|amanha|imorgon|morgen(?:vroeg|ochtend|middag|avond))\b|"
                                    # "mañana" is tomorrow; "la mañana", "esta mañana" a morning
                                    r"(?<!\bla )(?<!\besta )(?<!\bpasado )\b(mañana|manana)\b|"
                                    # German "morgen" is tomorrow; "Guten Morgen", "heute Morgen" a morning
                                    r"(?<!\bguten )(?<!\bheute )(?<!\bgestern )(?<!\bden )(?<!\bam )\b(morgen)\b", re.I)),
    ("foreign_day_after", re.compile(r"\b(?:pasado mañana|pasado manana|après-demain|apres-demain|übermorgen|"
                                     r"dopodomani|depois de amanhã)\b", re.I)),
    # "hoy", "aujourd'hui", "heute", "esta tarde": today.
    ("foreign_today", re.compile(r"\b(?:hoy|aujourd'hui|aujourd’hui|heute|oggi|hoje|vandaag|idag|esta tarde|por la tarde|"
                                 r"vanmiddag|vanochtend|vanmorgen|(?:het )?einde? van de (?:dag|werkdag)|"
                                 r"im laufe des (?:heutigen )?tages|dans la journée|"
                                 r"en la tarde|esta mañana|cet après-midi|ce matin|hoje à tarde|"
                                 # Italian: "in giornata", "entro la giornata", "entro sera", "entro mezzogiorno"
                                 r"in giornata|entro (?:la )?giornata|entro (?:questa )?sera|entro (?:le )?mezzogiorno|oggi stesso|"
                                 # ...and Spanish: "antes de mediodía", "a última hora", "hoy mismo"
                                 r"antes del? mediodía|antes de comer|a última hora|hoy mismo)\b"
                                 r"(?!\s+(?:en |por )?(?:ocho|quince))", re.I)),
    # The next week's end and start: "Ende nächster Woche", "fin de la semaine prochaine", "Anfang
    # nächster Woche", "début de semaine prochaine" (before the week's end and the next week below,
    # which would read "fin de semaine" as this week's and "nächste Woche" as its end).
    ("foreign_end_next_week", re.compile(r"\bende (?:der )?(?:nächste[rn]?|naechste[rn]?|kommende[rn]?) woche\b|"
                                         r"\bfin (?:de )?(?:la )?semaine prochaine\b|\bfine della prossima settimana\b|"
                                         r"\bfinales de la (?:próxima|proxima) semana\b", re.I)),
    ("foreign_early_next_week", re.compile(r"\banfang (?:der )?(?:nächste[rn]?|naechste[rn]?|kommende[rn]?) woche\b|"
                                           r"\bdébut (?:de )?(?:la )?semaine prochaine\b|"
                                           r"\bdebut (?:de )?(?:la )?semaine prochaine\b|"
                                           r"\b(?:início|inicio|princípio|principio) da (?:próxima|proxima) semana\b|"
                                           r"\bbegin (?:van )?volgende week\b|\binizio (?:della )?prossima settimana\b", re.I)),
    # This week: "diese Woche noch", "im Laufe der Woche", "cette semaine": its last working day.
    ("foreign_this_week", re.compile(r"\b(?:diese|dieser|in dieser|im laufe dieser|im laufe der) woche\b|"
                                     r"\b(?:dans la |d'ici la |courant de la |courant )?(?:cette|cette même) semaine\b|"
                                     r"\bquesta settimana\b|\besta semana\b|\bdeze week\b", re.I)),
    # The month's end: "bis Ende des Monats", "bis Monatsende", "d'ici la fin du mois", "Ende März",
    # "fin janvier", "mi-février".
    ("foreign_end_month", re.compile(r"\bende (?:des |dieses )?monats\b|\bmonatsende\b|\bfin (?:du |de |de ce )mois\b|"
                                     r"\b(?:eind|einde) (?:van )?(?:de|deze) maand\b|\b(?:fim|final) (?:do|deste) m[eê]s\b|"
                                     r"\bfine mese\b|\bfin de mes\b|\bfinal de mes\b", re.I)),
    ("foreign_month_named", re.compile(r"\b(ende|anfang|mitte|fin|début|debut|mi-|mi)\s*(?:de |d'|du mois de )?("
                                       + "|".join(["januar", "jänner", "februar", "märz", "april", "mai", "juni",
                                                   "juli", "august", "september", "oktober", "november", "dezember",
                                                   "janvier", "février", "fevrier", "mars", "avril", "juin",
                                                   "juillet", "août", "aout", "septembre", "octobre", "décembre",
                                                   "decembre"]) + r")\b", re.I)),
    # The day's end: "en fin de journée", "d'ici la fin de la journée", "bis Feierabend".
    ("foreign_eod", re.compile(r"\b(?:en |d'ici (?:la )?|avant la )?fin (?:de (?:la )?)?journée\b|\bfin de journee\b|"
                               r"\b(?:ao |o )?(?:fim|final) do dia\b|\b(?:antes del |al |para el |a )?(?:fin|final) del día\b|"
                               r"\b(?:bis|vor) (?:zum )?(?:feierabend|dienstschluss|geschäftsschluss)\b", re.I)),
    # The week's end and the next week: "antes del fin de semana", "la próxima semana".
    ("foreign_end_week", re.compile(r"\b(?:antes del|para el|este|avant le|bis zum|entro il|até o) "
                                    r"(?:fin de semana|week-end|weekend|wochenende|fine settimana|fim de semana)\b|"
                                    r"\bfin de (?:la )?semana\b|\bfin de (?:la |cette )?semaine\b|\bende (?:der |dieser )?woche\b|"
                                    r"\bfine (?:della )?settimana\b|\b(?:ao |o )?(?:fim|final) (?:da|desta) semana\b", re.I)),
    ("foreign_next_week", re.compile(r"\b(?:la )?(?:próxima|proxima) semana\b|\bla semana que viene\b|"
                                     r"\bla semaine prochaine\b|\bsemaine prochaine\b|"
                                     r"\b(?:nächste[rn]?|naechste[rn]?|kommende[rn]?) woche\b|"
                                     r"\bla prossima settimana\b|\bvolgende week\b|\bnästa vecka\b|\bsemana que vem\b", re.I)),
    ("foreign_tonight", re.compile(r"\b(?:ce soir|heute abend|esta noche|stasera|vanavond|ikväll|hoje à noite)\b", re.I)),
    ("tomorrow", re.compile(r"(?<!\bafter )\b(tomorrow|tmrw|tmr)( (morning|afternoon|arvo|evening))?" + _TIME, re.I)),
    # "by the end of February", "until end of Feb": that month's last day, this year or next.
    ("end_of_month_named", re.compile(r"\b(?:end of|end-|late) ?(" + MONTHS + r")\b\.?", re.I)),
    ("mid_month_named", re.compile(r"\bmid[- ]?(" + MONTHS + r")\b\.?", re.I)),
    ("end_next_week", re.compile(r"\bend of next week\b", re.I)),
    ("before_weekend", re.compile(r"\b(?:before|by) the weekend\b", re.I)),
    ("weekend", re.compile(r"\b(?:over|at|during|on) the weekend\b|\bthis weekend\b", re.I)),
    # The weekend itself: "am Wochenende", "ce week-end", "nel fine settimana" (as "over the weekend").
    ("foreign_weekend", re.compile(r"\b(?:am|übers|über das|dieses|diesem|kommendes|am kommenden|an diesem) wochenende\b|"
                                   r"\b(?:ce|pendant le|durant le|au cours du) week-?end\b|"
                                   r"\b(?:nel|questo|durante il) (?:weekend|fine settimana)\b", re.I)),
    # "this week" as a deadline is its last working day: the work is late only once the week is out.
    ("end_week", re.compile(r"\b(eow|end of (the |this )?week|(?:later |sometime |some time )?this week|(?:the )?week['’]s end)\b",
                            re.I)),
    ("end_next_month", re.compile(r"\bend of next month\b", re.I)),
    ("end_month", re.compile(r"\b(eom|end of (the |this )?month|(?:the )?month[- ]end)\b", re.I)),
    # "next week" is late only once that week is out: its last working day. "Early next week"
    # is its Monday.
    ("next_week", re.compile(r"\b(early next week|(?:the )?(?:beginning|start) of next week|mid[- ]next week|"
                             r"(?:the )?middle of next week|next week|mitte (?:der )?nächste[nr] woche)\b", re.I)),
    # "by end of Q2", "before the end of the year", "by the quarter end": the period's last day.
    ("end_quarter", re.compile(r"\bend of (?:the |this )?(q[1-4]|quarter|year)\b|"
                               r"\b(?:by|before) (?:the )?(q[1-4]|quarter|year)[- ]end\b", re.I)),
    # ...counted from the mail, not from an event still to come: "within 10 working days of the
    # inspection" names no day ("of receipt", "of this letter" do).
    # ...and "in the next two weeks", "within the next fortnight" (a fortnight, said alone, is one).
    # ...and "within fourteen (14) days", as formal letters write numbers; and "You have 21 days to respond".
    ("in_n", re.compile(r"(?:\b(?:in|within) (?:the (?:next|coming) )?|(?<=\bhave )|(?<=\bhas )|(?<=['’]ve got ))"
                        r"(?:(?:[a-z]+(?:-[a-z]+)? \((?P<paren>\d{1,3})\)|(?P<num>\d+|a couple of|a few|an|a|one|two|three|four|five|six|"
                        r"seven|eight|nine|ten)) |(?:(?<=next )|(?<=coming ))(?=fortnight\b))"
                        r"(?P<business>business |working |calendar )?(?P<unit>day|week|fortnight)s?\b"
                        r"(?:\s+(?:of|from) (?:(?:the )?receipt(?: of (?:this|the|our) (?:letter|notice|e-?mail))?|"
                        r"the date (?:of (?:this|the|our) (?:letter|notice|e-?mail)|hereof)|this (?:letter|notice|e-?mail)))?"
                        r"(?!\s+(?:of|following) (?:the|your|our|its|their) (?!date of this\b))", re.I)),
    # "within 48 hours", "in 24 hours": the day that many hours after the mail was sent.
    ("in_hours", re.compile(r"\b(?:in|within) (?:(\d{1,3})(?: ?(?:hours?|hrs?)|h)|(one|two|three|a few|a couple of) (?:hours?|hrs?))\b",
                            re.I)),
    # ...and in other languages, with a number in digits: "innerhalb von 14 Tagen", "binnen 5
    # Werktagen", "sous 48 heures", "dans les 10 jours ouvrés", "en un plazo de 15 días hábiles".
    ("foreign_in_n", re.compile(r"\b(?:innerhalb(?: von| der nächsten)?|binnen|sous|dans les|"
                                r"en (?:un plazo de|los próximos|los proximos)|entro(?: e non oltre)?)\s+(\d{1,3})\s+"
                                r"(?:(werk|arbeits|geschäfts)?(tag|tage|tagen|woche|wochen|stunden)|"
                                r"(jours?|semaines?|heures?|días|dias|semanas|horas|giorni|settimane|ore)"
                                r"(?:\s+(ouvrés|ouvrables|ouvres|hábiles|habiles|lavorativi))?)\b"
                                # ...counted from the mail, not from an event: "innerhalb von 30 Tagen nach Erhalt",
                                # "sous 30 jours à compter de la réception", "entro 30 giorni dalla consegna"
                                # (...but "entro 10 giorni dal ricevimento della presente" counts from this letter)
                                r"(?!\s*(?:nach|ab|seit|à compter|a compter|à partir|a partir|suivant|après|apres|"
                                r"dalla?(?! (?:ricezione|ricevimento|data della presente|presente)\b)|dallo|"
                                r"dopo|desde|después|despues|de la|du|des|of|after|from|following|qui|que)\b)", re.I)),
    # "by noon", "before lunch": today's, or tomorrow's once the morning is over. A day named
    # beside it ("noon Friday", "Friday by noon") is read by that day's pattern instead.
    # ...and "after lunch": the afternoon of the day it is said ("I'll send the logs after lunch").
    ("noon", re.compile(r"\b(?:(?:by|before|until|till|at) (?:12 ?)?(?:noon|midday|lunch(?:time)?)|after lunch(?:time)?)\b"
                        r"(?!\s+(?:on\s+)?(?:tomorrow|tmrw|tmr|today|" + _WD[1:-1] + r")\b)", re.I)),
    ("eod", re.compile(r"\b(eod|end of (the )?(day|today)|cob|close of business|end of play|eop|tonight|tonite|"
                       r"later today|this (morning|afternoon|arvo|evening)|within (the next |the |an )hour|in (the next|an) hour|within the next (hour|"
                       r"couple of hours|few hours))\b"
                       # "EOD Thursday", "COB tomorrow": the day's own pattern says which day.
                       r"(?!\s+(?:on\s+)?(?:tomorrow|tmrw|tmr|" + _WD[1:-1] + r")\b)", re.I)),
    ("today", re.compile(r"\btoday\b", re.I)),
    # A time alone ("I'll ring you at 3pm", "by 18:00", "by 12.30") is that time today, or tomorrow
    # once it has passed. With a dot, only a quarter hour before no currency is a time ("at 12.50",
    # "at 12.30 euros" are prices); a bare number ("cut it by 5") is none. "The 14:00 slot" may be
    # any day's.
    # ...and a meeting's hour, said as the meeting: "before the 5 pm meeting", "after my 10:30 call"
    ("at_time", re.compile(r"\b(?:(?:at|by|before|until|till) |after (?=(?:the|my|our|your|his|her|their) ))"
                           r"(?:(?:the|my|our|your|his|her|their) (?=[^.!?;]{3,9}\s(?:meeting|call|"
                           r"review|session|standup|stand-up|sync|interview|briefing|appointment|visit|flight|train)\b))?"
                           r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)\b|"
                           r"\b(?:(?:at|by|before|until|till) |after (?=(?:the|my|our|your|his|her|their) ))"
                           r"(?:(?:the|my|our|your|his|her|their) (?=[^.!?;]{3,9}\s(?:meeting|call|"
                           r"review|session|standup|stand-up|sync|interview|briefing|appointment|visit|flight|train)\b))?"
                           r"([01]?\d|2[0-3]):([0-5]\d)\b"
                           r"(?!\s*(?:am|pm)\b)|"
                           r"\b(?:at|by|before|until|till) ([01]?\d|2[0-3])[.h](00|15|30|45)\b"
                           r"(?!\s*(?:%|per\b|each\b|euros?\b|eur\b|dollars?\b|usd\b|pounds?\b|gbp\b|chf\b|[€$£]))",
                           re.I)),
    # ...and as French and German write it: "vers 10h30", "à 7h", "pour 14h00", "um 14 Uhr", "bis 16:00 Uhr".
    ("foreign_time", re.compile(r"\b(?:à|vers|avant|pour|um|gegen|bis|vor|até(?: às| as)?|antes das)\s+([01]?\d|2[0-3])\s?(?:h|uhr)\s?([0-5]\d)?(?![\w])|"
                                r"\b(?:um|gegen|bis|vor)\s+([01]?\d|2[0-3]):([0-5]\d)\s?uhr\b", re.I)),
    # ...and a deadline hour in Spanish and Italian, with no day: "antes de las 12", "a más tardar a las 10:30",
    # "entro le 15", "prima delle 18" (an hour before eight is the afternoon's: "antes de las 6")
    ("foreign_hour", re.compile(r"\b(?:antes de las|a más tardar a las|a mas tardar a las|para las|entro le|"
                                r"prima delle)\s*([01]?\d|2[0-3])(?:[:.]([0-5]\d))?(?!\w|[:.]\d|\s*(?:de la mañana|am|a\.m\.))",
                                re.I)),
]

# Prefilters: every match of a pattern holds a key of each of its key groups in the folded
# sentence (and a digit, for those in _DIGITS), so a sentence missing a group cannot match and
# skips the regex. The keys are literals the pattern spells out.
_DIGIT_RE = re.compile(r"\d")
_WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "saturday", "sunday")  # a part of every name in _WD
# A part of the pattern, with its flags, that every match holds: where it is far rarer than any
# key, it is the gate ("on the 3rd" needs a digit and an ordinal's letters together).
_SHAPES = {"day_of_month": re.compile(r"\d(?:st|nd|rd|th)", re.I), "dotted": re.compile(r"\d\.\d"),
           "dotted_bare": re.compile(r"\d\.\d")}
_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    # A calendar date is an ISO date, a month name beside a day, or a day and month with slashes.
    "explicit": (("-", "/", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),),
    # Day and month with dots, and a day of the month: their shapes (_SHAPES) gate them instead.
    "dotted": (),
    "day_of_month": (),
    "week_from": ((" week",),),
    "day_after_tomorrow": (("day after t",),),
    "next_weekday": (("next ",), _WEEKDAY_KEYS),
    "event_weekday": (("our ", "the ", "your ", "their ", "my ", "next week's "), _WEEKDAY_KEYS),
    "before_weekend": (("weekend",),),
    "weekend": (("weekend",),),
    "this_weekday": (_WEEKDAY_KEYS,),
    "foreign_next_weekday": (("volgende week", "próxima semana", "proxima semana"),),
    "foreign_nth": (("de ", "dia ", " il ", "entro l", "prima dell"),),
    "foreign_day": (("bis", "spätestens", "avant", "d'ici", "jusqu", "pour", "antes", "hasta", "para el", "entro", "na ",
                     "uiterlijk", "voor", "tot", "até", "innan", "senast", "el ", "am ", "próxim", "proxim"),),
    "foreign_late": (("au plus tard", "spätestens", "a más tardar", "a mas tardar", "al più tardi", "al piu tardi",
                      "uiterlijk", "o mais tardar"),),
    "foreign_bare": (BARE_FOREIGN_DAYS,),
    "foreign_day_part": (("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "maandag",
                          "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),),
    "foreign_day_short": (("mo", "di", "mi", "do", "fr"),),
    "foreign_date": (tuple(FOREIGN_MONTHS),),
    "foreign_tomorrow": (("demain", "domani", "domattina", "amanh", "imorgon", "mañana", "manana", "morgen"),),
    "foreign_day_after": (("pasado", "après-demain", "apres-demain", "übermorgen", "dopodomani", "depois de"),),
    "foreign_today": (("hoy", "aujourd", "heute", "oggi", "hoje", "vandaag", "idag", "tarde", "mañana", "après-midi",
                       "vanmiddag", "vanochtend", "vanmorgen", "van de dag", "van de werkdag",
                       "matin", "im laufe des", "dans la journée", "giornata", "entro sera", "entro questa sera",
                       "mezzogiorno", "mediodía", "antes de comer", "última hora", "hoy mismo"),),
    "dotted_bare": (("bis", "spätestens", "avant le", "jusqu'au", "zum", "am "),),
    "calendar_week": (("kw", "cw", "semaine", "week"),),
    "foreign_day_of_month": (("avant le", "d'ici le", "d’ici le", "jusqu'au", "jusqu’au", "pour le", "au plus tard le",
                              "bis zum", "bis am", "spätestens", "antes del", "hasta el"),),
    "foreign_end_next_week": (("ende", "fin"), ("woche", "semaine", "settimana", "semana")),
    "foreign_early_next_week": (("anfang", "début", "debut", "início", "inicio", "princípio", "principio", "begin", "inizio"),
                                ("woche", "semaine", "semana", "week", "settimana")),
    "foreign_this_week": (("woche", "semaine", "settimana", "semana", "week"),
                          ("diese", "cette", "questa", "esta", "deze", "laufe")),
    "foreign_end_month": (("monat", "mois", "mese", "mes", "maand", "mês"),),
    "foreign_month_named": (("ende", "anfang", "mitte", "fin", "début", "debut", "mi"),
                            ("januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august",
                             "september", "oktober", "november", "dezember", "janvier", "février", "fevrier", "mars",
                             "avril", "juin", "juillet", "août", "aout", "septembre", "octobre", "décembre",
                             "decembre")),
    "foreign_eod": (("journée", "journee", "feierabend", "dienstschluss", "geschäftsschluss", "do dia", "del día"),),
    "foreign_end_week": (("fin de", "week-end", "weekend", "wochenende", "fine ", "fim de", "ende der", "ende woche", "da semana",
                          "desta semana",
                          "ende dieser"),),
    "foreign_weekend": (("wochenende", "week-end", "weekend", "fine settimana"),),
    "foreign_next_week": (("semana", "semaine", "woche", "settimana", "week", "vecka"),),
    "foreign_tonight": (("ce soir", "heute abend", "esta noche", "stasera", "vanavond", "ikväll", "hoje à noite"),),
    "tomorrow": (("tomorrow", "tmr"),),
    "end_of_month_named": (("end of", "end-", "late"), ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                                     "sep", "oct", "nov", "dec")),
    "mid_month_named": (("mid",), ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                   "dec")),
    "end_next_week": (("end of next week",),),
    "end_week": (("eow", "end of ", "this week", "week's end", "week’s end"),),
    "end_next_month": (("end of next month",),),
    "end_month": (("eom", "end of ", "month end", "month-end"),),
    "next_week": (("next week", "nächste"),),
    "end_quarter": (("end",), ("q1", "q2", "q3", "q4", "quarter", "year")),
    "in_n": (("in ", "have ", "has ", "ve got "), ("day", "week", "fortnight")),
    "in_hours": (("in ",), ("hour", "hr", "h")),
    "foreign_in_n": (("innerhalb", "binnen", "nächsten", "sous", "dans les", "plazo", "próximos", "proximos", "entro"),
                     ("tag", "woche", "stunden", "jour", "semaine", "heure", "día", "dia", "semana", "hora", "giorni",
                      "settimane", "ore")),
    "noon": (("noon", "midday", "lunch"),),
    "eod": (("eod", "end of ", "cob", "close of business", "eop", "tonight", "tonite", "later today", "this morning",
             "this afternoon", "this arvo", "this evening", " hour"),),
    "today": (("today",),),
    "at_time": (("at ", "by ", "before ", "until ", "till ", "after "),),
    "foreign_time": (("à ", "vers ", "avant ", "pour ", "um ", "gegen ", "bis ", "vor ", "até ", "antes das "), ("h", "uhr")),
    "foreign_hour": (("antes de las", "tardar a las", "para las", "entro le", "prima delle"),),
}
_DIGITS = frozenset(("explicit", "dotted", "dotted_bare", "day_of_month", "at_time", "foreign_time", "foreign_hour", "foreign_date",
                     "foreign_nth",
                     "calendar_week", "foreign_day_of_month", "foreign_in_n"))
# Under re.I an ASCII letter also matches these three characters, which lower() leaves
# elsewhere (U+212A KELVIN SIGN already lowers to "k"; no other character lowers to ASCII).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def fold(text: str) -> str:
    """``text`` lower-cased so that an ASCII literal a case-insensitive pattern matches in it is
    a plain substring of the result: what the literal prefilters search."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


class KeyFinder:
    """Which of many literal keys a text holds, found in one pass: ``finder(text)`` is the set
    ``{k for k in keys if k in text}``, for a fraction of the cost of testing each key with ``in``
    when there are hundreds. One pattern finds, at each place in the text, the longest key that
    starts there (the keys spelled as a trie, so that a place is tried against a few letters, not
    every key); the shorter keys that start at the same place are its prefixes."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        keys = tuple(dict.fromkeys(k for k in keys if k))
        trie: dict[str, dict] = {}
        for k in keys:
            node = trie
            for ch in k:
                node = node.setdefault(ch, {})
            node[""] = {}
        self._rx = re.compile(f"(?=({self._spelled(trie)}))") if keys else None
        self._prefixes = {k: frozenset(p for p in keys if k.startswith(p)) for k in keys}

    @classmethod
    def _spelled(cls, node: dict[str, dict]) -> str:
        # The longer keys before the end of a shorter one: the longest key at a place is found.
        alts = [re.escape(ch) + cls._spelled(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
        return f"(?:{body})?" if "" in node else body

    def __call__(self, text: str) -> frozenset[str]:
        if self._rx is None or not text:
            return frozenset()
        return frozenset().union(*map(self._prefixes.__getitem__, self._rx.findall(text)))


_TIMES = frozenset(("at_time", "foreign_time", "foreign_hour"))  # a time of day alone, which a day named beside it dates
# Every key, looked for once a sentence; then each pattern's gate is a few set tests.
_ALL_KEYS = tuple(dict.fromkeys(k for groups in _KEYS.values() for keys in groups for k in keys))
_KEYS_IN = KeyFinder(_ALL_KEYS)
# Most sentences name no date at all: without a digit, a sentence holding none of these keys
# (a calendar date needs a digit) is matched by no pattern.
_UNDATED = frozenset(k for kind, groups in _KEYS.items() if kind not in _DIGITS for k in groups[0])
# (kind, pattern, its key groups, needs a digit?, its shape or None), in the order of PATTERNS.
_GATED = tuple((kind, rx, tuple(frozenset(keys) for keys in _KEYS[kind]), kind in _DIGITS, _SHAPES.get(kind))
               for kind, rx in PATTERNS)
# The patterns each key may open, by their place in _GATED: those with the key in their first group.
# A pattern whose gate holds has a key of its first group in the sentence, so the patterns opened by
# the sentence's keys (and those with no keys) are all that need their gate tested.
_OPENED_BY: dict[str, tuple[int, ...]] = {}
for _n, _gated in enumerate(_GATED):
    for _key in (_gated[2][0] if _gated[2] else ()):
        _OPENED_BY[_key] = (*_OPENED_BY.get(_key, ()), _n)
_UNKEYED = tuple(n for n, gated in enumerate(_GATED) if not gated[2])
del _n, _gated, _key


def _may_match(kind: str, sentence: str, low: str) -> bool:
    """The gate _matches puts before one pattern: may it match ``sentence`` (``low`` folded)?"""
    shape = _SHAPES.get(kind)
    return ((kind not in _DIGITS or _DIGIT_RE.search(sentence) is not None)
            and all(any(map(low.__contains__, keys)) for keys in _KEYS[kind])
            and (shape is None or shape.search(sentence) is not None))


# What the patterns find in a sentence, by sentence: the date it resolves to depends on when the
# mail was sent, the matches do not, and one sentence is asked for its date on several paths and
# in many messages (a signature's hours). Short sentences only, and afresh past _SCANS_KEPT.
_SCANS: dict[str, tuple[tuple[str, re.Match[str]], ...]] = {}
_SCANS_KEPT = 1024
_MAX_SCANNED = 400


def _matches(sentence: str) -> tuple[tuple[str, re.Match[str]], ...]:
    """Every match of each pattern in ``sentence``, in the order of :data:`PATTERNS`, then of place."""
    found = _SCANS.get(sentence)
    if found is not None:
        return found
    low = fold(sentence)
    digit = _DIGIT_RE.search(sentence) is not None
    present = _KEYS_IN(low)
    if not digit and present.isdisjoint(_UNDATED):
        found = ()
    else:
        # A pattern runs only when the sentence holds a key of each of its groups. (In the order of
        # _GATED: the patterns opened by the sentence's keys, sorted by place.)
        opened = sorted(set(_UNKEYED).union(*map(_OPENED_BY.__getitem__, present & _OPENED_BY.keys())))
        found = tuple((kind, m) for kind, rx, groups, needs_digit, shape in map(_GATED.__getitem__, opened)
                      if (digit or not needs_digit) and not any(map(present.isdisjoint, groups))
                      and (shape is None or shape.search(sentence) is not None)
                      for m in rx.finditer(sentence))
    if len(sentence) <= _MAX_SCANNED:
        if len(_SCANS) >= _SCANS_KEPT:
            _SCANS.clear()
        _SCANS[sentence] = found
    return found


def names_a_date(sentence: str) -> bool:
    """Whether any due-date pattern matches ``sentence``: without one, :func:`find_due` finds no
    date in it whatever the message's date and zone."""
    return bool(_matches(sentence))


def _hm(hour: str | None, minute: str | None, ampm: str | None) -> time | None:
    if not hour or not ampm:
        return None
    h = int(hour) % 12 + (12 if ampm.lower() == "pm" else 0)
    return time(h, int(minute or 0)) if h < 24 else None


def _weekday_on_or_after(base: date, weekday: int) -> date:
    return base + timedelta(days=(weekday - base.weekday()) % 7)


def _end_of_week(base: date, last_workday: int) -> date:
    return base + timedelta(days=(last_workday - base.weekday()) % 7)


# Where the month comes first in "03/04": the United States, Canada and the Philippines. The
# zone the owner reads mail in says which convention the owner's correspondents mostly follow.
_MONTH_FIRST_COUNTRIES = frozenset(("US", "CA", "PH"))
_MONTH_FIRST_PREFIXES = ("US/", "Canada/", "EST", "CST", "MST", "PST", "America/Indiana/", "America/Kentucky/",
                         "America/North_Dakota/")


@lru_cache(maxsize=1)
def _month_first_zones() -> frozenset[str]:
    """The zone names of the countries that write the month first, from the time zone database's
    own table (``zone.tab``, shipped with tzdata); empty when it cannot be read."""
    from importlib import resources

    try:
        table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    except (ImportError, OSError):
        return frozenset()
    return frozenset(cols[2] for line in table.splitlines()
                     if not line.startswith("#") and len(cols := line.split("\t")) >= 3
                     and cols[0] in _MONTH_FIRST_COUNTRIES)


def month_first(tz: tzinfo) -> bool:
    """Whether "03/04" is read as March 4 (month first) for an owner in ``tz``."""
    key = str(getattr(tz, "key", "") or "")
    return key in _month_first_zones() or key.startswith(_MONTH_FIRST_PREFIXES)


@lru_cache(maxsize=4096)
def _explicit(phrase: str, base: datetime, mdy: bool = True) -> date | None:
    import dateparser  # imported late: it costs half a second and most messages need none

    settings = {"PREFER_DATES_FROM": "future", "RELATIVE_BASE": base.replace(tzinfo=None),
                "DATE_ORDER": "MDY" if "/" in phrase and mdy else "DMY", "REQUIRE_PARTS": ["day", "month"]}
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


_SLASHED_RE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})\s*$")
# How far ahead the owner's own order of day and month may land before the other order, landing
# nearer, is taken as the writer's: "a name by 2/6" from a London promoter, read in Chicago in May,
# is 2 June, not 6 February next year.
_OTHER_ORDER_WITHIN = 120


def _slashed(phrase: str, base: date, mdy: bool) -> date | None:
    """A day and month with a slash and no year ("5/24", "2/6"), in the owner's order; in the other
    order when only that one is a date ("5/24" to a London owner), or when the owner's lands more
    than _OTHER_ORDER_WITHIN days ahead and the other's within them."""
    m = _SLASHED_RE.match(phrase)
    assert m is not None
    a, b = int(m.group(1)), int(m.group(2))
    own = _day_and_month(base, b, a, None) if mdy else _day_and_month(base, a, b, None)
    other = _day_and_month(base, a, b, None) if mdy else _day_and_month(base, b, a, None)
    if own is None:
        return other
    if other is not None and (own - base).days > _OTHER_ORDER_WITHIN >= (other - base).days:
        return other
    return own


_DASHED_RE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


def _dashed(phrase: str, mdy: bool) -> date | None:
    """"30-06-2028": day, month and year in the owner's order, or the other when only that one is a date."""
    m = _DASHED_RE.match(phrase)
    assert m is not None
    a, b, year = int(m.group(1)), int(m.group(2)), m.group(3)
    first, second = ((b, a) if mdy else (a, b)), ((a, b) if mdy else (b, a))
    return _day_and_month(date(1, 1, 1), *first, year) or _day_and_month(date(1, 1, 1), *second, year)


MAX_DAYS_AHEAD = 3660  # "in N days" further out than ten years names no deadline
# A day and month without a year that falls more than this many days ahead is one just past, read
# a year on: mail names days of the coming months, and a day of the last few weeks as news.
_PAST_DATE_AHEAD = 270
_YEAR_RE = re.compile(r"\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{2}|['’]\d{2}\b")


# A phrase a deadline word leads ("by", "before 12:00 on", "until", "no later than Wednesday, the")
# is the due date where a sentence names several days: "I'll confirm Friday by Thursday morning"
# is due Thursday, "let me know by Monday whether you can meet on the 10th" Monday.
_DEADLINE_BEFORE_RE = re.compile(
    r"\b(?:by|before|until|till|til|due|no later than|not later than|latest|deadline(?: is)?|"
    # ...and in other languages: "avant lundi", "bis morgen", "d'ici vendredi", "antes del 10"
    r"bis|spätestens|avant|d'ici|d’ici|jusqu'à|jusqu’à|jusqu'au|au plus tard|hasta|antes de|antes del|entro|uiterlijk|"
    r"a más tardar|a mas tardar|al più tardi|al piu tardi|o mais tardar)"
    r"(?:\s+(?:\d{1,2}(?:[:.]\d{2})?(?:\s*(?:am|pm|h))?|noon|midday|midnight|on|at|the|latest|end of|"
    r"the end of|" + _WD + r",?))*\s*$", re.I)
_DEADLINE_LEAD_RE = re.compile(r"(?:by|before|until|till|due|latest|bis|spätestens|avant|d'ici|d’ici|jusqu'à|jusqu’à|"
                               r"jusqu'au|au plus tard|hasta|antes de|antes del|entro|uiterlijk)\b", re.I)
_PART_OF_DAY_RE = re.compile(r"\s(?:morning|afternoon|evening|night|eod)$", re.I)
# A day named just before a time of day: "Friday by noon", "tomorrow before lunch".
_DAY_BEFORE_RE = re.compile(r"\b(?:tomorrow|tmrw|tmr|today|" + _WD[1:-1] + r")\b,?\s*$", re.I)
# "Wednesday the 10th", "Thurs 29th", "Fri., 30th": the day of the month after a weekday.
_THE_NTH_RE = re.compile(r"\.?,?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?! (?:of )?(?:" + MONTHS + r")\b)", re.I)
_FOREIGN_NTH_RE = re.compile(r",?\s+(?:(?:le|el|den|der|il)\s+)?(\d{1,2})(?:er|\.|º)?(?![\d:/,.]\d)(?![\d/:h])"
                             r"(?!\s*(?:h\b|uhr\b|heures?\b|horas?\b|ore\b|\d))", re.I)
_FOR_BEFORE_RE = re.compile(r"\b(?:for|after)\s+(?:the\s+)?$", re.I)
# ...and a day a thing is moved or extended to, or told of in what is to be said ("extend the suspension
# to 13 February today", "book the road space for the weekend of 4-5 March this week", "let her office
# know today that we'll both be there on Monday"): what the work is about, beside a day it is due.
_TARGET_BEFORE_RE = re.compile(r"\b(?:extend|extended|extending|move|moved|moving|push|pushed|postpone|postponed|shift|shifted|"
                               r"reschedule|rescheduled|renew|renewed|defer|deferred|bring (?:it |this |that )?forward|bump|bumped)"
                               r"\b[^.!?;,]{0,50}?\b(?:to|until|till)\s+(?:the\s+)?$|"
                               r"\bfor\s+the\s+(?:weekend|week|night|nights)\s+of\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s*[-–]\s*)?$|"
                               r"\b(?:know|tell|inform|confirm to|remind)\b[^.!?;]{0,50}?\bthat\b[^.!?;]{0,60}?$", re.I)
_JOINED_RE = re.compile(r"\b(?:and|then|but|also)\b|;", re.I)
# Days that are no deadline of the sentence's work.
# "after Friday's all-hands", "from the 22nd", "since Monday": when something starts or started.
_START_LEAD_RE = re.compile(r"\b(?:after|from|since|following|ab|vom|von|seit|à partir du|a partir du|à partir de|dès le|dès|"
                            r"depuis le|depuis|desde el|desde|a partir del|dal|vanaf|sinds|depois de|após)\s+"
                            r"(?:the\s+|this\s+|next\s+|de\s+|a\s+)?$",
                            re.I)
_START_IN_MATCH_RE = re.compile(r"(?:from|since)\b", re.I)
# "from Dec 24 to Jan 2": a range's end is when a period ends.
_RANGE_END_RE = re.compile(r"(?:\bfrom\b|\b(?:vom|von|ab|du|desde(?: el)?|del|dal)\s+(?:(?:the|le|el|den|il)\s+)?"
                           # ...where a range's start in another language is a day ("von Montag", "du 3", "vom
                           # 1."), not "du" the German "you" or "von dir"
                           r"(?=\d|kw\b|" + _ANY_WEEKDAY + r"\b))(?:[^,;.!?]|(?<=\d)\.)*(?:\b(?:to|until|till|"
                           r"bis(?: zum| am)?|au|hasta(?: el)?|al)|-|–)\s*$", re.I)
# A day in a clause told in the past: "we met on Monday", "the slides you presented on Wednesday",
# "the invoice dated 03/11". A word that sets a day to come since ("moved to", "by") ends it.
# A participle counts as a verb only before an object or a preposition ("we signed the MSA on
# the 2nd", "the audit finished on the 10th"), not before a noun it describes ("the signed NDA"),
# nor after "be" ("it will be sent on Friday").
_PAST_RE = re.compile(r"\b(?:was|were|went|met(?! (?:de|het|een|mijn|onze|ons|jullie|uw|u|je|jou|hem|haar)\b)|had|did|held|took|"
                      r"spoke|gave|made|said|told|began|"
                      r"thanks? (?:you )?(?:again )?for|"
                      r"(?<!\bbe )(?:sent|ended|closed|finished|signed|presented|launched|started|happened|wrapped up|"
                      r"discussed|received|submitted|dated)(?=\s*(?:$|[,.;:!?]|(?:the|a|an|it|them|this|that|"
                      r"on|in|at|last|yesterday|off|up|with|to|you|me|us|him|her|our|your|my|their|his|its|"
                      r"all|both|out|over|back|earlier|already)\b|\d)))\b", re.I)
_FUTURE_RE = re.compile(r"\b(?:will|'ll|shall|going to|gonna|can|could|would|should|please|pls|need|needs|must|"
                        r"by|before|until|till|due|next|expect|moved|pushed|postponed|rescheduled|extended|"
                        r"shifted|changed)\b", re.I)
# A period that runs until a day, not work due by it: "legal is out until the 6th", "the price
# lock holds until March 31", "we'll keep staging up until Friday".
_STATE_UNTIL_RE = re.compile(r"\b(?:out|away|off|closed|open|up|valid|runs?|running|holds?|heads[- ]down|busy|"
                             r"travel(?:l)?ing|leave|holiday|vacation|offline|unavailable|around|lasts?|live|"
                             r"frozen|locked|paused|available|onsite|on site)\b(?:\s+[\w'-]+){0,3}?\s+"
                             r"(?:until|till|til)\s*$", re.I)
# Where a sentence's clauses part: the work of one is not dated by a day in another ("Demo day is
# on Thursday, so I'll get you the slides Tuesday").
_CLAUSE_BREAK_RE = re.compile(r"[;?!]|:(?!\d)|,\s*(?:so|but|which|because|since|once|while|and then)\b|"
                              r"\s(?:so|but|because|once|while)\s|,\s+(?=(?:i|we|you|they|he|she|it|could|can|"
                              r"would|will|let)\b)|,?\s+and\s+(?=(?:i|we|you|they|he|she)\b)", re.I)
# A clause that leads into the ask with what it is for: "Ahead of the board call on Friday, could
# you share the cash bridge?" is due Friday.
_LEAD_IN_RE = re.compile(r"\s*(?:ahead of|before|prior to|in time for|in advance of|by|for)\b", re.I)
_TAIL_DAY_RE = re.compile(r"\s*(?:at the latest|latest|or so|at the earliest)?\s*[.!?]?\s*$", re.I)
_TAIL_LEAD_RE = re.compile(r",\s*(?:(?:probably|likely|maybe|hopefully|ideally|realistically|most likely)\s+)?"
                           r"(?:(?:on|by|before)\s+)?$", re.I)
# A clause that asks or promises: its day is the work's.
# The German verbs of the writer's own work, first person: "ich schicke", "ruf ich", "wir liefern".
_DE_WORK = (r"(?:schicke?n?|sende[nt]?|kläre?n?|mache?n?|erledige?n?|prüfe?n?|melde?n?|gebe?n?|rufe?n?|kümmere?n?|"
            r"organisiere?n?|bestelle?n?|buche?n?|überweise?n?|unterschreibe?n?|korrigiere?n?|reiche?n?|hole?n?|bringe?n?|"
            r"besorge?n?|frage?n?|übernehme?n?|schreibe?n?|liefere?n?|liefern|zahle?n?|bezahle?n?|bereite?n?|"
            r"leite?n?|checke?n?|erstelle?n?)")
_ACTION_RE = re.compile(r"\b(?:please|pls|plz|kindly|can you|could you|would you|will you|can u|could u|"
                        r"if you could|if you can|if you'd|would love|'d love|would like|'d like|would appreciate|"
                        r"'d appreciate|want|wants|hoping|hope you|"
                        r"let (?:me|us) know|lmk|i'll|i will|i'm going to|we'll|we will|we're going to|i shall|"
                        r"we shall|you'll|you will|you'd|i can|we can|need|needs|we'd|i'd|must|have to|"
                        r"expect|should|requires?|would help|'d help|will follow|will be (?:lodged|filed|submitted|shipped|posted|dispatched))\b|^\s*(?:and |also |then |just )?(?:send|share|return|sign|confirm|reply|"
                        r"get|book|call|check|review|approve|submit|forward|pay|update|add|prepare|schedule|"
                        r"arrange|give|bring|fill|complete|finish|revert)\b|"
                        # ...in German, French and Spanish: an ask, or the writer's own work in the present
                        # ("Rheintal ruf ich heute noch an", "ich schicke dir die Liste morgen")
                        r"\b(?:bitte|könnten sie|können sie|kannst du|könntest du|merci de|pouvez-vous|peux-tu|pourriez-vous|"
                        r"por favor|puedes|podrías|podrias|podría|podria)\b|"
                        r"\b(?:ich|wir)\s+" + _DE_WORK + r"\b|\b" + _DE_WORK + r"\s+(?:ich|wir)\b", re.I)


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """The (start, end) of each clause of ``sentence``, by _CLAUSE_BREAK_RE."""
    spans, start = [], 0
    for brk in _CLAUSE_BREAK_RE.finditer(sentence):
        if brk.start() > start:
            spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(sentence)))
    return spans


def _clause_at(spans: list[tuple[int, int]], at: int) -> tuple[int, int]:
    return next((span for span in spans if span[0] <= at < span[1]), spans[-1])


# Cheap tests each of _no_deadline's patterns implies. _START_LEAD_RE and _RANGE_END_RE end on one
# of their words and then only space, _STATE_UNTIL_RE on "til" or "till" ("until" ends in "til"),
# and every match of _PAST_RE holds one of _PAST_KEYS in the folded sentence.
_START_ENDS = ("after", "from", "since", "following", "the", "this", "next", "ab", "vom", "von", "seit", "du", "de", "le",
               "dès", "depuis", "desde", "el", "del", "dal", "vanaf", "sinds", "após", "a")
_DUTCH_DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_RANGE_ENDS = ("to", "til", "till", "-", "\u2013", "bis", "zum", "am", "au", "hasta", "el", "al")
_UNTIL_ENDS = ("til", "till")
_PAST_KEYS = ("was", "were", "went", "met", "had", "did", "held", "took", "spoke", "gave", "made", "said", "told",
              "began", "thank", "sent", "ended", "closed", "finished", "signed", "presented", "launched", "started",
              "happened", "wrapped up", "discussed", "received", "submitted", "dated")


def _no_deadline(sentence: str, m: re.Match[str], clause_start: int, work: bool) -> bool:
    """Whether the day ``m`` is one the sentence's work is not due by: a start, a range's end, a
    past day, or (for ``work``) the end of a period, which is what a later "by then" means."""
    before = sentence[:m.start()]
    ends = fold(before).rstrip()
    # ("the following by Thursday": a deadline word of the match's own stands between.)
    if ends.endswith("na") and re.search(r"(?:^|\s)na$", ends) and m.group(0).lower().startswith(_DUTCH_DAYS):
        return True  # Dutch "na maandag", after Monday: a start (Portuguese "na semana que vem" is none)
    if ((ends.endswith(_START_ENDS) and _START_LEAD_RE.search(before) and not _DEADLINE_LEAD_RE.match(m.group(0)))
            or _START_IN_MATCH_RE.match(m.group(0))
            or (ends.endswith(_RANGE_ENDS) and _RANGE_END_RE.search(before))):
        return True
    # A range's end whose word the match spells itself: "von Montag bis Mittwoch", "desde el lunes
    # hasta el miércoles".
    lead = _FOREIGN_LEAD_WORD_RE.match(m.group(0))
    if lead is not None and _RANGE_END_RE.search(sentence, 0, m.start() + lead.end()):
        return True
    head = sentence[:m.start() + _lead_len(m.group(0))]
    if work and fold(head).rstrip().endswith(_UNTIL_ENDS) and _STATE_UNTIL_RE.search(head, clause_start):
        return True
    # The whole sentence is searched (a bound would end it where the participle's next word is
    # read); the matches come in order, so the first to end past the day ends the ones before it.
    last = None
    if any(map(fold(sentence).__contains__, _PAST_KEYS)):
        for p in _PAST_RE.finditer(sentence, clause_start):
            if p.end() > m.start():
                break
            last = p
    return last is not None and not _FUTURE_RE.search(sentence[:len(head)], last.end())


_LEAD_WORD_RE = re.compile(r"(?:(?:this|on|by|before|until|till|til|due|from|for|arrive on|ahead of)\s+)*(?:the\s+)?", re.I)


_LEAD_WINDOW = 48
_FOREIGN_LEAD_WORD_RE = re.compile(r"(?:bis(?: zum| am)?|hasta(?: el)?|au|al)\b\s*", re.I)


def _lead_len(phrase: str) -> int:
    """The length of the lead words a match spells before its day ("until the " of "until the 6th")."""
    m = _LEAD_WORD_RE.match(phrase)
    return m.end() if m else 0


# "Thursday or Friday afternoon": the later of the two is when the offer runs out.
_OR_WEEKDAY_RE = re.compile(r"\s*(?:morning|afternoon|evening)?(?:,?\s*or\s+|\s*/\s*)(?:on\s+)?" + _WD + r"\b", re.I)


_POSSESSIVE_RE = re.compile(r"['’]s\b")
_NEAR_DAYS = frozenset(("today", "tomorrow", "tonight", "foreign_today", "foreign_tomorrow", "foreign_tonight"))


# Between two days offered as a choice: "15 March or 1 April".
_CHOICE_RE = re.compile(r",?\s+or\s+", re.I)
# The words before the day a thing expires or runs out: "expires on", "valid until", "runs out on".
_EXPIRES_BEFORE_RE = re.compile(r"\b(?:expires?|expiring|expiry(?: date)?(?: is)?|lapses?|runs out|valid (?:until|till|through))"
                                r"(?: on)?\s*$", re.I)
# ...nor the day a figure or a document speaks for: "the covenant certificate as at 30 June, by Friday 4
# August", "the accounts for the period ending 31 May by 10 August", "your letter dated 3 July".
_AS_AT_BEFORE_RE = re.compile(r"\b(?:as (?:at|of)|(?:period|year|quarter|month|half-year) (?:ending|ended|to)|dated|"
                              r"(?:valuation|reference|balance sheet|reporting) date(?: of)?)\s+(?:the\s+)?$", re.I)


def _is_deadline(sentence: str, m: re.Match[str]) -> bool:
    """Whether a deadline word leads the phrase ``m`` found in ``sentence``."""
    return bool(_DEADLINE_LEAD_RE.match(m.group(0)) or _DEADLINE_BEFORE_RE.search(sentence, 0, m.start()))


_WEEK_OF_RE = re.compile(r"\bweek of\s+(?:the\s+)?$", re.I)


def _week_end(found: tuple[str, str], last_workday: int) -> tuple[str, str]:
    """``found`` (an ISO date and its phrase) moved to the last working day of its week; a day past it stays."""
    day = date.fromisoformat(found[0][:10])
    return (day + timedelta(days=max(0, last_workday - day.weekday()))).isoformat(), found[1]


def find_due(sentence: str, sent: datetime, tz: tzinfo, last_workday: int = 4,
             work: bool = True) -> tuple[str | None, str]:
    """The due date a sentence names, as an ISO date (or date-time when a time is given),
    resolved against ``sent`` in ``tz``; and the phrase that named it ("" when none).

    A day that starts something ("after Friday", "from the 22nd"), ends a period ("out until the
    6th"), or was in the past ("we met on Monday") dates no work. With ``work``, when a clause
    of the sentence asks or promises, only the first such clause that names a day dates it: a
    day in a clause that only tells ("the conference is on June 14, could you...") counts only
    when a deadline word leads it. Of several phrases left, the first in the order of
    :data:`PATTERNS` (most specific first), unless a deadline word leads another one of the same
    clause. Without ``work`` (the day a later "before then" points back at), any clause's day."""
    try:
        local = sent.astimezone(tz)
    except OverflowError:  # a Date at the calendar's edge (year 9999) has no day in the owner's zone
        return None, ""
    kinds = [(kind, m, found) for kind, m in _matches(sentence)
             if (found := _resolve(kind, m, sentence, local, tz, last_workday)) is not None]
    if not kinds:
        return None, ""
    # "the week of May 29" is that week, late by its last working day, as "next week" is.
    kinds = [(kind, m, _week_end(found, last_workday) if kind in _CALENDAR_DATES
              and _WEEK_OF_RE.search(sentence, max(0, m.start() - 16), m.start()) else found) for kind, m, found in kinds]
    # "by close of business on the 28th", "end of day Thursday": the day named after the hour is that hour's day.
    if len(kinds) > 1:
        kinds = [k for k in kinds if not (k[0] == "eod" and any(o is not k and o[0] not in _TIMES and 0 <= o[1].start() - k[1].end() <= 4
                                                                for o in kinds))]
    # "Monday of next week" names the day; its "next week" is no second phrase.
    days_of_next_week = [m for kind, m, _ in kinds if kind == "next_weekday"]
    if days_of_next_week:
        kinds = [(kind, m, found) for kind, m, found in kinds if kind != "next_week"
                 or not any(d.start() <= m.start() and m.end() <= d.end() for d in days_of_next_week)]
    led: set[int] = set()  # calendar dates whose weekday beside them a deadline word leads
    if len(kinds) > 1:
        # "bis Dienstag, 8. Dezember", "d'ici vendredi 4 décembre", "by Friday (Dec 4)": the
        # calendar date beside a weekday says which one it is, and takes its deadline word.
        dated = [m for kind, m, _ in kinds if kind in _CALENDAR_DATES]
        led = {id(d) for kind, m, _ in kinds if kind in _WEEKDAY_KINDS and _is_deadline(sentence, m)
               for d in dated if _dated_by(sentence, m, d)}
        kinds = [(kind, m, found) for kind, m, found in kinds
                 if kind not in _WEEKDAY_KINDS or not any(_dated_by(sentence, m, d) for d in dated)]
        # "I'll ask Sheila about Tuesday's safety meeting today": a weekday's event is what the work
        # is about, not when it is due, beside another day.
        owned = [(kind, m, found) for kind, m, found in kinds
                 if kind in _WEEKDAY_KINDS and _POSSESSIVE_RE.match(sentence, m.end()) and not _is_deadline(sentence, m)]
        # ("tonight", "end of day" are near too; "this morning" may be past: "Like I said this morning, ...")
        if owned and any(k not in owned and (k[0] in _NEAR_DAYS or _is_deadline(sentence, k[1])
                                             or (k[0] == "eod" and not re.match(r"this (?:morning|afternoon|arvo)", k[1].group(0), re.I)))
                         for k in kinds):
            kinds = [k for k in kinds if k not in owned]

    def deadline(m: re.Match[str]) -> bool:
        return id(m) in led or _is_deadline(sentence, m)

    # A time of day beside a day ("before 12:00 on Thursday", "tomorrow by 5", "the 14:00 slot
    # on Tuesday") is that day's time: the day says when.
    resolved = [(m, found) for kind, m, found in kinds
                if kind not in _TIMES or all(other in _TIMES for other, _, _ in kinds)]
    spans = _clauses(sentence)
    resolved = [(m, found) for m, found in resolved
                if not _no_deadline(sentence, m, _clause_at(spans, m.start())[0], work)]
    acting = [span for span in spans if _ACTION_RE.search(sentence[span[0]:span[1]])] if work else []
    if acting and resolved:
        # The day of the first clause that asks or promises and names one is the work's; a day
        # in a clause that only tells ("the conference is on June 14") dates nothing, unless a
        # deadline word leads it ("the deadline is Friday, could you...").
        # A day closing the sentence after a comma ("..., probably Wednesday") is the first
        # acting clause's, wherever the clauses part.
        tail = [(m, found) for m, found in resolved if _TAIL_DAY_RE.match(sentence, m.end())
                and _TAIL_LEAD_RE.search(sentence, 0, m.start())]
        in_acting = [next(((m, found) for m, found in resolved if _clause_at(spans, m.start()) == span), None)
                     for span in acting]
        if tail and not any(in_acting):
            in_acting = [tail[-1]]
        hit = next((hit for hit in in_acting if hit is not None), None)
        if hit is not None:
            span = _clause_at(spans, hit[0].start())
            resolved = [(m, found) for m, found in resolved if _clause_at(spans, m.start()) == span]
        else:
            resolved = [(m, found) for m, found in resolved if deadline(m)
                        or _LEAD_IN_RE.match(sentence, _clause_at(spans, m.start())[0])]
    # ("...signed and dated by Friday": a deadline word of the match's own is a deadline still.)
    resolved = [(m, found) for m, found in resolved if not _AS_AT_BEFORE_RE.search(sentence, max(0, m.start() - 40), m.start())
                or re.match(r"(?:by|before|no later than|until|till)\b", m.group(0), re.I)]
    if not resolved:
        return None, ""
    if len(resolved) > 1:
        # "two training slots for next week, today": a day led by "for" says what the thing is
        # for, and one led by "after" ("after Friday's decision") when it may start; another day
        # the sentence names is when it is due.
        target = [m for m, _ in resolved
                  if _TARGET_BEFORE_RE.search(sentence, max(0, m.start() - 120), m.start()) and not deadline(m)]
        # (...with what lies inside such a day: "Monday" of "to next Monday")
        kept = [(m, found) for m, found in resolved if not _FOR_BEFORE_RE.search(sentence, 0, m.start())
                and not any(t.start() <= m.start() and m.end() <= t.end() for t in target)]
        resolved = kept or resolved
        # "a clear recommendation, 15 March or 1 April, ... before the board meeting on Sunday": days
        # offered as a choice are what is asked about, not when, beside a day that is.
        spans_ = sorted(resolved, key=lambda r: r[0].start())
        choice = {id(a[0]) for pair in zip(spans_, spans_[1:], strict=False) for a in pair
                  if _CHOICE_RE.fullmatch(sentence, pair[0][0].end(), pair[1][0].start())
                  and all(_DIGIT_RE.search(b[0].group(0)) for b in pair)}  # (calendar dates: "today, or Monday" is no choice of two)
        kept = [(m, found) for m, found in resolved if id(m) not in choice]
        resolved = kept or resolved
        # "The agreement expires on 31 December, and the Bank requires the ORA no later than 3
        # December": the day a thing expires is no one's work beside a day that is.
        kept = [(m, found) for m, found in resolved if not _EXPIRES_BEFORE_RE.search(sentence, max(0, m.start() - 40), m.start())]
        resolved = kept or resolved
    first_m, first = resolved[0]
    early_m, early = min(resolved, key=lambda r: r[0].start())
    if (early_m is not first_m and _JOINED_RE.search(sentence, early_m.end(), first_m.start())
            and _ACTION_RE.search(sentence, 0, early_m.start())):
        # "The returns will be lodged today, and Harbourline will have the form by Monday": a day
        # past an "and" is the next piece of work's, whatever its pattern.
        first_m, first = early_m, early
    # "a first draft on Monday and the final by the 10th" names two pieces of work: a deadline
    # past an "and" is the next one's, not a better reading of the first. Of several deadlines,
    # the first said: "an answer by Thursday, well before their deadline on the 9th".
    deadlines = [(m.start(), found) for m, found in resolved if deadline(m) and not _JOINED_RE.search(
        sentence, min(m.end(), first_m.end()), max(m.start(), first_m.start()))]
    return min(deadlines, key=lambda d: d[0])[1] if deadlines else first


# A weekday just before a date leads it as a deadline word does: "bis Dienstag, 8. Dezember".
_WEEKDAY_LEAD_RE = re.compile(r"\b(?:" + "|".join(sorted((d for d, n in FOREIGN_DAYS.items() if n < 7), key=len, reverse=True))
                              + r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+$", re.I)
_WEEKDAY_KINDS = frozenset(("this_weekday", "next_weekday", "event_weekday", "foreign_day", "foreign_late", "foreign_bare",
                            "foreign_day_part", "foreign_day_short"))
_CALENDAR_DATES = frozenset(("explicit", "dotted", "dotted_bare", "foreign_date"))
# What may stand between a weekday and the calendar date that names it: "Friday, the 4th",
# "Dienstag, den 8.", "vendredi le 4", "viernes 4", "Friday (Dec 4)".
_WEEKDAY_DATE_GAP_RE = re.compile(r"[\s,(]*(?:(?:the|den|der|le|el|il|de)\s+)?")


_NAMED_WEEKDAY_RE = re.compile(r"\b" + _ANY_WEEKDAY + r"\b", re.I)
# A sentence told in the past, in German, French, Spanish or Italian: its periods date no work.
_FOREIGN_PAST_RE = re.compile(r"\b(?:haben|hat|hatte|hatten|habe|wurde|wurden|war|waren|avons|avions|avait|avaient|ai|as|ont|"
                              r"a (?:été|eu|fait|pris|reçu|payé|livré|envoyé|suivi)|"
                              r"a été|est arrivée?|sont arrivée?s|était|hemos|había|habían|llegó|llegaron|fue|fueron|"
                              r"abbiamo|aveva|avevano|è arrivat[oa]|sono arrivat[ie])\b", re.I)


def _on_its_weekday(phrase: str, when: date) -> bool:
    """Whether the weekday ``phrase`` names, if any, is ``when``'s."""
    named = _NAMED_WEEKDAY_RE.search(phrase)
    if named is None:
        return True
    word = named.group(0).lower()
    return (WEEKDAYS.get(word, FOREIGN_DAYS.get(word))) == when.weekday()


def _dated_by(sentence: str, weekday: re.Match[str], date_match: re.Match[str]) -> bool:
    """Whether ``date_match`` is the calendar date of the weekday ``weekday`` matched: right
    after it, or overlapping it and ending past it."""
    if date_match.end() <= weekday.end():
        return False
    if date_match.start() < weekday.end():
        return True
    return _WEEKDAY_DATE_GAP_RE.fullmatch(sentence, weekday.end(), date_match.start()) is not None


# A meeting named by its hour, after the hour (see "at_time"): "the 5 pm meeting", "my 10:30 call".
_OWNED_TIME_RE = re.compile(r"\w+ (?:the|my|our|your|his|her|their) ", re.I)
_EVENT_AFTER_TIME_RE = re.compile(r"\s+(?:meeting|call|review|session|standup|stand-up|sync|interview|briefing|appointment|"
                                  r"visit|flight|train)\b(?:\s+(?:with|of|from|by)\s+(?:the\s+)?(?!(?:end|close|latest)\b)"
                                  r"[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]*)?)?", re.I)


def _resolve(kind: str, m: re.Match[str], sentence: str, local: datetime, tz: tzinfo,
             last_workday: int) -> tuple[str, str] | None:
    """What one pattern's match ``m`` names, as :func:`find_due` returns it, or None."""
    base = local.date()
    when: date | None = None
    at: time | None = None
    if kind == "eod" or kind == "today":
        when = base
    elif kind == "day_after_tomorrow":
        when = base + timedelta(days=2)
    elif kind == "noon":
        if _DAY_BEFORE_RE.search(sentence, 0, m.start()):
            return None  # "Friday by noon": Friday's own match names the day
        # "after lunch" said before the afternoon is over is today's; "by noon" past noon tomorrow's.
        latest = 17 if m.group(0).lower().startswith("after") else 12
        when = base if local.hour < latest else base + timedelta(days=1)
    elif kind == "week_from":
        if m.group(2):  # "a week from today", "... from tomorrow"
            when = base + timedelta(days=7 + (m.group(2).lower() == "tomorrow"))
        else:
            wd = WEEKDAYS[fold(m.group(1) or m.group(3))]
            when = _weekday_on_or_after(base + timedelta(days=1), wd) + timedelta(days=7)
    elif kind == "dotted":
        when = _day_and_month(base, int(m.group(1)), int(m.group(2)), m.group(3))
        if when is not None and not _on_its_weekday(m.group(0), when):
            return None  # "bis Freitag 3.1 ausrollen": a version, not the 3rd of January
    elif kind == "foreign_date":
        # (The words before are read in a window of _LEAD_WINDOW characters: a lead is short, and a
        # pattern anchored at the end, searched from every place of a long sentence, costs its square.)
        window = max(0, m.start() - _LEAD_WINDOW)
        if not (m.group(3) or _FOREIGN_DATE_LEAD_RE.search(sentence, window, m.start())
                or _WEEKDAY_LEAD_RE.search(sentence, window, m.start())):
            return None
        when = _day_and_month(base, int(m.group(1)), FOREIGN_MONTHS[m.group(2).lower()], m.group(3))
    elif kind == "end_quarter":
        when = _period_end(base, fold(m.group(1) or m.group(2)))
    elif kind == "in_hours":
        n = int(m.group(1)) if m.group(1) else NUMBERS[m.group(2).lower()]
        when = (local + timedelta(hours=n)).date()
    elif kind == "foreign_tonight":
        when = base
    elif kind == "foreign_next_weekday":
        wd = FOREIGN_DAYS[(m.group(1) or m.group(2) or m.group(3)).lower()]
        when = base - timedelta(days=base.weekday()) + timedelta(days=7 + wd)
    elif kind == "foreign_nth":
        when = _day_of_month(base, int(m.group(1) or m.group(2) or m.group(3) or m.group(4)))
    elif kind == "foreign_tomorrow":
        when = base + timedelta(days=1)
    elif kind == "foreign_day_after":
        when = base + timedelta(days=2)
    elif kind == "foreign_today":
        when = base
    elif kind in ("foreign_end_week", "foreign_this_week"):
        when = _end_of_week(base, last_workday)
    elif kind == "foreign_end_next_week":
        when = _end_of_week(base, last_workday) + timedelta(days=7)
    elif kind == "foreign_early_next_week":
        when = base - timedelta(days=base.weekday()) + timedelta(days=7)
    elif kind == "foreign_end_month":
        when = base.replace(day=calendar.monthrange(base.year, base.month)[1])
    elif kind == "foreign_month_named":
        lead = m.group(1).lower()
        month = FOREIGN_MONTHS.get(m.group(2).lower()) or _month_number(m.group(2))
        if lead in ("anfang", "début", "debut"):
            return None  # a month's start is no deadline the owner can act on yet
        when = _in_named_month(base, month, lead in ("mitte", "mi-", "mi"))
    elif kind == "foreign_eod":
        when = base
    elif kind == "dotted_bare":
        when = _day_and_month(base, int(m.group(1)), int(m.group(2)), None)
        if when is not None and not _on_its_weekday(m.group(0), when):
            return None  # "am Montag 1.5 Stunden": hours, not the 1st of May
    elif kind == "foreign_day_of_month":
        when = _day_of_month(base, int(m.group(1) or m.group(2) or m.group(3)))
    elif kind == "calendar_week":
        when = _calendar_week(base, int(m.group(1) or m.group(3) or m.group(4)), m.group(2), last_workday)
    elif kind == "foreign_next_week":
        when = base - timedelta(days=base.weekday()) + timedelta(days=7 + last_workday)
    elif kind == "foreign_day_short":
        wd = ("mo", "di", "mi", "do", "fr").index((m.group(1) or m.group(2)).lower())
        when = _weekday_on_or_after(base + timedelta(days=1), wd)
    elif kind == "foreign_day_part":  # a part of the day keeps it today: "bis Mittwochabend" written on a Wednesday
        when = _weekday_on_or_after(base, FOREIGN_DAYS[(m.group(1) or m.group(2)).lower()])
    elif kind in ("foreign_day", "foreign_late", "foreign_bare"):
        wd = FOREIGN_DAYS[m.group(1).lower()]
        when = base + timedelta(days=1) if wd == 7 else _weekday_on_or_after(base + timedelta(days=1), wd)
        # "el viernes 20", "vendredi 4", "Freitag, den 4.": the day of the month says which one.
        nth = _FOREIGN_NTH_RE.match(sentence, m.end()) if wd < 7 else None
        if nth is not None and (day := _day_of_month(base, int(nth.group(1)))) is not None and day.weekday() == wd:
            when = day  # ...when it is that weekday: "Freitag 3 Personen" counts people
    elif kind == "tomorrow":
        when, at = base + timedelta(days=1), _hm(m.group(4), m.group(5), m.group(6))
    elif kind == "day_of_month":
        when = _day_of_month(base, int(m.group(1) or m.group(2)))
    elif kind == "event_weekday":
        wd = WEEKDAYS[fold(m.group(1))]
        when = _weekday_on_or_after(base + timedelta(days=1), wd)
    elif kind in ("before_weekend", "end_week"):
        when = _end_of_week(base, last_workday)
    elif kind in ("weekend", "foreign_weekend"):
        when = _weekday_on_or_after(base, 6)
    elif kind == "end_next_week":
        when = _end_of_week(base, last_workday) + timedelta(days=7)
    elif kind == "end_month":
        when = base.replace(day=calendar.monthrange(base.year, base.month)[1])
    elif kind == "end_next_month":
        nxt = (base.replace(day=1) + timedelta(days=32)).replace(day=1)
        when = nxt.replace(day=calendar.monthrange(nxt.year, nxt.month)[1])
    elif kind in ("end_of_month_named", "mid_month_named"):
        when = _in_named_month(base, _month_number(m.group(1)), kind == "mid_month_named")
    elif kind == "next_weekday":
        wd = WEEKDAYS[fold(m.group(1))]
        monday_next = base - timedelta(days=base.weekday()) + timedelta(days=7)
        when, at = monday_next + timedelta(days=wd), _hm(m.group(2), m.group(3), m.group(4))
    elif kind == "this_weekday":
        wd = WEEKDAYS[fold(m.group(1))]
        when, at = _weekday_on_or_after(base, wd), _hm(m.group(2), m.group(3), m.group(4))
        if when == base and not m.group(0).lower().startswith("this ") and not _PART_OF_DAY_RE.search(m.group(0)) \
                and (at is None or at <= local.time().replace(tzinfo=None)):
            # "by Monday" written on a Monday is next Monday: today would be "today". A time
            # still to come today ("Friday 5pm", written Friday morning) or a part of the day
            # ("Wednesday EOD") is today's.
            when += timedelta(days=7)
        # "by Wednesday the 10th" names the 10th, which may be a week or more away.
        nth = _THE_NTH_RE.match(sentence, m.end())
        if nth is not None and (day := _day_of_month(base, int(nth.group(1)))) is not None:
            when = day
        alt = _OR_WEEKDAY_RE.match(sentence, m.end())
        if alt is not None and at is None:
            when = max(when, _weekday_on_or_after(base, WEEKDAYS[fold(alt.group(1))]))
    elif kind == "next_week":
        monday_next = base - timedelta(days=base.weekday()) + timedelta(days=7)
        phrase = m.group(1).lower()
        # Weeks run Monday to Sunday: written on a Sunday, "next week" is the one starting tomorrow.
        when = monday_next if phrase.startswith(("early", "beginning", "start", "the b", "the s")) else \
            monday_next + timedelta(days=2) if phrase.startswith(("mid", "the m", "mitte")) else \
            monday_next + timedelta(days=last_workday)
    elif kind == "in_n":
        count = m.group("paren") or m.group("num")
        if count is None and m.group("unit").lower() != "fortnight":
            return None  # "within the next day or so", "in the week": no count, no day
        if not m.group(0).lower().startswith(("in ", "within ")) and not re.match(r"\s+to\b", sentence[m.end():]):
            return None  # "we have 10 days left in the quarter": a time to do something in, only with "to"
        n = 1 if count is None else int(count) if count.isdigit() else NUMBERS[count.lower()]
        unit_days = {"week": 7, "fortnight": 14}.get(m.group("unit").lower(), 1)
        if n * unit_days > MAX_DAYS_AHEAD:
            return None  # "in 99999999 days" is no deadline, and counting workdays to it would take minutes
        if m.group("business") and m.group("business").strip().lower() != "calendar" and unit_days == 1:
            when = _add_workdays(base, n, last_workday)
        else:
            when = base + timedelta(days=n * unit_days)
    elif kind == "foreign_in_n":
        if _FOREIGN_PAST_RE.search(sentence):
            return None  # "Wir haben innerhalb von 3 Tagen geliefert", "le colis est arrivé sous 48 heures"
        n = int(m.group(1))
        unit = fold(m.group(3) or m.group(4))
        if unit.startswith(("stunde", "heure", "hora", "ore")):
            when = (local + timedelta(hours=n)).date()
        else:
            unit_days = 7 if unit.startswith(("woche", "semaine", "semana", "settiman")) else 1
            if n * unit_days > MAX_DAYS_AHEAD:
                return None
            workdays = unit_days == 1 and bool(m.group(2) or m.group(5))
            when = _add_workdays(base, n, last_workday) if workdays else base + timedelta(days=n * unit_days)
    elif kind == "foreign_time":
        at = time(int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4) or 0))
        when = base if at > local.time().replace(tzinfo=None) else base + timedelta(days=1)
    elif kind == "foreign_hour":
        hour = int(m.group(1))
        at = time(hour + 12 if hour < 8 else hour, int(m.group(2) or 0))
        when = base if at > local.time().replace(tzinfo=None) else base + timedelta(days=1)
    elif kind == "at_time":
        if m.group(1):
            at = _hm(m.group(1), m.group(2), m.group(3))
        else:
            at = time(int(m.group(4) or m.group(6)), int(m.group(5) or m.group(7)))
        if at is None:
            return None
        when = base if at > local.time().replace(tzinfo=None) else base + timedelta(days=1)
        said = m.group(0).strip()
        if (event := _EVENT_AFTER_TIME_RE.match(sentence, m.end())) is not None and _OWNED_TIME_RE.match(said):
            said = sentence[m.start():event.end()].strip()  # "before the 5 pm meeting": the meeting is the phrase's
        if said.lower().startswith("after"):
            return when.isoformat(), said  # "after my 10:30 meeting": that day, at no set hour
        return datetime.combine(when, at, tzinfo=tz).isoformat(), said
    elif kind == "explicit":
        try:
            when = (_slashed(m.group(1), base, month_first(tz)) if _SLASHED_RE.match(m.group(1))
                    else _dashed(m.group(1), month_first(tz)) if _DASHED_RE.match(m.group(1))
                    else _explicit(m.group(1), local, month_first(tz)))
        except (OverflowError, ValueError):  # a date past the calendar's end names no deadline
            return None
    if when is None:
        return None
    if kind in ("explicit", "dotted", "dotted_bare", "foreign_date") and (when - base).days > _PAST_DATE_AHEAD \
            and not _YEAR_RE.search(m.group(0)):
        return None  # "the 1/10 delivery", "on 3 October" a few days after it: a day just past, not one a year on
    if at is not None:
        return datetime.combine(when, at, tzinfo=tz).isoformat(), m.group(0).strip()
    return when.isoformat(), m.group(0).strip()


def _day_and_month(base: date, day: int, month: int, year: str | None) -> date | None:
    """Day ``day`` of ``month``: in ``year`` when given ("9.6.27" is 2027's), else the next such
    date on or after ``base``."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    years = [int(year) + (2000 if len(year) == 2 else 0)] if year else [base.year, base.year + 1]
    for y in years:
        if 1 <= y <= 9999 and day <= calendar.monthrange(y, month)[1] and (year or date(y, month, day) >= base):
            return date(y, month, day)
    return None


def _calendar_week(base: date, week: int, year: str | None, last_workday: int) -> date | None:
    """The last working day of ISO week ``week``: of ``year`` when given, else of this year, or of
    next year when this year's is more than a fortnight past ("KW 2" written in December)."""
    years = [int(year) + (2000 if len(year) == 2 else 0)] if year else [base.year, base.year + 1]
    for y in years:
        try:
            day = date.fromisocalendar(y, week, last_workday + 1)
        except ValueError:
            return None
        if year or (base - day).days <= 14:
            return day
    return None


def _period_end(base: date, period: str) -> date:
    """The last day of the quarter ("quarter", or "q1" to "q4": this year's, or next year's once
    it is past) or of the year."""
    if period == "year":
        return base.replace(month=12, day=31)
    quarter = int(period[1]) if period[1:].isdigit() else (base.month - 1) // 3 + 1
    year = base.year + (quarter < (base.month - 1) // 3 + 1)
    month = quarter * 3
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_number(name: str) -> int:
    return MONTH_NUMBERS[fold(name)[:3]]


def _in_named_month(base: date, month: int, mid: bool) -> date | None:
    """The last (or, ``mid``, the 15th) day of the next ``month`` not yet past: "end of February"
    written in March is next year's."""
    for year in (base.year, base.year + 1):
        if year > 9999:
            return None
        when = date(year, month, 15 if mid else calendar.monthrange(year, month)[1])
        if when >= base:
            return when
    return None


def _day_of_month(base: date, day: int) -> date | None:
    """The first date on or after ``base`` whose day of the month is ``day``."""
    if not 1 <= day <= 31:
        return None
    year, month = base.year, base.month
    for _ in range(3):  # 31 exists in one of any two months in a row
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= base:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _add_workdays(base: date, n: int, last_workday: int) -> date:
    d = base
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() <= last_workday:
            n -= 1
    return d


# -- a date from the message around a sentence that names none ----------------------------------

# A sentence that points at a day named earlier: "before then", "at the same time", "ready for
# the call", "before the meeting", "join the 14:00 slot".
_BACK_REF_RE = re.compile(
    r"\b(?:(?:before|by|until|till|after) then|at the same time|the same day|on that day|"
    r"(?:before|for|at|in|to|after|ahead of|during|join|by|until|till) the (?:[\w:.'-]+ ){0,2}?"
    r"(?:meeting|call|sync|session|slot|visit|review|interview|panel|workshop|demo|presentation|"
    r"appointment|1:1|one-on-one|standup|kickoff|kick-off)s?)\b", re.I)
# A later sentence that sets the deadline for an ask that names none: "They need a name by the
# 12th.", "The cut-off for payroll changes is the 15th.", "A short answer by Thursday would help."
_DEADLINE_WORD_RE = re.compile(r"\b(?:by|before|until|till|due|deadline|cut-?off|no later than|latest)\b", re.I)
# ... unless it asks or promises something of its own, whose deadline it is.
_OWN_WORK_RE = re.compile(r"\?\s*$|\b(?:please|could you|can you|would you|will you|if you could|if you can|"
                          r"let me know|i'll|i will|"
                          r"we'll|we will|you'll|i'm going to|we're going to|(?:need|needs|want|wants|would like|"
                          r"'d like|require|requires) (?:you|your)|i'd appreciate|we'd appreciate)\b", re.I)
_LIST_LINE_RE = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+")
_LOOK_BACK = 3  # sentences back to the day a reference points at
_LOOK_AHEAD = 2  # sentences on to a deadline set after the ask (list lines not counted)


def find_due_in_context(evidence: str, text: list[str], sent: datetime, tz: tzinfo,
                        last_workday: int = 4) -> tuple[str | None, str]:
    """The due date of ``evidence``, a sentence (or a clause of one) of the message whose
    sentences are ``text``: its own date, else the day it points back at ("send it before
    then", "ready for the call"), else a deadline the next sentences set for it ("Could you
    find a speaker? They need a name by the 12th."). ("", None) when none of them names one."""
    own = find_due(evidence, sent, tz, last_workday)
    if own[0] is not None:
        return own
    at = next((i for i, s in enumerate(text) if evidence in s), None)
    if at is None:
        return None, ""
    if back := _BACK_REF_RE.search(evidence):
        # The evidence before it ("the hold lasts until Friday, so confirm by then"), the clause
        # before the evidence in its own sentence, then the sentences before it.
        earlier = [evidence[:back.start()], text[at][:text[at].index(evidence)],
                   *reversed(text[max(0, at - _LOOK_BACK):at])]
        for s in earlier:
            # "For our 1:1 on Friday: ..." names the day "before then" points at, work or none.
            found = find_due(s, sent, tz, last_workday, work=False)
            if found[0] is not None:
                return found
    later = [s for s in text[at + 1:] if not _LIST_LINE_RE.match(s)]
    if evidence.rstrip().endswith(":"):
        # "I need a decision from you on two points:" - its points run to one ending in a full stop.
        while later and later[0].rstrip()[-1:] in (";", ",", ":"):
            later.pop(0)
        later = later[1:]
    later = later[:_LOOK_AHEAD]
    for s in later:
        found = find_due(s, sent, tz, last_workday, work=False)
        if found[0] is not None:
            if _DEADLINE_WORD_RE.search(s) and not _OWN_WORK_RE.search(s):
                return found
            break  # the next day named is some other matter's
        if _OWN_WORK_RE.search(s):
            break  # a new ask or promise: what follows is its, not ours
    return None, ""
