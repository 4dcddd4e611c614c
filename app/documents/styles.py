"""Every paragraph style, colour and measure of the printed annexes, in one place."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.documents.fonts import BOLD, register_fonts

logger = logging.getLogger(__name__)

PAGE_SIZE = A4
MARGIN = 15 * mm
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN
LABEL_WIDTH = 52 * mm
LOGO_SIZE = 22 * mm
BARCODE_HEIGHT = 10 * mm
BARCODE_BAR_WIDTH = 0.9
BOX_HEIGHT = 25 * mm
SIGNATURE_SPACE = 14 * mm
SEAL_SIZE = 25 * mm
MAX_LIFT = 40 * mm  # how far a short annex's signature block may sink
RULE = colors.HexColor("#555555")
SHADE = colors.HexColor("#EEEEEE")
WATERMARK = colors.Color(0.8, 0.1, 0.1, alpha=0.25)


@dataclass(frozen=True)
class Styles:
    """The paragraph styles the story uses."""

    kingdom: ParagraphStyle
    commune: ParagraphStyle
    small: ParagraphStyle
    heading: ParagraphStyle
    register: ParagraphStyle
    title: ParagraphStyle
    legal: ParagraphStyle
    section: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    validity: ParagraphStyle
    box: ParagraphStyle
    signature: ParagraphStyle
    footer_font: str


@cache
def styles() -> Styles:
    """The styles, built once, on the shipped font."""
    font = register_fonts()

    def style(name: str, size: float, **extra: object) -> ParagraphStyle:
        settings: dict[str, object] = {"fontName": font, "leading": size * 1.3, **extra}
        return ParagraphStyle(name, fontSize=size, **settings)

    return Styles(
        kingdom=style("kingdom", 8, textColor=RULE),
        commune=style("commune", 12, fontName=BOLD, leading=15),
        small=style("small", 8),
        heading=style("heading", 12, fontName=BOLD, alignment=TA_RIGHT),
        register=style("register", 8, alignment=TA_RIGHT),
        title=style("title", 13, fontName=BOLD, alignment=TA_CENTER, spaceBefore=6, spaceAfter=4),
        legal=style("legal", 8, alignment=TA_CENTER, textColor=RULE, spaceAfter=8),
        section=style("section", 10, fontName=BOLD, spaceBefore=4, spaceAfter=2),
        label=style("label", 9, textColor=RULE),
        value=style("value", 10, fontName=BOLD),
        body=style("body", 9.5, alignment=TA_JUSTIFY, spaceBefore=4),
        bullet=style("bullet", 10, leftIndent=14, bulletIndent=4, spaceBefore=2),
        validity=style("validity", 10, fontName=BOLD, spaceBefore=7, spaceAfter=2),
        box=style("box", 8, alignment=TA_LEFT, leading=11),
        signature=style("signature", 10, alignment=TA_LEFT),
        footer_font=font,
    )


def build_a4(
    buffer: io.BytesIO,
    story: Sequence[Flowable],
    *,
    title: str,
    author: str,
    on_page: Callable[[Canvas, BaseDocTemplate], None],
) -> None:
    """Lay ``story`` out on A4 with the papers' margins and one frame filling them,
    ``on_page`` drawing each page's fixed parts; invariant, so the same input gives the
    same bytes (the register relies on it)."""
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        creator="PermitDesk",
        invariant=1,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    doc.build(list(story))
