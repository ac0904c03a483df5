"""`listwatch update` end to end against a local HTTP server (127.0.0.1, a thread) that serves the project's
fixtures at the official paths, under LISTWATCH_MIRROR: redirects, ETag and Last-Modified answered with
304, a 5xx, a body cut short, an address that starts serving another format; the store ends with the
right versions and events, a failed list leaves it as it was and is named with the reason, the others
still update. The network is the only edge replaced, by a real server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from listwatch.cli.main import app
from listwatch.errors import InputError
from listwatch.store import open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SLS = "/sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
UN = "/scsanctions.un.org/resources/xml/en/consolidated.xml"
UK = "/sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"
EU = "/webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"
RU = "/www.fedsfm.ru/documents/terrorists-catalog-portal-act"
CA = (
    "/www.international.gc.ca/world-monde/assets/office_docs/international_relations-relations_internationales"
    "/sanctions/sema-lmes.xml"
)
runner = CliRunner()


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    redirect: str | None = None
    cut: bool = False  # promise more bytes than are sent, then close


@dataclass
class Site:
    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = site.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.redirect:
                self.send_response(302)
                self.send_header("Location", route.redirect)
                self.end_headers()
                return
            if route.status >= 400:
                self.send_error(route.status)
                return
            fresh = (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
            )
            if fresh:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(route.body) + (1000 if route.cut else 0)))
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            self.end_headers()
            self.wfile.write(route.body)
            self.close_connection = True

    return Handler


@pytest.fixture()
def site() -> Iterator[Site]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(Site("")))
    site = Site(f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.RequestHandlerClass = _handler(site)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield site
    httpd.shutdown()
    httpd.server_close()


def _update(site: Site, tmp_path: Path, db: str, *extra: str) -> tuple[int, dict[str, Any]]:
    env = {
        "LISTWATCH_MIRROR": site.base,
        "LISTWATCH_DOWNLOADS": str(tmp_path / "downloads"),
        # make test sets a local folder; these runs are about the online path alone.
        "LISTWATCH_SOURCES": "",
        "LISTWATCH_OFFLINE": "0",
    }
    result = runner.invoke(app, ["update", "--db", db, "--report", "json", *extra], env=env)
    data = json.loads(result.stdout)
    return result.exit_code, {o["list"]: o for o in data["lists"]}


def _held(db: str) -> dict[str, list[str]]:
    reader = open_store(db).reader()
    held: dict[str, list[str]] = {}
    for version in reader.versions():
        held.setdefault(version.list_id, []).append(version.published_on.isoformat())
    return held


def test_update_against_the_official_paths(site: Site, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    page = (FIXTURES / "rosfin_html" / "2026-11-30-terrorists-catalog-portal-act.html").read_bytes()
    site.routes.update(
        {
            UN: Route(redirect="/cdn/consolidated.xml"),
            "/cdn/consolidated.xml": Route((FIXTURES / "un_sc" / "v1.xml").read_bytes()),
            UK: Route((FIXTURES / "uk_sl" / "2026-02-02-UK-Sanctions-List.xml").read_bytes(), etag='"uk-1"'),
            EU: Route(
                (FIXTURES / "eu_fsf" / "2018-12-21-xmlFullSanctionsList_1_1.xml").read_bytes(),
                last_modified="Fri, 21 Dec 2018 13:39:54 GMT",
            ),
            SLS + "SDN_ADVANCED.XML": Route(status=503),
            SLS + "CONS_ADVANCED.XML": Route(b"<Sanctions>" + b" " * 5000, cut=True),
            RU: Route(page),
            CA: Route((FIXTURES / "ca_sema" / "2020-04-15-sema-lmes.xml").read_bytes()),
        }
    )
    code, lists = _update(site, tmp_path, db)
    assert code == 1  # some lists failed: a scheduler hears of it
    assert {k: v["status"] for k, v in lists.items()} == {
        "ca_dfatd_sema_sanctions": "updated",
        "eu_fsf": "updated",
        "gb_hmt_sanctions": "updated",
        "ru_rosfinmonitoring": "updated",
        "un_sc_sanctions": "updated",
        "us_ofac_cons": "failed",
        "us_ofac_sdn": "failed",
    }
    assert (
        "HTTP 503" in lists["us_ofac_sdn"]["detail"]
        and "store is unchanged" in lists["us_ofac_sdn"]["detail"]
    )
    assert "CONS_ADVANCED.XML failed" in lists["us_ofac_cons"]["detail"]
    assert "opensanctions" not in lists and "eu_journal_sanctions" not in lists  # not default sources
    held = _held(db)
    assert held["gb_hmt_sanctions"] == ["2026-02-02"] and held["eu_fsf"] == ["2018-12-21"]
    assert "us_ofac_sdn" not in held and "us_ofac_cons" not in held
    assert not list((tmp_path / "downloads").glob("*CONS_ADVANCED*"))  # a cut body is not kept

    # Round 2: unchanged lists answer 304 (ETag, Last-Modified) or send the same bytes; OFAC is back;
    # one address now serves an HTML error page, another a new version with a delisting.
    site.requests.clear()
    site.routes[SLS + "SDN_ADVANCED.XML"] = Route(
        (FIXTURES / "ofac_advanced" / "2024-05-02-SDN_ADVANCED.XML").read_bytes()
    )
    site.routes[SLS + "CONS_ADVANCED.XML"] = Route(
        b"<html><body>Service temporarily unavailable</body></html>"
    )
    text = page.decode("utf-8").replace(
        "<li>3. СИДОРОВ СИДОР СИДОРОВИЧ, 30.09.1991 г.р. , С. ОБРАЗЦОВО;</li>\n", ""
    )
    site.routes[RU] = Route(text.encode("utf-8"))
    code, lists = _update(site, tmp_path, db)
    assert code == 1
    statuses = {k: v["status"] for k, v in lists.items()}
    assert statuses["gb_hmt_sanctions"] == "unchanged" and "304" in lists["gb_hmt_sanctions"]["detail"]
    assert statuses["eu_fsf"] == "unchanged" and "304" in lists["eu_fsf"]["detail"]
    assert statuses["un_sc_sanctions"] == "unchanged" and "same bytes" in lists["un_sc_sanctions"]["detail"]
    sent = dict(site.requests)
    assert sent[UK]["if-none-match"] == '"uk-1"'
    assert sent[EU]["if-modified-since"] == "Fri, 21 Dec 2018 13:39:54 GMT"
    assert statuses["us_ofac_sdn"] == "updated"
    assert lists["us_ofac_sdn"]["versions"][0]["events"] == {"listed": 3}
    assert statuses["us_ofac_cons"] == "failed" and "unknown format" in lists["us_ofac_cons"]["detail"]
    assert statuses["ru_rosfinmonitoring"] == "updated"
    assert lists["ru_rosfinmonitoring"]["versions"][0]["events"] == {"delisted": 1}
    assert list((tmp_path / "downloads" / "rejected").glob("*CONS_ADVANCED.XML"))
    held = _held(db)
    assert held["gb_hmt_sanctions"] == ["2026-02-02"] and len(held["ru_rosfinmonitoring"]) == 2
    assert "us_ofac_cons" not in held

    # Round 3: the EU address serves an OFAC file (another list's format): refused, the store unchanged;
    # --list limits the run, and --since skips a list checked moments ago.
    site.routes[EU] = Route(
        (FIXTURES / "ofac_advanced" / "2024-05-02-SDN_ADVANCED.XML").read_bytes(), etag='"x"'
    )
    code, lists = _update(site, tmp_path, db, "--list", "eu_fsf")
    assert set(lists) == {"eu_fsf"} and code == 2  # the only list tried failed: nothing reached
    assert lists["eu_fsf"]["status"] == "failed" and "not of eu_fsf" in lists["eu_fsf"]["detail"]
    code, lists = _update(site, tmp_path, db, "--list", "gb_hmt_sanctions", "--since", "1h")
    assert lists["gb_hmt_sanctions"]["status"] == "skipped" and code == 0
    assert _held(db)["eu_fsf"] == ["2018-12-21"]


def test_one_line_per_list(site: Site, tmp_path: Path) -> None:
    site.routes[UK] = Route((FIXTURES / "uk_sl" / "2026-02-02-UK-Sanctions-List.xml").read_bytes())
    env = {
        "LISTWATCH_MIRROR": site.base,
        "LISTWATCH_DOWNLOADS": str(tmp_path / "downloads"),
        # make test sets a local folder; these runs are about the online path alone.
        "LISTWATCH_SOURCES": "",
        "LISTWATCH_OFFLINE": "0",
    }
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = runner.invoke(
        app, ["update", "--db", db, "--list", "gb_hmt_sanctions", "--list", "eu_fsf"], env=env
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith(("gb_hmt", "eu_fsf"))]
    assert len(lines) == 2 and result.exit_code == 1
    assert lines[0].split()[:4] == ["gb_hmt_sanctions", "updated", "version", "2026-02-02"]
    assert lines[1].split()[:2] == ["eu_fsf", "failed"] and "HTTP" in result.stdout


def test_bad_options(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    for option, value, name in (
        ("--list", "nope", "--list"),
        ("--since", "soon", "--since"),
        ("--mirror", "ftp://x", "--mirror"),
    ):
        result = runner.invoke(app, ["update", "--db", db, option, value])
        assert isinstance(result.exception, InputError) and result.exception.field == name
