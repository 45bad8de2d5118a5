"""Page images for evidence: a band of the page around the evidence, with the evidence boxed.

Only evidence regions are rendered (never whole documents), each crop once: findings that point
at the same region share one image, which the HTML defines once and references by id. A byte
budget caps the images of one report, so even a tender with hundreds of findings stays small;
past the budget, evidence is shown as text only and the report says so.

Coordinates: evidence bboxes are PDF points, top-left origin, relative to the page's crop box,
in the page's *unrotated* space (what pdfium's char boxes give). pdfium renders pages with their
/Rotate applied, so boxes are turned the same way before they are drawn.
"""
from __future__ import annotations

import base64
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from PIL import Image, ImageChops

from checker.ingest import sha256_file
from checker.model import BBox, Evidence

DEFAULT_SCALE = 1.6  # pixels per PDF point: crisp on screen and on A4 paper, small as JPEG
DEFAULT_BAND_PT = 250.0  # height of the page band shown around the evidence
DEFAULT_MAX_BAND_PT = 480.0  # evidence spread taller than this on one page is split into several crops
DEFAULT_MARGIN_PT = 36.0  # context kept above and below the evidence
DEFAULT_JPEG_QUALITY = 65  # for bands with colour (photos, drawings)
GRAY_LEVELS = 16  # text-only bands: 16-level grey PNG, sharp glyphs at ~60% of a JPEG's size
COLOUR_PIXEL_DIFF = 48  # channel spread above which a pixel counts as coloured
COLOUR_SHARE = 0.002  # bands with more coloured pixels than this keep their colour
DEFAULT_IMAGE_BUDGET_BYTES = 3_000_000  # all data URIs of one report, as written into the HTML
HIGHLIGHT_PAD_PT = 1.5  # the box is drawn slightly larger than the glyphs so it does not cut them
# Bounds on one rendered band, whatever the page box says: a band of an A4 page at DEFAULT_SCALE is
# 952 × 400 pixels. Wider or larger pages are rendered at a smaller scale (JPEG stops at 65,535).
MAX_IMAGE_SIDE_PX = 4_000
MAX_IMAGE_PIXELS = 4_000_000
UNRENDERABLE_NOTE = "部分页面无法生成截图（页面过大或已损坏），相应问题仅显示证据文字。"


@dataclass(frozen=True, slots=True)
class Crop:
    """One rendered page band, defined once in the HTML and referenced by ``id``."""

    id: str
    page: int
    top: float  # band position in the (rotated) page view, points
    bottom: float
    width: float  # band size in points: the SVG viewBox
    height: float
    data_uri: str

    def contains(self, top: float, bottom: float) -> bool:
        return self.top <= top and bottom <= self.bottom


@dataclass(frozen=True, slots=True)
class Figure:
    """A crop plus the evidence boxes to highlight on it, in the crop's own points."""

    crop: Crop
    boxes: tuple[tuple[float, float, float, float], ...]  # (x, y, width, height)

    @property
    def page(self) -> int:
        return self.crop.page


@dataclass(slots=True)
class _PageView:
    width: float  # unrotated crop-box size, points
    height: float
    rotation: int  # clockwise degrees: 0, 90, 180, 270

    @property
    def view_size(self) -> tuple[float, float]:
        return (self.height, self.width) if self.rotation in (90, 270) else (self.width, self.height)

    def to_view(self, box: BBox) -> BBox:
        """Unrotated top-left box → the box as the rotated page is displayed."""
        x0, t, x1, b = box
        w, h = self.width, self.height
        if self.rotation == 90:
            xs, ys = (h - t, h - b), (x0, x1)
        elif self.rotation == 180:
            xs, ys = (w - x0, w - x1), (h - t, h - b)
        elif self.rotation == 270:
            xs, ys = (t, b), (w - x0, w - x1)
        else:
            return box
        return (min(xs), min(ys), max(xs), max(ys))


@dataclass(slots=True)
class PageImages:
    """Renders evidence crops from one PDF. Use as a context manager; never raises for a bad file."""

    path: str | None
    expected_sha256: str | None = None
    scale: float = DEFAULT_SCALE
    band_pt: float = DEFAULT_BAND_PT
    budget_bytes: int = DEFAULT_IMAGE_BUDGET_BYTES
    crops: list[Crop] = field(default_factory=list)
    unavailable: str | None = None  # why there are no images (Chinese, shown in the report)
    budget_exhausted: bool = False
    failed: bool = False  # a band could not be rendered: its findings show their evidence as text
    # Rendered bands by (page, top, bottom): lets a caller re-render with a smaller budget for free.
    cache: dict[tuple[int, float, float], str] = field(default_factory=dict)
    _pdf: object | None = None
    _views: dict[int, _PageView] = field(default_factory=dict)
    _spent: int = 0

    def __enter__(self) -> Self:
        self.unavailable = self._open()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pdf is not None:
            self._pdf.close()  # type: ignore[attr-defined]
            self._pdf = None

    def _open(self) -> str | None:
        if not self.path:
            return "未保留源文件，仅显示证据文字"
        p = Path(self.path)
        if not p.is_file():
            return "源文件已不存在，仅显示证据文字"
        if self.expected_sha256 and sha256_file(p) != self.expected_sha256:
            return "源文件在扫描后已被修改（SHA-256 不一致），为免错位，仅显示证据文字"
        import pypdfium2 as pdfium

        try:
            self._pdf = pdfium.PdfDocument(str(p))
        except pdfium.PdfiumError:
            return "源文件无法重新打开，仅显示证据文字"
        return None

    def figures(self, evidence: Iterable[Evidence]) -> list[Figure]:
        """Figures for the evidence that has a page and a box; the rest is shown as text by the caller."""
        if self._pdf is None:
            return []
        by_page: dict[int, list[BBox]] = {}
        for ev in evidence:
            if ev.page is not None and ev.bbox is not None:
                by_page.setdefault(ev.page, []).append(ev.bbox)
        out: list[Figure] = []
        for page_no in sorted(by_page):
            view = self._view(page_no)
            if view is None:
                continue
            boxes = sorted((view.to_view(b) for b in by_page[page_no]), key=lambda b: b[1])
            for group in _clusters(boxes, DEFAULT_MAX_BAND_PT):
                crop = self._crop_for(page_no, view, group)
                if crop is None:
                    return out
                out.append(Figure(crop, tuple(_highlight(b, crop) for b in group)))
        return out

    def _view(self, page_no: int) -> _PageView | None:
        if page_no in self._views:
            return self._views[page_no]
        pdf = self._pdf
        if pdf is None or not 1 <= page_no <= len(pdf):  # type: ignore[arg-type]
            return None
        page = pdf[page_no - 1]  # type: ignore[index]
        left, bottom, right, top = page.get_cropbox()
        view = _PageView(right - left, top - bottom, page.get_rotation() % 360)
        page.close()
        self._views[page_no] = view
        return view

    def _crop_for(self, page_no: int, view: _PageView, group: list[BBox]) -> Crop | None:
        top = min(b[1] for b in group)
        bottom = max(b[3] for b in group)
        for crop in self.crops:  # a crop already showing this evidence with some context is reused
            if crop.page == page_no and crop.contains(top - DEFAULT_MARGIN_PT / 2, bottom + DEFAULT_MARGIN_PT / 2):
                return crop
        if self.budget_exhausted:
            return None
        vw, vh = view.view_size
        height = min(vh, max(self.band_pt, bottom - top + 2 * DEFAULT_MARGIN_PT))
        band_top = min(max(0.0, (top + bottom) / 2 - height / 2), vh - height)
        band_bottom = band_top + height
        uri = self._render(page_no, vw, vh, band_top, band_bottom)
        if uri is None:
            return None
        crop = Crop(f"pg{page_no}-{len(self.crops)}", page_no, band_top, band_bottom, vw, height, uri)
        self.crops.append(crop)
        return crop

    def _render(self, page_no: int, view_width: float, view_height: float, band_top: float,
                band_bottom: float) -> str | None:
        key = (page_no, round(band_top, 1), round(band_bottom, 1))
        uri = self.cache.get(key)
        if uri is None:
            scale = bounded_scale(self.scale, view_width, band_bottom - band_top)
            try:
                page = self._pdf[page_no - 1]  # type: ignore[index]
                try:
                    bitmap = page.render(scale=scale, crop=(0, view_height - band_bottom, 0, band_top))
                    image = bitmap.to_pil().convert("RGB")
                finally:
                    page.close()
                uri = _data_uri(image)
            except Exception:  # noqa: BLE001 - any page pdfium or Pillow cannot image is shown as text
                self.failed = True
                return None
            self.cache[key] = uri
        if self._spent + len(uri) > self.budget_bytes:
            self.budget_exhausted = True
            return None
        self._spent += len(uri)
        return uri


def bounded_scale(scale: float, width_pt: float, height_pt: float) -> float:
    """``scale``, or less so that a band of this size stays within the pixel bounds."""
    if width_pt <= 0 or height_pt <= 0:
        return scale
    return min(scale, MAX_IMAGE_SIDE_PX / width_pt, MAX_IMAGE_SIDE_PX / height_pt,
               math.sqrt(MAX_IMAGE_PIXELS / (width_pt * height_pt)))


def _data_uri(image: Image.Image) -> str:
    buf = io.BytesIO()
    if _is_colourful(image):
        image.save(buf, format="JPEG", quality=DEFAULT_JPEG_QUALITY, optimize=True)
        mime = "image/jpeg"
    else:
        image.convert("L").quantize(GRAY_LEVELS, method=Image.Quantize.FASTOCTREE).save(buf, format="PNG")
        mime = "image/png"
    return f"data:{mime};base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _is_colourful(image: Image.Image) -> bool:
    r, g, b = image.split()
    spread = ImageChops.lighter(ImageChops.difference(r, g), ImageChops.difference(g, b))
    coloured = sum(spread.histogram()[COLOUR_PIXEL_DIFF:])
    return coloured > COLOUR_SHARE * image.width * image.height


def _clusters(boxes: list[BBox], max_height: float) -> list[list[BBox]]:
    """Boxes sorted by top → groups each spanning at most ``max_height`` points vertically."""
    groups: list[list[BBox]] = []
    for box in boxes:
        if groups and box[3] - groups[-1][0][1] <= max_height:
            groups[-1].append(box)
        else:
            groups.append([box])
    return groups


def _highlight(box: BBox, crop: Crop) -> tuple[float, float, float, float]:
    x0, t, x1, b = box
    x = max(0.0, x0 - HIGHLIGHT_PAD_PT)
    y = max(0.0, t - crop.top - HIGHLIGHT_PAD_PT)
    return (round(x, 1), round(y, 1), round(min(crop.width, x1 + HIGHLIGHT_PAD_PT) - x, 1),
            round(min(crop.height, b - crop.top + HIGHLIGHT_PAD_PT) - y, 1))

