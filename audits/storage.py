"""Where uploaded evidence lives: the core's private storage (`uwvkms.storage`), outside the web
root and never under a public URL. Files are served only by the permission-checked download view.
The name stays here because migrations refer to `audits.storage.private_storage`."""

from uwvkms.storage import private_storage

__all__ = ["private_storage"]
