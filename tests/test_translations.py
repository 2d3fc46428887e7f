"""Every user-facing string is translated to zh-hans: extract the messages afresh and compare."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def msgids(po_text: str, translated_only: bool) -> set[str]:
    """msgid → whether it has a non-empty, non-fuzzy msgstr (plural forms: msgstr[0])."""
    found = set()
    for block in po_text.split("\n\n"):
        if "#, fuzzy" in block and translated_only:
            continue
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
        if not msgid:
            continue
        key = "".join(re.findall(r'"(.*)"', msgid.group(1)))
        value = "".join(re.findall(r'"(.*)"', msgstr.group(1))) if msgstr else ""
        if key and (value or not translated_only):
            found.add(key)
    return found


@pytest.mark.slow
def test_every_marked_string_has_a_zh_hans_translation(tmp_path):
    if not shutil.which("xgettext"):
        pytest.fail("gettext is not installed: the test command installs it")
    # makemessages writes into the tree it runs in, so it runs in a scratch copy of the sources.
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "locale", "tests", "static", "*.sqlite3")
    )
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "talentportal.settings.test"}
    subprocess.run(  # noqa: S603 — our own manage.py with fixed arguments
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "-v0"],
        cwd=copy,
        env=env,
        check=True,
        timeout=300,
    )
    extracted = msgids((copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"), False)
    translated = msgids(CATALOGUE.read_text(encoding="utf-8"), True)
    missing = sorted(extracted - translated)
    assert len(extracted) > 100
    assert not missing, f"{len(missing)} strings lack a zh-hans translation, e.g. {missing[:10]}"
