"""The cover list of what the commune sends to the Immigration Office (art. 105/3 §1-2).

Texts come from ``forms/cover-list.toml`` (fr, nl, de); the rows arrive already formatted
for the list's language except the date, formatted here. Rendered with the annexes' font and
styles, A4, deterministic (invariant mode, creation date taken from the day of the list).
"""

from __future__ import annotations

import io
import logging
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents import styles as measures
from app.documents.forms import COVER_LIST_FILE as COVER_LIST_NAME
from app.documents.forms import FORMS_DIR, FormError, fields_of
from app.documents.locale_format import LANGUAGES, long_date
from app.documents.styles import styles

logger = logging.getLogger(__name__)

COVER_LIST_FILE = FORMS_DIR / COVER_LIST_NAME
CoverTexts = Mapping[str, Mapping[str, str]]
COLUMNS = (
    "column_number",
    "column_annex",
    "column_holder",
    "column_national_number",
    "column_content",
)


@dataclass(frozen=True)
class CoverLine:
    """One register entry sent: number, annex, holder, national number, what it is."""

    register_number: str
    annex: str
    holder_name: str
    national_number: str  # printed form, e.g. 85.07.30-033.28
    kind: str  # "application_with_annex50" | "annex41_copy"


@dataclass(frozen=True)
class CoverListData:
    language: str  # fr | nl | de
    commune_name: str
    on: date
    lines: tuple[CoverLine, ...]
    commune_address: str = ""
    signatory_name: str = ""
    signatory_title: str = ""


@cache
def cover_texts(path: Path = COVER_LIST_FILE) -> CoverTexts:
    """name -> language -> text; every text must exist in fr, nl and de."""
    try:
        with path.open("rb") as source:
            raw = tomllib.load(source)["text"]
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise FormError(f"{path.name}: no [text] table ({error})") from None
    for name, by_language in raw.items():
        if not isinstance(by_language, dict):
            raise FormError(f"{path.name}: {name} must have fr, nl and de")
        absent = [code for code in LANGUAGES if not by_language.get(code)]
        if absent:
            raise FormError(f"{path.name}: text {name!r} has no {', '.join(absent)}")
    return raw


def cover_texts_from(overrides: Path | None) -> CoverTexts:
    """The cover list's texts: the override folder's ``cover-list.toml`` when it has one,
    checked against the built-in file (the same texts, each keeping its placeholders)."""
    path = overrides / COVER_LIST_NAME if overrides is not None else None
    if path is None or not path.is_file():
        return cover_texts()
    return _override(path, path.read_bytes())


@cache
def _override(path: Path, _content: bytes) -> CoverTexts:
    builtin = cover_texts()
    try:
        texts = cover_texts.__wrapped__(path)
        for name, by_language in builtin.items():
            if name not in texts:
                raise FormError(f"{path.name} (override): the text {name} is missing")
            needed = fields_of((by_language["fr"],))
            for language in LANGUAGES:
                found = fields_of((texts[name][language],))
                if found != needed:
                    raise FormError(
                        f"{path.name} (override): {name}.{language} must use the placeholders "
                        f"{sorted(needed)}, found {sorted(found)}"
                    )
    except FormError as error:
        raise FormError(f"the form overrides in {path.parent} are refused: {error}") from None
    return texts


def render_cover_list(data: CoverListData, all_texts: CoverTexts | None = None) -> bytes:
    """The cover list as PDF bytes, in ``data.language`` (from the built-in texts unless
    ``all_texts`` gives the commune's override)."""
    if data.language not in LANGUAGES:
        raise ValueError(f"unknown document language {data.language!r}")
    source = all_texts or cover_texts()
    texts = {name: by_language[data.language] for name, by_language in source.items()}
    st = styles()
    values = {
        "commune": escape(data.commune_name),
        "date": long_date(data.on, data.language),
        "count": str(len(data.lines)),
    }

    def text(name: str) -> str:
        return escape(texts[name]).format(**values)

    header = [Paragraph(text("kingdom"), st.kingdom), Paragraph(text("commune"), st.commune)]
    if data.commune_address:
        header.append(Paragraph(escape(data.commune_address), st.small))
    rows = [[Paragraph(text(column), st.small) for column in COLUMNS]]
    for line in data.lines:
        rows.append(
            [
                Paragraph(escape(line.register_number), st.value),
                Paragraph(escape(line.annex), st.body),
                Paragraph(escape(line.holder_name), st.body),
                Paragraph(escape(line.national_number), st.body),
                Paragraph(
                    text(f"kind_{line.kind}")
                    if f"kind_{line.kind}" in texts
                    else escape(line.kind),
                    st.box,
                ),
            ]
        )
    widths = [w * measures.FRAME_WIDTH for w in (0.17, 0.08, 0.25, 0.24, 0.26)]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), measures.SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, measures.RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    signature = [
        Paragraph(text("place_date"), st.signature),
        Spacer(0, 4),
        Paragraph(text("signatory"), st.signature),
    ]
    if data.signatory_name:
        signature.append(Paragraph(escape(data.signatory_name), st.value))
    if data.signatory_title:
        signature.append(Paragraph(escape(data.signatory_title), st.signature))
    signature += [Spacer(0, measures.SIGNATURE_SPACE), Paragraph(text("signature_label"), st.label)]
    story = [
        *header,
        Spacer(0, 10),
        Paragraph(text("addressee"), st.section),
        Paragraph(text("title"), st.title),
        Paragraph(text("intro"), st.body),
        Spacer(0, 8),
        table,
        Spacer(0, 16),
        *signature,
    ]
    buffer = io.BytesIO()
    stamp = f"D:{data.on:%Y%m%d}000000+00'00'"

    def on_page(canvas: Canvas, _doc: object) -> None:
        canvas.setDateFormatter(lambda *_ignored: stamp)
        canvas.setFont(st.footer_font, 7)
        right = measures.PAGE_SIZE[0] - measures.MARGIN
        canvas.drawRightString(right, measures.MARGIN / 2, str(canvas.getPageNumber()))

    measures.build_a4(
        buffer, story, title=texts["title"], author=data.commune_name, on_page=on_page
    )
    logger.debug("rendered cover list (%s) with %d lines", data.language, len(data.lines))
    return buffer.getvalue()
