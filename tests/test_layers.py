"""Imports point one way: cli, api, web -> ingest, monitor, history, matching, news -> store, sources
-> model. This reads every module's imports with ``ast`` and names any that point the wrong way."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "listwatch"

# What each layer may import from listwatch (besides itself and errors/settings, which are leaves).
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "sources": {"model"},
    "store": {"model"},
    "history": {"model", "store"},
    "matching": {"model", "store", "history", "sources"},
    "news": {"model", "store", "history", "sources", "matching"},
    "resolve": {"model", "store", "history", "sources", "matching"},
    "monitor": {"model", "store", "history", "sources", "matching", "ingest", "audit"},
    "audit": {"model", "store", "history", "sources", "matching"},
    "spark": {"model", "store", "history", "sources", "matching"},
    "ingest": {"model", "store", "history", "sources", "checks"},
    "checks": {"model", "store", "history"},
    "withdraw": {"model", "store", "history", "sources", "ingest"},
    "update": {"model", "store", "sources", "ingest"},
    "curate": {"model", "store", "history", "sources", "news", "ingest"},
}
OUTER = {"cli", "api", "web"}
LEAVES = {"errors", "settings", "files", "__init__", "__main__"}


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def test_imports_point_one_way() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        layer = _layer(path)
        if layer in OUTER or layer in LEAVES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if not name.startswith("listwatch."):
                    continue
                target = name.split(".")[1]
                if target == layer or target in LEAVES:
                    continue
                if target in OUTER or target not in ALLOWED.get(layer, set()):
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not wrong, "imports pointing the wrong way:\n" + "\n".join(wrong)
