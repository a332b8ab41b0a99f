"""Where uploaded evidence lives: outside the web root, never under a public URL. Files are
served only by the permission-checked download view."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
