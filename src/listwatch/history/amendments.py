"""What an amendment changed, field by field, as a reader wants it: ``remarks: "a" → "b"``, and for
lists of values (names, identifiers) what was added and removed, not two long lists side by side."""

from __future__ import annotations

import json
from typing import Any

# A table cell is not the place for a whole entry: long values are cut, the JSON keeps them whole.
MAX_TEXT = 120


def _text(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "(none)"
    if isinstance(value, str):
        text = f'"{value}"'
    elif isinstance(value, list | tuple):
        text = "; ".join(_item(v) for v in value)
    else:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _item(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " / ".join(str(v) for v in value if v not in (None, ""))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def change_text(change: dict[str, Any]) -> str:
    """One changed field: ``field: before → after``; for lists, ``field: + added; − removed``."""
    before, after = change.get("before"), change.get("after")
    name = change["field"]
    if isinstance(before, list) and isinstance(after, list):
        old = [_item(v) for v in before]
        new = [_item(v) for v in after]
        added = [v for v in new if v not in old]
        removed = [v for v in old if v not in new]
        if added or removed:
            parts = [f"+ {v}" for v in added] + [f"− {v}" for v in removed]
            text = "; ".join(parts)
            return f"{name}: {text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + '…'}"
    return f"{name}: {_text(before)} → {_text(after)}"


def changes_text(fields: list[dict[str, Any]]) -> list[str]:
    return [change_text(f) for f in fields]
