"""Upgrades and refusals of the store file: an older store is copied aside, then migrated in
one transaction; a newer, corrupt or foreign file is refused with a sentence and never written."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

import planner.store as store_mod
from planner.store import MIGRATIONS, Store, StoreError

# Written by `focusd demo` then `focusd sync` and `focusd brief --send` (FOCUSD_NOW=2026-11-19T07:30Z)
# with the code of schema version 11: 32 messages, 19 items, one brief, two mail cursors.
FIXTURE = Path(__file__).parent / "fixtures" / "stores" / "demo-v11.db"
FIXTURE_VERSION = 11


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "focusd.db"
    shutil.copyfile(FIXTURE, path)
    path.chmod(0o600)
    return path


def _facts(store: Store) -> tuple[int, int, str | None, str | None]:
    brief = store.brief(date(2026, 11, 19))
    return (store.count("messages"), store.count("items"), store.cursor("mail:INBOX"),
            brief["token"] if brief else None)


def test_a_store_written_by_version_11_opens_with_this_version(tmp_path: Path) -> None:
    """As it is when this version is 11; migrated after a copy when this version is newer
    (version 12 gave each item the change counter that lets a re-rank score only what changed)."""
    assert len(MIGRATIONS) >= FIXTURE_VERSION
    path = _copy(tmp_path)
    store = Store.open(path)
    assert store.version == len(MIGRATIONS)
    counts, items, cursor, token = _facts(store)
    assert (counts, items) == (32, 19) and cursor and token
    if len(MIGRATIONS) >= 12:
        assert store.db.execute("SELECT count(*) FROM items WHERE score_seq IS NULL").fetchone()[0] == 0
    store.close()
    copies = sorted(p.name for p in tmp_path.glob("*.bak"))
    assert copies == ([] if len(MIGRATIONS) == FIXTURE_VERSION else [f"{path.name}.v{FIXTURE_VERSION}.bak"])


def _next_version(db: sqlite_utils.Database) -> None:
    db.table("items").add_column("upgrade_probe", str)


def test_the_next_version_copies_then_migrates_and_keeps_everything(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = _copy(tmp_path)
    monkeypatch.setattr(store_mod, "MIGRATIONS", [*MIGRATIONS[:FIXTURE_VERSION], _next_version])
    before = _digest(path)
    store = Store.open(path)
    assert store.version == FIXTURE_VERSION + 1
    assert "upgrade_probe" in {c.name for c in store.db.table("items").columns}
    counts, items, cursor, token = _facts(store)
    assert (counts, items) == (32, 19) and cursor and token
    store.close()
    backup = tmp_path / f"focusd.db.v{FIXTURE_VERSION}.bak"
    assert backup.exists() and (backup.stat().st_mode & 0o777) == 0o600
    raw = sqlite3.connect(backup)  # the copy is the old store, whole
    assert raw.execute("PRAGMA user_version").fetchone()[0] == FIXTURE_VERSION
    assert [raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("messages", "items", "briefs")] == [
        32, 19, 1]
    raw.close()
    assert _digest(path) != before
    logged = capsys.readouterr()
    assert "store.upgraded" in logged.out + logged.err and str(backup) in logged.out + logged.err


def test_a_failed_migration_leaves_the_store_as_it_was_and_names_the_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy(tmp_path)

    def broken(db: sqlite_utils.Database) -> None:
        db.table("items").add_column("half_done", str)
        db.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(store_mod, "MIGRATIONS", [*MIGRATIONS[:FIXTURE_VERSION], _next_version, broken])
    with pytest.raises(StoreError, match=rf"focusd\.db\.v{FIXTURE_VERSION}\.bak") as err:
        Store.open(path)
    assert err.value.exit_code == 2 and "left as it was" in str(err.value)
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == FIXTURE_VERSION
    cols = {r[1] for r in raw.execute("PRAGMA table_info(items)")}
    assert "upgrade_probe" not in cols and "half_done" not in cols  # not even the step that worked
    assert raw.execute("SELECT count(*) FROM items").fetchone()[0] == 19
    raw.close()


def test_an_older_store_migrates_to_now_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    for migrate in MIGRATIONS[:3]:
        migrate(db)
    db.execute("PRAGMA user_version=3")
    db.table("messages").insert({"message_id": "<a@x>", "thread_id": "t", "subject": "Deck", "items": 1})
    db.table("items").insert({"kind": "request", "title": "Send the deck", "status": "open", "source": "{}",
                              "thread_id": "t"})
    db.close()
    store = Store.open(path)
    assert store.version == len(MIGRATIONS)
    assert store.processed(["<a@x>"]) == {"<a@x>"}
    assert [i.title for i in store.items()] == ["Send the deck"]
    store.close()
    assert sqlite3.connect(tmp_path / "old.db.v3.bak").execute("PRAGMA user_version").fetchone()[0] == 3


def test_a_store_from_a_newer_focusd_is_refused_and_not_written(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version={len(MIGRATIONS) + 3}")
    raw.commit()
    raw.close()
    before, mtime = _digest(path), path.stat().st_mtime_ns
    with pytest.raises(StoreError) as err:
        Store.open(path)
    text = str(err.value)
    assert f"schema version {len(MIGRATIONS) + 3}" in text and f"up to {len(MIGRATIONS)}" in text
    assert "upgrade focusd or point [storage].path at another file" in text and err.value.exit_code == 2
    assert (_digest(path), path.stat().st_mtime_ns) == (before, mtime)
    assert not list(tmp_path.glob("*.bak"))


@pytest.mark.parametrize("damage", ["random", "truncated", "foreign"])
def test_a_corrupt_or_foreign_file_is_refused_and_never_overwritten(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "focusd.db"
    if damage == "random":
        path.write_bytes(os.urandom(64 * 1024))
    elif damage == "truncated":
        data = FIXTURE.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:
        raw = sqlite3.connect(path)
        raw.execute("CREATE TABLE photos (id INTEGER)")
        raw.commit()
        raw.close()
    before = _digest(path)
    with pytest.raises(StoreError) as err:
        Store.open(path)
    text = str(err.value)
    assert str(path) in text and "will not overwrite it" in text and err.value.exit_code == 2
    assert {"random": "not an SQLite database", "truncated": "cut short",
            "foreign": "not a focusd store"}[damage] in text
    assert _digest(path) == before


def test_a_truncated_old_store_fails_its_check_before_any_copy(tmp_path: Path) -> None:
    # The page count in its header was cleared, so only quick_check at upgrade time can tell.
    path = _copy(tmp_path)
    data = bytearray(path.read_bytes()[: 40 * 4096])
    data[60:64] = (FIXTURE_VERSION - 1).to_bytes(4, "big")  # an older version: an upgrade is due
    data[92:96] = b"\0\0\0\0"  # "version-valid-for" no longer matches: the page count is not trusted
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="will not overwrite it"):
        Store.open(path)
    assert not list(tmp_path.glob("*.bak"))


def test_sync_and_run_refuse_a_corrupt_store_with_exit_2_and_leave_it_as_it_was(tmp_path: Path,
                                                                              capsys: pytest.CaptureFixture[str]) -> None:
    from agent import daemon
    from agent.app import App
    from agent.clock import fixed
    from agent.settings import load
    from tests.conftest import DEMO, DEMO_NOW, run_cli

    demo = tmp_path / "demo"
    shutil.copytree(DEMO, demo)
    db = demo / "focusd.db"
    db.write_bytes(os.urandom(8192))
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    code, _, err = run_cli(capsys, "--config", str(demo / "focusd.toml"), "sync")
    assert code == 2 and "unexpected" not in err and str(db) in err
    # The daemon stops with exit 2 (systemd's RestartPreventExitStatus) instead of retrying forever.
    assert daemon.run(App(load(demo / "focusd.toml"), fixed(DEMO_NOW)), max_cycles=3) == 2
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
