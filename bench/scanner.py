"""A text-layer PDF printed, stamped, signed and scanned: image-only pages with what real scans have.

    python bench/scanner.py IN.pdf OUT.pdf [--dpi 200] [--seed 1]

Each page is rendered at ``dpi`` with a red company seal (a ring, its name around the ring, a
star) half over the text on some pages and a handwritten-looking signature on others, both drawn
with reportlab's built-in STSong-Light (no font files); then, like a scanner, the page is turned a
little (skew up to ``max_skew`` degrees), gets sensor noise and a slight blur, is made grey-ish
and JPEG-compressed, and lands in a PDF as one image per page, with no text layer.

``scan(src, out, dpi, seed)`` returns a :class:`Scanned` per page (the skew applied, where the
seal and signature are), so a benchmark can map the source's text boxes onto the scan.
"""
from __future__ import annotations

import argparse
import io
import math
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
SEALS = ["浙江正衡工程咨询有限公司", "杭州市第一人民医院", "浙江华信招标代理有限公司", "宁波市水务集团有限公司"]


@dataclass
class Scanned:
    """How one page was scanned: skew in degrees (counter-clockwise, about the page centre), and
    the seal and signature, if any, as (x, top) centres in points."""

    skew: float
    seal: tuple[float, float] | None
    signature: tuple[float, float] | None


def _seal(c: canvas.Canvas, x: float, y: float, name: str, radius: float = 60) -> None:
    c.saveState()
    c.setStrokeColor(colors.Color(0.85, 0.1, 0.1, alpha=0.8))
    c.setFillColor(colors.Color(0.85, 0.1, 0.1, alpha=0.8))
    c.setLineWidth(3)
    c.circle(x, y, radius, stroke=1, fill=0)
    # the name around the upper arc, each character turned to face outwards
    size = 13
    span = 220.0
    for k, ch in enumerate(name):
        angle = 90 + span / 2 - span * (k + 0.5) / len(name)
        rad = math.radians(angle)
        c.saveState()
        c.translate(x + (radius - size) * math.cos(rad), y + (radius - size) * math.sin(rad))
        c.rotate(angle - 90)
        c.setFont(FONT, size)
        c.drawCentredString(0, -size / 2, ch)
        c.restoreState()
    star = [(x + 18 * math.cos(math.radians(90 + 72 * k)),
             y + 18 * math.sin(math.radians(90 + 72 * k))) for k in range(5)]
    p = c.beginPath()
    order = [0, 2, 4, 1, 3]
    p.moveTo(*star[order[0]])
    for k in order[1:]:
        p.lineTo(*star[k])
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    c.restoreState()


def _signature(c: canvas.Canvas, x: float, y: float, rng: random.Random) -> None:
    c.saveState()
    c.setStrokeColor(colors.Color(0.1, 0.15, 0.45, alpha=0.9))
    c.setLineWidth(1.6)
    p = c.beginPath()
    p.moveTo(x, y)
    for _ in range(6):
        x += rng.uniform(12, 22)
        p.curveTo(x - 10, y + rng.uniform(8, 20), x - 4, y - rng.uniform(8, 18), x, y + rng.uniform(-4, 4))
    c.drawPath(p, stroke=1, fill=0)
    c.restoreState()


def _overlays(sizes: list[tuple[float, float]], rng: random.Random) -> tuple[bytes, list[Scanned]]:
    """A PDF with the seal and signature of every page (transparent elsewhere)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    plan: list[Scanned] = []
    for i, (w, h) in enumerate(sizes):
        c.setPageSize((w, h))
        seal = signature = None
        if i % 2 == 0:  # half the pages stamped, the seal over the text
            sx, stop = rng.uniform(0.55, 0.75) * w, rng.uniform(0.35, 0.8) * h
            _seal(c, sx, h - stop, SEALS[i // 2 % len(SEALS)])
            seal = (sx, stop)
        if i % 3 == 0:  # a third signed, near the bottom
            gx, gtop = rng.uniform(0.15, 0.45) * w, rng.uniform(0.82, 0.9) * h
            _signature(c, gx, h - gtop, rng)
            signature = (gx, gtop)
        plan.append(Scanned(rng.uniform(-1.0, 1.0), seal, signature))
        c.showPage()
    c.save()
    return buf.getvalue(), plan


def scan(src: Path, out: Path, dpi: int = 200, seed: int = 1, max_skew: float = 1.0,
         pages: list[int] | None = None) -> list[Scanned]:
    """Scan ``src`` (its 1-based ``pages``, all by default) into the image-only PDF ``out``."""
    rng = random.Random(seed)
    pdf = pdfium.PdfDocument(str(src))
    numbers = pages or list(range(1, len(pdf) + 1))
    sizes = [pdf[n - 1].get_size() for n in numbers]
    overlay_bytes, plan = _overlays(sizes, rng)
    overlay = pdfium.PdfDocument(overlay_bytes)
    scale = dpi / 72.0
    images: list[Image.Image] = []
    np_rng = np.random.default_rng(seed)
    for k, n in enumerate(numbers):
        page = pdf[n - 1].render(scale=scale, grayscale=False).to_pil().convert("RGB")
        marks = overlay[k].render(scale=scale, fill_color=(255, 255, 255, 0)).to_pil().convert("RGBA")
        page.paste(marks, (0, 0), marks)
        plan[k].skew = max(-max_skew, min(max_skew, plan[k].skew))
        page = page.rotate(plan[k].skew, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
        page = page.filter(ImageFilter.GaussianBlur(0.6))
        arr = np.asarray(page).astype(np.int16)
        arr = arr * 0.92 + 10 + np_rng.normal(0, 9, arr.shape[:2])[..., None]  # paper tone, sensor noise
        speckle = np_rng.random(arr.shape[:2]) < 0.0008  # dust
        arr[speckle] = 40
        page = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
        jpeg = io.BytesIO()
        page.save(jpeg, "JPEG", quality=70)
        images.append(Image.open(io.BytesIO(jpeg.getvalue())))
    out.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return plan


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    scan(args.src, args.out, args.dpi, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
