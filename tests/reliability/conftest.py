"""``lw``: the ``listwatch`` entry point in-process (see entry_point.py)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from entry_point import Run


@pytest.fixture
def lw(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    from listwatch.cli.main import main

    def run(*args: str) -> Run:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["listwatch", *args])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run
