"""The CSV body of a bulk dossier import: the bytes as they are, within the API's body limit,
for the import service to read exactly as it reads an uploaded file."""

from rest_framework import parsers

from uwvkms.api.parsers import read_body_limited

CSV_MEDIA_TYPE = "text/csv"


class CsvBodyParser(parsers.BaseParser):
    """`Content-Type: text/csv`: the body as bytes (the service detects the encoding and the
    delimiter, as for an upload)."""

    media_type = CSV_MEDIA_TYPE

    def parse(self, stream, media_type=None, parser_context=None) -> bytes:
        if stream is None:
            return b""
        return read_body_limited(stream, parser_context)
