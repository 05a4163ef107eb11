"""The ``focusd`` command and ``python -m agent``: the CLI, imported only once it runs, so that
importing this module costs nothing.

The sync's parse worker (agent/workers.py) is a plain child interpreter that imports the parser
and the extractor, never this module nor the CLI's imports (click, the store, structlog, the
settings).
"""

from __future__ import annotations


def main() -> None:
    from agent import memory

    memory.tune()  # before the imports: they are the heap's first long-lived objects
    from agent.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
