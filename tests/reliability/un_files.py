"""UN SC XML written by the tests: a list of ``n`` individuals and a few entities, with any element
renamed, as a changed UN generator would write it. Small enough that a test ingests it in milliseconds,
large enough (past ``checks.MIN_LOST``) that a broken version is a mass delisting or amendment."""

from __future__ import annotations

from pathlib import Path


def un_xml(
    generated: str,
    *,
    individuals: int = 30,
    entities: int = 5,
    rename: dict[str, str] | None = None,
    listed_on: str = "2001-02-23",
) -> str:
    rename = rename or {}

    def tag(name: str) -> str:
        return rename.get(name, name)

    people = "".join(
        f"<{tag('INDIVIDUAL')}><DATAID>{i}</DATAID><FIRST_NAME>PERSON {i:03d}</FIRST_NAME>"
        f"<SECOND_NAME>EXAMPLE</SECOND_NAME><{tag('UN_LIST_TYPE')}>Taliban</{tag('UN_LIST_TYPE')}>"
        f"<REFERENCE_NUMBER>TAi.{i:03d}</REFERENCE_NUMBER>"
        f"<{tag('LISTED_ON')}>{listed_on}</{tag('LISTED_ON')}></{tag('INDIVIDUAL')}>\n"
        for i in range(1, individuals + 1)
    )
    groups = "".join(
        f"<{tag('ENTITY')}><DATAID>{900 + i}</DATAID><FIRST_NAME>GROUP {i:03d}</FIRST_NAME>"
        f"<{tag('UN_LIST_TYPE')}>Al-Qaida</{tag('UN_LIST_TYPE')}>"
        f"<REFERENCE_NUMBER>QDe.{i:03d}</REFERENCE_NUMBER>"
        f"<{tag('LISTED_ON')}>2005-10-06</{tag('LISTED_ON')}></{tag('ENTITY')}>\n"
        for i in range(1, entities + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<CONSOLIDATED_LIST dateGenerated="{generated}T10:00:00.000Z">\n'
        f"<{tag('INDIVIDUALS')}>\n{people}</{tag('INDIVIDUALS')}>\n"
        f"<{tag('ENTITIES')}>\n{groups}</{tag('ENTITIES')}>\n"
        "</CONSOLIDATED_LIST>\n"
    )


def write_un(folder: Path, generated: str, **kwargs: object) -> Path:
    path = folder / f"{generated}-consolidated.xml"
    path.write_text(un_xml(generated, **kwargs), encoding="utf-8")  # type: ignore[arg-type]
    return path
