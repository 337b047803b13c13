"""The blank enrollment form, for handwriting when the laptop cannot be used.

It is the pre-filled form's layout with every box empty: tick boxes for every closed list
(sex, programme, period, funding source…), digit boxes for NIK and KK, empty rows for the
contribution breakdown and the heirs, a box for the branch office in place of the QR, and the
receipt stub with a handwritten form number. A form filled by hand is later typed into Jangkau
with its paper form number, which links the two.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from printing.enrollment_form import render_enrollment_form
from printing.form_data import FormData


def render_blank_form(
    out: Path | BinaryIO, *, branch_name: str | None, notice_version: str | None
) -> None:
    """Write the blank F1 BPU form (A4, 2 pages) to ``out``."""
    data = FormData.blank_form(branch_name=branch_name, notice_version=notice_version)
    render_enrollment_form(data, out)
