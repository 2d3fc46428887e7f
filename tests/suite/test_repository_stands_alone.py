"""The repository explains itself: no file points at a document outside it (the design and the policy
texts are described in docs/, in the project's own words)."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE = re.compile(r"\.\./shared|/work/|DESIGN\.md|STYLE\.md|MACHINE-NOTES|(?<![\w/#])policy/[a-z0-9-]+\.txt")


def test_no_tracked_file_cites_a_document_outside_the_repository():
    listing = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)  # noqa: S607
    files = listing.stdout.split()
    offenders = []
    for name in files:
        path = ROOT / name
        if name == "tests/suite/test_repository_stands_alone.py" or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        offenders += [f"{name}:{number}" for number, line in enumerate(text.splitlines(), 1) if OUTSIDE.search(line)]
    assert not offenders, f"cites a file outside the repository: {offenders[:20]}"


def test_every_docs_link_resolves():
    missing = []
    for page in (ROOT / "docs").glob("*.md"):
        for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if not (page.parent / target).resolve().exists():
                missing.append(f"{page.name} → {target}")
    assert not missing, missing
