"""The formats listwatch reads. A format sniffs a file's first bytes and parses it.

Built-in formats register exactly as an outside one would (``register``), in the spirit of datasette's
``DEFAULT_PLUGINS``: ``FORMATS`` is the only place the ingest pipeline looks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from listwatch.errors import InputError, UnknownFormat
from listwatch.model import ListVersion
from listwatch.sources.files import read_bytes

Parser = Callable[[Path, bytes, "ParseOptions"], ListVersion]


@dataclass(frozen=True, slots=True)
class ParseOptions:
    published: date | None = None  # --published, for files with no date inside
    list_id: str | None = None  # override the list a file belongs to


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    description: str
    # sniff(path, first 4 KiB decompressed) -> does this format claim the file?
    sniff: Callable[[Path, bytes], bool]
    parse: Parser
    # Companion files read with a main file (OFAC alt.csv beside sdn.csv) are not versions of their own.
    companion: Callable[[Path], bool] | None = None


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> None:
    FORMATS[fmt.name] = fmt


def _load_builtin() -> None:
    # Imported for their register() side effect; kept in one place so the order is deliberate.
    import importlib

    for module in (
        "un_sc",
        "ofac_csv",
        "ofac_xml",
        "ofac_advanced",
        "uk_sl_csv",  # before uk_hmt: its header line also starts with "Last Updated" and has "Group ID"
        "uk_hmt",
        "uk_sl",
        "eu_fsf",
        "eu_fsf_csv",
        "eu_journal",
        "ftm",
        "rosfin",
        "rosfin_html",
        "ca_sema",
        "national",
    ):
        try:
            importlib.import_module(f"listwatch.sources.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"listwatch.sources.{module}":
                raise


_BUILTIN_LOADED: list[bool] = []


def formats() -> dict[str, Format]:
    # A flag, not "FORMATS is empty": importing one format module first (a test, a plugin) registers
    # it, and the built-in formats must still all load.
    if not _BUILTIN_LOADED:
        _BUILTIN_LOADED.append(True)
        _load_builtin()
    return FORMATS


def is_companion(path: Path) -> bool:
    return any(f.companion is not None and f.companion(path) for f in formats().values())


def detect(path: Path, data: bytes) -> Format:
    head = data[:4096]
    for fmt in formats().values():
        if fmt.sniff(path, head):
            return fmt
    known = ", ".join(sorted(formats()))
    raise UnknownFormat(
        path,
        f"unknown format: no parser recognises this file (known: {known}); "
        "name one with `listwatch ingest --format` (over HTTP, the `format` field)",
    )


def parse_file(path: Path, fmt_name: str | None = None, options: ParseOptions | None = None) -> ListVersion:
    """Read one file (gzip or not), pick its format (sniffed, or ``fmt_name``), parse it."""
    options = options or ParseOptions()
    data = read_bytes(path)
    if fmt_name:
        fmt = formats().get(fmt_name)
        if fmt is None:
            known = ", ".join(sorted(formats()))
            raise InputError(path, f'unknown format "{fmt_name}" (known: {known})', field="--format")
    else:
        fmt = detect(path, data)
    return fmt.parse(path, data, options)
