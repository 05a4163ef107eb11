"""Mail sources, by the name ``[mail].backend`` gives them."""

from __future__ import annotations

BACKENDS = {
    "imap": "connectors.mail.imap:ImapSource",
    "maildir": "connectors.mail.maildir:MaildirSource",
}
