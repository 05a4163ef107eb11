"""A built wheel, installed in a fresh virtualenv, runs `focusd demo` and `focusd init`.

This guards the flat layout: a package or data file setuptools is not told about is silently
missing from the wheel, while an editable checkout would hide it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", "build", "dist", "*.egg-info", "__pycache__", ".venv", ".*_cache", "*.db*"))
    dist = work / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(src)],
                   check=True, capture_output=True, text=True)
    (wheel,) = dist.glob("focusd-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    # The dependencies come from the environment running the tests (a virtualenv or not): its
    # site-packages joins the new venv's path through a .pth line. focusd itself comes only from
    # the wheel: a path line does not run the editable install's hook that lives in that folder.
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    (Path(site) / "focusd-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q", str(wheel)],
                   check=True, capture_output=True, text=True)
    return env_dir


def _run(env_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(env_dir / "bin" / "focusd"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)})


def test_focusd_comes_from_the_wheel(wheel_venv: Path, tmp_path: Path) -> None:
    where = subprocess.run([str(wheel_venv / "bin" / "python"), "-c", "import agent, agent.bundled; "
                            "print(agent.__file__); print(agent.bundled.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split()
    assert all(str(wheel_venv) in w for w in where), where


def test_demo_from_the_wheel(wheel_venv: Path, tmp_path: Path) -> None:
    done = _run(wheel_venv, tmp_path, "demo")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Good morning, Ada. Today's focus: send Maria the updated deck")


def test_init_from_the_wheel(wheel_venv: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "focusd.toml"
    done = _run(wheel_venv, tmp_path, "--config", str(cfg), "init", "--name", "Ada Lovelace",
                "--email", "ada@example.com", "--mail-path", "mail")
    assert done.returncode == 0, done.stderr
    (tmp_path / "mail" / "cur").mkdir(parents=True)
    (tmp_path / "mail" / ".Sent" / "cur").mkdir(parents=True)
    doctor = _run(wheel_venv, tmp_path, "--config", str(cfg), "doctor")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
