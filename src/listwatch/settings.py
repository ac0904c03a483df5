"""Settings, built once from ``LISTWATCH_*`` variables and passed in; nothing reads the environment at
import time. Every setting is in ``SETTINGS`` with its default and help line (docs are checked)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

from listwatch.errors import InputError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "LISTWATCH_DB",
        "sqlite:///<user data dir>/listwatch.db",
        "Database URL: sqlite:///path, or postgresql://...",
    ),
    Setting(
        "LISTWATCH_SOURCES",
        "",
        "A local folder of list files (like ../shared/data) that `listwatch update` reads when the official "
        "addresses cannot be reached.",
    ),
    Setting(
        "LISTWATCH_CURATED",
        "<user data dir>/curated",
        "Folder for curated list versions written by `listwatch news review --accept`; it overlays the "
        "curated lists shipped with listwatch.",
    ),
    Setting("LISTWATCH_OFFLINE", "0", "1: do not try the official addresses; read LISTWATCH_SOURCES only."),
    Setting(
        "LISTWATCH_MIRROR",
        "",
        "Base address `listwatch update` fetches the official files from instead, keeping each official "
        "host and path under it (https://host/a/b -> <mirror>/host/a/b): an internal mirror, or a local "
        "test server.",
    ),
    Setting(
        "LISTWATCH_DOWNLOADS",
        "<user data dir>/downloads",
        "Folder where `listwatch update` saves the files it fetches, with fetch-state.json (ETag, "
        "Last-Modified, sha256 of the last file from each address).",
    ),
    Setting("LISTWATCH_API_KEYS", "", "Comma-separated API keys that may call write endpoints."),
    Setting("LISTWATCH_READ_KEYS_REQUIRED", "0", "1: read endpoints need an API key too."),
    Setting(
        "LISTWATCH_MAX_BODY_BYTES",
        "16777216",
        "Largest HTTP request body the API accepts (bytes); larger ones get 413.",
    ),
    Setting(
        "LISTWATCH_INDEX_CACHE",
        "<user cache dir>/indexes",
        "Folder where screening keeps its name index, one file per set of list versions in force.",
    ),
    Setting("LISTWATCH_MAX_BATCH", "100", "Most queries in one POST /match request (yente's default)."),
    Setting("LISTWATCH_MAX_SCREEN_ROWS", "5000", "Most names in one screening page or CSV upload."),
    Setting(
        "LISTWATCH_MAX_MATCH_NAMES",
        "1000",
        "Most names in one POST /match request, over all its queries (each name costs a screening); "
        "more get 413.",
    ),
    Setting(
        "LISTWATCH_MAX_MATCH_CHARS",
        "100000",
        "Most characters of names in one POST /match request, over all its queries; more get 413.",
    ),
    Setting(
        "LISTWATCH_UPDATE_TOKEN",
        "",
        "Token for POST /updatez?token= (yente's): rebuilds the screening index from the store. "
        "Unset: /updatez answers 403.",
    ),
    Setting(
        "LISTWATCH_CORS_ORIGINS",
        "",
        "Comma-separated origins (https://app.example) allowed to call the API from a browser; `*` for "
        "any. Unset: no CORS headers.",
    ),
    Setting(
        "LISTWATCH_MAX_URL_LENGTH",
        "60000",
        "Longest request URL (path and query) the API reads; longer ones get 414 (yente's limit and answer).",
    ),
)


def default_db_url() -> str:
    return f"sqlite:///{Path(user_data_dir('listwatch')) / 'listwatch.db'}"


def default_index_cache() -> Path:
    return Path(user_cache_dir("listwatch")) / "indexes"


def default_curated_dir() -> Path:
    return Path(user_data_dir("listwatch")) / "curated"


@dataclass(frozen=True, slots=True)
class Settings:
    db_url: str = field(default_factory=default_db_url)
    sources: Path | None = None
    offline: bool = False
    api_keys: tuple[str, ...] = ()
    read_keys_required: bool = False
    curated_dir: Path = field(default_factory=default_curated_dir)
    max_body_bytes: int = 16 * 1024 * 1024
    max_batch: int = 100
    max_screen_rows: int = 5000
    max_match_names: int = 1000
    max_match_chars: int = 100_000
    # Every /match is kept as an audit run (``listwatch runs``, ``replay``); off for a store kept elsewhere.
    record_match: bool = True
    index_cache: Path = field(default_factory=lambda: default_index_cache())
    mirror: str | None = None
    downloads: Path = field(default_factory=lambda: Path(user_data_dir("listwatch")) / "downloads")
    update_token: str = ""
    cors_origins: tuple[str, ...] = ()
    max_url_length: int = 60000

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        env = os.environ if env is None else env
        sources = env.get("LISTWATCH_SOURCES", "").strip()
        curated = env.get("LISTWATCH_CURATED", "").strip()
        values: dict[str, object] = {
            "db_url": env.get("LISTWATCH_DB", "").strip() or default_db_url(),
            "sources": Path(sources) if sources else None,
            "curated_dir": Path(curated) if curated else default_curated_dir(),
            "offline": env.get("LISTWATCH_OFFLINE", "0").strip() in ("1", "true", "yes"),
            "api_keys": tuple(k.strip() for k in env.get("LISTWATCH_API_KEYS", "").split(",") if k.strip()),
            "read_keys_required": env.get("LISTWATCH_READ_KEYS_REQUIRED", "0").strip()
            in ("1", "true", "yes"),
            "max_body_bytes": _int(env, "LISTWATCH_MAX_BODY_BYTES", 16 * 1024 * 1024),
            "max_batch": _int(env, "LISTWATCH_MAX_BATCH", 100),
            "max_screen_rows": _int(env, "LISTWATCH_MAX_SCREEN_ROWS", 5000),
            "max_match_names": _int(env, "LISTWATCH_MAX_MATCH_NAMES", 1000),
            "max_match_chars": _int(env, "LISTWATCH_MAX_MATCH_CHARS", 100_000),
            "update_token": env.get("LISTWATCH_UPDATE_TOKEN", "").strip(),
            "cors_origins": tuple(
                o.strip() for o in env.get("LISTWATCH_CORS_ORIGINS", "").split(",") if o.strip()
            ),
            "max_url_length": _int(env, "LISTWATCH_MAX_URL_LENGTH", 60000),
            "record_match": env.get("LISTWATCH_RECORD_MATCH", "1").strip() not in ("0", "false", "no"),
            # Unset is the default folder, not None: None would reach the constructor and turn caching off.
            "index_cache": Path(env["LISTWATCH_INDEX_CACHE"])
            if env.get("LISTWATCH_INDEX_CACHE")
            else default_index_cache(),
        }
        if mirror := env.get("LISTWATCH_MIRROR", "").strip():
            if not mirror.startswith(("http://", "https://")):
                raise InputError(
                    "LISTWATCH_MIRROR", f"{mirror!r} is not an http(s) address", field="LISTWATCH_MIRROR"
                )
            values["mirror"] = mirror
        if downloads := env.get("LISTWATCH_DOWNLOADS", "").strip():
            values["downloads"] = Path(downloads)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InputError(name, f"{raw!r} is not a whole number", field=name) from None
    if value <= 0:
        raise InputError(name, f"{raw!r} must be positive", field=name)
    return value
