"""Reads of the documents in a herstelactie's dossier. Callers pass an action they got through
the access-checked getter in `actions.py` (everyone who reads the action reads its documents);
a document is fetched only within its action."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from herstel.constants import DocumentKind
from herstel.models import ActionDocument, Decision, GoDecision, Herstelactie, Notification


def _in_use():
    """Whether a standing decision (not replaced by a correction), a kennisgeving or a go/no-go
    rests on the outer document: such a version is not withdrawn (services.documents)."""
    return (
        Exists(Decision.objects.filter(document_file=OuterRef("pk"), correction__isnull=True))
        | Exists(Notification.objects.filter(document_file=OuterRef("pk")))
        | Exists(GoDecision.objects.filter(document_file=OuterRef("pk")))
    )


def document_in_use(document: ActionDocument) -> bool:
    """Whether a standing decision or a kennisgeving rests on `document` (one query)."""
    return (
        ActionDocument.with_withdrawn.filter(pk=document.pk)
        .annotate(in_use=_in_use())
        .values_list("in_use", flat=True)
        .get()
    )


@dataclass(frozen=True)
class DocumentSeries:
    """One document (a kind and a title) with its versions, newest first; withdrawn versions
    too (the page strikes them through with the reason)."""

    title: str
    versions: list[ActionDocument]

    @property
    def current(self) -> ActionDocument | None:
        """The newest version that is not withdrawn."""
        return next((v for v in self.versions if not v.is_withdrawn), None)


@dataclass(frozen=True)
class DocumentGroup:
    kind: DocumentKind
    series: list[DocumentSeries]


def documents_by_kind(action: Herstelactie) -> list[DocumentGroup]:
    """The action's documents grouped by kind (in the order of DocumentKind, only kinds with a
    document), each title with its versions; each version knows whether a decision or a
    kennisgeving rests on it (`in_use`: it is not withdrawn). One query, however many
    documents."""
    rows = (
        ActionDocument.with_withdrawn.filter(herstelactie=action)
        .annotate(in_use=_in_use())
        .select_related("uploaded_by", "withdrawn_by")
        .order_by("kind", "title", "-version")
    )
    series: dict[str, dict[str, list[ActionDocument]]] = {}
    for document in rows:
        series.setdefault(document.kind, {}).setdefault(document.title, []).append(document)
    return [
        DocumentGroup(
            kind=kind,
            series=[DocumentSeries(title, versions) for title, versions in series[kind].items()],
        )
        for kind in DocumentKind
        if kind.value in series
    ]


def documents_to_refer(action: Herstelactie) -> QuerySet[ActionDocument]:
    """The versions a decision or notification of the action may refer to: not withdrawn,
    by kind and title, newest version first."""
    return ActionDocument.objects.filter(herstelactie=action).order_by("kind", "title", "-version")


def document_get(*, action: Herstelactie, pk: int, withdrawn_too: bool = False) -> ActionDocument:
    """A document version of the action; 404 otherwise, and for a withdrawn one unless
    `withdrawn_too` (a withdrawn version is no longer downloaded)."""
    documents = ActionDocument.with_withdrawn if withdrawn_too else ActionDocument.objects
    document = documents.filter(herstelactie=action, pk=pk).select_related("withdrawn_by").first()
    if document is None:
        raise Http404
    return document
