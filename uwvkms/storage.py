"""Where private files live (uploaded evidence, published report PDFs): the storage named
"private" in `settings.STORAGES`, chosen by the environment. Every app reaches it through
`private_storage()`, and every read and write goes through Django's storage API (`open`, `save`,
`delete`), never a local path, so a shared volume or an S3-compatible store can hold them."""

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage without URLs: FileSystemStorage falls back to MEDIA_URL when it has
    no base URL, which would hand out a guessable public address. Files are served only by the
    permission-checked download views."""

    def url(self, name):
        raise ValueError("This file is not accessible via a URL; use the download view.")


def private_storage() -> Storage:
    """The configured private storage (a callable, so models and migrations never freeze it)."""
    return storages["private"]


def private_file_response(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """The stored bytes of a private file as a download, never shown inline (no sniffing, no
    caching): every permission-checked download view answers with this. 404 when the bytes are
    not in the storage (any more)."""
    storage = file.storage
    if not storage.exists(file.name):
        raise Http404
    if content_type == "text/plain":
        content_type = "text/plain; charset=utf-8"
    response = FileResponse(
        storage.open(file.name, "rb"),
        as_attachment=True,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
