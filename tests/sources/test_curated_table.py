"""The table of curated lists in docs/curated-lists.md is the one scripts/curated_table.py makes from the
data (issue 13): adding a version without regenerating it fails here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from listwatch.sources.national import curated_root

REPO = Path(__file__).resolve().parents[2]


def test_the_doc_table_equals_the_scripts_output() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "curated_table.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr


def test_the_table_has_a_row_for_every_curated_folder() -> None:
    text = (REPO / "docs" / "curated-lists.md").read_text(encoding="utf-8")
    table = text.split("<!-- curated table: start -->", 1)[1].split("<!-- curated table: end -->", 1)[0]
    listed = {line.split("|")[1].strip().strip("`") for line in table.strip().splitlines()[2:]}
    folders = {p.name for p in curated_root().iterdir() if (p / "list.yaml").is_file()}
    assert listed == folders
