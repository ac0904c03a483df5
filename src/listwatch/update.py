"""``listwatch update``: which files bring every list up to date. Official addresses first; when they
cannot be reached, a local folder (``LISTWATCH_SOURCES``); the curated lists shipped with listwatch
always. Ingestion itself is ``ingest.py``'s: a file already held is a no-op, so updating is repeatable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from listwatch.errors import SourceUnavailable
from listwatch.model import LISTS
from listwatch.store import Store


@dataclass(slots=True)
class UpdatePlan:
    files: list[Path] = field(default_factory=list)
    reachable: bool = False
    problem: str | None = None


def downloads_dir() -> Path:
    return Path(user_data_dir("listwatch")) / "downloads"


def _curated_files(overlay: Path | None = None) -> list[Path]:
    """The shipped curated versions, with those in the user's curated folder (``overlay``) laid over."""
    try:
        from listwatch.sources.national import iter_curated_versions
    except ImportError:
        return []
    return list(iter_curated_versions(overlay=overlay))


def update_all(
    store: Store,
    *,
    folder: Path | None,
    offline: bool,
    say: Callable[[str], None] = print,
    curated: Path | None = None,
) -> UpdatePlan:
    plan = UpdatePlan()
    failures: list[str] = []
    if not offline:
        from listwatch.sources.download import download

        for list_id, info in sorted(LISTS.items()):
            if info.curated or not info.url:
                continue
            try:
                plan.files.extend(download(list_id, downloads_dir()))
                plan.reachable = True
            except SourceUnavailable as exc:
                failures.append(str(exc))
        if failures:
            say(f"could not download {len(failures)} list(s) from their official addresses: {failures[0]}")
    if folder is not None:
        if folder.is_dir():
            say(f"reading list files from the local folder {folder}")
            plan.files.append(folder)
            plan.reachable = True
        else:
            failures.append(f"LISTWATCH_SOURCES folder {folder} does not exist")
    plan.files.extend(_curated_files(curated))
    if not plan.reachable:
        plan.problem = (
            "no list source could be reached: "
            + ("the official addresses failed and " if not offline else "offline mode, and ")
            + "no local folder was given. Set LISTWATCH_SOURCES to a folder of list files "
            "(for example ../shared/data) or pass --sources DIR."
            + (f" ({failures[-1]})" if failures and folder is not None else "")
        )
    return plan
