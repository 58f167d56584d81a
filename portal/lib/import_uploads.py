"""Uploaded spreadsheets kept between the preview and the confirmation, bound to their owner.

django-import-export keeps the uploaded file between the two steps and the confirm form
carries its name back; its default storage takes that name as a path in the system's
temp folder, so a forged name made the server read a file there, show its first line and
delete it. Here the name is a random token (32 hex digits) and the file lives in
``IMPORT_UPLOAD_DIR`` under that token only. The session remembers which tokens this
user uploaded, for which model, in which format and when: the confirmation (or a cancel)
accepts only a token found there, for the same user and model, younger than
``IMPORT_UPLOAD_MAX_AGE``; anything else is refused before any file is touched.

A kept file is removed after its confirmation, its cancel, a refused preview, and when it
expires (every new upload sweeps the folder of files older than the maximum age).
"""

from __future__ import annotations

import os
import re
import time
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from import_export.tmp_storages import BaseStorage

SESSION_KEY = "portal_import_uploads"
TOKEN = re.compile(r"[0-9a-f]{32}")
MAX_KEPT_PER_SESSION = 5


def upload_dir() -> Path:
    folder = Path(settings.IMPORT_UPLOAD_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


class UploadGone(Exception):
    """The kept file is no longer there (confirmed twice, swept meanwhile)."""


class KeptUploadStorage(BaseStorage):
    """import-export's temporary storage (``tmp_storage_class``): a token, never a path."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.name is not None and not TOKEN.fullmatch(str(self.name)):
            raise SuspiciousOperation("An import upload is named by its token only.")

    @property
    def path(self) -> Path:
        return upload_dir() / str(self.name)

    def save(self, data: bytes | str) -> None:
        self.save_chunks([data.encode() if isinstance(data, str) else data])

    def save_chunks(self, chunks: Iterable[bytes]) -> None:
        """Writes the upload as it arrives (no copy of the whole file in memory)."""
        self.name = uuid.uuid4().hex
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            for chunk in chunks:
                out.write(chunk)

    def read(self) -> bytes:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            raise UploadGone from None

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


@dataclass(frozen=True)
class KeptUpload:
    """What the session remembers of one previewed upload."""

    token: str
    user: int
    model: str
    format: str
    resource: str
    name: str
    created: float

    @property
    def expired(self) -> bool:
        return time.time() - self.created > settings.IMPORT_UPLOAD_MAX_AGE

    def discard(self) -> None:
        KeptUploadStorage(name=self.token).remove()


def _kept(request) -> dict[str, dict]:
    return dict(request.session.get(SESSION_KEY, {}))


def remember(request, *, token: str, model: str, format: str, resource: str, name: str) -> None:
    """Binds a previewed upload to this session and user (older ones beyond a few go)."""
    kept = _kept(request)
    entry = KeptUpload(
        token=token,
        user=request.user.pk,
        model=model,
        format=str(format),
        resource=str(resource or ""),
        name=name[:200],
        created=time.time(),
    )
    kept[token] = asdict(entry)
    for old in sorted(kept.values(), key=lambda e: e["created"])[:-MAX_KEPT_PER_SESSION]:
        KeptUploadStorage(name=old["token"]).remove()
        del kept[old["token"]]
    request.session[SESSION_KEY] = kept


def take(request, token, *, model: str) -> KeptUpload | None:
    """The upload this user previewed under ``token`` for ``model``, forgotten once taken.

    ``None`` for a missing, malformed, unknown, expired, other user's or other model's
    token; no file is touched unless the token is this session's own.
    """
    if not isinstance(token, str) or not TOKEN.fullmatch(token):
        return None
    kept = _kept(request)
    entry = kept.get(token)
    if entry is None:
        return None
    upload = KeptUpload(**entry)
    if upload.user != request.user.pk or upload.model != model:
        return None
    del kept[token]
    request.session[SESSION_KEY] = kept
    if upload.expired:
        upload.discard()
        return None
    return upload


def sweep(request=None) -> int:
    """Removes kept files older than the maximum age (and this session's stale entries)."""
    removed = 0
    limit = time.time() - settings.IMPORT_UPLOAD_MAX_AGE
    for path in upload_dir().iterdir():
        if not TOKEN.fullmatch(path.name):
            continue
        try:
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                removed += 1
        except FileNotFoundError:
            continue
    if request is not None and SESSION_KEY in request.session:
        kept = {t: e for t, e in _kept(request).items() if not KeptUpload(**e).expired}
        request.session[SESSION_KEY] = kept
    return removed
