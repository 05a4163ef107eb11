"""Run a command on a real pseudo-terminal and collect what it drew."""

from __future__ import annotations

import os


def read_until_closed(primary: int) -> bytes:
    """Everything written to the terminal whose primary side is ``primary``, until the command
    on it ends; closes ``primary``."""
    output = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the terminal closed: the command has ended
            break
        if not chunk:
            break
        output += chunk
    os.close(primary)
    return output
