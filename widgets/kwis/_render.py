"""Markdown from a bank to sanitized HTML, and escaping of what students type. No ipywidgets.

One sanitising policy for every output (quiz, static view, exports; see docs/security.md):
- tags and attributes from a short allow-list; no scripts, handlers, styles or frames;
- URLs only with the schemes http, https and mailto (`safe_url` for URLs outside Markdown);
- no `kwis-` classes from a bank, so bank HTML cannot draw kwis's own boxes (a fake verdict);
- no remote images (a tracking pixel) unless the bank opts in with `settings.remote_images`:
  the image keeps its alt text but loses its `src`.

Math written as `$...$` or `$$...$$` comes out as `$...$` / `$$...$$` with its content
HTML-escaped, for MathJax (`widgets.HTMLMath`) to typeset in the browser.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Container, Mapping
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# markdown-it-py and nh3 are imported by the first text rendered, not with this module: a bank
# loaded from the cache, a grade or a problem report needs neither.

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
URL_SCHEMES = frozenset({"http", "https", "mailto"})
RESERVED_CLASS_PREFIX = "kwis"
_TAG = re.compile(r"<[^>]*>")


def _render_math(content: str, options: dict[str, Any]) -> str:
    # The plugin wraps this in <span class="math inline"> or <div class="math ...">.
    delimiter = "$$" if options.get("display_mode") else "$"
    return f"{delimiter}{html.escape(content)}{delimiter}"


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    # allow_space/allow_digits off: "$5 and $10" in prose stays text instead of becoming math.
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=False,
           renderer=_render_math)
    return md


def safe_url(url: str) -> str:
    """`url` when it is an absolute http, https or mailto URL, else "" (never `javascript:`).

    For URLs a bank gives outside Markdown (`source.url`), before they go into an `href`.
    """
    cleaned = "".join(ch for ch in url.strip() if ch.isprintable() and not ch.isspace())
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # a malformed host such as `//[x]`: no link
        return ""
    if parts.scheme.lower() not in URL_SCHEMES:
        return ""
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return ""
    return cleaned


def is_remote(url: str) -> bool:
    """Whether fetching `url` would leave the page's own server (`https://...`, `//host/...`)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # a malformed host such as `//[x]`: treated as remote, so it is dropped
        return True
    return bool(parts.netloc) or parts.scheme.lower() not in ("", "http", "https")


def without_reserved_classes(classes: str) -> str:
    """The class list with kwis's own classes (`kwis-verdict`, `kwis-right`, ...) taken out."""
    return " ".join(c for c in classes.split() if not c.lower().startswith(RESERVED_CLASS_PREFIX))


def _attribute_filter(remote_images: bool) -> Any:
    def keep(element: str, attribute: str, value: str) -> str | None:
        if attribute == "class":
            return without_reserved_classes(value) or None
        if element == "img" and attribute == "src" and not remote_images and is_remote(value):
            return None
        return value
    return keep


def sanitize(fragment: str, *, remote_images: bool = False) -> str:
    """HTML reduced to the tags and attributes a question may use; links get rel=noopener.

    `remote_images`: keep images from other servers (the bank's `settings.remote_images`).
    """
    import nh3

    return str(nh3.clean(
        fragment,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        attribute_filter=_attribute_filter(remote_images),
    ))


# Every text rendered in this process, by (kind, text, remote_images): a text renders once. The
# bank cache keeps a bank's renders beside the bank and hands them to the next kernel
# (`seed_renders`), which then shows the quiz without importing markdown-it or nh3.
RenderKey = tuple[str, str, bool]
_RENDERS: dict[RenderKey, str] = {}
MAX_RENDERS = 50_000  # beyond this many texts, render without keeping


def _rendered(key: RenderKey, render: Callable[[], str]) -> str:
    html_text = _RENDERS.get(key)
    if html_text is None:
        html_text = render()
        if len(_RENDERS) < MAX_RENDERS:
            _RENDERS[key] = html_text
    return html_text


def markdown_to_html(text: str, *, remote_images: bool = False) -> str:
    """Markdown (with `$math$`) to sanitized HTML blocks, e.g. `<p>...</p>`."""
    return _rendered(("block", text, remote_images),
                     lambda: sanitize(_markdown().render(text), remote_images=remote_images).strip())


def markdown_inline(text: str, *, remote_images: bool = False) -> str:
    """One line of Markdown to sanitized HTML without a block wrapper (for labels, list items)."""
    return _rendered(("inline", text, remote_images),
                     lambda: sanitize(_markdown().renderInline(text), remote_images=remote_images).strip())


def renders_of(texts: Container[str]) -> dict[RenderKey, str]:
    """What this process rendered of `texts` (a bank's), to keep for the next kernel."""
    return {key: value for key, value in _RENDERS.items() if key[1] in texts}


def seed_renders(renders: Mapping[RenderKey, str]) -> None:
    """Renders made before by this very code (the bank cache checks that), as if made here."""
    for key, value in renders.items():
        if len(_RENDERS) < MAX_RENDERS:
            _RENDERS.setdefault(key, value)


def markdown_plain(text: str) -> str:
    """Markdown as plain text, for places that take no HTML (radio-button and checkbox labels)."""
    return html.unescape(_TAG.sub("", markdown_inline(text))).strip()


def escape(text: str) -> str:
    """What a student typed, safe to put inside HTML."""
    return html.escape(text, quote=True)


# C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """`text` for a terminal or a CI log: control characters shown as `\\x1b`, `\\n`, `\\u202e`,
    so a bank cannot erase lines, set the window title or forge extra output lines."""
    return _TERMINAL_UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def quote_html(passages: tuple[str, ...] | list[str], cite: str = "") -> str:
    """Source passages as a blockquote, each passage escaped (they are verbatim article text)."""
    if not passages:
        return ""
    body = "".join(f"<p>{escape(p)}</p>" for p in passages)
    footer = f"<footer>— {escape(cite)}</footer>" if cite else ""
    return f'<blockquote class="kwis-source">{body}{footer}</blockquote>'
