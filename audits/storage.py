"""Where uploaded evidence lives: outside the web root, never under a public URL. Files are
served only by the permission-checked download view."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file system storage without URLs: FileSystemStorage falls back to MEDIA_URL when it has
    no base URL, which would hand out a guessable public address."""

    def url(self, name):
        raise ValueError("This file is not accessible via a URL; use the download view.")


def private_storage() -> FileSystemStorage:
    return PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
