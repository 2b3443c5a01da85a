"""Which version of a question a student answered. No ipywidgets.

A question's fingerprint is a hash of what the student saw and what was
graded (type, prompt, points and the answer fields), so statistics never mix an edited question
with its earlier version; explanation, hint, feedback, tags and other teacher notes are left out,
because editing them changes neither what was asked nor how it was marked.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from kwis._model import AnyQuestion, ClozeQuestion

# Fields that do not change what a student answers or how it is graded.
_NOT_CONTENT = frozenset({
    "id", "explanation", "hint", "source", "tags", "difficulty", "feedback", "draft", "lint_ignore",
})


def question_content(question: AnyQuestion) -> dict[str, Any]:
    """The graded content of a question as JSON data (choices keep their written order)."""
    content = {name: value for name, value in dataclasses.asdict(question).items()
               if name not in _NOT_CONTENT}
    if not question.keyless:  # as before student copies existed: the fingerprints stay the same
        del content["keyless"]
    for key in ("choices",):
        if key in content:
            content[key] = [{"text": c["text"], "correct": c["correct"]} for c in content[key]]
    return content


def content_json(question: AnyQuestion) -> str:
    """`question_content` as canonical JSON: the text the fingerprint is a hash of."""
    return json.dumps(question_content(question), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))


def question_fingerprint(question: AnyQuestion) -> str:
    """16 hex digits of the SHA-256 of the question's canonical content."""
    return hashlib.sha256(content_json(question).encode("utf-8")).hexdigest()[:16]


# Besides the notes above, the answer fingerprint leaves out what rewords a question without
# changing its right answer: the prompt, the points, whether choices are shuffled, and a cloze
# passage's text around its gaps.
_NOT_ANSWER = frozenset({"prompt", "points", "shuffle", "segments"})


def answer_content(question: AnyQuestion) -> dict[str, Any]:
    """What decides a question's right answer: its type and answer fields (a cloze question's
    gaps, not the passage around them)."""
    content = {name: value for name, value in question_content(question).items()
               if name not in _NOT_ANSWER}
    if isinstance(question, ClozeQuestion):
        content["gaps"] = [dataclasses.asdict(gap) for gap in question.gaps]
    return content


def answer_fingerprint(question: AnyQuestion) -> str:
    """16 hex digits of the SHA-256 of `answer_content`: a spaced-review card's identity, so a
    typo fixed in a prompt keeps the card and new choices or answers start a new one."""
    text = json.dumps(answer_content(question), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
