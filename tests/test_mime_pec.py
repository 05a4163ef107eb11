"""Italian certified mail (PEC): the provider's envelope carries the message itself, attached as
postacert.eml beside its receipt data (daticert.xml) and signature, or quoted below a rule. focusd
reads the message carried, named by who sent it, while the envelope's address stays the sender's
address: whose mail it is, and whether it is the owner's own, is never taken from what it carries.
"""

from __future__ import annotations

from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from connectors.mime import parse_message

CARRIED = (
    "From: Ufficio Amministrazione <amministrazione@pec.fornitore.example>\r\n"
    "To: acquisti@pec.cliente.example\r\n"
    "Subject: Sollecito di pagamento fattura n. 118/2027\r\n"
    "Date: Mon, 13 Mar 2028 10:30:00 +0100\r\n"
    "Message-ID: <orig-118@pec.fornitore.example>\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n\r\n"
    "Spett.le Cliente,\r\n\r\n"
    "risulta ancora insoluta la nostra fattura n. 118/2027 del 30/11/2027.\r\n"
    "Vi preghiamo di provvedere al saldo entro venerdì 17 marzo.\r\n\r\n"
    "Distinti saluti\r\nUfficio Amministrazione\r\n"
)


def _envelope(carried: str, sender: str = "posta-certificata@pec.fornitore.example") -> bytes:
    return (
        f'From: "Per conto di: amministrazione@pec.fornitore.example" <{sender}>\r\n'
        "To: acquisti@pec.cliente.example, ada@example.com\r\n"
        "Subject: POSTA CERTIFICATA: Sollecito di pagamento fattura n. 118/2027\r\n"
        "Date: Mon, 13 Mar 2028 10:30:12 +0100\r\n"
        "Message-ID: <opec210.20280313103012@pec.fornitore.example>\r\n"
        "X-Trasporto: posta-certificata\r\n"
        "X-Riferimento-Message-ID: <orig-118@pec.fornitore.example>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="pec"\r\n\r\n'
        "--pec\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
        "Messaggio di posta certificata\r\n\r\n"
        'Il giorno 13/03/2028 alle ore 10:30:12 (+0100) il messaggio "Sollecito di pagamento fattura n. 118/2027" '
        'è stato inviato da "amministrazione@pec.fornitore.example" indirizzato a:\r\n'
        "acquisti@pec.cliente.example\r\n"
        "Il messaggio originale è incluso in allegato.\r\n"
        "Identificativo messaggio: opec210.20280313103012@pec.fornitore.example\r\n"
        "--pec\r\n"
        'Content-Type: application/xml; name="daticert.xml"\r\n'
        'Content-Disposition: attachment; filename="daticert.xml"\r\n\r\n'
        "<postacert tipo=\"posta-certificata\"/>\r\n"
        "--pec\r\n"
        'Content-Type: message/rfc822; name="postacert.eml"\r\n'
        'Content-Disposition: attachment; filename="postacert.eml"\r\n\r\n'
        f"{carried}"
        "--pec--\r\n"
    ).encode()


def test_the_message_carried_is_read_with_its_own_subject_and_the_senders_name() -> None:
    msg = parse_message(_envelope(CARRIED))
    assert "Vi preghiamo di provvedere al saldo entro venerdì 17 marzo." in msg.reply_text
    assert "Messaggio di posta certificata" not in msg.text
    assert msg.subject == "Sollecito di pagamento fattura n. 118/2027"
    assert msg.sender.name == "Ufficio Amministrazione"
    # ...but the address is the envelope's, the one the receiving server checked
    assert msg.sender.email == "posta-certificata@pec.fornitore.example"


def test_the_ask_carried_becomes_an_item(owner: Owner) -> None:
    items = EmbeddedExtractor().extract(parse_message(_envelope(CARRIED)), owner)
    asks = [i for i in items if i.kind == "request"]
    assert [i.due for i in asks] == ["2028-03-17"]
    assert all("saldo" in i.evidence for i in asks)


def test_a_carried_from_of_the_owner_never_makes_it_the_owners_mail() -> None:
    forged = CARRIED.replace("Ufficio Amministrazione <amministrazione@pec.fornitore.example>",
                             "Ada Lovelace <ada@example.com>")
    msg = parse_message(_envelope(forged))
    assert msg.sender.email == "posta-certificata@pec.fornitore.example"


def test_a_message_quoted_below_the_envelope_is_read_too() -> None:
    raw = (
        'From: "Per conto di: amministrazione@pec.fornitore.example" <posta-certificata@pec.fornitore.example>\n'
        "To: ada@example.com\nSubject: POSTA CERTIFICATA: Sollecito\nDate: Mon, 13 Mar 2028 10:30:00 +0100\n"
        "Message-ID: <q1@pec.fornitore.example>\nX-Trasporto: posta-certificata\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "Messaggio di posta elettronica certificata\n\n"
        "Il messaggio originale è riportato di seguito.\nIdentificativo messaggio: q1@pec.fornitore.example\n\n-----\n\n"
        "Vi preghiamo di provvedere al saldo entro venerdì 17 marzo.\n\nDistinti saluti\n"
    ).encode()
    msg = parse_message(raw)
    assert msg.reply_text.startswith("Vi preghiamo di provvedere al saldo")
    assert msg.subject == "Sollecito"
    assert msg.sender.name == "Amministrazione"


def test_mail_without_the_certified_header_is_read_as_it_stands() -> None:
    raw = _envelope(CARRIED).replace(b"X-Trasporto: posta-certificata\r\n", b"")
    msg = parse_message(raw)
    assert "Messaggio di posta certificata" in msg.text
    assert msg.subject.startswith("POSTA CERTIFICATA:")
    assert any(a.filename == "postacert.eml" for a in msg.attachments)


def test_a_certified_mail_receipt_is_a_notification() -> None:
    raw = (
        'From: "Posta Certificata" <posta-certificata@pec.cliente.example>\n'
        "To: ada@example.com\nSubject: CONSEGNA: Sollecito di pagamento\nDate: Mon, 13 Mar 2028 10:30:20 +0100\n"
        "Message-ID: <r1@pec.cliente.example>\nX-Ricevuta: avvenuta-consegna\nX-Trasporto: posta-certificata\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "Ricevuta di avvenuta consegna\n\nIl giorno 13/03/2028 alle ore 10:30:20 (+0100) il messaggio "
        '"Sollecito di pagamento" è stato consegnato nella casella di destinazione.\n'
    ).encode()
    assert parse_message(raw).is_bulk


def test_the_providers_note_is_set_aside_however_it_opens() -> None:
    raw = (
        'From: "Per conto di: protocollo@pec.comune.example" <posta-certificata@pec.comune.example>\n'
        "To: ada@example.com\nSubject: POSTA CERTIFICATA: Richiesta integrazioni\nDate: Mon, 13 Mar 2028 10:30:00 +0100\n"
        "Message-ID: <q2@pec.comune.example>\nX-Trasporto: posta-certificata\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "--Questo è un Messaggio di Posta Certificata--\n\n"
        'Il giorno 13/03/2028 alle ore 10:30:00 (+0100) il messaggio "Richiesta integrazioni" è stato inviato da '
        '"protocollo@pec.comune.example" indirizzato a:\nada@example.com\n'
        "Il messaggio originale è incluso in allegato.\nIdentificativo messaggio: opec99.1@pec.comune.example\n\n"
        "Si richiede di trasmettere la planimetria aggiornata entro il 30 marzo.\n"
    ).encode()
    msg = parse_message(raw)
    assert msg.reply_text.startswith("Si richiede di trasmettere la planimetria")
    assert msg.sender.name == "Protocollo"


def test_a_carried_part_that_is_no_message_leaves_the_envelope_as_it_is() -> None:
    # (sent base64-encoded, the carried part parses to no headers)
    raw = (
        'From: "Per conto di: amministrazione@pec.fornitore.example" <posta-certificata@pec.fornitore.example>\n'
        "To: ada@example.com\nSubject: POSTA CERTIFICATA: Sollecito\nDate: Mon, 13 Mar 2028 10:30:00 +0100\n"
        "Message-ID: <b1@pec.fornitore.example>\nX-Trasporto: posta-certificata\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="pec"\n\n'
        "--pec\nContent-Type: text/plain; charset=utf-8\n\nMessaggio di posta certificata\n\n"
        "Il messaggio originale è incluso in allegato.\nVi preghiamo di provvedere al saldo entro venerdì.\n"
        '--pec\nContent-Type: message/rfc822; name="postacert.eml"\nContent-Transfer-Encoding: base64\n\n'
        "RnJvbTogQWRhIDxhZGFAZXhhbXBsZS5jb20+DQoNCkhp\n--pec--\n"
    ).encode()
    msg = parse_message(raw)
    assert "Vi preghiamo di provvedere al saldo" in msg.text
    assert not msg.text.startswith("RnJv")
    assert msg.sender.email == "posta-certificata@pec.fornitore.example"


def test_an_address_is_no_name() -> None:
    # the carried From with no display name: the sender keeps the envelope's name, never an address as one
    bare = CARRIED.replace("Ufficio Amministrazione <amministrazione@pec.fornitore.example>", "ada@example.com")
    msg = parse_message(_envelope(bare))
    assert "@" not in msg.sender.name
    assert msg.sender.email == "posta-certificata@pec.fornitore.example"
