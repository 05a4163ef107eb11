"""The visible reply on clients and languages the public corpora lack.

DEV cases were written to steer the rules. HELD_OUT cases were written at the same time, kept
aside and never tuned on: their score is reported as it came out, and the test only guards it
from falling.
"""

from __future__ import annotations

import random
import time

import pytest

from connectors.mime import _is_attribution, _may_end_header, visible_reply

REPLY = "Sì, venerdì va bene.\n\nGrazie,\nLuca"

DEV: dict[str, tuple[str, str]] = {
    "outlook desktop italian": (
        "Sì, venerdì va bene.\n\nGrazie,\nLuca\n\n________________________________\nDa: Maria Rossi "
        "<maria@studio.example>\nInviato: lunedì 16 novembre 2026 09:12\nA: Luca Bianchi <luca@example.com>\n"
        "Oggetto: Contratto\n\nPuoi mandarmi il contratto?\n",
        REPLY),
    "outlook web dutch": (
        "Prima, ik stuur het vandaag.\n\nMet vriendelijke groet,\nJoost\n\nVan: Anne de Vries <anne@bureau.example>\n"
        "Verzonden: maandag 16 november 2026 09:12\nAan: Joost Jansen <joost@example.com>\nOnderwerp: Offerte\n\n"
        "Kun je de offerte sturen?\n",
        "Prima, ik stuur het vandaag.\n\nMet vriendelijke groet,\nJoost"),
    "outlook spanish": (
        "Perfecto, lo reviso mañana.\n\nSaludos,\nMarta\n\nDe: Jorge Ruiz <jorge@empresa.example>\n"
        "Enviado el: lunes, 16 de noviembre de 2026 9:12\nPara: Marta Gil <marta@example.com>\n"
        "Asunto: Presupuesto\n\n¿Puedes revisar el presupuesto?\n",
        "Perfecto, lo reviso mañana.\n\nSaludos,\nMarta"),
    "outlook portuguese": (
        "Combinado, envio hoje.\n\nAbraço,\nRita\n\n________________________________\nDe: Paulo Lima "
        "<paulo@firma.example>\nEnviado: segunda-feira, 16 de novembro de 2026 09:12\nPara: Rita Sousa "
        "<rita@example.com>\nAssunto: Proposta\n\nPode enviar a proposta?\n",
        "Combinado, envio hoje.\n\nAbraço,\nRita"),
    "outlook swedish": (
        "Absolut, jag skickar den i eftermiddag.\n\nVänliga hälsningar\nErik\n\nFrån: Karin Berg "
        "<karin@bolag.example>\nSkickat: den 16 november 2026 09:12\nTill: Erik Lund <erik@example.com>\n"
        "Ämne: Avtal\n\nKan du skicka avtalet?\n",
        "Absolut, jag skickar den i eftermiddag.\n\nVänliga hälsningar\nErik"),
    "outlook polish": (
        "Jasne, wyślę jutro rano.\n\nPozdrawiam,\nMarek\n\nOd: Anna Nowak <anna@firma.example>\n"
        "Wysłano: poniedziałek, 16 listopada 2026 09:12\nDo: Marek Kowalski <marek@example.com>\n"
        "Temat: Umowa\n\nCzy możesz przesłać umowę?\n",
        "Jasne, wyślę jutro rano.\n\nPozdrawiam,\nMarek"),
    "apple mail japanese": (
        "承知しました。金曜日に送ります。\n\n田中\n\n2026/11/16 9:12、山田 花子 <hanako@kaisha.example>のメール:\n\n"
        "> 資料を送っていただけますか？\n",
        "承知しました。金曜日に送ります。\n\n田中"),
    "gmail russian": (
        "Да, пришлю в пятницу.\n\nСпасибо,\nИван\n\nпн, 16 нояб. 2026 г. в 09:12, Мария Петрова "
        "<maria@firma.example>:\n\n> Можешь прислать отчёт?\n",
        "Да, пришлю в пятницу.\n\nСпасибо,\nИван"),
    "gmail russian wrote": (
        "Готово.\n\n16 ноября 2026 г., 09:12 пользователь Мария Петрова <maria@firma.example> написал:\n"
        "> Готово?\n",
        "Готово."),
    "gmail forward": (
        "FYI, see below: can you take this one?\n\nThanks,\nSam\n\n---------- Forwarded message ---------\n"
        "From: Vendor Billing <billing@vendor.example>\nDate: Mon, Nov 16, 2026 at 9:12 AM\nSubject: Invoice 42\n"
        "To: Sam <sam@example.com>\n\nYour invoice is attached.\n",
        "FYI, see below: can you take this one?\n\nThanks,\nSam"),
    "apple mail forward": (
        "Sharing for context.\n\nSam\n\nBegin forwarded message:\n\nFrom: Vendor <billing@vendor.example>\n"
        "Subject: Invoice 42\nDate: 16 November 2026 at 09:12:00 GMT\nTo: sam@example.com\n\nAttached.\n",
        "Sharing for context.\n\nSam"),
    "outlook forward": (
        "Can you handle this?\n\nSam\n\n-----Original Message-----\nFrom: Vendor <billing@vendor.example>\n"
        "Sent: Monday, November 16, 2026 9:12 AM\nTo: Sam\nSubject: Invoice\n\nAttached.\n",
        "Can you handle this?\n\nSam"),
    "top post, signature after separator": (
        "Sounds good, Thursday it is.\n\nThanks, Sam\n\n-- \nSam Carter | Head of Ops | Loom\n+44 20 7946 0000\n\n"
        "On Mon, Nov 16, 2026 at 9:12 AM Maria Chen <maria@fund.example> wrote:\n> Thursday?\n",
        "Sounds good, Thursday it is.\n\nThanks, Sam"),
    "top post, iphone footer in german": (
        "Passt, bis morgen.\n\nLG Jan\n\nVon meinem iPhone gesendet\n\n> Am 16.11.2026 um 09:12 schrieb Eva "
        "<eva@firma.example>:\n> Morgen?\n",
        "Passt, bis morgen.\n\nLG Jan"),
    "top post, french iphone footer": (
        "D'accord pour jeudi.\n\nBien à vous,\nClaire\n\nEnvoyé de mon iPhone\n\nLe 16 nov. 2026 à 09:12, "
        "Paul Martin <paul@societe.example> a écrit :\n\n> Jeudi ?\n",
        "D'accord pour jeudi.\n\nBien à vous,\nClaire"),
    "dutch iphone footer": (
        "Top, dank je.\n\nVerstuurd vanaf mijn iPhone\n\n> Op 16 nov. 2026 om 09:12 heeft Anne "
        "<anne@bureau.example> het volgende geschreven:\n",
        "Top, dank je."),
    "spanish gmail wrapped": (
        "Sí, lo tengo.\n\nEl lun, 16 nov 2026 a las 9:12, Jorge Ruiz (<jorge@empresa.example>)\nescribió:\n\n"
        "> ¿Lo tienes?\n",
        "Sí, lo tengo."),
    "bottom post under a quote": (
        "On Mon, Nov 16, 2026 at 9:12 AM Maria Chen <maria@fund.example> wrote:\n> Can you send the deck?\n\n"
        "Yes, tonight.\n\nSam\n",
        "Yes, tonight.\n\nSam"),
    "a colon line that is no header": (
        "Here is the plan for Monday:\n\n1. Standup at 9:30\n2. Review at 14:00\n\nThanks,\nSam\n",
        "Here is the plan for Monday:\n\n1. Standup at 9:30\n2. Review at 14:00\n\nThanks,\nSam"),
    "a sentence about sending from a phone": (
        "The alert was sent from my phone at 9:12, not the server.\n\nSam\n",
        "The alert was sent from my phone at 9:12, not the server.\n\nSam"),
    "labels in the body without a sender": (
        "Details for the booking:\nDate: Friday\nTo: the whole team\n\nSam\n",
        "Details for the booking:\nDate: Friday\nTo: the whole team\n\nSam"),
    "outlook bold labels": (
        "Approved.\n\n*From:* Maria Chen <maria@fund.example>\n*Sent:* Monday, November 16, 2026 9:12 AM\n"
        "*To:* Sam\n*Subject:* Budget\n\nApprove?\n",
        "Approved."),
    "sent from outlook for android": (
        "On it.\n\nGet Outlook for Android<https://aka.ms/ghei36>\n\nFrom: Maria <maria@fund.example>\n",
        "On it."),
    "outlook czech": (
        "Posílám v příloze.\n\nS pozdravem\nJana\n\nOd: Petr Novák <petr@firma.example>\nOdesláno: úterý 17. "
        "listopadu 2026 14:05\nKomu: Jana Dvořáková <jana@example.com>\nKopie: Tým <tym@firma.example>\n"
        "Předmět: Faktura\n\nPošleš mi fakturu do pátku?\n",
        "Posílám v příloze.\n\nS pozdravem\nJana"),
    "outlook slovak": (
        "Will do, the slots are booked.\n\nMarek\n\nOd: Zuzana Kováčová <zuzana@firma.example>\nOdoslané: "
        "utorok 17. novembra 2026 14:05\nKomu: Marek <marek@example.com>\nPredmet: Termíny\n\n"
        "Can you book the slots by Friday?\n",
        "Will do, the slots are booked.\n\nMarek"),
    "mailing list footer under a rule": (
        "Merged, thanks.\n\nSam\n\n_______________________________________________\nteam mailing list\n"
        "team@lists.example.com\nhttps://lists.example.com/listinfo/team\n",
        "Merged, thanks.\n\nSam"),
}

# Kept aside: never run while the rules were changed.
HELD_OUT: dict[str, tuple[str, str]] = {
    "outlook web italian, no rule": (
        "Ok, ci penso io.\n\nCiao,\nGiulia\n\nDa: Marco Verdi <marco@agenzia.example>\nInviato: martedì 17 "
        "novembre 2026 14:05\nA: Giulia Neri <giulia@example.com>\nCc: Team <team@agenzia.example>\n"
        "Oggetto: R: Lancio\n\nChi se ne occupa?\n",
        "Ok, ci penso io.\n\nCiao,\nGiulia"),
    "outlook dutch with rule": (
        "Akkoord.\n\nGroet,\nPieter\n\n________________________________\nVan: Sanne Bakker "
        "<sanne@bedrijf.example>\nVerzonden: dinsdag 17 november 2026 14:05\nAan: Pieter Smit "
        "<pieter@example.com>\nOnderwerp: Planning\n\nAkkoord?\n",
        "Akkoord.\n\nGroet,\nPieter"),
    "outlook spanish mexico": (
        "Listo, ya quedó.\n\nGracias,\nAna\n\nDe: Luis Pérez <luis@empresa.example>\nEnviado: martes, 17 de "
        "noviembre de 2026 14:05\nPara: Ana Torres <ana@example.com>\nAsunto: Factura\n\n¿Ya quedó?\n",
        "Listo, ya quedó.\n\nGracias,\nAna"),
    "gmail portuguese": (
        "Perfeito, obrigado!\n\nJoão\n\nEm ter., 17 de nov. de 2026 às 14:05, Pedro Alves <pedro@empresa.example> "
        "escreveu:\n\n> Está bom?\n",
        "Perfeito, obrigado!\n\nJoão"),
    "outlook swedish forward": (
        "Kan du titta på detta?\n\n/Lisa\n\nFrån: Leverantör <faktura@leverantor.example>\nSkickat: tisdag den 17 "
        "november 2026 14:05\nTill: Lisa <lisa@example.com>\nÄmne: Faktura\n\nSe bifogad faktura.\n",
        "Kan du titta på detta?\n\n/Lisa"),
    "gmail polish": (
        "Dzięki, zerknę.\n\nTomek\n\nwt., 17 lis 2026 o 14:05 Anna Nowak <anna@firma.example> napisała:\n\n"
        "> Zerkniesz?\n",
        "Dzięki, zerknę.\n\nTomek"),
    "apple mail japanese wrote": (
        "ありがとうございます。確認します。\n\n佐藤\n\n2026年11月17日 14:05、鈴木 一郎 <ichiro@kaisha.example>のメール:\n"
        "\n> ご確認ください。\n",
        "ありがとうございます。確認します。\n\n佐藤"),
    "gmail russian forward": (
        "Посмотри, пожалуйста.\n\n---------- Пересланное сообщение ---------\nОт: Бухгалтерия "
        "<buh@firma.example>\nDate: вт, 17 нояб. 2026 г. в 14:05\nSubject: Счёт\nTo: <ivan@example.com>\n\n"
        "Счёт во вложении.\n",
        "Посмотри, пожалуйста."),
    "swedish iphone footer": (
        "Låter bra!\n\nSkickat från min iPhone\n\n> 17 nov. 2026 kl. 14:05 skrev Karin Berg "
        "<karin@bolag.example>:\n",
        "Låter bra!"),
    "italian iphone footer": (
        "Va bene, a dopo.\n\nInviato da iPhone\n\n> Il giorno 17 nov 2026, alle ore 14:05, Marco "
        "<marco@agenzia.example> ha scritto:\n",
        "Va bene, a dopo."),
    "top post with inline signature and title": (
        "Signed and sent back.\n\nBest,\nPriya Shah\nCFO, Loom\n\nOn Tue, Nov 17, 2026 at 2:05 PM Legal "
        "<legal@firm.example> wrote:\n> Please sign.\n",
        "Signed and sent back.\n\nBest,\nPriya Shah\nCFO, Loom"),
    "portuguese outlook forward with original message": (
        "Segue para você.\n\n-----Mensagem original-----\nDe: Paulo <paulo@firma.example>\nEnviada em: terça-feira, "
        "17 de novembro de 2026 14:05\nPara: Rita\nAssunto: Relatório\n\nSegue.\n",
        "Segue para você."),
}


HELD_OUT_FLOOR = 12  # its first run scored 12 of 12; never lowered


@pytest.mark.parametrize("name", sorted(DEV))
def test_dev_cases(name: str) -> None:
    text, visible = DEV[name]
    assert visible_reply(text) == visible


def test_held_out_score() -> None:
    """The held-out third, scored as a whole; it must stay at what it first scored, or better."""
    right = [name for name, (text, visible) in HELD_OUT.items() if visible_reply(text) == visible]
    assert len(HELD_OUT) >= 10
    assert len(right) >= HELD_OUT_FLOOR, sorted(set(HELD_OUT) - set(right))



def test_a_megabyte_reply_is_cut_in_linear_time() -> None:
    # Long lines of the characters the patterns look for: dashes, underscores, digits, colons.
    lines = ["-" * 5000 + " wrote:", "_" * 5000, "On " + "1/2 " * 2000 + ":", "x" * 5000, "From: " + "a" * 5000]
    text = "\n".join(lines * 45) + "\n" + "word " * 100_000
    assert len(text) > 1_000_000
    start = time.perf_counter()
    visible_reply(text)
    assert time.perf_counter() - start < 2.0


def test_many_short_lines_are_cut_quickly() -> None:
    text = "On 1/2, a@b.example\n>\n\n" * 60_000
    start = time.perf_counter()
    visible_reply(text)
    assert time.perf_counter() - start < 2.0


# Pieces of headers and of prose; windows of one to three lines are built from them at random.
PIECES = ("On Mon, 1 Jan 2024,", "Ada <ada@x.example>", "wrote:", "a écrit :", "a", "écrit", "ha", "scritto",
          "heeft", "geschreven", "napisał(a):", ">:", "---", "- -", ":", "：", "写道", "님이", "작성", "のメッセージ",
          "2024/01/02 9:12", "Hello there", "WROTE", "Wrote :", "x" * 45 + "wrote", "\t wrote\t:", "1/2", "@",
          "ΣΑΣ", "writes", "skrev", "-- ", "thanks")


def test_every_header_end_passes_the_cheap_check() -> None:
    rng = random.Random(3)
    headers = 0
    for _ in range(20_000):
        window = [" ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 3))]
        parts = [line.strip() for line in window]
        if all(parts) and _is_attribution(" ".join(parts), [*window, "> quoted"], len(window)):
            headers += 1
            assert _may_end_header(parts[-1]), window
    assert headers > 1000


@pytest.mark.parametrize("line", ["Thanks for the update, see you Friday.", "Best,", "Sam", "I wrote it yesterday",
                                  "the rewrote part", "> quoted", "On Monday we met"])
def test_prose_fails_the_cheap_check(line: str) -> None:
    assert not _may_end_header(line)
