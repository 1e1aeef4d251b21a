"""The versions the course was tested with, and one line when the installed ones differ.

``import paramlab`` calls :func:`warn_if_untested`: where the installed
numpy, scikit-learn or torch has another minor version than the one the
course was built and tested with (``requirements.txt``), it prints one line
to stderr naming both versions and the command that installs the tested one.
It never raises: a different version usually works, but printed numbers and
some warnings may differ from the site.
"""

from __future__ import annotations

import importlib.metadata
import os
import sys
from typing import Callable

__all__ = ["TESTED", "installed_version", "untested", "drift_message", "on_colab", "warn_if_untested"]

#: distribution name -> the minor version of requirements.txt (a test keeps the two equal)
TESTED: dict[str, str] = {"numpy": "2.4", "scikit-learn": "1.9", "torch": "2.13"}


def installed_version(name: str) -> str | None:
    """The installed version of a distribution, read from its metadata (nothing is imported)."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def same_release(found: str, want: str) -> bool:
    """True when ``found`` (e.g. ``1.9.1`` or ``2.13.0+cpu``) belongs to release ``want`` (e.g. ``1.9``)."""
    return f"{found}.".replace("+", ".").startswith(f"{want}.")


def untested(version_of: Callable[[str], str | None] | None = None) -> dict[str, str]:
    """Installed distributions whose minor version differs from :data:`TESTED` (absent ones are skipped)."""
    found = {name: (version_of or installed_version)(name) for name in TESTED}
    return {name: version for name, version in found.items()
            if version is not None and not same_release(version, TESTED[name])}


def drift_message(drift: dict[str, str]) -> str:
    """One line naming each found and tested version and what to run (empty when nothing differs)."""
    if not drift:
        return ""
    found = " and ".join(f"{name} {version}" for name, version in drift.items())
    tested = " and ".join(f"{name} {TESTED[name]}" for name in drift)
    message = f"paramlab: found {found}, but this course was tested with {tested}; numbers may differ from the site."
    if on_colab():  # Colab's own builds (CUDA torch, pinned numpy) are better left alone
        return message
    fix = " ".join(f"'{name}=={TESTED[name]}.*'" for name in drift)
    return f"{message} To match it: pip install {fix}, then restart the kernel."


def on_colab() -> bool:
    """True inside a Google Colab runtime."""
    return "google.colab" in sys.modules or "COLAB_RELEASE_TAG" in os.environ


def warn_if_untested() -> None:
    """Print :func:`drift_message` to stderr when versions differ; never raises."""
    try:
        message = drift_message(untested())
    except Exception:  # noqa: BLE001 - a broken metadata folder must not stop `import paramlab`
        return
    if message:
        print(message, file=sys.stderr)
