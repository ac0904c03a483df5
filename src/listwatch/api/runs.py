"""``/match`` requests as audit runs: what was asked, against which list versions, what was answered.

A run keeps the request whole (path, parameters, body), so ``listwatch replay`` can answer it again
through the same route, against the record as listwatch held it when the request came, and say whether
the answer is the same. Recording happens after the response is sent: it costs the client nothing.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
from datetime import date, datetime
from typing import Any

from fastapi import BackgroundTasks, Response
from pydantic.fields import FieldInfo

from listwatch.api.models import EntityMatchQuery, EntityMatchResponse
from listwatch.api.services import Services
from listwatch.audit.runs import Run, RunSettings, record
from listwatch.errors import InputError
from listwatch.store import Store
from listwatch.store.base import now_iso

log = logging.getLogger(__name__)
KIND = "match"
# The route's own arguments that are not the request's.
_NOT_ASKED = {"body", "response", "reader", "services", "background"}


def request_of(dataset: str, params: dict[str, Any], body: EntityMatchQuery) -> dict[str, Any]:
    """The request as kept: enough to send it again."""
    asked = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items() if k not in _NOT_ASKED}
    return {
        "dataset": dataset,
        "params": asked,
        "body": body.model_dump(mode="json", by_alias=True, exclude_unset=True),
    }


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def match_run(started: str, request: dict[str, Any], answer: EntityMatchResponse) -> Run:
    """The run of one answered request: its hits are every result returned, per query id."""
    hits: list[list[Any]] = []
    for qid, matches in answer.responses.items():
        for result in matches.results:
            hits.append([qid, result.id, round(result.score, 6), result.list_ or "", result.ref or ""])
    answered = answer.model_dump(mode="json", by_alias=True)
    settings = RunSettings(
        date.fromisoformat(answer.as_of),
        date.fromisoformat(answer.known_at) if answer.known_at else None,
        None if request["dataset"] == "default" else [request["dataset"]],
        answer.threshold if answer.threshold is not None else 0.0,
        answer.limit,
    )
    return Run(
        KIND, started, f"POST /match/{request['dataset']}", _digest(request), len(request["body"]["queries"]),
        settings, answer.algorithm, answer.versions, hits, _digest(answered["responses"]),
        input_body=json.dumps(request, ensure_ascii=False, sort_keys=True),
    )  # fmt: skip


def keep(store: Store, run: Run) -> None:
    """Record ``run``; a store the server may only read (a read-only file, a replica) is not an error
    for the client, who has its answer: it is logged."""
    try:
        record(store, run)
    except Exception as exc:  # any store failure: the client has its answer
        log.warning("a /match run was not recorded: %s", exc)


def replay_match(store: Store, services: Services, original: Run) -> Run:
    """Send the kept request again through the route, reading the record as it stood when it came."""
    from listwatch.api.routes.match import match  # the route itself: the same path as the request took

    if not original.input_body:
        raise InputError("RUN", f"run {original.id} kept no request body: it cannot be replayed")
    request = json.loads(original.input_body)
    body = EntityMatchQuery.model_validate(request["body"])
    reader = store.reader(datetime.fromisoformat(original.started_at))
    kwargs: dict[str, Any] = {}
    for name, parameter in inspect.signature(match).parameters.items():
        if name in _NOT_ASKED or name == "dataset":
            continue
        if name in request["params"]:
            kwargs[name] = request["params"][name]
        elif isinstance(parameter.default, FieldInfo):  # a parameter added since: its default
            kwargs[name] = parameter.default.get_default()
        else:
            kwargs[name] = parameter.default
    for name in ("as_of", "known_at"):
        if isinstance(kwargs.get(name), str):
            kwargs[name] = date.fromisoformat(kwargs[name])
    fresh = Services(services.settings, store)
    started = now_iso()
    answer = match(
        body=body, response=Response(), dataset=request["dataset"], reader=reader, services=fresh,
        background=BackgroundTasks(), **kwargs,
    )  # fmt: skip
    again = match_run(started, request, answer)
    again.kind, again.replay_of = "replay", original.id
    return again
