"""Write the generated command reference into docs/cli.md (between the markers), from the CLI itself.

.venv/bin/python scripts/cli_docs.py          # rewrite docs/cli.md
.venv/bin/python scripts/cli_docs.py --check  # exit 1 if docs/cli.md is out of date (tests do this)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from doc_section import write_or_check

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
START, END = "<!-- generated: start -->", "<!-- generated: end -->"


# Typer ships its own copy of click, so commands are recognised by what they do, not by class.
def _is_group(command: Any) -> bool:
    return hasattr(command, "list_commands")


def _commands(group: Any, prefix: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    ctx = group.context_class(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        full = f"{prefix} {name}"
        if _is_group(command):
            out.extend(_commands(command, full))
        else:
            out.append((full, command))
    return out


def reference() -> str:
    from listwatch.cli.main import app

    root = typer.main.get_command(app)
    assert _is_group(root)
    lines: list[str] = []
    for full, command in _commands(root, "listwatch"):
        ctx = command.context_class(command, info_name=full)
        usage = " ".join(command.collect_usage_pieces(ctx))
        lines += [f"### `{full}`", "", (command.help or "").strip().split("\n\n")[0].replace("\n", " "), ""]
        lines += ["```text", f"{full} {usage}".rstrip(), "```", ""]
        rows = []
        for param in command.params:
            if param.param_type_name == "option":
                names = ", ".join(f"`{o}`" for o in param.opts + param.secondary_opts)
                help_text = (param.help or "").replace("|", "\\|").replace("\n", " ")
                rows.append(f"| {names} | {help_text} |")
            elif param.param_type_name == "argument":
                rows.append(f"| `{param.name.upper() if param.name else ''}` | argument |")
        if rows:
            lines += ["| option | meaning |", "|---|---|", *rows, ""]
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    return write_or_check(DOC, START, END, reference(), "docs/cli.md", "cli_docs.py")


if __name__ == "__main__":
    raise SystemExit(main())
