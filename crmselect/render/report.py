"""The committee report in HTML and Markdown, from one :class:`~crmselect.decision.Decision`.

This module only renders: what the templates print is built by :mod:`crmselect.render.view`.

Both formats come from jinja2 templates in ``templates/`` (``--template-dir`` points at a
branded copy). HTML is rendered with ``autoescape=True`` and ``StrictUndefined``: every input
string is escaped; the only markup not escaped is the SVG that :mod:`crmselect.render.charts`
builds (itself escaping every text). Markdown has its own environment, without HTML
autoescape, and passes every table cell through ``md_cell``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crmselect.decision import Decision
from crmselect.render.common import md_cell
from crmselect.render.view import build_context, safe_url


def _template_dir(template_dir: Path | None) -> Path:
    from crmselect._resources import bundled

    return Path(template_dir) if template_dir is not None else bundled("templates")


def _environment(template_dir: Path | None, *, html: bool) -> Any:
    """A template environment on the template folder; undefined names are an error. HTML
    autoescapes every template; Markdown does not, and its table cells go through ``md_cell``."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    # A branded copy of report.* still finds the bundled blocks it includes (analysis-*).
    folders = [_template_dir(template_dir), _template_dir(None)]
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders]),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    if html:
        env.filters["safe_url"] = safe_url
    else:
        env.filters["md_cell"] = md_cell
    return env


def render_html(decision: Decision, template_dir: Path | None = None) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG, no script)."""
    env = _environment(template_dir, html=True)
    html: str = env.get_template("report.html").render(**build_context(decision, with_charts=True))
    return html


def render_markdown(decision: Decision, template_dir: Path | None = None) -> str:
    """The report as GitHub-flavoured Markdown (charts omitted; their numbers are in tables)."""
    env = _environment(template_dir, html=False)
    text = env.get_template("report.md.j2").render(**build_context(decision, with_charts=False))
    return "\n".join(line.rstrip() for line in text.splitlines()).strip() + "\n"
