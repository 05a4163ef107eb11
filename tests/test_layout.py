"""Who may import whom: agent imports planner and connectors; planner imports only
connectors.types of ours; connectors import nothing of ours outside connectors."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return {m for m in found if m.split(".")[0] in ("agent", "planner", "connectors")}


def test_planner_and_connectors_keep_to_their_side() -> None:
    for path in (ROOT / "planner").rglob("*.py"):
        bad = {m for m in _imports(path) if not (m.startswith("planner") or m == "connectors.types")}
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"
    for path in (ROOT / "connectors").rglob("*.py"):
        bad = {m for m in _imports(path) if not m.startswith("connectors")}
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_a_backend_is_one_module_plus_one_registry_line() -> None:
    from connectors import load_backend
    from connectors.calendar import BACKENDS as CALENDARS
    from connectors.calendar.base import CalendarBackend
    from connectors.mail import BACKENDS as MAIL
    from connectors.mail.base import MailSource
    from connectors.send import BACKENDS as SENDERS
    from connectors.send.base import Sender

    for registry, kind, base in ((MAIL, "mail", MailSource), (CALENDARS, "calendar", CalendarBackend),
                                 (SENDERS, "smtp", Sender)):
        for name in registry:
            cls = load_backend(registry, kind, name)
            assert issubclass(cls, base) and cls.backend_name == name


def test_every_backend_is_built_one_way_and_fails_with_one_error_type(tmp_path: Path) -> None:
    from zoneinfo import ZoneInfo

    from connectors import BackendEnv, load_backend
    from connectors.calendar import BACKENDS as CALENDARS
    from connectors.calendar.base import CalendarError
    from connectors.errors import ConnectorError
    from connectors.mail import BACKENDS as MAIL
    from connectors.mail.base import MailError
    from connectors.send import BACKENDS as SENDERS
    from connectors.send.base import SendError

    assert all(issubclass(e, ConnectorError) for e in (MailError, SendError, CalendarError))
    from agent.settings import SCHEMA

    env = BackendEnv(tz=ZoneInfo("Europe/London"), secret=lambda name: "")
    for registry, kind in ((MAIL, "mail"), (CALENDARS, "calendar"), (SENDERS, "smtp")):
        # The section as the config loader hands it over: every key of the schema, with values.
        section = {k: key.default for k, key in SCHEMA[kind].items()} | {
            "path": tmp_path, "paths": [tmp_path / "cal.ics"], "host": "localhost", "url": "http://localhost/cal/"}
        for name in registry:
            backend = load_backend(registry, kind, name).from_config(section, env)
            assert backend.backend_name == name


def test_a_config_may_select_any_registered_backend(demo_dir: Path) -> None:
    from agent.app import App
    from agent.clock import fixed
    from agent.cycle import compose_brief, sync_once
    from agent.settings import load
    from connectors.calendar.memory import MemoryCalendar
    from tests.conftest import DEMO_NOW

    config = demo_dir / "focusd.toml"
    config.write_text(config.read_text().replace('backend = "ics"\npaths = ["calendar.ics"]', 'backend = "memory"'))
    app = App(load(config), fixed(DEMO_NOW))
    assert isinstance(app.calendar, MemoryCalendar)
    sync_once(app)  # the cycle books focus blocks; composing the brief only reads them
    brief = compose_brief(app, app.today())
    assert "Focus block booked:" in brief.text  # the memory calendar is writable: blocks are booked in it
