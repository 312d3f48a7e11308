"""Page previews of a rendered report: small PNGs of its first pages, owner-only, beside
the PDF, so staff see the layout without opening it."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def preview_paths(pdf: Path) -> list[Path]:
    """The previews written for `pdf`, first page first."""
    found = pdf.parent.glob(f"{pdf.stem}.page-*.png")
    return sorted(found, key=lambda p: int(p.stem.rpartition("-")[2]))


def write_previews(pdf: Path, pages: int, dpi: int) -> list[Path]:
    """PNGs of the first `pages` pages (pdftoppm); none when poppler is not installed."""
    for old in preview_paths(pdf):
        old.unlink()
    if pages < 1 or shutil.which("pdftoppm") is None:
        return []
    # A private folder first (mkdtemp is 0700): no preview is ever readable by others.
    with tempfile.TemporaryDirectory(dir=pdf.parent, prefix=".preview.") as temp:
        command = ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", str(pages)]
        subprocess.run([*command, str(pdf), f"{temp}/p"], check=True, capture_output=True)
        made = sorted(Path(temp).glob("p-*.png"), key=lambda p: int(p.stem.partition("-")[2]))
        for n, png in enumerate(made, start=1):
            os.chmod(png, 0o600)
            os.replace(png, pdf.with_name(f"{pdf.stem}.page-{n}.png"))
    return preview_paths(pdf)
