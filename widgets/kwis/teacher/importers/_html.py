"""HTML from an LMS back to the Markdown kwis banks are written in."""

from __future__ import annotations

from html.parser import HTMLParser

INLINE_MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`", "sub": "~", "s": "~~"}
BLOCKS = {"p", "div", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre"}


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.quotes: list[str] = []
        self._quote_depth = 0
        self._quote_text: list[str] = []
        self._links: list[str] = []
        self._list_marks: list[str] = []

    def _emit(self, text: str) -> None:
        (self._quote_text if self._quote_depth else self.out).append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "blockquote" and "kwis-source" in (attributes.get("class") or ""):
            self._quote_depth += 1
        elif self._quote_depth and tag == "p":
            self._quote_text.append("\n")
        elif tag in INLINE_MARKS:
            self._emit(INLINE_MARKS[tag])
        elif tag == "br":
            self._emit("  \n")
        elif tag == "a":
            self._links.append(attributes.get("href") or "")
            self._emit("[")
        elif tag in ("ul", "ol"):
            self._list_marks.append("1." if tag == "ol" else "-")
        elif tag == "li":
            self._emit("\n" + (self._list_marks[-1] if self._list_marks else "-") + " ")
        elif tag == "footer" and self._quote_depth:
            self._quote_depth += 1  # the citation line is not part of the quote

    def handle_endtag(self, tag: str) -> None:
        if self._quote_depth and tag in ("blockquote", "footer"):
            self._quote_depth -= 1
            if tag == "blockquote" and not self._quote_depth:
                self._finish_quotes()
        elif tag in INLINE_MARKS:
            self._emit(INLINE_MARKS[tag])
        elif tag == "a":
            self._emit(f"]({self._links.pop() if self._links else ''})")
        elif tag in ("ul", "ol") and self._list_marks:
            self._list_marks.pop()
            self._emit("\n\n")
        elif tag in BLOCKS:
            self._emit("\n\n")

    def handle_data(self, data: str) -> None:
        if self._quote_depth > 1:
            return
        self._emit(" ".join(data.split(" ")) if not data.isspace() else (" " if data else ""))

    def _finish_quotes(self) -> None:
        text = "".join(self._quote_text)
        self.quotes += [" ".join(q.split()) for q in text.split("\n") if q.strip()]
        self._quote_text = []


def html_to_markdown(html_text: str) -> tuple[str, list[str]]:
    """The Markdown of `html_text`, and the source quotes it held (`blockquote.kwis-source`)."""
    converter = _Converter()
    converter.feed(html_text)
    converter.close()
    paragraphs = ["\n".join(line.strip() for line in block.strip().splitlines())
                  for block in "".join(converter.out).split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p), converter.quotes
