"""Senders, by the name ``[smtp].backend`` gives them."""

from __future__ import annotations

BACKENDS = {
    "file": "connectors.send.file:FileSender",
    "smtp": "connectors.send.smtp:SmtpSender",
}
