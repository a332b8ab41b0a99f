"""The organisation's name and logo on the printed reports (issue 18): the settings
REPORT_ORGANISATION and REPORT_LOGO, read at each rendering so a replaced logo file shows at once.

A logo is used only when its file can be read and is a PNG, JPEG or GIF (what both WeasyPrint and
Word show); anything else is left out with one warning in the log, so a wrong path never turns a
report download into an error page. The PDF embeds it as a data URI (no file or network access
from WeasyPrint), Word as a picture; both with the alt text "Logo <organisation>"."""

import base64
import io
import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}
LOGO_MAX_BYTES = 2 * 1024 * 1024  # a logo, not a photo: keeps every PDF small and fast


@dataclass(frozen=True)
class Logo:
    data: bytes
    content_type: str
    width_px: int
    height_px: int
    alt: str

    @property
    def data_uri(self) -> str:
        encoded = base64.b64encode(self.data).decode("ascii")
        return f"data:{self.content_type};base64,{encoded}"

    @property
    def aspect(self) -> float:
        """Width over height."""
        return self.width_px / self.height_px


class Branding:
    """The organisation and its logo. The logo file is read on first use only, so a page that
    shows no logo (the report in the browser) never touches it."""

    def __init__(self, organisation: str, logo_path: str) -> None:
        self.organisation = organisation
        self.logo_path = logo_path

    @cached_property
    def logo(self) -> Logo | None:
        """The logo, or None when none is configured or it cannot be used."""
        return _logo(self.logo_path, self.organisation)


def report_branding() -> Branding:
    return Branding(settings.REPORT_ORGANISATION, settings.REPORT_LOGO)


def _logo(path: str, organisation: str) -> Logo | None:
    if not path:
        return None
    from PIL import Image  # noqa: PLC0415  (only when a logo is configured)

    try:
        data = Path(path).read_bytes()
        if len(data) > LOGO_MAX_BYTES:
            raise ValueError(f"larger than {LOGO_MAX_BYTES // (1024 * 1024)} MB")
        with Image.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
            image.verify()
        if kind not in LOGO_TYPES:
            raise ValueError(f"{kind} is not PNG, JPEG or GIF")
        if not width or not height:
            raise ValueError("an image without size")
    except Exception as exc:  # noqa: BLE001 - any unusable file is left out, never a 500
        logger.warning("REPORT_LOGO %s is left out of the report: %s", path, exc)
        return None
    return Logo(
        data=data,
        content_type=LOGO_TYPES[kind],
        width_px=width,
        height_px=height,
        alt=f"Logo {organisation}",
    )
