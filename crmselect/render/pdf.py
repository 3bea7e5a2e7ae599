"""The committee report as a PDF: the HTML report laid out for A4 by WeasyPrint.

The same template and print stylesheet as the HTML (title page, table of contents with page
numbers, "page N of M" with the selection's title, the appendix); WeasyPrint reads the CSS
paged-media rules (``target-counter``, ``@page`` margin boxes) that browsers ignore. The PDF's
dates come from the report's generation time (``SOURCE_DATE_EPOCH``), so the same inputs and
seed give the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crmselect.errors import UsageError

INSTALL = 'pip install "crmselect[pdf]"'


def require_weasyprint() -> None:
    """Exit 2 with the install line when WeasyPrint (or the Pango it needs) is missing."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        raise UsageError(
            f"PDF output needs WeasyPrint: {INSTALL} (and Pango, e.g. apt-get install "
            f"libpango-1.0-0 libpangoft2-1.0-0); {type(exc).__name__}: {exc}"
        ) from None


def html_to_pdf(html: str, generated_at: str) -> bytes:
    """Lay out report HTML on A4 pages; the PDF's dates are ``generated_at`` (ISO 8601 UTC)."""
    require_weasyprint()
    import logging

    from weasyprint import HTML

    # WeasyPrint logs unsupported CSS to stderr: the stylesheet serves browsers too.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = HTML(string=html, base_url=str(Path.cwd())).render()
    metadata: Any = document.metadata
    metadata.created = generated_at
    metadata.modified = generated_at
    metadata.generator = "crmselect"
    return document.write_pdf(uncompressed_pdf=False)


def render_pdf(decision: Any, template_dir: Path | None = None) -> bytes:
    """The report as PDF bytes."""
    from crmselect.render.report import render_html

    html = render_html(decision, template_dir)
    return html_to_pdf(html, decision.provenance.generated_at)
