"""Doctor's checks of the host: who may read the store and the secret files, and the clock."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

from agent import secrets
from agent.settings import Settings

Check = tuple[str, str, str]  # (ok | FAIL, name, one line)


def store_permissions(path: Path) -> Check:
    """The store holds mail: owner-only (0600), in a folder others cannot write to (they could
    swap the file)."""
    try:
        mode = path.stat().st_mode
        folder = path.parent.stat().st_mode
    except OSError as exc:
        return ("FAIL", "perms", f"cannot read {path}: {exc.strerror or exc}")
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        return ("FAIL", "perms", f"{path} is mode {stat.S_IMODE(mode):04o}, open to group or others; "
                                 f"run chmod 600 {path}")
    if folder & stat.S_IWOTH and not folder & stat.S_ISVTX:
        return ("FAIL", "perms", f"{path.parent} can be written by others; run chmod o-w {path.parent}")
    return ("ok", "perms", f"{path} is 0600 in a folder only its owner writes")


def secret_files(settings: Settings) -> list[Check]:
    """One line per secret read from a file: group or other access fails, naming the fix."""
    found: list[Check] = []
    for name, (how, ref) in sorted(settings.secret_refs.items()):
        if how != "file":
            continue
        problem = secrets.check(how, ref)  # the same sentence as the config check's
        if problem:
            found.append(("FAIL", "secret", f"{name}_file: {problem}"))
        else:
            found.append(("ok", "secret", f"{name}_file: {ref} is private to its owner"))
    return found


def clock(settings: Settings, now: datetime, store_written: float | None) -> Check:
    """The owner's zone and local time, so a wrong zone shows; a clock behind the store's last
    write by more than a day went backwards (or the store came from a host whose clock ran ahead)."""
    tz = settings.tz
    local = now.astimezone(tz)
    offset = local.strftime("%z")
    shown = f"{local:%a %d %b %Y %H:%M} in {tz.key} (UTC{offset[:3]}:{offset[3:]}); UTC {now.astimezone(UTC):%H:%M}"
    if os.environ.get("FOCUSD_NOW"):
        # A pinned clock (tests, trials) is earlier than the files it writes by design.
        return ("ok", "clock", f"{shown}, pinned by FOCUSD_NOW")
    if store_written is not None and store_written - now.timestamp() > 86400:
        written = datetime.fromtimestamp(store_written, UTC)
        return ("FAIL", "clock", f"{shown}, but the store was last written at {written:%Y-%m-%d %H:%M} UTC: "
                                 "set the system clock (e.g. enable NTP with timedatectl set-ntp true)")
    return ("ok", "clock", shown)
