"""The facts on the cover and in the running header and footer of every printed report (issue 18,
as the 2023 report): title, subtitle, Status, Versie, Datum, Auteur. One value per report, used by
its PDF template (findings/report/cover.html, running.html) and its Word file alike, so the two
say the same."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str
    status: str
    version: str  # "" when the report has no version number: the cover shows "–"
    date: str  # as printed, e.g. "7 december 2026"
    author: str

    @property
    def version_shown(self) -> str:
        return self.version or "–"

    @property
    def running_version(self) -> str:
        """The footer's "Versie …": the version, or the status while there is none."""
        return self.version or self.status
