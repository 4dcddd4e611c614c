"""Draw PermitDesk's icon (a blue card with a white "P" and a green tick) with Pillow.

Run once by a maintainer (``.venv/bin/python packaging/make_icon.py``); the PNG and the
multi-size ICO it writes in ``resources/icons/`` are committed, so a build needs no Pillow.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

log = logging.getLogger(__name__)

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
FONT = ICONS.parent / "fonts" / "DejaVuSans-Bold.ttf"
SIZE = 256
BLUE, GREEN, WHITE = (0, 82, 147), (46, 160, 67), (255, 255, 255)


def draw(size: int = SIZE) -> Image.Image:
    """The icon at ``size`` pixels square, transparent around the card."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    margin, radius = size // 16, size // 8
    pen.rounded_rectangle((margin, margin, size - margin, size - margin), radius, fill=BLUE)
    font = ImageFont.truetype(str(FONT), int(size * 0.62))
    pen.text((size * 0.44, size * 0.47), "P", font=font, fill=WHITE, anchor="mm")
    tick = [(0.58, 0.72), (0.68, 0.82), (0.86, 0.58)]
    pen.line([(x * size, y * size) for x, y in tick], fill=GREEN, width=size // 12, joint="curve")
    return image


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.save(ICONS / "permitdesk.png", optimize=True)
    sizes = [(n, n) for n in (16, 24, 32, 48, 64, 128, 256)]
    image.save(ICONS / "permitdesk.ico", sizes=sizes)
    print(f"wrote {ICONS / 'permitdesk.png'} and {ICONS / 'permitdesk.ico'}")


if __name__ == "__main__":
    main()
