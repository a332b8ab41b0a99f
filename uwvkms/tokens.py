"""Personal API token keys: generated at random, stored only as their SHA-256 hash."""

import hashlib
import secrets

KEY_PREFIX = "uwv_"
PREFIX_LENGTH = 12


def token_key_generate() -> str:
    """A new random key (shown to its owner once)."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def token_hash(key: str) -> str:
    """The SHA-256 hex digest under which a key is stored and looked up."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
