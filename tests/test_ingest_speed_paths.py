"""The page's path objects read through direct C calls are exactly the ones pypdfium2's object
walk finds (paths on the page and one form XObject deep, in content order, same bounds)."""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from reportlab.pdfgen import canvas

from checker.ingest.pdf import _path_bounds


def test_path_bounds_match_pypdfium2s_object_walk_with_forms(tmp_path: Path) -> None:
    path = tmp_path / "forms.pdf"
    c = canvas.Canvas(str(path))
    c.line(72, 700, 300, 700)
    c.beginForm("grid")
    for x in (100, 150, 200):
        c.line(x, 500, x, 600)
    c.rect(90, 480, 50.5, 20.25)
    c.endForm()
    c.drawString(72, 650, "text between paths")
    c.doForm("grid")
    c.line(72, 400.3, 300.7, 400.3)
    c.showPage()
    c.save()
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[0]
    expected = [obj.get_bounds() for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2)]
    assert len(expected) >= 6
    assert [tuple(b) for b in _path_bounds(page).tolist()] == expected
    page.close()
    pdf.close()
