"""Draws the app icon (an answer card with one filled bubble per row) as PNG and Windows ICO.

Run once after changing it: `.venv/bin/python resources/icons/make_icon.py`; the outputs are committed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SIZE = 256
BLUE = (33, 99, 186)
PAPER = (250, 250, 247)
INK = (30, 30, 30)
FILLED = (0, 3, 1, 2, 3)  # which of the four bubbles is marked, per row


def draw(size: int = SIZE) -> Image.Image:
    scale = size / SIZE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    d.rounded_rectangle((8 * scale, 8 * scale, 248 * scale, 248 * scale), radius=40 * scale, fill=BLUE)
    d.rounded_rectangle((44 * scale, 28 * scale, 212 * scale, 228 * scale), radius=10 * scale, fill=PAPER)
    for row, marked in enumerate(FILLED):
        y = (58 + row * 36) * scale
        for col in range(4):
            x = (80 + col * 32) * scale
            box = (x - 11 * scale, y - 11 * scale, x + 11 * scale, y + 11 * scale)
            if col == marked:
                d.ellipse(box, fill=INK)
            else:
                d.ellipse(box, outline=INK, width=max(1, round(3 * scale)))
    return image


def main() -> None:
    icon = draw()
    icon.save(HERE / "scandesk.png")
    icon.save(HERE / "scandesk.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
