"""Where private files live (uploaded evidence, published report PDFs): the storage named
"private" in `settings.STORAGES`, chosen by the environment. Every app reaches it through
`private_storage()`, and every read and write goes through Django's storage API (`open`, `save`,
`delete`), never a local path, so a shared volume or an S3-compatible store can hold them."""

from django.core.files.storage import FileSystemStorage, Storage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage without URLs: FileSystemStorage falls back to MEDIA_URL when it has
    no base URL, which would hand out a guessable public address. Files are served only by the
    permission-checked download views."""

    def url(self, name):
        raise ValueError("This file is not accessible via a URL; use the download view.")


def private_storage() -> Storage:
    """The configured private storage (a callable, so models and migrations never freeze it)."""
    return storages["private"]
