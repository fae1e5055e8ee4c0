"""Debian's Chromium for the browser tests: found, or a failure that says how to install it."""

from __future__ import annotations

import shutil

import pytest

# Without the background-networking flags Chromium keeps dialling out, and this kind of
# machine refuses every such connection.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

REMEDY = ("Debian's chromium is needed for the browser tests and is not installed: run "
          "`sudo apt-get install -y chromium` (or `make test`, which installs it when it can)")


def chromium_path() -> str:
    """The browser's path; a missing browser fails the test with its remedy, never skips."""
    path = shutil.which("chromium")
    if path is None:
        pytest.fail(REMEDY, pytrace=False)
    return path
