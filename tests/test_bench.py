"""The benchmarks say what they need instead of ending in a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
