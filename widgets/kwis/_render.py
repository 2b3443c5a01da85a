"""Markdown from a bank to sanitized HTML, and escaping of what students type. No ipywidgets.

Math written as `$...$` or `$$...$$` comes out as `$...$` / `$$...$$` with its content
HTML-escaped, for MathJax (`widgets.HTMLMath`) to typeset in the browser.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

import nh3
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "span": {"class"},
    "div": {"class"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
_URL_SCHEMES = {"http", "https", "mailto"}
_TAG = re.compile(r"<[^>]*>")


def _render_math(content: str, options: dict[str, Any]) -> str:
    # The plugin wraps this in <span class="math inline"> or <div class="math ...">.
    delimiter = "$$" if options.get("display_mode") else "$"
    return f"{delimiter}{html.escape(content)}{delimiter}"


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # allow_space/allow_digits off: "$5 and $10" in prose stays text instead of becoming math.
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=False,
           renderer=_render_math)
    return md


def sanitize(fragment: str) -> str:
    """HTML reduced to the tags and attributes a question may use; links get rel=noopener."""
    return nh3.clean(
        fragment,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


@lru_cache(maxsize=4096)
def markdown_to_html(text: str) -> str:
    """Markdown (with `$math$`) to sanitized HTML blocks, e.g. `<p>...</p>`."""
    return sanitize(_markdown().render(text)).strip()


@lru_cache(maxsize=4096)
def markdown_inline(text: str) -> str:
    """One line of Markdown to sanitized HTML without a block wrapper (for labels, list items)."""
    return sanitize(_markdown().renderInline(text)).strip()


def markdown_plain(text: str) -> str:
    """Markdown as plain text, for places that take no HTML (radio-button and checkbox labels)."""
    return html.unescape(_TAG.sub("", markdown_inline(text))).strip()


def escape(text: str) -> str:
    """What a student typed, safe to put inside HTML."""
    return html.escape(text, quote=True)


def quote_html(passages: tuple[str, ...] | list[str], cite: str = "") -> str:
    """Source passages as a blockquote, each passage escaped (they are verbatim article text)."""
    if not passages:
        return ""
    body = "".join(f"<p>{escape(p)}</p>" for p in passages)
    footer = f"<footer>— {escape(cite)}</footer>" if cite else ""
    return f'<blockquote class="kwis-source">{body}{footer}</blockquote>'
