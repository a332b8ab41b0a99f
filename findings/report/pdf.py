"""HTML → PDF for the reports; the renderer lives in the organisation core (`uwvkms.pdf`) so every
app can print without depending on findings."""

from uwvkms.pdf import html_to_pdf

__all__ = ["html_to_pdf"]
