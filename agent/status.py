"""``focusd status``: what the last cycle did (the daemon's or a manual ``sync``'s) and what
comes next, read from the store.

It reads only what the daemon and ``sync`` record (the ``status`` rows of :mod:`agent.health`, the briefs,
the outbox and the counts), through its own connection, so it works while the daemon runs and
never opens a mail or calendar connection.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from typing import Any

from agent.app import App
from agent.daemon import next_brief


def _n(count: int, one: str, many: str | None = None) -> str:
    """``count`` and the noun it counts, singular for one: "1 message", "2,114 messages"."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process (the service account's): it exists
    return True


def _ago(app: App, iso: str) -> str:
    then = datetime.fromisoformat(iso)
    seconds = max(0, int((app.clock() - then).total_seconds()))
    local = then.astimezone(app.settings.tz).strftime("%a %d %b %H:%M")
    if seconds < 90:
        return f"{local} ({seconds} s ago)"
    if seconds < 5400:
        return f"{local} ({seconds // 60} min ago)"
    if seconds < 172800:
        return f"{local} ({seconds // 3600} h ago)"
    return f"{local} ({seconds // 86400} days ago)"


def gather(app: App) -> dict[str, Any]:
    """Everything ``focusd status`` shows, as data (``--json`` prints it as it is)."""
    store = app.store
    now = app.now()
    daemon = store.status("daemon")
    cycle = store.status("cycle")
    open_items = store.items(("open",))
    kinds: dict[str, int] = {}
    for item in open_items:
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    sent = store.last_sent_brief(now.date() + timedelta(days=1))
    upcoming = next_brief(app, now)
    unsent = [{"kind": r["kind"], "key": r["key"], "attempts": r["attempts"], "last_error": r["last_error"] or "",
               "next_try": r["next_attempt_at"]} for r in store.outbox_pending()]
    return {
        "daemon": {"pid": daemon["pid"], "started_at": daemon["started_at"],
                   "stopped_at": daemon.get("stopped_at"), "exit_code": daemon.get("exit_code"),
                   "running": not daemon.get("stopped_at") and _alive(int(daemon["pid"]))} if daemon else None,
        "last_cycle": {k: v for k, v in cycle.items() if k != "updated_at"} if cycle else None,
        "outages": {k: v for k, v in (store.status("outages") or {}).items() if k != "updated_at"},
        "mail": {k: v for k, v in (store.status("mail") or {}).items()},
        "calendar": {k: v for k, v in (store.status("calendar") or {}).items()},
        "last_brief": {"date": sent["date"], "sent_at": sent["sent_at"]} if sent else None,
        "next_brief": upcoming.isoformat(timespec="minutes") if upcoming else None,
        "counts": {"messages": store.count("messages"), "open_items": len(open_items), "open_by_kind": kinds},
        "unsent": unsent,
        "recent_errors": [{"at": at, "where": where, "error": error}
                          for at, where, error in (store.status("errors") or {}).get("recent", [])][::-1],
        "failed_messages": len(store.failures(limit=1000)),
    }


def render(app: App, data: dict[str, Any]) -> str:
    """``gather``'s data as the lines ``focusd status`` prints."""
    out: list[str] = []
    d = data["daemon"]
    if d is None:
        out.append("daemon:     never run on this store (`focusd run`, or the systemd unit)")
    elif d["stopped_at"]:
        out.append(f"daemon:     stopped {_ago(app, d['stopped_at'])} (exit code {d['exit_code']})")
    elif d["running"]:
        out.append(f"daemon:     running (pid {d['pid']}, started {_ago(app, d['started_at'])})")
    else:
        out.append(f"daemon:     not running: process {d['pid']}, started {_ago(app, d['started_at'])}, ended without "
                   "a clean stop (killed, or the host went down)")
    c = data["last_cycle"]
    if c is None:
        out.append("last cycle: none recorded yet (`focusd sync` runs one)")
    else:
        by = " by `focusd sync`" if c.get("by") == "sync" else ""
        if c["outcome"] == "failed":
            out.append(f"last cycle: {_ago(app, c['at'])}{by}, failed after {c['duration_s']:.1f} s")
        else:
            out.append(f"last cycle: {_ago(app, c['at'])}{by}, {c['outcome']}, {c['duration_s']:.1f} s: "
                       f"{_n(c['messages'], 'message')}, {_n(c['items_created'], 'new item')}, "
                       f"{c['items_closed']:,} closed, {_n(c['replies'], 'reply', 'replies')} obeyed, "
                       f"{_n(c['llm_calls'], 'LLM call')}"
                       + (f", {_n(c['llm_fallbacks'], 'message')} fell back to the embedded extractor"
                          if c.get("llm_fallbacks") else ""))
        for problem in c.get("problems") or []:
            out.append(f"            - {problem}")
    for service, (since, problem) in sorted(data["outages"].items()):
        out.append(f"outage:     {service} since {_ago(app, since)}: {problem}")
    mail = data["mail"]
    if mail.get("ok_at"):
        out.append(f"mail:       last read whole {_ago(app, mail['ok_at'])}")
    last = data["last_brief"]
    out.append(f"last brief: {last['date']}, sent {_ago(app, last['sent_at'])}" if last else "last brief: none sent yet")
    nxt = data["next_brief"]
    if nxt:
        at = datetime.fromisoformat(nxt).astimezone(app.settings.tz)
        out.append(f"next brief: {at:%a %d %b %H:%M} ({app.settings['owner']['timezone']})")
    counts = data["counts"]
    kinds = ", ".join(f"{n:,} {k}" for k, n in sorted(counts["open_by_kind"].items()))
    out.append(f"store:      {_n(counts['messages'], 'message')}, {_n(counts['open_items'], 'open item')}"
               + (f" ({kinds})" if kinds else "") + f", {_n(data['failed_messages'], 'message')} that failed")
    for row in data["unsent"]:
        error = f": {row['last_error']}" if row["last_error"] else ""
        nxt = ""
        if row["next_try"] and row["attempts"]:
            at = datetime.fromisoformat(row["next_try"]).astimezone(app.settings.tz)
            nxt = f"; next try {at:%a %d %b %H:%M}"
        out.append(f"unsent:     {row['kind']} {row['key']}, {row['attempts']} tries{error}{nxt}")
    if data["recent_errors"]:
        out.append("errors:")
        for e in data["recent_errors"][:5]:
            out.append(f"  {_ago(app, e['at'])} {e['where']}: {e['error']}")
    return "\n".join(out) + "\n"
