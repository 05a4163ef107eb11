"""The benchmarks say what they need instead of ending in a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _bench_extract(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "bench/extract.py", *args], cwd=ROOT, capture_output=True, text=True)


def test_bench_extract_names_the_missing_data(tmp_path: Path) -> None:
    absent = tmp_path / "parakweet-ask-train.tsv"
    done = _bench_extract(str(absent))
    assert done.returncode == 2 and done.stdout == ""
    assert "Traceback" not in done.stderr
    assert f"{absent} is missing" in done.stderr and "../shared/data/requests/" in done.stderr


def test_bench_extract_refuses_a_file_without_rows(tmp_path: Path) -> None:
    empty = tmp_path / "rows.tsv"
    empty.write_text("not a labelled row\n")
    done = _bench_extract(str(empty))
    assert done.returncode == 2 and "Traceback" not in done.stderr and "has no labelled rows" in done.stderr


def test_bench_calendar_quick_prints_every_figure() -> None:
    """The calendar bench in its small mode: every section runs and a no-change sync is one request."""
    done = subprocess.run([sys.executable, "bench/calendar.py", "--remote", "--quick"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "same blocks: yes" in out and "days with changes: 0" in out
    for backend in ("google", "caldav"):
        assert f"sync {backend}: 200 events" in out
        line = next(x for x in out.splitlines() if x.startswith(f"sync {backend}:"))
        assert "no-change sync 1 request(s)" in line
    reads = [x for x in out.splitlines() if "occurrences" in x]
    assert len(reads) == 5 and len({x.rsplit("occurrences", 1)[1] for x in reads}) == 1  # every read found the same


def test_bench_planner_quick_prints_each_figure() -> None:
    """The planner bench in its small mode: the store is built, and re-rank, compose and the
    measuring child's peak RSS are printed for it with the brief's three focus items."""
    done = subprocess.run([sys.executable, "bench/planner.py", "--quick"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    row = next(x for x in done.stdout.splitlines() if x.strip().startswith("1,000 items, 10,000 messages"))
    rank, compose, rss = (float(v) for v in re.findall(r"([\d.]+)(?:ms|MB)", row)[:3])
    assert rank > 0 and compose > 0 and 10 < rss < 1000 and row.split("MB")[1].split()[0] == "3"


_SCORES = r"\s+\d+/\d+\s+[01]\.\d{3}\s+[01]\.\d{3}\s+[01]\.\d{3}$"  # a file's row: right/total, P, R, F1


@pytest.mark.parametrize("bench, files, row", [
    ("written", ("formal-admin", "german-french", "landscape-ops", "owner-sent", "sales-cs", "second-language"), _SCORES),
    ("lists", ("set-a", "set-b", "set-c", "set-d", "set-e", "set-g", "set-h"), _SCORES),
    ("sentences", ("blockers-i", "blockers-j", "mixed-f"), r"\s+\d+/\d+\s*$"),
    ("mail", ("set-k", "set-l", "set-n", "set-p", "set-q", "set-r", "set-t", "set-u", "set-v", "set-x", "set-y", "set-z", "set-ab", "set-ac",
              "set-ad", "set-m", "set-o", "set-s", "set-w", "set-aa", "set-ae",
              "dev", "aside"), _SCORES),
])
def test_bench_scores_every_file_and_kind(bench: str, files: tuple[str, ...], row: str) -> None:
    done = subprocess.run([sys.executable, f"bench/{bench}.py"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    for name in (*files, "all"):
        assert re.search(rf"^{name}{row}", done.stdout, re.M), name
    for kind in ("request", "commitment", "waiting", "blocker"):
        assert re.search(rf"^  {kind}\s+P [01]\.\d{{3}} R [01]\.\d{{3}}", done.stdout, re.M), kind


def test_bench_written_refuses_a_line_without_an_act(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("# mail 1: a -> b; by owner: no\nplease send the deck\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "bench/written.py", str(bad)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "not 'act<TAB>sentence'" in done.stderr and "Traceback" not in done.stderr


def test_bench_lists_refuses_a_mail_without_its_labels(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("=== 1 | other | Maria <maria@acme.example> | Hi\nHi Ada,\n\nAction items:\n- Ada: call\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "bench/lists.py", str(bad)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "no '--- expect'" in done.stderr and "Traceback" not in done.stderr


def test_bench_mail_refuses_a_mail_without_its_labels(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("=== 1 | other | Tom <tom@x.example> | Hi\nPlease send the deck.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "bench/mail.py", str(bad)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "no '--- expect'" in done.stderr and "Traceback" not in done.stderr


def test_bench_sentences_refuses_a_line_without_its_kinds(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("Could you send me the deck?\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "bench/sentences.py", str(bad)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "no 'kinds | sentence' line" in done.stderr and "Traceback" not in done.stderr


def test_bench_titles_counts_both_groups_and_tells_a_cut_title() -> None:
    from bench.titles import dangling

    assert dangling("Give it a") and dangling("Check with Crestline whether they can receive on a")
    assert not dangling("Unblock: the nozzles are in") and not dangling("Follow up with Dale: get the midrail up at grid A")
    assert not dangling("Send the draft to…") and not dangling("Forward that")
    done = subprocess.run([sys.executable, "bench/titles.py"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line.split() for line in done.stdout.splitlines()[1:]}
    assert set(rows) == {"development", "held"}
    assert int(rows["development"][1]) > 3000 and int(rows["development"][2]) < int(rows["development"][1]) // 10


def test_bench_forwards_prints_both_sets_beside_the_note_alone() -> None:
    done = subprocess.run([sys.executable, "bench/forwards.py"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines[::2]] == ["dev", "aside"]
    assert all("note alone" in line for line in lines[1::2]) and all("titles naming the work" in line for line in lines)
