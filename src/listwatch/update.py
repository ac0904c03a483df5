"""``listwatch update``: bring every list up to date from its official address, asking only for what
changed; when the addresses cannot be reached, a local folder (``LISTWATCH_SOURCES``); the curated
lists shipped with listwatch always.

Each list is fetched, checked and ingested on its own: a list whose download fails (HTTP error, a body
cut short, a file in a format its list does not have) leaves the store as it was, is named with the
reason, and the others still update. Ingestion itself is ``ingest.py``'s: one transaction per file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from platformdirs import user_data_dir

from listwatch.errors import ListwatchError, SourceUnavailable
from listwatch.ingest import IngestResult, ingest_version
from listwatch.model import LISTS
from listwatch.sources.download import FetchState, fetch_list, mirrored, urls_for
from listwatch.sources.registry import parse_file
from listwatch.store import Store


@dataclass(slots=True)
class ListOutcome:
    """What ``update`` did for one list: ``updated``, ``unchanged``, ``skipped`` (checked recently, see
    ``--since``) or ``failed``, and why."""

    list_id: str
    status: str
    detail: str
    url: str
    results: list[IngestResult] = field(default_factory=list)

    def line(self) -> str:
        events: dict[str, int] = {}
        for result in self.results:
            for kind, count in result.events.items():
                events[kind] = events.get(kind, 0) + count
        counts = ", ".join(f"{n} {k}" for k, n in sorted(events.items()))
        versions = ", ".join(r.published.isoformat() for r in self.results if r.status == "ingested")
        what = self.detail
        if self.status == "updated":
            what = f"version {versions or 'already held'}" + (f" ({counts})" if counts else "") + f"; {what}"
        return f"{self.list_id:<26} {self.status:<9} {what}"

    def as_json(self) -> dict[str, object]:
        return {
            "list": self.list_id,
            "status": self.status,
            "detail": self.detail,
            "url": self.url,
            "versions": [r.as_json() for r in self.results],
        }


@dataclass(slots=True)
class UpdatePlan:
    files: list[Path] = field(default_factory=list)
    reachable: bool = False
    problem: str | None = None
    lists: list[ListOutcome] = field(default_factory=list)

    @property
    def failed(self) -> list[ListOutcome]:
        return [o for o in self.lists if o.status == "failed"]


def downloads_dir() -> Path:
    return Path(user_data_dir("listwatch")) / "downloads"


def parse_since(value: str) -> timedelta:
    """``--since``: ``30m``, ``1h``, ``2d`` (or a number of minutes)."""
    text = value.strip().lower()
    units = {"m": 1, "h": 60, "d": 1440}
    number, unit = (text[:-1], text[-1]) if text and text[-1] in units else (text, "m")
    if not number.isdigit():
        raise ValueError(f'"{value}" is not a duration such as 30m, 1h or 1d')
    return timedelta(minutes=int(number) * units[unit])


def _curated_files(overlay: Path | None = None) -> list[Path]:
    """The shipped curated versions, with those in the user's curated folder (``overlay``) laid over."""
    try:
        from listwatch.sources.national import iter_curated_versions
    except ImportError:
        return []
    return list(iter_curated_versions(overlay=overlay))


def _ingest(store: Store, list_id: str, files: list[Path]) -> list[IngestResult]:
    """Parse every file of the download before writing any, and refuse a file of another list (an
    address that now serves something else): the store stays as it was."""
    from listwatch.sources.registry import is_companion

    versions = []
    for path in files:
        if is_companion(path):
            continue
        version = parse_file(path)
        if version.list_id != list_id:
            raise SourceUnavailable(
                f"{path.name} is a file of list {version.list_id} ({version.source.format}), "
                f"not of {list_id}: its address serves another format"
            )
        versions.append((path, version))
    results = []
    for path, version in versions:
        result = ingest_version(store, version)
        result.path = path
        results.append(result)
    return results


def update_online(
    store: Store,
    list_ids: Iterable[str],
    *,
    dest: Path,
    base: str | None = None,
    since: timedelta | None = None,
    say: Callable[[str], None] = print,
    now: datetime | None = None,
) -> list[ListOutcome]:
    """Fetch and ingest each list; one line each through ``say``."""
    state = FetchState.load(dest)
    outcomes: list[ListOutcome] = []
    for list_id in list_ids:
        url = urls_for(list_id)[0]
        started = now or datetime.now(UTC)
        checked = state.checked.get(list_id)
        if since is not None and checked and started - datetime.fromisoformat(checked) < since:
            outcome = ListOutcome(list_id, "skipped", f"checked at {checked}, less than --since ago", url)
        else:
            outcome = _update_one(store, list_id, dest, state, base, started)
        if outcome.status != "failed" and outcome.status != "skipped":
            state.checked[list_id] = started.isoformat(timespec="seconds")
            state.save()
        say(outcome.line())
        outcomes.append(outcome)
    return outcomes


def _update_one(
    store: Store, list_id: str, dest: Path, state: FetchState, base: str | None, now: datetime
) -> ListOutcome:
    url = urls_for(list_id)[0]
    try:
        fetched = fetch_list(list_id, dest, state, base=base, now=now)
    except SourceUnavailable as exc:
        return ListOutcome(list_id, "failed", f"{exc}; the store is unchanged", url)
    if fetched.status == "unchanged":
        return ListOutcome(list_id, "unchanged", fetched.detail, url)
    try:
        results = _ingest(store, list_id, fetched.files)
    except ListwatchError as exc:
        # Set the file aside, so a later run fetches it again and a folder read never picks it up.
        rejected = dest / "rejected"
        rejected.mkdir(parents=True, exist_ok=True)
        for path in fetched.files:
            path.replace(rejected / path.name)
        return ListOutcome(list_id, "failed", f"{exc} (file kept in {rejected}); the store is unchanged", url)
    state.urls.update(fetched.records)
    return ListOutcome(list_id, "updated", fetched.detail, url, results)


def default_lists() -> list[str]:
    """Lists with an official address that ``update`` fetches unless told otherwise."""
    return sorted(k for k, v in LISTS.items() if v.url and v.default and not v.curated)


def update_all(
    store: Store,
    *,
    folder: Path | None,
    offline: bool,
    say: Callable[[str], None] = print,
    curated: Path | None = None,
    lists: list[str] | None = None,
    base: str | None = None,
    dest: Path | None = None,
    since: timedelta | None = None,
) -> UpdatePlan:
    plan = UpdatePlan()
    if not offline:
        plan.lists = update_online(
            store, lists or default_lists(), dest=dest or downloads_dir(), base=base, since=since, say=say
        )
        plan.reachable = any(o.status != "failed" for o in plan.lists)
    if folder is not None:
        if folder.is_dir():
            say(f"reading list files from the local folder {folder}")
            plan.files.append(folder)
            plan.reachable = True
        else:
            plan.problem = f"LISTWATCH_SOURCES folder {folder} does not exist"
    plan.files.extend(_curated_files(curated))
    if not plan.reachable:
        last = plan.failed[-1].detail if plan.failed else plan.problem
        plan.problem = (
            "no list source could be reached: "
            + ("the official addresses failed and " if not offline else "offline mode, and ")
            + "no local folder was given. Set LISTWATCH_SOURCES to a folder of list files "
            "(for example ../shared/data) or pass --sources DIR." + (f" ({last})" if last else "")
        )
    return plan


__all__ = ["ListOutcome", "UpdatePlan", "default_lists", "mirrored", "parse_since", "update_all"]
