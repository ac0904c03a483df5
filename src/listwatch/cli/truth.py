"""How the CLI tables print a three-valued answer: ``unknown (stale)`` says why it is not known."""

from __future__ import annotations

from typing import Any


def status_label(row: dict[str, Any]) -> str:
    """``listed``, ``not_listed``, ``never_listed`` or ``unknown``, with ``(stale: was listed)`` when
    the last version held is past its horizon."""
    label = "never_listed" if row.get("never_listed") else str(row["status"])
    if row.get("stale"):
        label += f" (stale: last said {row.get('last_known') or 'nothing'})"
    return label
