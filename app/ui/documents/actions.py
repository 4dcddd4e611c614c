"""What the clerk does to one issued document: extend, reprint, annul. Shared by the file
page and the document dialog; each action goes through the services, then tells the views."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from app.domain.explain import explain
from app.domain.model import IssuedDocument
from app.domain.rules import ExtensionDecision
from app.services import records
from app.services import settings as settings_service
from app.services.auth import NotAllowed
from app.services.forms import FormError
from app.services.issuing import annul_document, extend_document, extension_decision, reprint
from app.ui.context import UiContext
from app.ui.documents.labels import annex_title, day_text, ui_language
from app.ui.documents.printing import print_pdf
from app.ui.i18n import _
from app.ui.messages import ask_yes_no, show_information, show_warning
from app.ui.rights.roles import tell_not_allowed

logger = logging.getLogger(__name__)


def default_printer(ctx: UiContext) -> str:
    """The commune's printer for annexes (settings key ``default_printer``), or ''."""
    return settings_service.default_printer(ctx.desk) or ""


def _announce(ctx: UiContext, document: IssuedDocument) -> None:
    ctx.changed("document", document.id)
    if document.file_id is not None:
        ctx.changed("file", document.file_id)


def refusal_reason(decision: ExtensionDecision) -> str:
    """The rules' words on an extension, their numbers first ("R6 — ...")."""
    rules = ", ".join(dict.fromkeys(finding.rule for finding in decision.findings))
    return f"{rules} — {explain(decision.findings, ui_language())}"


def extend(ctx: UiContext, doc_id: int, parent: QWidget | None) -> bool:
    """Extend by the same duration, or say why not (the rule's number first); print the
    extended document. Returns True when extended."""
    document = records.document(ctx.desk, doc_id)
    ahead = extension_decision(ctx.desk, doc_id)
    if ahead.new_valid_until is None:
        show_warning(parent, _("Extension refused"), refusal_reason(ahead))
        return False
    question = _(
        "Extend {annex} no. {number}, now valid until {date}? It will be valid until {new_date}."
    ).format(
        annex=annex_title(document.annex.value),
        number=document.number,
        date=day_text(document.valid_until),
        new_date=day_text(ahead.new_valid_until),
    )
    if not ask_yes_no(parent, _("Extend"), question):
        return False
    updated, decision = extend_document(ctx.desk, doc_id)
    reason = refusal_reason(decision)
    if updated is None:
        logger.info("extension of %s refused (%s)", document.number, reason)
        show_warning(parent, _("Extension refused"), reason)
        return False
    _announce(ctx, updated)
    text = _("{number} is now valid until {date}.").format(
        number=updated.number, date=day_text(updated.valid_until)
    )
    show_information(parent, _("Extended"), f"{text}\n\n{reason}")
    print_pdf(records.document_pdf(ctx.desk, doc_id), parent, default_printer(ctx))
    return True


def reprint_document(ctx: UiContext, doc_id: int, parent: QWidget | None) -> bool:
    """Print a new paper of the document: marked DUPLICATA with today's date, or ANNULÉ for
    an annulled one (the service records the copy; the register's PDF stays as issued)."""
    try:
        pdf = reprint(ctx.desk, doc_id)
    except FormError as error:
        logger.error("forms refused: %s", error)
        show_warning(parent, _("Not printed"), str(error))
        return False
    _announce(ctx, records.document(ctx.desk, doc_id))
    return print_pdf(pdf, parent, default_printer(ctx))


def ask_annul_reason(parent: QWidget | None, document: IssuedDocument) -> str | None:
    """The reason for an annulment, or None when the clerk cancels."""
    text, accepted = QInputDialog.getText(
        parent,
        _("Annul"),
        _("Why is {number} annulled? The number and the PDF stay in the register.").format(
            number=document.number
        ),
        QLineEdit.EchoMode.Normal,
    )
    return text.strip() if accepted else None


def annul(ctx: UiContext, doc_id: int, parent: QWidget | None) -> bool:
    """Annul with a reason (required). Returns True when annulled."""
    document = records.document(ctx.desk, doc_id)
    reason = ask_annul_reason(parent, document)
    if reason is None:
        return False
    if not reason:
        show_warning(parent, _("Not annulled"), _("An annulment needs a reason."))
        return False
    try:
        annulled = annul_document(ctx.desk, doc_id, reason)
    except NotAllowed as error:
        tell_not_allowed(parent, error)
        return False
    _announce(ctx, annulled)
    return True


#: The shape of the three document actions, for the views that call them.
DocumentAction = Callable[[UiContext, int, QWidget | None], bool]
