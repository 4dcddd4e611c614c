"""The layout of an annex: reportlab flowables from a form's wording and formatted values.

The layout knows no language: every word comes from the form version (already in the
document's language) and every value is already formatted. All text is escaped here, so a
name holding ``<b>`` or ``&`` prints literally.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents import styles as measures
from app.documents.forms import Wording
from app.documents.styles import Styles

logger = logging.getLogger(__name__)

BLANK = "…………………"  # a value left to fill in by hand
IDENTITY_ROWS = (
    "surname",
    "given_names",
    "birth_date",
    "birth_place",
    "nationality",
    "national_number",
    "sex",
    "address",
    "card",
    "relationship",
)
#: Rows left out when empty: what the person does not hold, a tie only a family member has.
OPTIONAL_ROWS = frozenset({"card", "relationship"})


@dataclass(frozen=True)
class Sheet:
    """Everything one printed annex shows, already in its language; nothing escaped yet."""

    wording: Wording
    values: Mapping[str, str]  # the forms' placeholders: commune, issued_on, valid_until, ...
    identity: Mapping[str, str]  # IDENTITY_ROWS -> value ("" when unknown)
    register_number: str
    commune_address: str = ""
    logo: bytes | None = None
    signatory_name: str = ""
    signatory_title: str = ""
    missing_documents: tuple[str, ...] = ()
    extension_boxes: int = 0
    extensions: tuple[str, ...] = ()  # end dates already granted, formatted
    #: Per granted extension: its date (formatted), the signatory's name and title.
    extension_signed: tuple[tuple[str, str, str], ...] = ()
    specimen: bool = False
    card_label: str = "label_card"  # or "label_residence_card": what the card line names
    form_line: str = "form_builtin"  # or "form_override": the footer's line on the forms used


def build_story(sheet: Sheet, st: Styles) -> list[Flowable]:
    """The flowables of one annex, top to bottom."""
    story: list[Flowable] = [
        _header(sheet, st),
        HRFlowable(width="100%", thickness=0.8, color=measures.RULE, spaceBefore=4, spaceAfter=4),
        *_paragraphs(sheet, "title", st.title),
        *_paragraphs(sheet, "legal_basis", st.legal),
        *_paragraphs(sheet, "identity_heading", st.section),
        _identity(sheet, st),
    ]
    if sheet.values.get("family_of") and "family_line" in sheet.wording:
        story += _paragraphs(sheet, "family_line", st.validity)
    story += _paragraphs(sheet, "body", st.body)
    if "missing_documents_intro" in sheet.wording:
        story += _paragraphs(sheet, "missing_documents_intro", st.section)
        story += [
            Paragraph(escape(item), st.bullet, bulletText="•") for item in sheet.missing_documents
        ]
    if "validity" in sheet.wording:
        story += _paragraphs(sheet, "validity", st.validity)
    if "notice" in sheet.wording:
        story += _paragraphs(sheet, "notice", st.body)
    boxes = [_extension_boxes(sheet, st)] if sheet.extension_boxes else []
    story.append(_BottomBlock([*boxes, *_signature(sheet, st)]))
    return story


def draw_page(canvas: Canvas, sheet: Sheet, st: Styles) -> None:
    """What every page carries behind and around the story: the footer and the specimen mark."""
    width, _ = measures.PAGE_SIZE
    canvas.saveState()
    if sheet.specimen:
        canvas.setFillColor(measures.WATERMARK)
        canvas.setFont(st.footer_font, 110)
        canvas.translate(width / 2, measures.PAGE_SIZE[1] / 2)
        canvas.rotate(55)
        canvas.drawCentredString(0, -35, "SPECIMEN")
        canvas.restoreState()
        canvas.saveState()
    canvas.setFont(st.footer_font, 7.5)
    canvas.setFillColor(measures.RULE)
    y = measures.MARGIN / 2
    canvas.drawString(measures.MARGIN, y, _text(sheet, "heading"))
    canvas.drawRightString(
        width - measures.MARGIN, y, f"{_text(sheet, 'register_label')} {sheet.register_number}"
    )
    if sheet.form_line in sheet.wording:
        line = _text(sheet, sheet.form_line)
        size = 6.5
        room = measures.FRAME_WIDTH
        while size > 4 and canvas.stringWidth(line, st.footer_font, size) > room:
            size -= 0.25
        canvas.setFont(st.footer_font, size)
        canvas.drawString(measures.MARGIN, y + 9, line)
    canvas.restoreState()


def _text(sheet: Sheet, name: str) -> str:
    """One text of the form, its placeholders filled, unescaped (for the canvas)."""
    return " ".join(p.format_map(_Filled(sheet.values, escaped=False)) for p in sheet.wording[name])


def _paragraphs(sheet: Sheet, name: str, style: ParagraphStyle, **extra: str) -> list[Paragraph]:
    values = _Filled({**sheet.values, **extra}, escaped=True)
    return [Paragraph(escape(p).format_map(values), style) for p in sheet.wording[name]]


class _Filled(dict[str, str]):
    """Placeholder values for ``str.format_map``: escaped if asked, dots when unknown."""

    def __init__(self, values: Mapping[str, str], escaped: bool) -> None:
        super().__init__({k: escape(v) if escaped else v for k, v in values.items() if v})

    def __missing__(self, key: str) -> str:
        return BLANK


def _header(sheet: Sheet, st: Styles) -> Table:
    commune = [
        *_paragraphs(sheet, "kingdom", st.kingdom),
        *_paragraphs(sheet, "commune", st.commune),
    ]
    if sheet.commune_address:
        commune.append(Paragraph(escape(sheet.commune_address), st.small))
    number = Code128(
        sheet.register_number.replace("/", ""),
        barHeight=measures.BARCODE_HEIGHT,
        barWidth=measures.BARCODE_BAR_WIDTH,
        humanReadable=False,
        quiet=False,
        hAlign="RIGHT",
    )
    register = [
        *_paragraphs(sheet, "heading", st.heading),
        Spacer(1, 3),
        number,
        Paragraph(escape(sheet.register_number), st.register),
    ]
    logo_width = measures.LOGO_SIZE + 4 if sheet.logo else 0
    right_width = 62 * measures.mm
    table = Table(
        [[_logo(sheet.logo), commune, register]],
        colWidths=[logo_width, measures.FRAME_WIDTH - logo_width - right_width, right_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (1, 0), (1, 0), 6),
                ("ALIGN", (2, 0), (2, 0), "RIGHT"),
            ]
        )
    )
    return table


def _logo(logo: bytes | None) -> Flowable | str:
    if not logo:
        return ""
    reader = ImageReader(io.BytesIO(logo))
    width, height = reader.getSize()
    scale = measures.LOGO_SIZE / max(width, height)
    return Image(io.BytesIO(logo), width=width * scale, height=height * scale, hAlign="LEFT")


def _identity(sheet: Sheet, st: Styles) -> Table:
    def label(row: str) -> str:
        return sheet.card_label if row == "card" else f"label_{row}"

    rows = [
        [
            Paragraph(escape(_text(sheet, label(row))), st.label),
            Paragraph(escape(sheet.identity.get(row, "")) or "–", st.value),
        ]
        for row in IDENTITY_ROWS
        if row not in OPTIONAL_ROWS or (sheet.identity.get(row) and label(row) in sheet.wording)
    ]
    table = Table(
        rows,
        colWidths=[measures.LABEL_WIDTH, measures.FRAME_WIDTH - measures.LABEL_WIDTH],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, measures.SHADE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return table


def _extension_boxes(sheet: Sheet, st: Styles) -> Table:
    signature, seal = _text(sheet, "signature_label"), _text(sheet, "seal_label")
    cells = []
    for index in range(sheet.extension_boxes):
        granted = sheet.extensions[index] if index < len(sheet.extensions) else ""
        on, name, title = (
            sheet.extension_signed[index] if index < len(sheet.extension_signed) else ("", "", "")
        )
        label = _text(sheet, "extension_date")
        dated = Paragraph(escape(f"{label} {on}" if on else label), st.box)
        signer = [Paragraph(f"<b>{escape(name)}</b>", st.box)] if name else []
        signer += [Paragraph(escape(title), st.box)] if title else []
        cells.append(
            [
                *_paragraphs(sheet, "extension_box", st.box, extended_until=granted),
                dated,
                Spacer(1, max(measures.BOX_HEIGHT - 30 - 11 * len(signer), 4)),
                *signer,
                Paragraph(escape(f"{signature} / {seal}"), st.box),
            ]
        )
    width = measures.FRAME_WIDTH / sheet.extension_boxes
    table = Table([cells], colWidths=[width] * sheet.extension_boxes, spaceBefore=8)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, measures.RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.6, measures.RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _signature(sheet: Sheet, st: Styles) -> list[Flowable]:
    signer = [*_paragraphs(sheet, "signatory", st.signature)]
    signer.append(Spacer(1, measures.SIGNATURE_SPACE))
    if sheet.signatory_name:
        signer.append(Paragraph(f"<b>{escape(sheet.signatory_name)}</b>", st.signature))
    if sheet.signatory_title:
        signer.append(Paragraph(escape(sheet.signatory_title), st.signature))
    seal = Table(
        [[_paragraphs(sheet, "seal_label", st.box)]],
        colWidths=[measures.SEAL_SIZE],
        rowHeights=[measures.SEAL_SIZE],
        style=[("BOX", (0, 0), (-1, -1), 0.5, measures.RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")],
        hAlign="LEFT",
    )
    half = measures.FRAME_WIDTH / 2
    table = Table([[seal, signer]], colWidths=[half, half])
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)])
    )
    return [Spacer(1, 10), *_paragraphs(sheet, "place_date", st.signature), table]


class _BottomBlock(Flowable):
    """Flowables kept together and pushed down towards the page's foot, by at most ``MAX_LIFT``.

    A short annex then keeps its signature block low on the page instead of leaving the lower
    third empty; a long one is unchanged (and the block moves whole to the next page if needed).
    """

    def __init__(self, flowables: list[Flowable]) -> None:
        super().__init__()
        self.flowables = flowables
        self.heights: list[float] = []
        self.content_height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.heights = [f.wrap(available_width, available_height)[1] for f in self.flowables]
        self.content_height = sum(self.heights) + sum(
            f.getSpaceBefore() + f.getSpaceAfter() for f in self.flowables
        )
        self.width = available_width
        lifted = min(available_height, self.content_height + measures.MAX_LIFT)
        self.height = max(self.content_height, lifted)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        top = self.content_height
        for flowable, height in zip(self.flowables, self.heights, strict=True):
            top -= flowable.getSpaceBefore() + height
            flowable.drawOn(self.canv, 0, top)
            top -= flowable.getSpaceAfter()
