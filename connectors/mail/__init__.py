"""Mail sources, by the name ``[mail].backend`` gives them."""

from __future__ import annotations

BACKENDS = {
    "maildir": "connectors.mail.maildir:MaildirSource",
}
