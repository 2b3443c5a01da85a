"""One sanitising policy for every export, on top of kwis._render's:

- HTML that reaches an LMS or a page is rendered from the bank's Markdown by kwis's sanitizer
  (URL schemes http, https and mailto; no kwis- classes from the bank; remote images only when
  the bank opts in with `settings.remote_images`); a URL the bank gives outside Markdown
  (`source.url`) becomes a link only when `safe_url` keeps it;
- plain text (typed answers, names, tags) is escaped by each format for its own syntax (GIFT's
  escapes, XML entities, JSON strings, HTML entities);
- control characters, which XML 1.0 cannot hold at all and terminals obey, are left out of every
  output, with a warning naming the question (the loader refuses them too);
- one-line fields (GIFT comment and category lines) keep to one line.
"""

from __future__ import annotations

import dataclasses
from contextvars import ContextVar, Token

from kwis._model import Bank
from kwis._render import escape, markdown_inline as _inline, markdown_to_html as _blocks, safe_url
from kwis.teacher.export._losses import Losses, no_control

_REMOTE_IMAGES: ContextVar[bool] = ContextVar("remote_images", default=False)


def markdown_to_html(text: str) -> str:
    """The bank's Markdown as sanitized HTML blocks, with the bank's choice on remote images."""
    return _blocks(text, remote_images=_REMOTE_IMAGES.get())


def markdown_inline(text: str) -> str:
    return _inline(text, remote_images=_REMOTE_IMAGES.get())


def link(url: str) -> str:
    """`url` as a link when its scheme is allowed, else as text."""
    try:
        kept = safe_url(url)
    except ValueError:  # urlsplit refuses some malformed netlocs ("//[x]"): no link then
        kept = ""
    return f'<a href="{escape(kept)}">{escape(url)}</a>' if kept else escape(url)


def with_bank(bank: Bank) -> Token[bool]:
    """Use the bank's settings while its export is written (`with_bank(...)` then `reset`)."""
    return _REMOTE_IMAGES.set(bank.settings.remote_images)


def reset(token: Token[bool]) -> None:
    _REMOTE_IMAGES.reset(token)


def report_control_characters(bank: Bank, losses: Losses) -> None:
    for question in bank.questions:
        if _has_control(question):
            losses.changed(question, "control-characters")


def _has_control(value: object) -> bool:
    if isinstance(value, str):
        return no_control(value) != value
    if isinstance(value, (tuple, list)):
        return any(_has_control(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(_has_control(getattr(value, f.name)) for f in dataclasses.fields(value))
    return False


def clean(data: str) -> str:
    return no_control(data)
