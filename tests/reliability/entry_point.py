"""The ``listwatch`` entry point run in-process as a user would: errors become a message and an exit
code in ``main()``, not in the Typer app that CliRunner calls."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
