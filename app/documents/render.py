"""Render one annex to PDF bytes: format the data for its language, lay it out, nothing fetched.

The same :class:`AnnexData` always gives the same bytes (invariant mode, creation date taken
from the day of issue): the register relies on a reprint being identical.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from datetime import date

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate

from app import __version__
from app.documents import styles as measures
from app.documents.context import AnnexData, PersonData
from app.documents.forms import FormSet, FormVersion, Wording, load_forms
from app.documents.locale_format import country_name, long_date, national_number
from app.documents.story import BLANK, Sheet, build_story, draw_page
from app.documents.styles import styles

logger = logging.getLogger(__name__)

# Nothing in an annex comes from a URL: refuse every host and scheme.
rl_config.trustedHosts = []
rl_config.trustedSchemes = []
rl_config.invariant = 1


def render_annex(data: AnnexData, forms: FormSet | None = None) -> bytes:
    """The PDF of one annex, A4, in ``data.language``, from ``forms`` (the built-in forms
    when not given; the services pass the commune's overrides)."""
    sheet = make_sheet(data, forms)
    st = styles()
    buffer = io.BytesIO()

    def on_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.setDateFormatter(_pdf_date(data.issued_on))
        draw_page(canvas, sheet, st)

    measures.build_a4(
        buffer,
        build_story(sheet, st),
        title=" – ".join((_first(sheet, "heading"), _first(sheet, "title"))),
        author=_first(sheet, "commune"),
        on_page=on_page,
    )
    logger.debug("rendered annex %s (%s) %s", data.annex, data.language, data.register_number)
    return buffer.getvalue()


def make_sheet(data: AnnexData, forms: FormSet | None = None) -> Sheet:
    """Pick the form in force on the day of issue and format every value for its language."""
    form = (forms or load_forms()).in_force(data.annex, data.issued_on)
    language = data.language
    wording = form.wording(language, data.variant)

    def day(value: date | None) -> str:
        return long_date(value, language) if value else ""

    person = data.person
    sex = {"M": "sex_m", "F": "sex_f"}.get(person.sex or "")
    values = {
        "commune": data.commune_name,
        "issued_on": day(data.issued_on),
        "valid_until": day(data.valid_until),
        "permit_expiry": day(data.permit_expiry),
        "renewal_filed_on": day(data.renewal_filed_on),
        "handed_in_document": _handed_in(data, wording),
        "family_of": _family_of(data.family_of),
        "form_files": _form_files(form),
    }
    identity = {
        "surname": person.surname,
        "given_names": person.given_names,
        "birth_date": day(person.birth_date),
        "birth_place": person.birth_place,
        "nationality": country_name(person.nationality, language) if person.nationality else "",
        "national_number": national_number(person.national_number),
        "sex": " ".join(wording[sex]) if sex else "",
        "address": person.address,
        "card": person.card_number if person.card_kind else "",
        "relationship": _relationship(person, wording),
    }
    return Sheet(
        wording=wording,
        values=values,
        identity=identity,
        register_number=data.register_number,
        commune_address=data.commune_address,
        logo=data.commune_logo,
        signatory_name=data.signatory_name,
        signatory_title=data.signatory_title,
        missing_documents=data.missing_documents,
        extension_boxes=form.extension_boxes,
        extensions=tuple(day(end) for end in data.extensions[: form.extension_boxes]),
        extension_signed=tuple(
            (day(signed.on), signed.signatory_name, signed.signatory_title)
            for signed in data.extension_signatures[: form.extension_boxes]
        ),
        specimen=data.specimen,
        card_label="label_residence_card" if person.card_kind == "residence_card" else "label_card",
        form_line="form_override" if any(s.override for s in form.sources) else "form_builtin",
    )


def _handed_in(data: AnnexData, wording: Wording) -> str:
    """Annex 49 at a first registration: what was handed in, as the file recorded it."""
    name = f"handed_in_{data.handed_in}"
    if data.handed_in and name in wording:
        return " ".join(wording[name]).replace("{handed_in_number}", data.handed_in_number or BLANK)
    return data.handed_in_document


def _relationship(person: PersonData, wording: Wording) -> str:
    """A family member's tie to the holder, in the paper's language and the person's sex."""
    if not person.relationship:
        return ""
    sex = {"M": "_m", "F": "_f"}.get(person.sex or "", "")
    for name in (f"relationship_{person.relationship}{sex}", f"relationship_{person.relationship}"):
        if name in wording:
            return " ".join(wording[name])
    return person.relationship


def _form_files(form: FormVersion) -> str:
    """Which files printed the paper, language-neutral, for the footer."""
    overridden = [source.describe() for source in form.sources if source.override]
    if overridden:
        return "; ".join(overridden)
    return f"PermitDesk {__version__}, annex-{form.annex}.toml {form.applies_from.isoformat()}"


def _family_of(holder: PersonData | None) -> str:
    if holder is None:
        return ""
    name = ", ".join(part for part in (holder.surname, holder.given_names) if part)
    number = national_number(holder.national_number)
    return f"{name} ({number})" if number else name


def _first(sheet: Sheet, name: str) -> str:
    return " ".join(sheet.wording[name]).replace("{commune}", sheet.values["commune"])


def _pdf_date(issued_on: date) -> Callable[..., str]:
    """reportlab's date formatter, fixed to the day of issue whatever the clock says."""
    stamp = f"D:{issued_on:%Y%m%d}000000+00'00'"
    return lambda *_ignored: stamp
