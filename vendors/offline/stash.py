"""Uploads waiting for the vendor's confirmation: kept privately in the file storage (a folder
under MEDIA_ROOT, or the private bucket) for a day at most, found again by an unguessable token.
The storage, not a web server's disk, so that the confirm step may reach another web server or a
worker on another machine."""

import re
import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

STASH_DIR = "offline-uploads"
STASH_MAX_AGE = timedelta(days=1)
STASH_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _name(token: str) -> str:
    return f"{STASH_DIR}/{token}"


def _sweep() -> None:
    """Uploads never confirmed are removed after a day."""
    try:
        _folders, names = default_storage.listdir(STASH_DIR)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - STASH_MAX_AGE
    for name in names:
        if STASH_TOKEN.match(name) and default_storage.get_modified_time(_name(name)) < cutoff:
            default_storage.delete(_name(name))


def stash_upload(content: bytes) -> str:
    """Keep an upload privately until the vendor confirms it; returns its token. Old ones are swept."""
    _sweep()
    token = uuid.uuid4().hex
    default_storage.save(_name(token), ContentFile(content))
    return token


def read_stash(token: str | None) -> bytes | None:
    if not token or not STASH_TOKEN.match(token) or not default_storage.exists(_name(token)):
        return None
    with default_storage.open(_name(token), "rb") as stashed:
        return stashed.read()


def drop_stash(token: str | None) -> None:
    if token and STASH_TOKEN.match(token):
        default_storage.delete(_name(token))
