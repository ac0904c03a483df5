"""listwatch's errors. The CLI and API turn them into a message and an exit code or status.

ListwatchError
 ├── InputError        bad input data: names the file, line and field
 │    ├── UnknownFormat  no parser recognises the file
 │    ├── TooLarge       past a documented size limit (a gzip bomb, a request of too many names)
 │    └── Implausible    the file parses, but would write a doubtful record (most entries gone, a
 │                       field wiped, a file of another list, dates in the future); an option confirms
 ├── NotFound          an entity, list or version that the store does not hold
 ├── SourceUnavailable a download failed and no local copy was given
 ├── Refused           a request that would overwrite or repeat the record; nothing was done
 └── StoreError        the database refused or failed, with what listwatch was doing
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ListwatchError(Exception):
    """Base of every error listwatch raises on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    line: int | None = None
    field: str | None = None


class InputError(ListwatchError):
    """Bad input data. Names file, line and field so the user can fix the source."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self.path = Path(path)
        self.message = message
        self.line = line
        self.field = field
        self.problems = problems or [Problem(message, line, field)]
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path.name
        if self.line is not None:
            where += f", line {self.line}"
        if self.field and self.field != where:  # an option is both: "--lists: ...", not "--lists, --lists"
            where += f", {self.field}"
        text = f"{where}: {self.message}"
        if len(self.problems) > 1:
            text += f" (and {len(self.problems) - 1} more problem(s))"
        return text


class UnknownFormat(InputError):
    pass


class TooLarge(InputError):
    """Input past one of the size limits docs/reliability.md lists; HTTP answers 413."""


class Implausible(InputError):
    """The file parses, but what it would write is very likely wrong (see ``checks.py``). ``option`` is
    the command-line option that confirms it is intended."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        option: str,
        line: int | None = None,
        field: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self.option = option
        super().__init__(path, message, line=line, field=field, problems=problems)


class NotFound(ListwatchError):
    pass


class SourceUnavailable(ListwatchError):
    pass


class StoreError(ListwatchError):
    pass


class Refused(ListwatchError):
    """The request cannot be carried out as asked (a version of that date exists, a fact is already on
    record); nothing was written."""
