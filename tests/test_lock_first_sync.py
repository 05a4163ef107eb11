"""The first sync's lock: the data folder does not exist yet, so the lock makes it (owner-only,
as the store's is) instead of running the cycle unlocked."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import structlog

from agent.lock import Busy, cycle_lock, lock_path
from planner.store import Store


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A umask that leaves folders readable by all, as many hosts have."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize("parts", [("data",), ("var", "lib", "focusd"), ("état", "données")])
def test_the_first_lock_makes_the_data_folder_owner_only_and_holds(tmp_path: Path, loose_umask: None,
                                                                   parts: tuple[str, ...]) -> None:
    store = tmp_path.joinpath(*parts, "focusd.db")
    with structlog.testing.capture_logs() as logs, cycle_lock(store):
        assert lock_path(store).exists()
        with pytest.raises(Busy), cycle_lock(store, wait=False):
            pass  # another process's cycle would wait: the lock is held
    assert not [e for e in logs if e["event"] == "lock.unavailable"]
    assert stat.S_IMODE(store.parent.stat().st_mode) == 0o700


def test_the_store_then_opens_in_the_folder_the_lock_made_and_leaves_it_owner_only(
        tmp_path: Path, loose_umask: None) -> None:
    path = tmp_path / "fresh" / "focusd.db"
    with cycle_lock(path):
        Store.open(path).db.close()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_folder_that_exists_keeps_its_mode(tmp_path: Path, loose_umask: None) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o750)
    folder.chmod(0o750)
    with cycle_lock(folder / "focusd.db"):
        pass
    assert stat.S_IMODE(folder.stat().st_mode) == 0o750


def test_a_folder_that_cannot_be_made_still_runs_the_cycle_unlocked(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    ran = False
    with structlog.testing.capture_logs() as logs, cycle_lock(blocker / "data" / "focusd.db"):
        ran = True
    assert ran
    assert [e["event"] for e in logs] == ["lock.unavailable"]
