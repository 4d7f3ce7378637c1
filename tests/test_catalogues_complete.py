"""A language is offered only when it is complete: every string of the product, extracted afresh from
the code and templates, is translated and none is fuzzy in every language of LANGUAGES. A new string
without its translations fails here, so no later change can leave a language behind."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIPPED = {".git", ".venv", "node_modules", "staticfiles", "private_media", "__pycache__", ".pytest_cache", "tmp"}
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory) -> Path:
    """The catalogues merged with the strings of today's code, in a copy so the tree is untouched."""
    copy = tmp_path_factory.mktemp("catalogues") / "project"
    shutil.copytree(ROOT, copy, ignore=lambda _dir, names: [n for n in names if n in SKIPPED or n.endswith(".mo")])
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "-v", "0"]
    command += [f"--locale={code}" for code in LANGUAGES]
    subprocess.run(command, cwd=copy, check=True, env={"DEBUG": "1", "PATH": "/usr/bin:/bin"}, timeout=300)
    return copy / "locale"


def entries(po_file: Path, *flags: str) -> list[str]:
    """The msgids msgattrib selects with these flags (e.g. --untranslated)."""
    found = subprocess.run(["msgattrib", *flags, "--no-wrap", str(po_file)], capture_output=True, text=True, check=True)
    ids = re.findall(r'^msgid "(.*)"$', found.stdout, flags=re.MULTILINE)
    return [text for text in ids if text]  # the header's msgid is empty


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_string_is_translated_in(code, fresh_catalogues):
    po_file = fresh_catalogues / code / "LC_MESSAGES" / "django.po"
    assert entries(po_file, "--untranslated") == []
    assert entries(po_file, "--only-fuzzy") == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_committed_catalogue_compiles_cleanly(code, tmp_path):
    po_file = ROOT / "locale" / code / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(po_file)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages\.\n", result.stderr), result.stderr
