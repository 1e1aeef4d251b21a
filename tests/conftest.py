"""Shared fixtures. The suite must never write into exercises/ or solutions/."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROTECTED = ("exercises", "solutions", "book")


def _snapshot() -> dict[str, str]:
    digests = {}
    for folder in PROTECTED:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and ".ipynb_checkpoints" not in path.parts:
                digests[str(path.relative_to(ROOT))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


@pytest.fixture(scope="session", autouse=True)
def sources_stay_untouched():
    """Fail the run if any test wrote into the course's notebooks."""
    before = _snapshot()
    yield
    after = _snapshot()
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert not changed, f"the test suite modified course files: {changed}"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def book_build() -> subprocess.CompletedProcess:
    """The real build, as `make book` runs it (prebuild, then the build; the cache makes it fast)."""
    pre = subprocess.run([sys.executable, "-m", "paramlab.prebuild"], cwd=ROOT,
                         capture_output=True, text=True, timeout=900)
    assert pre.returncode == 0, pre.stdout + pre.stderr
    jupyter_book = str(Path(sys.executable).with_name("jupyter-book"))
    return subprocess.run([jupyter_book, "build", ".", "-W", "-n", "--keep-going"], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)


def run_pytest_on(*args: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run pytest in a subprocess (as a learner or CI would), isolated from this suite's config."""
    env = dict(os.environ)
    for key in ("PARAMLAB_RESULTS", "PARAMLAB_GRADING", "PARAMLAB_NOTEBOOK", "PYTEST_ADDOPTS"):
        env.pop(key, None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--color=no", *args],
        capture_output=True, text=True, env=env, cwd=cwd or ROOT, timeout=timeout,
    )


def run_paramlab(*args: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    for key in ("PARAMLAB_RESULTS", "PARAMLAB_GRADING", "PARAMLAB_NOTEBOOK"):
        env.pop(key, None)
    return subprocess.run([sys.executable, "-m", "paramlab.cli", *args], capture_output=True, text=True,
                          env=env, cwd=cwd or ROOT, timeout=timeout)
