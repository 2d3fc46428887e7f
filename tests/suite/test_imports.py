"""Imports show the layers and modules stay small. A project module imports project modules at its top,
where they can be seen, never inside a function (which hides an import circle or an upward dependency) — except in
``AppConfig.ready()``, where apps register with the mechanisms below them (docs/architecture.md)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (
    "accounts",
    "catalogues",
    "commendations",
    "committees",
    "demo",
    "eligibility",
    "evaluations",
    "exports",
    "notices",
    "notifications",
    "programs",
    "talentportal",
    "talents",
    "workflow",
)


def _local_project_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if path.name == "apps.py" and function.name == "ready":
            continue
        for node in ast.walk(function):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            if any(name.split(".")[0] in PACKAGES for name in names):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} ({function.name})")
    return found


def test_no_function_imports_a_project_module_except_app_ready():
    offenders = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                offenders += _local_project_imports(path)
    assert not offenders, offenders


def test_no_module_grows_past_about_500_lines():
    """A module past ~500 lines becomes a package of the same name, split by area (docs/conventions.md)."""
    long = []
    for package in (*PACKAGES, "tests", "bench"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts and len(path.read_text(encoding="utf-8").splitlines()) > 520:
                long.append(str(path.relative_to(ROOT)))
    assert not long, long
