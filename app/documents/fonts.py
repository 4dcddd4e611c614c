"""The shipped TrueType font (DejaVu Sans, ``resources/fonts``), registered once for reportlab.

DejaVu Sans covers the names the counter sees (Ş Ğ Ł Ő Ț ß ñ, Vietnamese ệ ữ ơ ư); reportlab
embeds a subset of it in every PDF, so the output does not depend on the machine's fonts.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

logger = logging.getLogger(__name__)

FONTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@cache
def register_fonts() -> str:
    """Register regular and bold (so ``<b>`` in our own markup works); return the family name."""
    for name in (REGULAR, BOLD):
        pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / f"{name}.ttf")))
    for italic in (0, 1):
        addMapping(REGULAR, 0, italic, REGULAR)
        addMapping(REGULAR, 1, italic, BOLD)
    logger.debug("registered %s from %s", REGULAR, FONTS_DIR)
    return REGULAR
