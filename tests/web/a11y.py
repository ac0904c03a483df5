"""axe-core in the browser tests: every page a test visits is checked against the WCAG 2 A and AA
rules, and a violation fails the test with the rule ids and the elements that break them.

axe.min.js comes inside the ``axe-playwright-python`` wheel (docs/decisions.md), so this runs offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA: the tags axe files those success criteria under.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """The WCAG A/AA violations axe finds on the page as it stands now."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    violations: list[dict[str, Any]] = results.response["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    """One block per rule: its id, impact and help, then each offending element's selector and html."""
    lines = []
    for rule in violations:
        lines.append(f"{rule['id']} ({rule.get('impact')}): {rule['help']} [{len(rule['nodes'])} nodes]")
        for node in rule["nodes"][:10]:
            target = ", ".join(str(t) for t in node["target"])
            lines.append(f"    {target}: {node.get('html', '')[:200]}")
            summary = node.get("failureSummary")
            if summary:
                lines.append("      " + " ".join(summary.split()))
    return "\n".join(lines)


def assert_no_axe_violations(page: Any, name: str, artifacts: Path = ARTIFACTS) -> Path:
    """Screenshot the page to ``artifacts/<name>.png`` (kept whether or not axe passes, so a failure
    can be seen), then fail with every WCAG A/AA violation axe finds. Returns the screenshot's path."""
    artifacts.mkdir(parents=True, exist_ok=True)
    shot = artifacts / f"{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    violations = axe_violations(page)
    assert not violations, (
        f"axe found {len(violations)} WCAG A/AA rule(s) broken on {name} ({page.url}); "
        f"screenshot {shot}\n{describe(violations)}"
    )
    return shot
