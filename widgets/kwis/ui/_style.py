"""The quiz's look: one stylesheet per quiz (in an HTML widget), every rule scoped to `.kwis-quiz`.

Colours come from JupyterLab's theme variables (with light-theme fallbacks, for Voilà and other
frontends without them), so the quiz follows a dark theme too. A verdict or a marked part is
never told by colour alone: each has its word ("Goed.", "Deels goed.", "Niet goed.") or a ✓ / ✗.
"""

_FRAME = """
.kwis-quiz { max-width: 60rem; gap: 0.25rem; }
.kwis-quiz > .kwis-style, .kwis-quiz > .kwis-keys { display: none; }
.kwis-quiz .kwis-header h3 { margin: 0.25em 0 0.5em; }
.kwis-quiz .kwis-progress { align-items: center; gap: 0.75em; }
.kwis-quiz .kwis-progress .widget-progress { flex: 0 0 14em; width: 14em; }
.kwis-quiz .kwis-progress .widget-html-content,
.kwis-quiz .kwis-score .widget-html-content,
.kwis-quiz .kwis-position .widget-html-content { color: var(--jp-ui-font-color1, #212121); }
.kwis-quiz .kwis-question {
  border: 1px solid var(--jp-border-color2, #e0e0e0); border-radius: 6px;
  padding: 0.5em 1em 0.75em; margin: 0.5em 0; gap: 0.5em;
}
.kwis-quiz .kwis-number { color: var(--jp-ui-font-color2, #616161); margin-bottom: 0.25em; }
.kwis-quiz .kwis-prompt p { margin: 0; }
.kwis-quiz .kwis-question > .widget-button,
.kwis-quiz .kwis-question > .widget-hbox,
.kwis-quiz > .kwis-submit, .kwis-quiz > .kwis-retake { align-self: flex-start; }
.kwis-quiz .kwis-question > .widget-hbox:not(.kwis-control) { gap: 0.5em; }
.kwis-quiz .widget-button { padding: 0 1em; }
.kwis-quiz .kwis-nav { align-items: center; gap: 0.5em; }
.kwis-quiz .kwis-position { padding: 0 0.25em; }
.kwis-quiz :is(button, select, input):focus-visible {
  outline: 2px solid var(--jp-brand-color1, #1976d2) !important; outline-offset: 1px;
}
/* ipywidgets clips every widget to its box, which would cut the focus ring off. */
.kwis-quiz .kwis-question, .kwis-quiz .kwis-question .lm-Widget, .kwis-quiz .kwis-nav { overflow: visible; }
.kwis-quiz :is(.kwis-feedback, .kwis-hint-text) > .widget-htmlmath-content { flex: 1 1 auto; min-width: 0; }
"""

_CONTROLS = """
.kwis-quiz .widget-toggle-button.mod-active {
  background: var(--jp-brand-color1, #1976d2); color: #fff; box-shadow: none;
}
.kwis-quiz .kwis-control.widget-hbox { align-items: center; gap: 0.25em; }
.kwis-quiz .kwis-unit .widget-htmlmath-content { line-height: var(--jp-widgets-inline-height, 28px); }
.kwis-quiz .kwis-cloze-text.widget-box { display: block; line-height: 2.4; }
.kwis-quiz .kwis-cloze-text > .widget-htmlmath,
.kwis-quiz .kwis-cloze-text > .widget-htmlmath > .widget-htmlmath-content {
  display: inline; margin: 0; height: auto; line-height: inherit; white-space: normal;
}
.kwis-quiz .kwis-cloze-text > .kwis-gap {
  display: inline-flex; vertical-align: middle; margin: 0 0.3em; width: auto;
}
.kwis-quiz .kwis-gap .widget-label {
  min-width: 0; margin-right: 0.2em; color: var(--jp-ui-font-color2, #616161);
}
.kwis-quiz .kwis-gap select { width: auto; min-width: 7em; flex: 0 0 auto; }
.kwis-quiz .kwis-q-match > .kwis-control {
  display: grid; grid-template-columns: fit-content(45%) minmax(12em, 32em);
  column-gap: 0.75em; row-gap: 0.4em; align-items: center;
}
.kwis-quiz .kwis-q-match > .kwis-control > .widget-dropdown { display: contents; }
.kwis-quiz .kwis-q-match .widget-label {
  width: auto !important; max-width: none; height: auto; margin: 0; text-align: left;
  white-space: normal; line-height: 1.3;
}
.kwis-quiz .kwis-q-match select { width: 100%; }
.kwis-quiz .kwis-order-item {
  align-items: center; gap: 0.25em; padding: 1px 4px; border-radius: 4px;
  border: 1px solid transparent;
}
.kwis-quiz .kwis-order-item .widget-button { padding: 0 0.6em; }
.kwis-quiz .kwis-order-item > .widget-htmlmath { margin-left: 0.5em; }
"""

# Marked parts after grading: a coloured edge and a ✓ or ✗ beside it. Partial takes the theme's
# darker orange: the light theme's warn-color1 (#f57c00) has a contrast of 2.5 on the verdict's tint.
_MARKS = """
.kwis-quiz { --kwis-right: var(--jp-success-color1, #2e7d32); --kwis-partial: var(--jp-warn-color0, #b26a00);
  --kwis-wrong: var(--jp-error-color1, #c62828); --kwis-info: var(--jp-info-color1, #0277bd); }
.kwis-quiz .kwis-part-right select, .kwis-quiz .kwis-part-right input[type=text] {
  border: 2px solid var(--kwis-right);
}
.kwis-quiz .kwis-part-wrong select, .kwis-quiz .kwis-part-wrong input[type=text] {
  border: 2px solid var(--kwis-wrong);
}
.kwis-quiz .kwis-order-item.kwis-part-right { border-color: var(--kwis-right); }
.kwis-quiz .kwis-order-item.kwis-part-wrong { border-color: var(--kwis-wrong); }
.kwis-quiz :is(.widget-checkbox, .kwis-gap, .kwis-order-item).kwis-part-right::after,
.kwis-quiz .kwis-q-match .kwis-part-right .widget-label::before {
  content: "✓"; color: var(--kwis-right); font-weight: bold; margin: 0 0.4em;
}
.kwis-quiz :is(.widget-checkbox, .kwis-gap, .kwis-order-item).kwis-part-wrong::after,
.kwis-quiz .kwis-q-match .kwis-part-wrong .widget-label::before {
  content: "✗"; color: var(--kwis-wrong); font-weight: bold; margin: 0 0.4em;
}
.kwis-quiz .kwis-q-match .widget-label::before { margin: 0 0.4em 0 0; }
/* A box rightly left empty gets no ✓: beside an unticked choice it would read as "right answer". */
.kwis-quiz .widget-checkbox.kwis-part-right:not(:has(input:checked))::after { content: none; }
.kwis-quiz .kwis-order-item.kwis-part-right::after, .kwis-quiz .kwis-order-item.kwis-part-wrong::after {
  margin-left: auto;
}
"""

_FEEDBACK = """
.kwis-quiz .kwis-verdict {
  border-left: 4px solid var(--kwis-verdict); border-radius: 4px; padding: 0.5em 0.9em;
  background: color-mix(in srgb, var(--kwis-verdict) 9%, transparent);
}
.kwis-quiz .kwis-verdict.kwis-right { --kwis-verdict: var(--kwis-right); }
.kwis-quiz .kwis-verdict.kwis-partial { --kwis-verdict: var(--kwis-partial); }
.kwis-quiz .kwis-verdict.kwis-wrong { --kwis-verdict: var(--kwis-wrong); }
.kwis-quiz .kwis-verdict.kwis-unreadable { --kwis-verdict: var(--kwis-info); }
.kwis-quiz .kwis-verdict > p:first-child strong::before { font-weight: bold; margin-right: 0.3em; }
.kwis-quiz .kwis-right > p:first-child strong::before { content: "✓"; color: var(--kwis-right); }
.kwis-quiz .kwis-wrong > p:first-child strong::before { content: "✗"; color: var(--kwis-wrong); }
.kwis-quiz .kwis-partial > p:first-child strong::before { content: "◐"; color: var(--kwis-partial); }
.kwis-quiz .kwis-verdict p, .kwis-quiz .kwis-hint-body p { margin: 0 0 0.45em; }
.kwis-quiz .kwis-verdict > :last-child { margin-bottom: 0; }
.kwis-quiz .kwis-explanation { margin: 0.6em 0 0.45em; }
.kwis-quiz .kwis-explanation > strong, .kwis-quiz .kwis-source-label { display: block; font-weight: bold; }
.kwis-quiz .kwis-source-label { margin: 0.6em 0 0.2em !important; }
.kwis-quiz blockquote {
  margin: 0.2em 0 0.45em; padding: 0.1em 0 0.1em 0.9em;
  border-left: 3px solid var(--jp-border-color1, #bdbdbd); font-style: italic;
}
.kwis-quiz blockquote p { margin: 0 0 0.3em; }
/* Set off by size and style, not a fainter grey: on the verdict's tint that falls below 4.5:1. */
.kwis-quiz blockquote footer { font-style: normal; color: var(--jp-ui-font-color1, #212121); font-size: 0.92em; }
.kwis-quiz .kwis-model-answer ul, .kwis-quiz .kwis-model-answer ol { margin: 0.2em 0 0.45em; }
.kwis-quiz .kwis-hint-body {
  border-left: 4px solid var(--kwis-info); border-radius: 4px; padding: 0.5em 0.9em;
  background: color-mix(in srgb, var(--kwis-info) 9%, transparent);
}
.kwis-quiz .kwis-hint-body > p:first-of-type { display: inline; }
.kwis-quiz .kwis-summary table { border-collapse: collapse; margin: 0.3em 0 0.6em; }
.kwis-quiz .kwis-summary :is(th, td) {
  text-align: left; padding: 0.2em 1.2em 0.2em 0; border-bottom: 1px solid var(--jp-border-color2, #e0e0e0);
}
"""

STYLESHEET = f"<style>{_FRAME}{_CONTROLS}{_MARKS}{_FEEDBACK}</style>"
