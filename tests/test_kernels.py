"""Kernels started side by side never collide, and a kernel that cannot start never crashes a build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_pytest_on

pytestmark = pytest.mark.slow
RACE = Path(__file__).with_name("kernel_race.py")
KERNELS = 6


# a network namespace of its own (12 ephemeral ports, nothing else affected) and a PID namespace of its own:
# when the race's shell (its PID 1) exits, every kernel still running in it is killed, so no orphan can hold
# the output pipes open and keep this test waiting
PRIVATE = ["unshare", "--net", "--pid", "--fork"]
NARROW = 'ip link set lo up && sysctl -q -w net.ipv4.ip_local_port_range="50000 50011"'


def _in_private_network(mode: str) -> dict:
    """tests/kernel_race.py in private network and PID namespaces with 12 ephemeral ports."""
    script = f'{NARROW} && "{sys.executable}" "{RACE}" {mode} {KERNELS}'
    run = subprocess.run([*PRIVATE, "sh", "-c", script], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def namespace():
    if not shutil.which("unshare") or not shutil.which("ip"):
        pytest.skip("needs unshare and ip (util-linux, iproute2) to make a private network namespace")
    probe = subprocess.run([*PRIVATE, "sh", "-c", NARROW], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot make private network and PID namespaces here (root needed): {probe.stderr.strip()}")


def test_parallel_kernel_starts_collide_over_tcp_but_never_over_private_ipc(namespace):
    old = _in_private_network("tcp")
    new = _in_private_network("ipc")
    print(f"{KERNELS} kernels at once, 12 ports: tcp failed {old['failed']}, ipc failed {new['failed']}")
    assert old["failed"] > 0, f"the stress test no longer reproduces the race: {old}"
    said = " ".join(old["errors"])
    # the race shows as a port taken between choice and bind ("Address already in use"), a kernel that
    # died or hung, or jupyter_client's own assertion when no free port is left in the narrowed range
    assert any(form in said for form in ("Address already in use", "died", "hung", "AssertionError")), old
    assert new == {"mode": "ipc", "started": KERNELS, "failed": 0, "errors": []}


def test_nbval_kernels_use_private_ipc_sockets(tmp_path):
    """paramlab's pytest plugin makes nbval start its kernels like prebuild does."""
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source":
                     "import json\nfrom ipykernel.connect import get_connection_info\n"
                     "info = json.loads(get_connection_info())\n"
                     "assert info['transport'] == 'ipc' and info['ip'].startswith('/tmp/plk-'), info\n"}],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "transport.ipynb"
    path.write_text(json.dumps(nb))
    before = set(Path("/tmp").glob("plk-*"))
    run = run_pytest_on("--nbval-lax", str(path), cwd=tmp_path)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "1 passed" in run.stdout
    assert set(Path("/tmp").glob("plk-*")) <= before, "the kernel's socket folder was left behind"


def test_a_kernel_that_cannot_start_is_reported_by_prebuild_and_run_by_the_build(tmp_path):
    header = ("---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n"
              "  display_name: Python 3\n  language: python\n  name: python3\n---\n")
    (tmp_path / "page.md").write_text(header + "# Page\n\n```{code-cell} ipython3\nprint(6 * 7)\n```\n")
    (tmp_path / "intro.md").write_text("# Home\n")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n- file: page\n")
    (tmp_path / "_config.yml").write_text((ROOT / "_config.yml").read_text())
    (tmp_path / "site").symlink_to(ROOT / "site")  # the theme's assets named in _config.yml
    broken = tmp_path / "broken-jupyter" / "kernels" / "python3"  # a "python3" kernel that dies at once
    broken.mkdir(parents=True)
    (broken / "kernel.json").write_text(json.dumps({"argv": ["/bin/false", "{connection_file}"],
                                                    "display_name": "broken", "language": "python"}))
    env = {**os.environ, "JUPYTER_PATH": str(broken.parents[1])}
    pre = subprocess.run([sys.executable, "-m", "paramlab.prebuild"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300)
    assert pre.returncode == 0, pre.stdout + pre.stderr
    assert "page.md failed (its kernel did not start, twice: RuntimeError: Kernel died" in pre.stdout, pre.stdout
    assert "0 of 1 pages executed" in pre.stdout
    jupyter_book = str(Path(sys.executable).with_name("jupyter-book"))
    build = subprocess.run([jupyter_book, "build", ".", "-W", "-n", "--keep-going"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=300)
    log = build.stdout + build.stderr
    assert build.returncode == 0, log[-3000:]
    assert "page.md: Executing notebook" in log or "Executed notebook" in log, log[-3000:]
    assert "42" in (tmp_path / "_build" / "html" / "page.html").read_text()
