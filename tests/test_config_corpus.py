"""Malformed configs: each one is a ConfigError (exit 2) that names what is wrong, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from agent.errors import ConfigError
from agent.settings import load

OWNER = '[owner]\nname = "Ada Lovelace"\nemail = "ada@example.com"\n'
IMAP = 'host = "imap.example.com"\nusername = "ada"\npassword_env = "FOCUSD_TEST_SET"\n'

# (id, config text or bytes, what the message must name). Text without [owner] gets OWNER first.
CASES: list[tuple[str, str | bytes, str]] = [
    ("binary", b"\x00\x01\xfe\xff[owner]\x80", "focusd.toml"),
    ("latin1", '[owner]\nname = "Zoë"\nemail = "z@example.com"\n'.encode("latin-1"), "focusd.toml"),
    ("not-toml", "[owner\nname = 1", "focusd.toml"),
    ("duplicate-key", '[owner]\nname = "a"\nname = "b"\n', "focusd.toml"),
    ("nested-too-deep", "x = " + "[" * 5000 + "]" * 5000, "focusd.toml"),
    ("folders-int", "[mail]\nfolders = [1]", "mail.folders"),
    ("folders-empty", "[mail]\nfolders = []", "mail.folders"),
    ("folders-string", '[mail]\nfolders = "INBOX"', "mail.folders"),
    ("max-age-overflow", '[mail]\nmax_age = "99999999999d"', "mail.max_age"),
    ("max-age-huge-digits", '[mail]\nmax_age = "' + "9" * 40 + 'd"', "mail.max_age"),
    ("max-age-zero", '[mail]\nmax_age = "0s"', "mail.max_age"),
    ("poll-zero", '[mail]\npoll_interval = "0s"', "mail.poll_interval"),
    ("poll-negative", '[mail]\npoll_interval = "-1m"', "mail.poll_interval"),
    ("poll-int", "[mail]\npoll_interval = 120", "mail.poll_interval"),
    ("poll-too-long", '[mail]\npoll_interval = "2d"', "mail.poll_interval"),
    ("block-huge", "[focus]\nblock_minutes = 100000000000", "focus.block_minutes"),
    ("block-zero", "[focus]\nblock_minutes = 0", "focus.block_minutes"),
    ("block-float", "[focus]\nblock_minutes = 1.5", "focus.block_minutes"),
    ("blocks-negative", "[focus]\nmax_blocks_per_day = -1", "focus.max_blocks_per_day"),
    ("latest-before-earliest", '[focus]\nearliest = "15:00"\nlatest = "10:00"', "focus.latest"),
    ("storage-folder", '[storage]\npath = "."', "storage.path"),
    ("storage-empty", '[storage]\npath = ""', "storage.path"),
    ("storage-uncreatable", '[storage]\npath = "/proc/self/focusd.db"', "storage.path"),
    ("storage-under-file", '[storage]\npath = "afile/focusd.db"', "storage.path"),
    ("storage-name-too-long", '[storage]\npath = "' + "a" * 5000 + '"', "storage.path"),
    ("storage-nul", '[storage]\npath = "a\\u0000b.db"', "storage.path"),
    ("ics-paths-int", '[calendar]\nbackend = "ics"\npaths = [1]', "calendar.paths"),
    ("ics-paths-string", '[calendar]\nbackend = "ics"\npaths = "calendar.ics"', "calendar.paths"),
    ("ics-missing", '[calendar]\nbackend = "ics"\npaths = ["missing.ics"]', "calendar.paths"),
    ("ics-path-folder", '[calendar]\nbackend = "ics"\npaths = ["mail"]', "calendar.paths"),
    ("ics-path-empty", '[calendar]\nbackend = "ics"\npaths = [""]', "calendar.paths"),
    ("ics-none-given", '[calendar]\nbackend = "ics"', "calendar.paths"),
    ("mail-port-huge", "[mail]\nport = 99999999", "mail.port"),
    ("mail-port-zero", "[mail]\nport = 0", "mail.port"),
    ("smtp-port-negative", "[smtp]\nport = -25", "smtp.port"),
    ("max-focus-float", "[brief]\nmax_focus = 1e23", "brief.max_focus"),
    ("max-focus-zero", "[brief]\nmax_focus = 0", "brief.max_focus"),
    ("max-focus-bool", "[brief]\nmax_focus = true", "brief.max_focus"),
    ("brief-time", '[brief]\ntime = "25:00"', "brief.time"),
    ("smtp-password-env-unset", '[smtp]\npassword_env = "FOCUSD_TEST_UNSET"', "smtp.password_env"),
    ("smtp-password-inline", '[smtp]\npassword = "hunter2"', "smtp.password"),
    ("caldav-without-url", '[calendar]\nbackend = "caldav"', "calendar.url"),
    ("feed-plain-http", '[calendar]\nurls = ["http://cal.example.com/team.ics"]', "calendar.urls"),
    ("feed-not-a-url", '[calendar]\nurls = ["team.ics"]', "calendar.urls"),
    ("focus-buffer-negative", '[focus]\nbuffer_minutes = -5', "focus.buffer_minutes"),
    ("focus-block-longer-than-the-day", '[owner]\nworking_hours = "09:00-09:30"\n[focus]\nblock_minutes = 90',
     "focus.block_minutes"),
    ("smtp-clear-text-remote", '[smtp]\nbackend = "smtp"\nhost = "smtp.example.com"\nsecurity = "none"', "smtp.security"),
    ("smtp-login-without-password", '[smtp]\nbackend = "smtp"\nhost = "smtp.example.com"\nusername = "ada"',
     "smtp.password_env"),
    ("imap-clear-text-remote", '[mail]\nbackend = "imap"\nsecurity = "none"\n' + IMAP, "mail.security"),
    ("imap-without-host", '[mail]\nbackend = "imap"\nusername = "ada"\npassword_env = "FOCUSD_TEST_SET"\n', "mail.host"),
    ("mail-backend-unknown", '[mail]\nbackend = "pop3"', "mail.backend"),
    ("llm-unavailable", '[llm]\nprovider = "openai"\nmodel = "gpt-x"', "llm.provider"),
    ("mail-path-missing", '[mail]\npath = "nope"', "mail.path"),
    ("mail-path-file", '[mail]\npath = "calendar.ics"', "mail.path"),
    ("outbox-is-file", '[smtp]\npath = "calendar.ics"', "smtp.path"),
    ("outbox-uncreatable", '[smtp]\npath = "/proc/self/outbox"', "smtp.path"),
    ("secret-file-readable", '[llm]\napi_key_file = "readable-secret"', "llm.api_key_file"),
    ("secret-file-missing", '[llm]\napi_key_file = "no-such-secret"', "llm.api_key_file"),
    ("secret-env-empty-name", '[mail]\npassword_env = ""', "mail.password_env"),
    ("timezone-unknown", '[owner]\nname = "A"\nemail = "a@example.com"\ntimezone = "Mars/Olympus"', "owner.timezone"),
    ("timezone-empty", '[owner]\nname = "A"\nemail = "a@example.com"\ntimezone = ""', "owner.timezone"),
    ("days-int", '[owner]\nname = "A"\nemail = "a@example.com"\nworking_days = [1]', "owner.working_days"),
    ("days-empty", '[owner]\nname = "A"\nemail = "a@example.com"\nworking_days = []', "owner.working_days"),
    ("hours", '[owner]\nname = "A"\nemail = "a@example.com"\nworking_hours = "9-5"', "owner.working_hours"),
    ("email-bad", '[owner]\nname = "A"\nemail = "nobody"', "owner.email"),
    ("email-int", '[owner]\nname = "A"\nemail = 5', "owner.email"),
    ("name-missing", '[owner]\nemail = "a@example.com"', "owner.name"),
    ("from-address", '[smtp]\nfrom_address = "not an address"', "smtp.from_address"),
    ("goal-weight-nan", '[[goals]]\ntitle = "G"\nweight = nan', "goals[1].weight"),
    ("goal-weight-inf", '[[goals]]\ntitle = "G"\nweight = 1e400', "goals[1].weight"),
    ("goal-weight-high", '[[goals]]\ntitle = "G"\nweight = 9', "goals[1].weight"),
    ("goal-keywords", '[[goals]]\ntitle = "G"\nkeywords = [1]', "goals[1].keywords"),
    ("goal-deadline", '[[goals]]\ntitle = "G"\ndeadline = "someday"', "goals[1].deadline"),
    ("goal-deadline-datetime", '[[goals]]\ntitle = "G"\ndeadline = 2026-12-15T10:00:00Z', "goals[1].deadline"),
    ("goals-not-tables", "goals = 3\n" + OWNER, "goals"),
    ("llm-timeout", '[llm]\ntimeout = "2d"', "llm.timeout"),
    ("llm-tokens", "[llm]\nmax_tokens_per_message = 1000000000000", "llm.max_tokens_per_message"),
    ("idle-string", '[mail]\nidle = "yes"', "mail.idle"),
    ("dry-run-int", "[smtp]\ndry_run = 1", "smtp.dry_run"),
    ("unknown-key", '[mail]\nhots = "x"', "mail.hots"),
    ("section-not-table", "mail = 3\n" + OWNER, "[mail]"),
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config folder with a mail folder, a calendar, a plain file and secrets; a private state dir."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("STATE_DIRECTORY", raising=False)
    monkeypatch.setenv("FOCUSD_TEST_SET", "x")
    monkeypatch.delenv("FOCUSD_TEST_UNSET", raising=False)
    home = tmp_path / "home"
    for sub in ("cur", "new", "tmp"):
        (home / "mail" / sub).mkdir(parents=True)
    (home / "calendar.ics").write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    (home / "afile").write_text("")
    (home / "readable-secret").write_text("k")
    (home / "readable-secret").chmod(0o644)
    return home


def _write(folder: Path, text: str | bytes) -> Path:
    path = folder / "focusd.toml"
    if isinstance(text, str):
        text = (text if "[owner]" in text else OWNER + text).encode()
    path.write_bytes(text)
    return path


def test_the_corpus_is_large_and_the_base_config_loads(folder: Path) -> None:
    assert len(CASES) >= 45
    settings = load(_write(folder, OWNER))
    assert settings["mail"]["path"] == folder / "mail"


@pytest.mark.parametrize(("text", "names"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_malformed_config_is_a_config_error_naming_the_key(folder: Path, text: str | bytes, names: str) -> None:
    with pytest.raises(ConfigError) as err:
        load(_write(folder, text))
    assert err.value.exit_code == 2
    assert any(names in p for p in err.value.problems), err.value.problems


@pytest.mark.parametrize("target", ["folder", "nested-in-file"])
def test_a_config_path_that_is_not_a_file_is_a_config_error(folder: Path, target: str) -> None:
    path = folder if target == "folder" else folder / "afile" / "focusd.toml"
    with pytest.raises(ConfigError, match=str(path)):
        load(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may read and write any file")
def test_unreadable_config_and_read_only_storage_are_config_errors(folder: Path) -> None:
    path = _write(folder, OWNER + '[storage]\npath = "ro.db"\n')
    (folder / "ro.db").write_text("")
    (folder / "ro.db").chmod(0o444)
    with pytest.raises(ConfigError, match="storage.path: .* is not writable"):
        load(path)
    path.chmod(0)
    with pytest.raises(ConfigError, match="cannot read it"):
        load(path)


def test_five_problems_are_listed_in_one_error(folder: Path) -> None:
    text = OWNER + ('[mail]\nport = 99999999\nfolders = [1]\npath = "nope"\n'
                    '[smtp]\nbackend = "smtp"\nhost = "smtp.example.com"\npassword_env = "FOCUSD_TEST_UNSET"\n'
                    '[calendar]\nbackend = "caldav"\n')
    with pytest.raises(ConfigError) as err:
        load(_write(folder, text))
    wanted = ["mail.port", "mail.folders", "mail.path", "smtp.password_env", "calendar.url"]
    for key in wanted:
        assert sum(p.startswith(key) for p in err.value.problems) == 1, (key, err.value.problems)
    assert len(err.value.problems) == len(wanted)
    assert f"has {len(wanted)} problems" in str(err.value)


def test_unavailable_backends_name_what_is_available(folder: Path) -> None:
    text = OWNER + ('[calendar]\nbackend = "outlook"\n'
                    '[llm]\nprovider = "openai"\nmodel = "m"\n')
    with pytest.raises(ConfigError) as err:
        load(_write(folder, text))
    problems = err.value.problems
    assert any(p.startswith("llm.api_key: required when llm.provider is openai") for p in problems), problems
    assert any(p.startswith("calendar.backend: 'outlook' is not one of caldav, google, ics, memory, none")
               for p in problems), problems


def test_no_secret_value_reaches_a_message(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOCUSD_TEST_SET", "s3cret-value")
    (folder / "readable-secret").write_text("s3cret-file")
    text = OWNER + ('[mail]\npassword_env = "FOCUSD_TEST_SET"\nport = 0\n'
                    '[llm]\napi_key_file = "readable-secret"\napi_key_command = "echo s3cret-cmd"\n')
    with pytest.raises(ConfigError) as err:
        load(_write(folder, text))
    assert "s3cret" not in str(err.value)


UNUSUAL = [
    ("unicode", '[owner]\nname = "Zoë Ørsted 山田"\nemail = "zoë@exämple.com"\ntimezone = "Asia/Tokyo"\n'
                '[[goals]]\ntitle = "Ünïcode goal ✓"\nkeywords = ["café", "naïve"]\nweight = 0\n'),
    ("days-list", OWNER + 'working_days = ["Monday", "wed", "sat-sun"]\n'),
    ("absolute-paths", OWNER + '[mail]\npath = "{home}/mail"\n[calendar]\nbackend = "ics"\n'
                       'paths = ["{home}/calendar.ics"]\n[storage]\npath = "{home}/db/f.db"\n'),
    ("tilde-paths", OWNER + '[mail]\npath = "~/mail"\n[storage]\npath = "~/deep/er/f.db"\n'
                    '[smtp]\npath = "~/out"\n'),
    ("bounds", OWNER + '[mail]\nport = 65535\npoll_interval = "1s"\nmax_age = "3650d"\n'
               '[focus]\nblock_minutes = 480\n[brief]\nmax_focus = 20\n'),
    ("all-days", OWNER + 'working_days = "fri-thu"\n[[goals]]\ntitle = "x"\ndeadline = 2026-12-15\nweight = 2.5\n'),
]


@pytest.mark.parametrize("text", [u[1] for u in UNUSUAL], ids=[u[0] for u in UNUSUAL])
def test_unusual_but_valid_configs_load(folder: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setenv("HOME", str(folder))
    settings = load(_write(folder, text.replace("{home}", str(folder))))
    assert settings["mail"]["path"] == folder / "mail"
    assert settings["storage"]["path"].is_absolute()
