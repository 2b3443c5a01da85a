"""A quiz's progress, score and summary shown a second time, for instance under a notebook's
"Your result" heading: `quiz.result_view()`. Its browser code (`_result.js`) reads the quiz's own
model and follows its changes, so it costs one small model, not one per part."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import traitlets

from kwis.ui._wire import WidgetModel

_CSS = """
.kwis-result { display: flex; flex-direction: column; gap: 0.25rem; max-width: 60rem;
  color: var(--jp-ui-font-color1, #212121); font-family: var(--jp-ui-font-family, system-ui, sans-serif);
  font-size: var(--jp-ui-font-size1, 13px); line-height: 1.4; }
.kwis-result [hidden] { display: none !important; }
.kwis-result .kwis-summary table { border-collapse: collapse; margin: 0.3em 0 0.6em; }
.kwis-result .kwis-summary :is(th, td) { text-align: left; padding: 0.2em 1.2em 0.2em 0;
  border-bottom: 1px solid var(--jp-border-color2, #e0e0e0); }
.kwis-result blockquote { margin: 0.2em 0 0.45em; padding: 0.1em 0 0.1em 0.9em;
  border-left: 3px solid var(--jp-border-color1, #bdbdbd); font-style: italic; }
.kwis-result blockquote footer { font-style: normal; font-size: 0.92em; }
"""


class QuizResult(WidgetModel):
    """Progress text, score and (once complete) the summary of `quiz`."""

    esm = Path(__file__).parent / "_result.js"
    css = _CSS
    quiz_model = traitlets.Unicode().tag(sync=True)  # the quiz's model, as the page refers to one

    def __init__(self, quiz: Any) -> None:
        self.quiz = quiz
        super().__init__(quiz_model=f"IPY_MODEL_{quiz.model_id}", dom_classes=("kwis-result",))

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[Any, Any], dict[Any, Any]] | None:
        data, metadata = super()._repr_mimebundle_(**kwargs) or ({}, {})
        shown = "\n".join(line for line in (self.quiz.progress_text, self.quiz.score) if line)
        return {**data, "text/plain": shown}, metadata
