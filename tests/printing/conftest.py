"""Fixtures of the printing tests: rendering pages to pixels (poppler) and reading QR codes.

``pdftoppm`` comes from poppler-utils, which the Makefile's system check installs; without it
the QR acceptance checks cannot run, so its absence fails loudly instead of skipping.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from printing.enrollment_form import FormMap, draw_enrollment_form
from printing.form_data import FormData
from printing.layout import new_canvas

Rasterise = Callable[..., Image.Image]


def rasterise_pdf(pdf: bytes | Path, *, page: int = 1, dpi: int = 150) -> Image.Image:
    """One page as an RGB image, rendered by poppler's pdftoppm."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.fail("pdftoppm is missing: apt-get install -y poppler-utils (make syscheck does)")
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    with tempfile.TemporaryDirectory(prefix="jangkau-raster-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(data)
        subprocess.run(
            [
                tool,
                "-r",
                str(dpi),
                "-f",
                str(page),
                "-l",
                str(page),
                "-png",
                "-singlefile",
                str(source),
                str(Path(folder) / "page"),
            ],
            capture_output=True,
            timeout=30,
            check=True,
        )
        with Image.open(Path(folder) / "page.png") as image:
            return image.convert("RGB")


def read_qr_codes(image: Image.Image) -> list[str]:
    return sorted(r.text for r in zxingcpp.read_barcodes(image) if "QR" in r.format.name)


def render_form(data: FormData) -> tuple[bytes, FormMap]:
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, title="test")
    form_map = draw_enrollment_form(canvas, data)
    canvas.save()
    return buffer.getvalue(), form_map


@pytest.fixture
def rasterise() -> Rasterise:
    return rasterise_pdf
