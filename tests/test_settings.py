from __future__ import annotations

import os
import tomllib
from datetime import time, timedelta
from pathlib import Path

import pytest

from agent import clock
from agent.errors import ConfigError, SecretError
from agent.formats import parse_days, parse_duration, parse_hours, parse_time
from agent.settings import SCHEMA, example, find_config, from_mapping, load

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = {"owner": {"name": "Ada Lovelace", "email": "ada@example.com"}}


@pytest.fixture(autouse=True)
def _private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Unset data paths land in a temporary state directory, never in the real home."""
    monkeypatch.delenv("STATE_DIRECTORY", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    (tmp_path / "mail").mkdir(exist_ok=True)
    return tmp_path / "state" / "focusd"


def test_minimal_config_takes_defaults(tmp_path: Path) -> None:
    s = from_mapping(MINIMAL, tmp_path)
    assert s["mail"]["backend"] == "maildir"
    assert s["mail"]["path"] == tmp_path / "mail"
    assert s["mail"]["poll_interval"] == timedelta(minutes=2)
    assert s["brief"]["time"] == time(7, 30)
    assert s["owner"]["working_days"] == [0, 1, 2, 3, 4]
    assert s.tz.key == "UTC"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    raw = {
        "owner": {"name": "Ada", "emial": "x", "timezone": "Mars/Olympus", "working_hours": "18:00-09:00"},
        "mail": {"backend": "pop3", "poll_interval": "soon", "password": "hunter2", "port": 0},
        "brief": {"max_focus": "three"},
        "calender": {},
        "goals": [{"title": "Close the round", "weight": 9}],
    }
    with pytest.raises(ConfigError) as err:
        from_mapping(raw, tmp_path)
    problems = err.value.problems
    expected = [
        "owner.emial: unknown key (did you mean 'email'?)",
        "owner.email: required",
        "owner.timezone: 'Mars/Olympus' is not a time zone",
        "owner.working_hours: '18:00-09:00' ends before it starts",
        "mail.backend: 'pop3' is not one of imap, maildir",
        "mail.port: 0 is outside 1 to 65535",
        "mail.poll_interval: 'soon' is not a duration",
        "mail.password: secrets are never written in the config",
        "brief.max_focus: expected an integer, got 'three'",
        "[calender]: unknown section (did you mean 'calendar'?)",
        "goals[1].weight: 9 is outside 0 to 5",
    ]
    for want in expected:
        assert any(p.startswith(want) for p in problems), (want, problems)
    assert err.value.exit_code == 2
    assert str(len(problems)) in str(err.value)


def test_a_password_written_in_the_config_is_one_problem_not_two(tmp_path: Path) -> None:
    raw = {"owner": {"name": "Ada", "email": "ada@example.com"},
           "mail": {"backend": "imap", "host": "imap.example.com", "username": "ada", "password": "hunter2"}}
    with pytest.raises(ConfigError) as err:
        from_mapping(raw, tmp_path)
    assert [p for p in err.value.problems if p.startswith("mail.password")] == [
        "mail.password: secrets are never written in the config; use password_env, password_file or password_command"]


def test_value_formats() -> None:
    assert parse_duration("90s") == timedelta(seconds=90)
    assert parse_duration("1d") == timedelta(days=1)
    assert parse_time("7:05") == time(7, 5)
    assert parse_hours("09:00-17:30") == (time(9), time(17, 30))
    assert parse_days("mon-fri") == [0, 1, 2, 3, 4]
    assert parse_days(["mon", "tue", "thu"]) == [0, 1, 3]
    assert parse_days("fri-mon") == [0, 4, 5, 6]
    assert parse_duration("3650d") == timedelta(days=3650)
    for bad in ("2 minutes", "-1m", "", "99999999999d", "9" * 30 + "s"):
        with pytest.raises(ValueError):
            parse_duration(bad)
    assert parse_days("Monday, wed") == [0, 2]
    for bad in (["mon", "someday"], "mongoose", "mon-funday"):
        with pytest.raises(ValueError):
            parse_days(bad)


def test_secret_from_env_file_and_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOCUSD_TEST_PW", "from-env")
    secret = tmp_path / "pw"
    secret.write_text("from-file\n")
    secret.chmod(0o600)
    base = {**MINIMAL, "mail": {"backend": "maildir"}}
    for key, value, want in (("password_env", "FOCUSD_TEST_PW", "from-env"),
                             ("password_file", "pw", "from-file"),
                             ("password_command", "echo from-command", "from-command")):
        raw = {**base, "mail": {**base["mail"], key: value}}
        assert from_mapping(raw, tmp_path).secret("mail.password") == want


def test_a_bare_secret_file_name_is_read_from_systemds_credentials_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    beside = tmp_path
    (beside / "imap").write_text("beside-the-config\n")
    (beside / "imap").chmod(0o600)
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "imap").write_text("from-load-credential\n")
    (credentials / "imap").chmod(0o400)
    raw = {**MINIMAL, "mail": {"backend": "maildir", "password_file": "imap"}}
    assert from_mapping(raw, beside).secret("mail.password") == "beside-the-config"  # from a shell
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(credentials))
    assert from_mapping(raw, beside).secret("mail.password") == "from-load-credential"  # under the unit
    # A name the unit does not load is still taken from the config's folder.
    other = {**MINIMAL, "mail": {"backend": "maildir", "password_file": "./imap"}}
    (credentials / "imap").unlink()
    assert from_mapping(other, beside).secret("mail.password") == "beside-the-config"


def test_readable_secret_file_is_refused_at_load_and_when_read(tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("hunter2")
    secret.chmod(0o640)
    raw = {**MINIMAL, "llm": {"api_key_file": str(secret)}}
    with pytest.raises(ConfigError, match="llm.api_key_file: .* group or others"):
        from_mapping(raw, tmp_path)
    secret.chmod(0o600)
    settings = from_mapping(raw, tmp_path)
    secret.chmod(0o640)  # loosened after load: refused when read
    with pytest.raises(SecretError, match="group or others"):
        settings.secret("llm.api_key")


def test_secret_sources_are_checked_at_load_without_reading_them(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FOCUSD_TEST_UNSET", raising=False)
    raw = {**MINIMAL, "smtp": {"password_env": "FOCUSD_TEST_UNSET"},
           "llm": {"api_key_file": "missing", "api_key_command": "touch ran"},
           "mail": {"password_command": f"touch {tmp_path / 'ran'}"}}
    with pytest.raises(ConfigError) as err:
        from_mapping(raw, tmp_path)
    assert "smtp.password_env: the environment variable FOCUSD_TEST_UNSET is not set" in err.value.problems
    assert any(p.startswith("llm.api_key_file: cannot read") for p in err.value.problems)
    assert any(p.startswith("llm.api_key_command: give only one of") for p in err.value.problems)
    assert not (tmp_path / "ran").exists()


def test_two_sources_for_one_secret_is_a_problem(tmp_path: Path) -> None:
    raw = {**MINIMAL, "llm": {"provider": "openai", "model": "m", "api_key_env": "A", "api_key_file": "b"}}
    with pytest.raises(ConfigError, match="give only one of"):
        from_mapping(raw, tmp_path)


def test_invalid_toml_is_one_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[owner\nname = 1")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load(path)


def test_example_config_is_rendered_from_the_schema_and_loads(tmp_path: Path) -> None:
    path = ROOT / "config" / "focusd.example.toml"
    assert path.read_text().rstrip("\n") == example().rstrip("\n"), \
        "config/focusd.example.toml drifted from the schema: regenerate it with agent.settings.example()"
    (tmp_path / "calendar.ics").write_text("")
    settings = from_mapping(tomllib.loads(path.read_text()), tmp_path)
    assert settings["owner"]["email"] == "ada@example.com"
    assert [g.title for g in settings.goals] == ["Close the seed round", "Ship the pilot"]
    text = path.read_text()
    for section, keys in SCHEMA.items():
        assert f"[{section}]" in text
        for key, spec in keys.items():
            assert (f"{key}_env" if spec.secret else key) in text, f"{section}.{key} is not documented"
            if spec.bounds:
                assert spec.describe() in text, f"{section}.{key}: its range is not stated"
    assert "# How often to look for new mail. From 1s to 1d." in text


def test_config_lookup_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert find_config("given.toml") == Path("given.toml")
    monkeypatch.setenv("FOCUSD_CONFIG", str(tmp_path / "env.toml"))
    assert find_config(None) == tmp_path / "env.toml"
    monkeypatch.delenv("FOCUSD_CONFIG")
    xdg = tmp_path / "xdg" / "focusd" / "config.toml"
    assert find_config(None) == xdg
    os.makedirs(xdg.parent)
    xdg.write_text("")
    assert find_config(None) == xdg


def test_undecodable_config_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes('[owner]\nname = "Zoë"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load(path)


def test_from_mapping_can_skip_the_filesystem(tmp_path: Path) -> None:
    raw = {**MINIMAL, "mail": {"path": "not-yet"}, "calendar": {"backend": "ics", "paths": ["later.ics"]}}
    assert from_mapping(raw, tmp_path, check_files=False)["mail"]["path"] == tmp_path / "not-yet"
    with pytest.raises(ConfigError) as err:
        from_mapping(raw, tmp_path)
    assert [p.split(":")[0] for p in err.value.problems] == ["mail.path", "calendar.paths[1]"]


def test_unset_data_paths_live_in_the_state_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      _private_state: Path) -> None:
    etc = tmp_path / "etc"  # a config folder focusd must never write into
    (etc / "mail").mkdir(parents=True)
    s = from_mapping(MINIMAL, etc)
    assert s["storage"]["path"] == _private_state / "focusd.db"
    assert s["smtp"]["path"] == _private_state / "outbox"
    assert s.state_dir == _private_state
    monkeypatch.setenv("STATE_DIRECTORY", f"{tmp_path / 'sd1'}:{tmp_path / 'sd2'}")
    assert from_mapping(MINIMAL, etc)["storage"]["path"] == tmp_path / "sd1" / "focusd.db"
    monkeypatch.delenv("STATE_DIRECTORY")
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert from_mapping(MINIMAL, etc)["smtp"]["path"] == tmp_path / "home" / ".local" / "state" / "focusd" / "outbox"
    # an explicit relative path still belongs beside the config
    explicit = {**MINIMAL, "storage": {"path": "focusd.db"}, "smtp": {"path": "outbox"}}
    s = from_mapping(explicit, etc)
    assert (s["storage"]["path"], s["smtp"]["path"]) == (etc / "focusd.db", etc / "outbox")


def test_focusd_now_without_offset_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from agent.errors import EnvironmentSettingError

    for bad in ("2026-11-19T07:30:00", "tomorrow", "2026-11-19"):
        monkeypatch.setenv("FOCUSD_NOW", bad)
        with pytest.raises(EnvironmentSettingError, match="^FOCUSD_NOW.*2026-11-19T07:30:00\\+00:00") as err:
            clock.system()
        assert err.value.exit_code == 2
    monkeypatch.setenv("FOCUSD_NOW", "2026-11-19T07:30:00+00:00")
    assert clock.system()().isoformat() == "2026-11-19T07:30:00+00:00"


def test_a_state_directory_that_cannot_be_used_is_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("STATE_DIRECTORY", str(blocker / "state"))  # below a file: it cannot be created
    (tmp_path / "mail" / "cur").mkdir(parents=True)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[owner]\nname = "Ada"\nemail = "ada@example.com"\n[mail]\npath = "mail"\n')
    with pytest.raises(ConfigError) as err:
        load(cfg)
    assert [p.split(":", 1)[0] for p in err.value.problems] == [
        f"storage.path (not set, so the state directory {blocker / 'state'} holds it; set storage.path, or "
        "$STATE_DIRECTORY or $XDG_STATE_HOME)",
        f"smtp.path (not set, so the state directory {blocker / 'state'} holds it; set smtp.path, or "
        "$STATE_DIRECTORY or $XDG_STATE_HOME)"]


def test_the_values_people_write_bare_get_a_hint_that_says_what_to_write(tmp_path: Path) -> None:
    """`time = 07:30` (not TOML), `time = 07:30:00` (a TOML time), `max_age = 30`, a key in the
    wrong section and a misspelt time zone: each problem says what to write."""
    (tmp_path / "mail").mkdir(exist_ok=True)
    path = tmp_path / "c.toml"
    path.write_text('[owner]\nname = "Ada"\nemail = "ada@example.com"\n\n[brief]\ntime = 07:30\n')
    with pytest.raises(ConfigError) as bare:
        load(path)
    assert 'line 6 is “time = 07:30”: write the value in quotes, as in time = "07:30"' in str(bare.value)
    raw = {"owner": {"name": "Ada", "email": "ada@example.com", "timezone": "Europe/Londn", "poll_interval": "2m"},
           "mail": {"max_age": 30}, "brief": {"time": time(7, 30)}}
    with pytest.raises(ConfigError) as many:
        from_mapping(raw, tmp_path)
    said = "\n".join(many.value.problems)
    assert "owner.poll_interval: unknown key here (it belongs in [mail])" in said
    assert "(did you mean 'Europe/London'?)" in said
    assert 'mail.max_age: expected a string, got 30 (write a string with its unit, as in "30d"' in said
    assert 'brief.time: expected a string, got 07:30:00 (write the time in quotes, as in "07:30")' in said


def test_a_config_saved_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    (tmp_path / "mail").mkdir(exist_ok=True)
    path = tmp_path / "c.toml"
    path.write_bytes(b'\xef\xbb\xbf[owner]\nname = "Ada"\nemail = "ada@example.com"\n')
    assert load(path)["owner"]["name"] == "Ada"


def test_a_blank_or_failing_secret_source_is_named_with_what_to_fix(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A variable set to "", an empty file and a command that prints nothing or is not installed:
    each is said with its key, not left to a server's "login refused"."""
    monkeypatch.setenv("FOCUSD_TEST_BLANK", "")
    empty = tmp_path / "pw"
    empty.write_text("")
    empty.chmod(0o600)
    base = {**MINIMAL, "mail": {"backend": "maildir"}}
    with pytest.raises(ConfigError) as blank:
        from_mapping({**base, "mail": {**base["mail"], "password_env": "FOCUSD_TEST_BLANK"}}, tmp_path)
    assert "mail.password_env: the environment variable FOCUSD_TEST_BLANK is set but empty" in blank.value.problems
    with pytest.raises(ConfigError) as nothing:
        from_mapping({**base, "mail": {**base["mail"], "password_file": "pw"}}, tmp_path)
    assert f"mail.password_file: {empty} is empty; write the secret into it" in nothing.value.problems
    silent = from_mapping({**base, "mail": {**base["mail"], "password_command": "true"}}, tmp_path)
    with pytest.raises(SecretError, match=r"^mail.password_command: the command \(true \.\.\.\) printed nothing$"):
        silent.secret("mail.password")
    missing = from_mapping({**base, "mail": {**base["mail"], "password_command": "no-such-program-xyz show mail"}},
                           tmp_path)
    with pytest.raises(SecretError) as gone:
        missing.secret("mail.password")
    assert str(gone.value) == ("mail.password_command: the command (no-such-program-xyz ...) exited 127: no such program "
                               "(is it installed, and on the PATH of the user focusd runs as?)")
    assert "show mail" not in str(gone.value)  # the command line may hold a secret: only its program is named
