"""Uploads waiting for the vendor's confirmation: kept privately under MEDIA_ROOT for a day at
most, found again by an unguessable token."""

import re
import time
import uuid
from pathlib import Path

from django.conf import settings

STASH_DIR = "offline-uploads"
STASH_MAX_AGE_SECONDS = 24 * 3600
STASH_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _stash_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / STASH_DIR


def stash_upload(content: bytes) -> str:
    """Keep an upload privately until the vendor confirms it; returns its token. Old ones are swept."""
    folder = _stash_dir()
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - STASH_MAX_AGE_SECONDS
    for old in folder.iterdir():
        if old.is_file() and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = uuid.uuid4().hex
    (folder / token).write_bytes(content)
    return token


def read_stash(token: str | None) -> bytes | None:
    if not token or not STASH_TOKEN.match(token):
        return None
    path = _stash_dir() / token
    return path.read_bytes() if path.is_file() else None


def drop_stash(token: str | None) -> None:
    if token and STASH_TOKEN.match(token):
        (_stash_dir() / token).unlink(missing_ok=True)
