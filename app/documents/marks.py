"""Marks stamped over a copy of a register entry: DUPLICATA, or ANNULÉ with its reason.

The register keeps the PDF of each version exactly as it was issued (its SHA-256 is what
``document verify`` checks). Any later paper made of an entry is that stored PDF with a mark
drawn over every page, in the paper's own language:

- a **duplicate** of a valid entry: a band across the top naming the day the duplicate was
  made and the original's number and day of issue;
- any copy of an **annulled** entry: ANNULÉ / NIETIG / UNGÜLTIG across the page and a
  band with the day and reason of the annulment, so that it cannot pass for a valid paper.

The words come from the forms (``mark_*`` in ``forms/common.toml``, overridable like the
rest); the services record each copy's SHA-256 so that a copy is recognised too.
"""

from __future__ import annotations

import io
import logging
import math
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from app.documents import styles as measures
from app.documents.context import AnnexData
from app.documents.fonts import BOLD, register_fonts
from app.documents.forms import FormSet, load_forms
from app.documents.locale_format import long_date

logger = logging.getLogger(__name__)

DUPLICATE, ANNULLED = "duplicate", "annulled"
ANNULLED_COLOUR = colors.Color(0.75, 0.05, 0.05)
ANNULLED_WATERMARK = colors.Color(0.75, 0.05, 0.05, alpha=0.30)
DUPLICATE_COLOUR = colors.Color(0.05, 0.2, 0.45)
MAX_REASON = 200  # characters of the annulment's reason printed in the band


@dataclass(frozen=True)
class Mark:
    """What to stamp: ``kind`` is ``duplicate`` or ``annulled``; ``on`` the day the
    duplicate is made, or the day of the annulment; ``reason`` the annulment's."""

    kind: str
    on: date
    reason: str = ""

    def __post_init__(self) -> None:
        if self.kind not in (DUPLICATE, ANNULLED):
            raise ValueError(f"unknown mark {self.kind!r}")


def mark_copy(pdf: bytes, data: AnnexData, mark: Mark, forms: FormSet | None = None) -> bytes:
    """``pdf`` (the register's stored bytes) with ``mark`` drawn over every page, in the
    language of ``data`` (the entry's snapshot); the stored bytes are not changed."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        overlay = PdfReader(io.BytesIO(_overlay(data, mark, forms, width, height))).pages[0]
        page.merge_page(overlay)
    writer.add_metadata({"/Title": _band_text(data, mark, forms), "/Creator": "PermitDesk"})
    out = io.BytesIO()
    writer.write(out)
    logger.debug("marked %s %s as %s", data.annex, data.register_number, mark.kind)
    return out.getvalue()


def _wording(data: AnnexData, forms: FormSet | None) -> dict[str, str]:
    version = (forms or load_forms()).in_force(data.annex, data.issued_on)
    wording = version.wording(data.language, data.variant)
    return {name: " ".join(text) for name, text in wording.items()}


def _values(data: AnnexData, mark: Mark) -> dict[str, str]:
    reason = " ".join(mark.reason.split())
    if len(reason) > MAX_REASON:
        reason = reason[: MAX_REASON - 1].rstrip() + "…"
    reason = reason.rstrip(".;:, ")  # the form's sentence ends it
    return {
        "register_number": data.register_number,
        "issued_on": long_date(data.issued_on, data.language),
        "annulled_on": long_date(mark.on, data.language),
        "copied_on": long_date(mark.on, data.language),
        "annulled_reason": reason,
    }


def _band_text(data: AnnexData, mark: Mark, forms: FormSet | None) -> str:
    wording = _wording(data, forms)
    detail = wording[f"mark_{mark.kind}_detail"].format_map(_values(data, mark))
    return f"{wording[f'mark_{mark.kind}']} – {detail}"


def _overlay(
    data: AnnexData, mark: Mark, forms: FormSet | None, width: float, height: float
) -> bytes:
    """One transparent page holding the mark."""
    font = register_fonts()
    wording = _wording(data, forms)
    values = {key: escape(value) for key, value in _values(data, mark).items()}
    title = wording[f"mark_{mark.kind}"]
    detail = escape(wording[f"mark_{mark.kind}_detail"]).format_map(values)
    colour = ANNULLED_COLOUR if mark.kind == ANNULLED else DUPLICATE_COLOUR
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1)
    if mark.kind == ANNULLED:
        _across(canvas, title, width, height)
    left, bottom = measures.MARGIN, height - measures.MARGIN + 1 * measures.mm
    box_width, box_height = width - 2 * measures.MARGIN, measures.MARGIN - 5 * measures.mm
    canvas.saveState()
    canvas.setStrokeColor(colour)
    canvas.setFillColor(colors.white)
    canvas.setLineWidth(1.2)
    canvas.rect(left, bottom, box_width, box_height, fill=1)
    canvas.restoreState()
    paragraph = _fitted(title, detail, font, colour, box_width - 8, box_height - 3)
    paragraph.drawOn(canvas, left + 4, bottom + box_height - 2 - paragraph.height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _fitted(
    title: str, detail: str, font: str, colour: colors.Color, width: float, height: float
) -> Paragraph:
    """The band's paragraph, its type made smaller until it fits the band."""
    size = 9.0
    while True:
        style = ParagraphStyle(
            "mark", fontName=font, fontSize=size, leading=size * 1.2, textColor=colour
        )
        text = f'<font name="{BOLD}" size="{size + 2:g}">{escape(title)}</font>  {detail}'
        paragraph = Paragraph(text, style)
        _width, needed = paragraph.wrap(width, height)
        if needed <= height or size <= 5:
            paragraph.height = needed
            return paragraph
        size -= 0.5


def _across(canvas: Canvas, word: str, width: float, height: float) -> None:
    """The word along the page's diagonal, as large as fits."""
    angle = math.degrees(math.atan2(height, width))
    diagonal = math.hypot(width, height) * 0.62  # the corners stay on the paper
    size = 130.0
    while size > 20 and canvas.stringWidth(word, BOLD, size) > diagonal:
        size -= 5
    canvas.saveState()
    canvas.setFillColor(ANNULLED_WATERMARK)
    canvas.setStrokeColor(ANNULLED_COLOUR)
    canvas.setFont(BOLD, size)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(angle)
    canvas.drawCentredString(0, -size / 3, word)
    canvas.restoreState()
