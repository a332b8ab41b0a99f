"""Small files and helpers for the tests of the documents in a herstelactie's dossier."""

from herstel.services.documents import action_document_upload

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
TEXT = "Nota aan de minister\n\nDe RvB stelt voor de cliënten na te betalen.\n".encode()


def upload(action, actor, kind="advies", title="Advies aan de DT", name="advies.pdf", data=PDF):
    action.refresh_from_db()
    return action_document_upload(
        actor=actor, herstelactie=action, kind=kind, title=title, name=name, data=data
    )
