"""``listwatch news extract`` through Typer's CliRunner, and the error path through the entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from listwatch.cli.main import app
from listwatch.errors import InputError

ARTICLE = (
    "Kazakhstan delists Taliban\n"
    "On Monday, Kazakhstan removed the Taliban from its list of terrorist organizations. "
    "Its Supreme Court had banned the group in 2005."
)


def test_extract_json(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["news", "extract", str(path), "--published", "2024-06-04"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.output)["events"]
    assert [(e["entity"], e["jurisdiction"], e["action"], e["date"]) for e in events] == [
        ("Taliban", "KZ", "delist", "2024-06-03"),
        ("Taliban", "KZ", "list", "2005"),
    ]
    first = events[0]
    assert ARTICLE[first["evidence_start"] : first["evidence_end"]] == first["evidence"]


def test_extract_table(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["news", "extract", str(path), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split()[:5] == ["#", "entity", "jur", "action", "date"]
    assert "delist" in result.output


def test_non_utf8_is_input_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Kazakhstan\nremoved the Taliban from the list in Février\n".encode("latin-1"))
    result = CliRunner().invoke(app, ["news", "extract", str(path)])
    assert isinstance(result.exception, InputError)
    assert "not UTF-8" in str(result.exception) and "line 2" in str(result.exception)


def test_entry_point_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"caf\xe9\n")
    script = (
        "import sys; from listwatch.cli.main import main; sys.argv = ['listwatch', *sys.argv[1:]]; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "news", "extract", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: latin1.txt, line 1: not UTF-8 text (byte 0xe9 at offset 3); save the article as UTF-8"
    ]


def test_bad_published_date(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["news", "extract", str(path), "--published", "2024-13-01"])
    assert result.exit_code == 2
