"""The ``focusd`` command and ``python -m agent``: the CLI, imported only once it runs.

A worker that multiprocessing starts (forkserver or spawn) imports the main module of the process
that started it. Kept this small, the sync's parse worker and its forkserver do not load the CLI's
imports (click, the store, structlog, the settings): in a first sync of 15,000 messages that kept
14 MiB off focusd's processes together (``bench/imap_sync.py`` measures it on 50,000).
"""

from __future__ import annotations


def main() -> None:
    from agent.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
