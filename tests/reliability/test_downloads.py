"""Group 4 of issue 18 for `update`'s downloads: a disk that fills, or Ctrl-C, while a list is being
saved leaves no part file behind; a full disk is the source being unavailable (one line, the other
lists still update), not an OSError traceback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from listwatch.errors import SourceUnavailable
from listwatch.model.lists import LISTS, ListInfo
from listwatch.sources.download import download


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A local server holding consolidated.xml, and a list whose address it is."""
    root = tmp_path / "www"
    root.mkdir()
    (root / "consolidated.xml").write_bytes(b"<CONSOLIDATED_LIST>" + b" " * 200_000 + b"</CONSOLIDATED_LIST>")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/consolidated.xml"
    monkeypatch.setitem(LISTS, "test_list", ListInfo("test_list", "Test list", "un_sc", "UN", url))
    yield "test_list"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to stand for a full disk")
def test_a_full_disk_while_downloading(served: str, tmp_path: Path) -> None:
    dest = tmp_path / "downloads"
    dest.mkdir()
    (dest / ".consolidated.xml.part").symlink_to("/dev/full")  # every write fails with ENOSPC
    with pytest.raises(SourceUnavailable, match=r"could not be saved to .*No space left on device"):
        download(served, dest)
    assert sorted(p.name for p in dest.iterdir()) == []


def test_ctrl_c_while_downloading(served: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = httpx.Response.iter_bytes

    def interrupted(self: httpx.Response, *args: Any, **kwargs: Any) -> Iterator[bytes]:
        for number, chunk in enumerate(real(self, *args, **kwargs)):
            if number == 1:
                raise KeyboardInterrupt
            yield chunk

    monkeypatch.setattr(httpx.Response, "iter_bytes", interrupted)
    dest = tmp_path / "downloads"
    with pytest.raises(KeyboardInterrupt):
        download(served, dest)
    assert sorted(p.name for p in dest.iterdir()) == []
