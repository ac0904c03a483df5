"""A webhook receiver to try listwatch's webhooks with: prints each delivery and whether its signature
holds. Not for production (no TLS, one process).

.venv/bin/python scripts/webhook_receiver.py --port 8765 --secret "$SECRET"
listwatch webhook add http://127.0.0.1:8765/hook --secret "$SECRET"
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--secret", required=True)
    args = parser.parse_args()
    secret = args.secret.encode()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            want = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
            valid = hmac.compare_digest(want, self.headers.get("X-Listwatch-Signature", ""))
            alert = json.loads(body).get("alert", {}) if valid else {}
            print(
                f"delivery {self.headers.get('X-Listwatch-Delivery')}: signature "
                f"{'valid' if valid else 'INVALID'}; alert {alert.get('id')} {alert.get('kind')} "
                f"{alert.get('query_name')} ~ {alert.get('matched_name')} "
                f"({alert.get('list')} {alert.get('ref')})",
                flush=True,
            )
            self.send_response(200 if valid else 401)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    print(f"listening on http://127.0.0.1:{args.port}/hook", flush=True)
    HTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
