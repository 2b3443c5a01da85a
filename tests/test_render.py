"""Markdown to sanitized HTML; math kept for MathJax; student input escaped."""

from __future__ import annotations

from kwis._render import escape, markdown_inline, markdown_plain, markdown_to_html, quote_html


def test_markdown_becomes_html() -> None:
    assert markdown_to_html("Wat eiste minister **Abdoulaye Diop**?") == (
        "<p>Wat eiste minister <strong>Abdoulaye Diop</strong>?</p>")
    assert markdown_to_html("- Rusland\n- Turkije") == "<ul>\n<li>Rusland</li>\n<li>Turkije</li>\n</ul>"


def test_scripts_handlers_and_javascript_links_are_removed() -> None:
    out = markdown_to_html(
        "<script>alert(1)</script><img src=x onerror=alert(2)> [klik](javascript:alert(3)) "
        '<a href="https://www.nrc.nl" onclick="alert(4)">NRC</a> <iframe src="https://x"></iframe>')
    for unsafe in ("<script", "onerror", 'href="javascript', "onclick", "<iframe", "alert(1)"):
        assert unsafe not in out
    assert '<a href="https://www.nrc.nl" rel="noopener noreferrer">NRC</a>' in out


def test_math_is_kept_for_mathjax_and_escaped() -> None:
    assert markdown_inline("als $a<b$ geldt") == 'als <span class="math inline">$a&lt;b$</span> geldt'
    assert markdown_to_html("$$\nx^2 + 1\n$$") == '<div class="math block">\n$$x^2 + 1$$\n</div>'


def test_dollar_amounts_in_prose_are_not_math() -> None:
    assert markdown_inline("tussen $5 en $10") == "tussen $5 en $10"


def test_inline_has_no_paragraph_and_plain_has_no_tags() -> None:
    assert markdown_inline("*Minusma*") == "<em>Minusma</em>"
    assert markdown_plain("**Goïta** & <i>co</i>") == "Goïta & co"


def test_student_input_is_escaped() -> None:
    assert escape('<img src=x onerror="alert(1)">') == (
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;")


def test_source_quote_is_escaped_text() -> None:
    quote = quote_html(("Hij eiste een „onmiddellijke terugtrekking” <b>",), "NRC")
    assert quote == ('<blockquote class="kwis-source"><p>Hij eiste een „onmiddellijke terugtrekking”'
                     " &lt;b&gt;</p><footer>— NRC</footer></blockquote>")
    assert quote_html(()) == ""


# -- one sanitising policy (issue 10, item 6) --------------------------------------------------


def test_only_http_https_and_mailto_urls_are_safe() -> None:
    from kwis._render import safe_url

    assert safe_url("https://www.nrc.nl/x") == "https://www.nrc.nl/x"
    assert safe_url("mailto:redactie@nrc.nl") == "mailto:redactie@nrc.nl"
    for unsafe in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                   "data:text/html,<script>alert(1)</script>", "vbscript:x", "/relative", "https:no-host"):
        assert safe_url(unsafe) == "", unsafe


def test_bank_html_cannot_use_kwis_classes_to_fake_a_verdict() -> None:
    out = markdown_to_html('<div class="kwis-verdict kwis-right note">Correct.</div> '
                           '<span class="KWIS-points">10 punten</span>')
    assert "kwis-" not in out.lower()
    assert 'class="note"' in out
    assert 'class="math inline"' in markdown_inline("$x$")


def test_remote_images_are_dropped_unless_the_bank_opts_in() -> None:
    for text in ("![kaart](https://tracker.example/p.png)", '<img src="//tracker.example/p.png" alt="kaart">',
                 '<img src="HTTP://tracker.example/p.png" alt="kaart">'):
        out = markdown_to_html(text)
        assert "tracker.example" not in out, out
        assert 'alt="kaart"' in out
        assert "tracker.example" in markdown_to_html(text, remote_images=True)
    assert 'src="kaart.png"' in markdown_to_html("![kaart](kaart.png)")  # next to the notebook: no tracking


def test_a_malformed_host_is_no_link_and_no_image_rather_than_an_error() -> None:
    from kwis._render import safe_url

    assert safe_url("https://[x") == ""
    assert markdown_to_html('<img src="//[x]/p.png" alt="kaart">') == '<img alt="kaart">'
