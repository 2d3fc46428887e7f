"""Every audit action a service writes has a translated label: the audit trail never shows a code."""

import ast
from pathlib import Path

from accounts.models import AUDIT_ACTION_LABELS
from tests.suite.test_imports import PACKAGES

ROOT = Path(__file__).resolve().parents[2]


def _written_actions() -> dict[str, str]:
    """action code → where ``audit_record(..., action="<code>")`` writes it (constant codes only)."""
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name not in ("audit_record", "audit_record_many"):
                    continue
                for keyword in node.keywords:
                    if keyword.arg == "action" and isinstance(keyword.value, ast.Constant):
                        found[keyword.value.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def test_every_audit_action_written_by_a_service_has_a_label():
    written = _written_actions()
    assert len(written) > 20  # the scan found the services' calls
    unlabelled = {code: where for code, where in written.items() if code not in AUDIT_ACTION_LABELS}
    assert not unlabelled, unlabelled
