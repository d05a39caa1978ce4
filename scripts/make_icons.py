"""Draw the app icons (PNG) from the favicon's shapes: the app manifest's 192 and 512 px icons,
a maskable one (the tree inside the central safe zone, the colour to the edges) and the
180 px apple-touch icon. Run after changing favicon.svg; the PNGs are committed.

    python scripts/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "src" / "redwood" / "web" / "static" / "icons"
RED = (0x8A, 0x2B, 0x0E, 255)
WHITE = (255, 255, 255, 255)
# favicon.svg: a 32-unit square, corners of 6, and the tree "M16 4 7 19h6l-4 7h14l-4-7h6z".
TREE = [(16, 4), (7, 19), (13, 19), (9, 26), (23, 26), (19, 19), (25, 19)]


def draw(size: int, *, maskable: bool = False) -> Image.Image:
    scale = 4  # drawn large, then shrunk: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if maskable:
        pen.rectangle((0, 0, big, big), fill=RED)
        unit, offset = big * 0.8 / 32, big * 0.1  # the safe zone: a circle of 80 %
    else:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 6 / 32, fill=RED)
        unit, offset = big / 32, 0.0
    pen.polygon([(offset + x * unit, offset + y * unit) for x, y in TREE], fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size).save(OUT / f"icon-{size}.png", optimize=True)
    draw(512, maskable=True).save(OUT / "maskable-512.png", optimize=True)
    draw(180, maskable=True).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
