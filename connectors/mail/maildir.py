"""A local Maildir, in either of the two layouts mail tools write.

Layouts, detected from ``path``:

- Maildir++ (Dovecot, Courier): INBOX is ``path/{cur,new}``, folder ``Sent`` is ``path/.Sent``,
  and a nested folder ``A/B`` is ``path/.A.B``.
- One folder per directory (mbsync, offlineimap): INBOX is ``path/INBOX``, folder ``Sent`` is
  ``path/Sent``; a nested folder is ``path/A/B`` (mbsync ``SubFolders Verbatim``),
  ``path/A/.B`` (mbsync ``Legacy``) or ``path/A.B`` (offlineimap, whose separator is ``.``);
  offlineimap on a server with an ``INBOX.`` prefix writes ``path/INBOX.Sent``, which answers
  to ``Sent`` too.

Maildir has no UIDs. The cursor is a watermark on the inode change time (``st_ctime_ns``),
which creating, renaming or linking a file always sets to now and which no copy tool can set
back, so a restored, ``rsync -a``-ed or moved-in file is seen whatever its modification time.
The names already offered at exactly the watermark are kept with it, for files that share one
clock tick. The cursor also keeps the modification times of ``new/`` and ``cur/`` once every
file in them was offered, and a poll lists only a directory whose time moved: a no-op poll
lists nothing, a delivery lists ``new/`` alone. A directory changed in the last two seconds is
listed again next time, since a second change within one clock tick would not move its time.

A mail client that marks a message read renames its file (``new/`` -> ``cur/``, ``:2,S``),
which changes its ctime: the message is then offered once more. The cycle de-duplicates by
Message-ID, so this costs reading one small file and never creates anything twice.

A running source remembers the names it listed (and their inodes), and stats only new ones.
Under the cursor it wrote itself, a name it has never seen is new even with a change time before
the watermark: mail delivered after the clock was stepped back is read. A source started after
such a step (or given a cursor another process moved on) trusts the watermark alone.
"""

from __future__ import annotations

import json
import os
import shlex
import stat
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import structlog

from connectors import BackendEnv
from connectors.files import describe
from connectors.mail.base import (
    COMMON_SENT,
    DEFAULT_MAX_BYTES,
    DEFAULT_SENT,
    STOP_POLL,
    Batch,
    MailError,
    MailSource,
)
from connectors.types import MAX_MESSAGE_BYTES, RawMessage

log = structlog.get_logger(__name__)

CURSOR_VERSION = 2
# A directory whose mtime is this close to now may still change within the same clock tick
# (1-2 s on some file systems), so its mtime is not trusted to reveal a later change.
SETTLE_NS = 2_000_000_000
# How deep to look for folders in the folder-per-directory layout.
MAX_DEPTH = 8
# How often wait_for_new looks at INBOX: two stat calls, so a short interval costs nothing.
POLL_INTERVAL = 0.25
MAILDIR_PARTS = ("cur", "new", "tmp")
SUBS = ("new", "cur")  # where delivered messages are; tmp/ holds deliveries not finished
MAILDIR_PLUS_PLUS = "Maildir++"
PER_DIRECTORY = "one folder per directory, as mbsync and offlineimap write it"


def _user() -> str:
    """The name of the user this process runs as, for messages about file access."""
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError):
        return str(os.geteuid())


def _unique(name: str) -> str:
    """The unique part of a Maildir file name, without the ``:2,FLAGS`` info suffix."""
    return name.split(":", 1)[0]


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() or (path / "new").is_dir()


def folder_dir(root: Path, folder: str, kind: str = MAILDIR_PLUS_PLUS) -> Path:
    """Where ``folder`` goes when it is created: Maildir++ keeps INBOX in ``root`` itself and
    ``Lists/python`` in ``root/.Lists.python``; the other layout gives each folder its own
    directory."""
    if kind == MAILDIR_PLUS_PLUS:
        return root if folder.upper() == "INBOX" else root / ("." + folder.replace("/", "."))
    return root / folder


def _shell_path(path: Path) -> str:
    """``path`` as a shell word, with ``~`` for the home folder so the command reads as typed."""
    home = Path.home()
    if path.is_relative_to(home) and path != home:
        return "~/" + shlex.quote(str(path.relative_to(home)))
    return shlex.quote(str(path))


def create_command(root: Path, folders: Sequence[str], kind: str = MAILDIR_PLUS_PLUS) -> str:
    """One command a user can paste that creates ``folders`` (each with cur/, new/ and tmp/)."""
    dirs = dict.fromkeys(folder_dir(root, f, kind) for f in folders)
    # Brace expansion stays outside the quotes, so a path with spaces still works.
    return "mkdir -p " + " ".join(f"{_shell_path(d)}/{{cur,new,tmp}}" for d in dirs)


@dataclass
class _Cursor:
    """Where a folder was read up to; see the module docstring."""

    ctime: int = -1
    at: set[str] = field(default_factory=set)  # unique names offered with ctime == self.ctime
    # mtimes of new/ and cur/ when nothing in them was left to offer (None: unknown).
    dirs: list[int | None] = field(default_factory=lambda: [None, None])
    legacy: tuple[int, str] | None = None  # an "mtime:name" cursor from before version 2

    @classmethod
    def parse(cls, text: str | None, folder: str) -> _Cursor:
        if not text:
            return cls()
        if text.startswith("{"):
            try:
                data = json.loads(text)
                if data.get("v") == CURSOR_VERSION:
                    new, cur = data["dirs"]
                    return cls(int(data["ctime"]), set(data["at"]),
                               [None if d is None else int(d) for d in (new, cur)])
            except (ValueError, KeyError, TypeError):
                pass
        else:
            at, sep, name = text.partition(":")
            if sep and at.lstrip("-").isdigit():
                return cls(legacy=(int(at), name))
        # Starting over rereads the folder; de-duplication by Message-ID absorbs it.
        log.warning("maildir.cursor_unreadable", folder=folder)
        return cls()

    def dump(self) -> str:
        return json.dumps({"v": CURSOR_VERSION, "ctime": self.ctime, "at": sorted(self.at),
                           "dirs": self.dirs}, separators=(",", ":"))


@dataclass(frozen=True)
class _Entry:
    ctime: int
    name: str
    mtime: int
    size: int
    path: Path
    odd: str = ""  # why this is no mail file (a folder, a symlink, a device), or ""
    file: str = ""  # the file's whole name, flags included
    inode: int = 0  # the inode number the directory listing gave, told without a stat
    # A name this source had not seen in a directory it remembers whole, under the cursor it
    # wrote: new whatever its change time says, as after the clock was stepped back.
    unseen: bool = False


# What a source remembers of one new/ or cur/ directory: the bound (a cursor's ctime) the names
# changed before, the directory's (device, inode), and each name's inode number.
_Known = tuple[int, tuple[int, int], dict[str, int]]
# A listing's part of the next one, per directory: (device, inode) or None when it could not be
# told, the names passed over with their inode numbers, and the entries read.
_Listed = tuple[tuple[int, int] | None, dict[str, int], list[_Entry]]


class MaildirSource(MailSource):
    backend_name = "maildir"

    def __init__(self, root: Path, folders: Sequence[str] = ("INBOX",), sent_folder: str = "") -> None:
        self.root = Path(root)
        # The Sent folder as configured: left at its default name, it may be found under another
        # common one ("[Gmail]/Sent Mail", "Sent Items"), as the IMAP source finds it.
        self.sent_folder = sent_folder
        # The folders the config reads: a message about a missing one names them all at once.
        self.folders = list(dict.fromkeys(["INBOX", *folders]))
        self._paths: dict[str, Path] = {}
        # Per new/ or cur/ directory: names whose change time is known to be before a bound (a
        # cursor's ctime). A listing stats only the other names: on a folder of thousands of
        # messages the stats were most of a poll's cost, and a Maildir file never changes
        # under its name (a flag change or a move renames it). A name is passed over only while
        # the directory and the name's inode number are the ones seen, both free from the
        # listing: a folder replaced (restored, re-created, a symlink pointed elsewhere) or a
        # name reused for another file is read again.
        self._known: dict[Path, _Known] = {}

    @classmethod
    def from_config(cls, section: Mapping[str, Any], env: BackendEnv) -> MaildirSource:
        sent = section.get("sent_folder")
        return cls(section["path"], [*(section.get("folders") or []), *([sent] if sent else [])], sent or "")

    def _create_hint(self, folders: Sequence[str], kind: str = MAILDIR_PLUS_PLUS) -> str:
        return f"create {'it' if len(folders) == 1 else 'them'} with: {create_command(self.root, folders, kind)}"

    # -- layout -----------------------------------------------------------------------------

    def layout(self) -> tuple[str, dict[str, Path]]:
        """The layout found at ``path`` and its folders by name; MailError when there is none."""
        if not self.root.exists():
            raise MailError(f"{self.root} does not exist; {self._create_hint(self.folders)}")
        if not self.root.is_dir():
            raise MailError(f"{self.root} is not a folder")
        if _is_maildir(self.root):
            folders = {"INBOX": self.root}
            for child in sorted(self.root.iterdir()):
                if child.name.startswith(".") and _is_maildir(child):
                    folders[child.name[1:]] = child
            return MAILDIR_PLUS_PLUS, folders
        folders = {}
        self._walk(self.root, (), folders, 0)
        if not folders:
            root = self.root.resolve()
            if root.name in MAILDIR_PARTS and _is_maildir(root.parent):
                raise MailError(f"{self.root} is the {root.name}/ part of a Maildir; set path to {root.parent}")
            raise MailError(f"{self.root} is not a Maildir (it has no cur/ or new/ folder, "
                            "nor folders below it that have one); to make it one, "
                            f"{self._create_hint(self.folders)}")
        return PER_DIRECTORY, folders

    def _walk(self, base: Path, parts: tuple[str, ...], out: dict[str, Path], depth: int) -> None:
        if depth >= MAX_DEPTH:
            return
        try:
            children = sorted(p for p in base.iterdir() if p.is_dir())
        except OSError:
            return
        for child in children:
            if child.name in MAILDIR_PARTS and _is_maildir(base):
                continue
            # mbsync's Legacy style nests as A/.B; at the top a dot folder is not mail.
            if child.name.startswith("."):
                if not parts:
                    continue
                name_part = child.name[1:]
            else:
                name_part = child.name
            here = (*parts, name_part)
            if _is_maildir(child):
                name = "/".join(here)
                out["INBOX" if name.upper() == "INBOX" else name] = child
            self._walk(child, here, out, depth + 1)

    def _hint(self, kind: str, folders: dict[str, Path]) -> str | None:
        """Why ``path`` looks one level off, and what it should be, if it does."""
        root = self.root.resolve()
        if kind == MAILDIR_PLUS_PLUS and root.name.startswith(".") and _is_maildir(root.parent):
            return (f"{self.root} looks like the {root.name[1:]} folder of a Maildir++ mailbox; "
                    f"set path to {root.parent}")
        if kind == MAILDIR_PLUS_PLUS and len(folders) == 1 and root.name.upper() == "INBOX":
            try:
                siblings = sorted(p.name for p in root.parent.iterdir()
                                  if p.is_dir() and p != root and _is_maildir(p))
            except OSError:  # a parent we may not list gives no hint
                siblings = []
            if siblings:
                return (f"{self.root} looks like the INBOX of a folder-per-directory mailbox "
                        f"(beside it: {', '.join(siblings[:5])}); set path to {root.parent}")
        tops = {name.split("/", 1)[0] for name in folders}
        if kind == PER_DIRECTORY and "INBOX" not in folders and len(tops) == 1:
            # Everything found sits in one Maildir below path (~/Mail/Maildir, say).
            only = folders.get(tops.pop())
            if only is not None:
                return (f"{self.root} is not a Maildir but holds one, {only}; "
                        f"if that is the mailbox, set path to it")
        return None

    def check(self, folders: Sequence[str] = ()) -> str:
        try:
            kind, found = self.layout()
            hint = self._hint(kind, found)
            if hint:
                raise MailError(hint)
            wanted = list(dict.fromkeys([*self.folders, *folders]))
            absent = [f for f in wanted if self._find(f, found) is None]
            if absent:
                # INBOX is always read; only the other folders may be renamed in the config.
                other = "" if absent == ["INBOX"] else (
                    f", or name {'another' if len(absent) == 1 else 'others'} in the config")
                which = (f"folder {absent[0]!r} does not exist" if len(absent) == 1 else
                         f"folders {', '.join(map(repr, absent))} do not exist")
                like = next((n for n in found for c in COMMON_SENT if n.lower() == c.lower()), None) \
                    if self.sent_folder in absent else None
                raise MailError(f"{which} in {self.root} (folders: {_names(found)}); "
                                f"{self._create_hint(absent, kind)}{other}"
                                + (f" (sent_folder = {json.dumps(like)} reads the one there is)" if like else ""))
            for folder in folders:
                base = self.folder_path(folder)
                for sub in ("cur", "new"):
                    if (base / sub).is_dir() and not os.access(base / sub, os.R_OK | os.X_OK):
                        raise PermissionError(13, "Permission denied", str(base / sub))
        except PermissionError as exc:
            raise MailError(f"{exc.filename or self.root} cannot be read by the user focusd runs as "
                            f"({_user()}): give it read access to the Maildir") from None
        sent = self._find(self.sent_folder, found) if self.sent_folder == DEFAULT_SENT else None
        named = next((n for n, p in found.items() if p == sent and n != DEFAULT_SENT), None)
        return f"maildir {self.root} ({kind}: {_names(found)})" + (f"; Sent = {named}" if named else "")

    def _find(self, folder: str, folders: dict[str, Path]) -> Path | None:
        """``folder`` on disk (see :func:`_match`); the Sent folder left at its default name, under
        the first common name that exists when none is called "Sent". A Sent folder the config
        names is never swapped for another: a misspelt name would otherwise pass unnoticed."""
        path = _match(folder, folders)
        if path is None and folder == self.sent_folder == DEFAULT_SENT:
            lower = {name.lower(): path for name, path in folders.items()}
            for common in COMMON_SENT:
                path = lower.get(common.lower()) or _match(common, folders)
                if path is not None:
                    break
        return path

    def folder_path(self, folder: str) -> Path:
        """Where ``folder`` lives on disk; MailError naming the folders that exist if nowhere."""
        known = self._paths.get(folder)
        if known is not None and known.is_dir():
            return known
        kind, folders = self.layout()
        path = self._find(folder, folders)
        if path is None:
            hint = self._hint(kind, folders)
            raise MailError(f"folder {folder!r} does not exist in {self.root} (folders: {_names(folders)}); "
                            + (hint or f"{self._create_hint([folder], kind)}, or name another in the config"))
        self._paths[folder] = path
        return path

    # -- reading ----------------------------------------------------------------------------

    def _dir_mtimes(self, base: Path) -> list[int]:
        out = []
        for sub in SUBS:
            try:
                out.append(os.stat(base / sub).st_mtime_ns)
            except FileNotFoundError:
                out.append(-1)
        return out

    def _listing(self, base: Path, subs: tuple[str, ...] = SUBS, before: int | None = None
                 ) -> tuple[list[_Entry], dict[Path, _Listed]]:
        """The mail files in ``subs`` of ``base``, and per directory the names passed over
        unread because they are known to have changed before ``before`` (a cursor's ctime;
        None: stat every file)."""
        out: list[_Entry] = []
        skipped: dict[Path, _Listed] = {}
        for sub in subs:
            path = base / sub
            try:
                entries = list(os.scandir(path))
            except FileNotFoundError:
                self._known.pop(path, None)  # what comes back in its place is read whole
                continue
            except OSError as exc:  # this folder's problem, told like a missing folder: the others go on
                raise MailError(f"{path} cannot be read by the user focusd runs as ({_user()}): "
                                f"{exc.strerror or type(exc).__name__}") from None
            # After the listing: a directory swapped in since is then told apart, not trusted.
            try:
                st_dir = os.stat(path)
                ident: tuple[int, int] | None = (st_dir.st_dev, st_dir.st_ino)
            except OSError:
                ident = None
            bound, was, known = self._known.get(path, (None, None, {}))
            trusted = (before is not None and bound is not None and bound <= before
                       and ident is not None and ident == was)
            usable = known if trusted else {}
            # Only a source that wrote the cursor it is given knows every name offered up to it:
            # then a name it has not seen is new, whatever its change time says. With a cursor
            # moved on by another process, the change time decides, as it does for a new source.
            own = trusted and bound == before
            passed: dict[str, int] = {}
            listed: list[_Entry] = []
            skipped[path] = (ident, passed, listed)
            for entry in entries:
                if entry.name in usable and usable[entry.name] == (inode := entry.inode()):
                    passed[entry.name] = inode
                    continue
                if entry.name.startswith("."):
                    continue
                try:
                    st = entry.stat(follow_symlinks=False)
                except FileNotFoundError:  # moved by a client while we listed
                    continue
                # Only a regular file is mail. A folder, a symlink (to /dev/zero, say) or a FIFO
                # is offered once with the reason, never opened: reading one could hang or fill
                # memory, and raising would stop the folder for good.
                odd = "" if stat.S_ISREG(st.st_mode) else f"is {describe(st.st_mode)}, not a mail file"
                listed.append(_Entry(st.st_ctime_ns, _unique(entry.name), st.st_mtime_ns,
                                     st.st_size, Path(entry.path), odd, entry.name, entry.inode(), own))
            out += listed
        return out, skipped

    def _remember(self, listing: dict[Path, _Listed], bound: int, gone: set[Path]) -> None:
        """Keep, per directory listed, the names changed before ``bound`` (the new cursor's
        ctime), for the next listing to pass over; names gone from the directory are dropped,
        and so are ``gone``, the files found missing when read: one moved out and back under
        its name keeps its inode, and was never offered."""
        for path, (ident, passed, listed) in listing.items():
            if ident is None:
                self._known.pop(path, None)
                continue
            passed.update((e.file, e.inode) for e in listed if e.ctime < bound and e.path not in gone)
            self._known[path] = (bound, ident, passed)

    def _read(self, entry: _Entry) -> bytes | str | None:
        """The file's bytes; why it cannot be read; or None when it went away since the listing.

        A file renamed in between (a flag change, a move) has a new ctime, so the next poll
        offers it under its new name; nothing is lost by passing it over here.
        """
        if entry.odd:
            return entry.odd
        try:
            with entry.path.open("rb") as f:
                return f.read(MAX_MESSAGE_BYTES)  # the parser reads no further
        except FileNotFoundError:
            return None
        except OSError as exc:  # permission denied, an I/O error: this file, not the folder
            return f"cannot be read: {exc.strerror or type(exc).__name__}"

    def wait_for_new(self, timeout: float, stop: Callable[[], bool] | None = None,
                     interval: float = POLL_INTERVAL) -> bool:
        """Poll the mtimes of INBOX's ``new/`` and ``cur/`` (two stats, no listing) until one
        moves: a delivery or a rename changes them. False when ``timeout`` passed quietly, or
        ``stop()`` said to stop."""
        base = self.folder_path("INBOX")
        start = self._dir_mtimes(base)
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            if self._dir_mtimes(base) != start:
                return True
            left = deadline - time.monotonic()
            if left <= 0 or (stop and stop()):
                return False
            time.sleep(min(interval, left, STOP_POLL))

    def fetch_new(self, folder: str, cursor: str | None, limit: int = 500,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Batch:
        base = self.folder_path(folder)
        state = _Cursor.parse(cursor, folder)
        now = time.time_ns()
        dirs = self._dir_mtimes(base)  # before listing, so a change during it is seen next time
        # A directory whose mtime did not move gained no file since everything in it was
        # offered: a delivery lists new/ alone, and a no-op poll lists nothing.
        changed = tuple(sub for sub, was, now_at in zip(SUBS, state.dirs, dirs, strict=True)
                        if was is None or was != now_at)
        if not changed:
            return Batch([], cursor or "", more=False, remaining=0)
        entries, skipped = self._listing(base, changed, None if state.legacy is not None else state.ctime)
        if state.legacy is not None:
            after = state.legacy
            pending = sorted((e for e in entries if (e.mtime, e.name) > after),
                             key=lambda e: (e.mtime, e.name))
        else:
            # A name first seen in a directory remembered whole is new even with a change time
            # before the cursor's: the clock was stepped back (an NTP correction) since the cursor.
            pending = sorted((e for e in entries if e.ctime > state.ctime
                              or (e.name not in state.at and (e.ctime == state.ctime or e.unseen))),
                             key=lambda e: (e.ctime, e.name))

        messages: list[RawMessage] = []
        gone: set[Path] = set()
        size = 0
        taken = 0
        for entry in pending:
            if len(messages) >= limit or (messages and size + min(entry.size, MAX_MESSAGE_BYTES) > max_bytes):
                break
            taken += 1
            data = self._read(entry)
            if data is None:
                gone.add(entry.path)
                continue
            received = datetime.fromtimestamp(entry.mtime / 1e9, UTC)
            if isinstance(data, str):
                messages.append(RawMessage(folder=folder, key=entry.name, data=b"", received=received, error=data))
                continue
            size += len(data)
            messages.append(RawMessage(folder=folder, key=entry.name, data=data,
                                       received=received))
        done, left = pending[:taken], len(pending) - taken

        if state.legacy is not None:
            if left:
                last = done[-1] if done else None
                legacy = f"{last.mtime}:{last.name}" if last else (cursor or "")
                return Batch(messages, legacy, more=True, remaining=left)
            # Everything the old cursor had not offered is offered now: move to ctime.
            state = _Cursor()
            done = entries
        for entry in sorted(done, key=lambda e: e.ctime):
            if entry.ctime > state.ctime:
                state.ctime, state.at = entry.ctime, {entry.name}
            elif entry.ctime == state.ctime:
                state.at.add(entry.name)
        state.dirs = [d if not left and d < now - SETTLE_NS else None for d in dirs]
        # What was pending and not taken this time is never remembered as offered.
        self._remember(skipped, state.ctime, gone | {e.path for e in pending[taken:]})
        return Batch(messages, state.dump(), more=left > 0, remaining=left)


def _names(folders: dict[str, Path], most: int = 12) -> str:
    names = sorted(folders, key=lambda n: (n != "INBOX", n))
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "") or "none"


def _match(folder: str, folders: dict[str, Path]) -> Path | None:
    """The folder called ``folder``, matching ``/`` and ``.`` as the same separator and
    ignoring an ``INBOX.`` prefix on disk when nothing matches more closely."""
    if folder.upper() == "INBOX":
        return folders.get("INBOX")
    if folder in folders:
        return folders[folder]
    want = folder.replace(".", "/")
    for strip in (False, True):
        found = []
        for name in folders:
            norm = name.replace(".", "/")
            if strip and norm.upper().startswith("INBOX/"):
                norm = norm[len("INBOX/"):]
            if norm == want:
                found.append(name)
        if len(found) > 1:
            raise MailError(f"folder {folder!r} is ambiguous in this Maildir: "
                            f"{', '.join(found)}; name one of them exactly")
        if found:
            return folders[found[0]]
    return None
