"""The axe check itself can fail: a page with an unlabelled field and an image without text is caught,
with the rule ids in the message, and the same page fixed passes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.web.a11y import assert_no_axe_violations

BROKEN = """<!doctype html><html lang="en"><head><title>broken</title></head><body><main>
<h1>Form</h1><form><input type="text" name="q"><img src="data:,"></form></main></body></html>"""
FIXED = """<!doctype html><html lang="en"><head><title>fixed</title></head><body><main>
<h1>Form</h1><form><label for="q">Name</label><input id="q" type="text" name="q">
<img src="data:," alt="nothing"></form></main></body></html>"""


def test_axe_fails_on_a_missing_label_and_passes_when_fixed(page: Any, tmp_path: Path) -> None:
    page.set_content(BROKEN)
    with pytest.raises(AssertionError) as failure:
        assert_no_axe_violations(page, "broken", tmp_path)
    message = str(failure.value)
    assert "label" in message and "image-alt" in message
    assert "input" in message  # the offending element is named
    assert (tmp_path / "broken.png").exists()
    page.set_content(FIXED)
    assert_no_axe_violations(page, "fixed", tmp_path)
