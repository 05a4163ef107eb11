"""A log line that cannot be written never makes a message unreadable: `focusd sync | head` closes
the pipe that the parser's repair warnings go to."""

from __future__ import annotations

import io

import structlog

from connectors.mime import try_parse

# No Date header: the parser repairs it and warns.
UNDATED = (b"From: Sam <sam@example.com>\r\nTo: ada@example.com\r\nSubject: hi\r\n"
           b"Message-ID: <undated@example.com>\r\n\r\nCould you send the deck by Friday?\r\n")


def test_a_repair_warning_that_cannot_be_written_loses_no_message() -> None:
    closed = io.StringIO()
    closed.close()  # writing raises ValueError, as a closed pipe raises BrokenPipeError
    structlog.configure(logger_factory=structlog.PrintLoggerFactory(file=closed))
    try:
        msg, reason = try_parse(UNDATED)
    finally:
        structlog.reset_defaults()
    assert msg is not None and reason == "" and msg.message_id == "<undated@example.com>"
