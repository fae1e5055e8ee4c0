"""The layers of pyproject's import-linter contracts hold, and a wrong import breaks them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("guichet", "agents", "tools", "graphs", "api", "evals")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(lint), "--config", str(root / "pyproject.toml"), "--no-cache"],
                          cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=300, check=False)


def _copy(tmp: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp / package,
                        ignore=shutil.ignore_patterns("__pycache__", "*.html", "*.css", "*.js",
                                                      "*.yaml", "*.sql", "*.json", "*.jsonl"))
    shutil.copy(ROOT / "pyproject.toml", tmp / "pyproject.toml")
    return tmp


def test_the_tree_keeps_its_layers() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_tool_importing_the_engine_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "tools" / "shortcut.py").write_text("from graphs import case_graph\n")
    result = _lint(root)
    assert result.returncode == 1, result.stdout
    assert "tools is not allowed to import graphs" in result.stdout
    assert "tools.shortcut -> graphs.case_graph" in result.stdout


def test_the_kernel_importing_the_root_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    db = root / "guichet" / "db.py"
    db.write_text(db.read_text() + "\nfrom guichet import services  # noqa\n")
    result = _lint(root)
    assert result.returncode == 1, result.stdout
    assert "guichet.db -> guichet.services" in result.stdout


KERNEL = ("settings", "errors", "db", "catalogue", "audit", "audit_seal", "audit_verify",
          "queue", "logs", "metrics", "store.approvals")


def test_every_kernel_module_imports_first() -> None:
    # Each imported on its own, first, as an entry point would: a cycle shows here.
    for module in KERNEL:
        code = f"import guichet.{module}"
        result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                                text=True, timeout=60, env={"PYTHONPATH": str(ROOT),
                                                            "PATH": "/usr/bin:/bin"},
                                check=False)
        assert result.returncode == 0, (module, result.stderr[-800:])
