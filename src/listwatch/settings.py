"""Settings, built once from ``LISTWATCH_*`` variables and passed in; nothing reads the environment at
import time. Every setting is in ``SETTINGS`` with its default and help line (docs are checked)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir


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
    Setting("LISTWATCH_OFFLINE", "0", "1: do not try the official addresses; read LISTWATCH_SOURCES only."),
    Setting("LISTWATCH_API_KEYS", "", "Comma-separated API keys that may call write endpoints."),
    Setting("LISTWATCH_READ_KEYS_REQUIRED", "0", "1: read endpoints need an API key too."),
)


def default_db_url() -> str:
    return f"sqlite:///{Path(user_data_dir('listwatch')) / 'listwatch.db'}"


@dataclass(frozen=True, slots=True)
class Settings:
    db_url: str = field(default_factory=default_db_url)
    sources: Path | None = None
    offline: bool = False
    api_keys: tuple[str, ...] = ()
    read_keys_required: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        env = os.environ if env is None else env
        sources = env.get("LISTWATCH_SOURCES", "").strip()
        values: dict[str, object] = {
            "db_url": env.get("LISTWATCH_DB", "").strip() or default_db_url(),
            "sources": Path(sources) if sources else None,
            "offline": env.get("LISTWATCH_OFFLINE", "0").strip() in ("1", "true", "yes"),
            "api_keys": tuple(k.strip() for k in env.get("LISTWATCH_API_KEYS", "").split(",") if k.strip()),
            "read_keys_required": env.get("LISTWATCH_READ_KEYS_REQUIRED", "0").strip()
            in ("1", "true", "yes"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
