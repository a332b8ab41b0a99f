"""Forms of the documents in a herstelactie's dossier, and the choice of one on a decision or a
notification."""

from django import forms
from django.utils.translation import gettext_lazy as _

from herstel.constants import DocumentKind
from uwvkms.forms import WithdrawForm
from uwvkms.uploads import ALLOWED_EXTENSIONS


class ActionDocumentForm(forms.Form):
    """Upload a document, or a new version of one (same kind and title)."""

    kind = forms.ChoiceField(label=_("Soort document"), choices=())
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        help_text=_(
            "Dezelfde soort en titel als een bestaand document maakt er een nieuwe versie van; "
            "de eerdere versies blijven bewaard."
        ),
    )
    file = forms.FileField(
        label=_("Bestand"),
        allow_empty_file=True,  # the upload check says why an empty file is refused
        max_length=1000,
        help_text=_("PDF, DOCX, XLSX, PPTX, ODT, TXT, PNG of JPEG."),
        error_messages={"required": _("Kies een bestand.")},
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)}
        ),
    )

    def __init__(self, *args, kinds: list[DocumentKind], **kwargs):
        super().__init__(*args, prefix="document", **kwargs)
        self.fields["kind"].choices = [("", "–"), *((k.value, k.label) for k in kinds)]


class DocumentChoiceField(forms.ModelChoiceField):
    """An uploaded document of the action (its current, not withdrawn versions)."""

    def label_from_instance(self, obj) -> str:
        return str(obj)


def document_choice_field() -> DocumentChoiceField:
    return DocumentChoiceField(
        label=_("Bestand uit het dossier"),
        queryset=None,
        required=False,
        empty_label=_("– geen –"),
        help_text=_("Een document uit het dossier van deze herstelactie (tab Documenten)."),
    )


class DocumentWithdrawForm(WithdrawForm):
    """Withdraw a version uploaded in error: the reason is required and stays with it."""

    reason_help = _(
        "Waarom is deze versie ten onrechte toegevoegd (bijvoorbeeld het verkeerde bestand of "
        "de verkeerde herstelactie)? De reden blijft zichtbaar."
    )
    required_message = _("Geef de reden waarom u deze versie intrekt.")
