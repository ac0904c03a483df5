"""The real lists the benchmarks screen against, read in place from ``../shared/data`` (never copied).

Each file is parsed by its own listwatch parser module, looked up by name, so one parser under
construction elsewhere cannot stop the benchmarks from loading the others.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from listwatch.model import ListVersion
from listwatch.sources.files import read_bytes
from listwatch.sources.registry import ParseOptions

DATA = Path(os.environ.get("LISTWATCH_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))

# The screening set of issue 3, item 7: UN + OFAC SDN + EU + Rosfinmonitoring, latest versions held.
SCREENING_FILES: tuple[tuple[str, str], ...] = (
    ("un_sc_consolidated/2026-02-27-UN_consolidated.xml.gz", "un_sc"),
    ("ofac_sdn_csv/2024-05-03-sdn.csv.gz", "ofac_csv"),
    ("eu_terrorist_list_opensanctions/2026-08-14-32002R0881.csv.gz", "eu_journal"),
    ("eu_terrorist_list_opensanctions/2026-08-14-32001R2580.csv", "eu_journal"),
    ("ru_rosfinmonitoring/2022-05-20-RFM.csv", "rosfin"),
)
UK_FILE = ("uk_hmt_conlist/2018-04-13-sanctionsconlist.csv.gz", "uk_hmt")


def parse(relative: str, module: str) -> ListVersion:
    path = DATA / relative
    parser = importlib.import_module(f"listwatch.sources.{module}")
    return parser.parse(path, read_bytes(path), ParseOptions())  # type: ignore[no-any-return]


def screening_versions() -> list[ListVersion]:
    return [parse(relative, module) for relative, module in SCREENING_FILES]


def version_info(version: ListVersion) -> dict[str, str]:
    return {
        "list_id": version.list_id,
        "published": version.published.isoformat(),
        "sha256": version.source.sha256,
        "path": version.source.path or "",
    }
