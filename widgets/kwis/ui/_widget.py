"""The quiz widget: `Quiz(bank_or_path, ...)` and `quiz(path, ...)`, which also displays it."""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, Literal

from pathlib import Path

import traitlets

from kwis.ui._controls import Control, make_control
from kwis.ui._result import QuizResult
from kwis.grading._grade import Grade, Response, describe_answer, grade, is_answered
from kwis._i18n import Messages, ui_language
from kwis.bank._loader import load_bank
from kwis._model import AnyQuestion, Bank, OrderQuestion
from kwis.grading._numbers import format_number
from kwis._render import escape, markdown_inline, markdown_to_html, quote_html
from kwis.grading import response_from_json, response_to_json
from kwis.ui._session import (
    Selection, Session, attempt_seed, check_mode, default_seed, draw_questions, item_order,
)
from kwis.ui._static import static_html, static_text
from kwis.ui._wire import WidgetModel
from kwis.ui._unattended import unattended_run
from kwis.learning import QUIZ, ClockLike, Reviews, as_clock, comes_back_sentence, seconds
from kwis.records._identity import question_fingerprint
from kwis.records._learner import default_learner
from kwis.records._backend import Store, open_store, queued
from kwis.records._xapi import hub_home, sender_from_environment, statement
from kwis.records._store import Attempt, Sitting

Layout = Literal["paged", "scroll"]

_MESSAGES = Messages({
    "en": {
        "question": "Question {number}",
        "points": "{points} points",
        "check": "Check",
        "answer_first": "Give an answer first, then check it.",
        "hint": "Hint",
        "next": "Next",
        "prev": "Previous",
        "submit": "Submit",
        "position": "Question {number} of {total}",
        "progress": "{done} of {total} answered",
        "score": "Score: {earned} of {possible} points",
        "score_later": "Your score follows when you submit.",
        "right": "Correct.",
        "partial": "Partly correct.",
        "wrong": "Not correct.",
        "unanswered": "Not answered.",
        "earned": "{earned} of {possible} points",
        "earned_one": "{earned} of 1 point",
        "model_answer": "The right answer: {answer}",
        "explanation": "Explanation",
        "from_source": "From the source text",
        "submitted": "Submitted. Your answers are graded below.",
        "summary": "Summary",
        "total": "Your score: {earned} of {possible} points ({percent}%).",
        "passed": "Passed (needed: {mark}%).",
        "failed": "Not passed yet (needed: {mark}%).",
        "per_tag": "Score per topic",
        "tag": "Topic",
        "points_column": "Points",
        "reread": "To reread",
        "reread_none": "Nothing: every question is right.",
        "bad_layout": "layout must be 'paged' or 'scroll', not {layout!r}.",
        "retake": "Try again",
        "retake_tooltip": "Start a new attempt with a new draw; this attempt stays saved.",
        "attempt": "Attempt {number}",
        "submit_first": "Submit this exam first: a new attempt starts after submitting.",
        "retired": "This question belongs to an earlier attempt; answer it in the new one.",
        "exam_checks_at_submit": "In an exam, answers are graded when you submit.",
        "unsaved": "Answer not saved: the answer store refuses to write ({error}). {count} answer(s) wait "
                   "in this notebook session and are tried again with every next answer, or with "
                   "Save again. Do not close the notebook until this message is gone.",
        "saved_again": "All answers are saved again.",
        "queued": "The class database does not answer right now: {count} answer(s) are saved on "
                  "this computer and will be sent when it answers again.",
        "in_memory": "Answers are not saved: the answer store cannot be used ({error}). They are lost "
                     "when the kernel stops; ask your teacher.",
        "damaged": "{count} stored answer(s) were damaged and have been skipped; the rest is back.",
        "closed_elsewhere": "This exam has already been submitted (in another notebook or window). "
                            "Changes here are no longer saved; below is what was submitted.",
        "save_again": "Save again",
        "copy_practice": "This bank is a student copy without answers: there is nothing to check a practice "
                         "answer against. Take it as an exam, mode='exam'; your teacher marks it.",
        "marked_by_teacher": "Your teacher marks this exam: there is no score here.",
        "submitted_ungraded": "Submitted. Your answers are saved and will be marked by your teacher.",
    },
    "nl": {
        "question": "Vraag {number}",
        "points": "{points} punten",
        "check": "Controleer",
        "answer_first": "Geef eerst een antwoord en controleer het dan.",
        "hint": "Hint",
        "next": "Volgende",
        "prev": "Vorige",
        "submit": "Inleveren",
        "position": "Vraag {number} van {total}",
        "progress": "{done} van {total} beantwoord",
        "score": "Score: {earned} van {possible} punten",
        "score_later": "Je score volgt na het inleveren.",
        "right": "Goed.",
        "partial": "Deels goed.",
        "wrong": "Niet goed.",
        "unanswered": "Niet beantwoord.",
        "earned": "{earned} van {possible} punten",
        "earned_one": "{earned} van 1 punt",
        "model_answer": "Het juiste antwoord: {answer}",
        "explanation": "Uitleg",
        "from_source": "Uit de brontekst",
        "submitted": "Ingeleverd. Hieronder staan je antwoorden, nagekeken.",
        "summary": "Samenvatting",
        "total": "Je score: {earned} van {possible} punten ({percent}%).",
        "passed": "Geslaagd (nodig: {mark}%).",
        "failed": "Nog niet geslaagd (nodig: {mark}%).",
        "per_tag": "Score per onderwerp",
        "tag": "Onderwerp",
        "points_column": "Punten",
        "reread": "Lees nog eens terug",
        "reread_none": "Niets: alle vragen zijn goed.",
        "bad_layout": "layout moet 'paged' of 'scroll' zijn, niet {layout!r}.",
        "retake": "Opnieuw",
        "retake_tooltip": "Begin een nieuwe poging met nieuwe vragen; deze poging blijft bewaard.",
        "attempt": "Poging {number}",
        "submit_first": "Lever deze toets eerst in: een nieuwe poging begint na het inleveren.",
        "retired": "Deze vraag hoort bij een eerdere poging; beantwoord hem in de nieuwe.",
        "exam_checks_at_submit": "In een toets worden de antwoorden nagekeken als je inlevert.",
        "unsaved": "Antwoord niet opgeslagen: de antwoordenopslag weigert te schrijven ({error}). "
                   "{count} antwoord(en) wachten in deze notebooksessie en worden opnieuw geprobeerd bij "
                   "elk volgend antwoord, of met Opnieuw opslaan. Sluit het notebook niet zolang deze "
                   "melding er staat.",
        "saved_again": "Alle antwoorden zijn weer opgeslagen.",
        "queued": "De klasdatabase antwoordt nu niet: {count} antwoord(en) zijn op deze computer "
                  "bewaard en worden verstuurd zodra ze weer antwoordt.",
        "in_memory": "Antwoorden worden niet opgeslagen: de antwoordenopslag is onbruikbaar ({error}). "
                     "Ze gaan verloren als de kernel stopt; vraag je docent om hulp.",
        "damaged": "{count} opgeslagen antwoord(en) waren beschadigd en zijn overgeslagen; de rest is terug.",
        "closed_elsewhere": "Deze toets is al ingeleverd (in een ander notebook of venster). Wijzigingen "
                            "hier worden niet meer bewaard; hieronder staat wat is ingeleverd.",
        "save_again": "Opnieuw opslaan",
        "copy_practice": "Deze bank is een studentenkopie zonder antwoorden: er is niets om een oefenantwoord "
                         "mee te controleren. Maak haar als toets, mode='exam'; je docent kijkt haar na.",
        "marked_by_teacher": "Je docent kijkt deze toets na: hier staat geen score.",
        "submitted_ungraded": "Ingeleverd. Je antwoorden zijn bewaard en je docent kijkt ze na.",
    },
})


class QuestionView:
    """One question of the quiz: its prompt and control as the browser draws them (`spec`), and
    what the student sees change (`state()`: the answer, feedback, hint, marks, disabled). A
    change made here (feedback after Check, a hint, an answer set from Python) goes to the
    browser as one small message with this question's state only."""

    def __init__(self, quiz: Quiz, question: AnyQuestion, number: int) -> None:
        self.quiz = quiz
        self.question = question
        self.number = number
        self.index = number - 1
        self.retired = False  # set when the quiz starts a new attempt without this view
        self.seq = 0  # the number of the page's last answer taken in (see _quiz.js, nextSeq)
        self.control: Control = make_control(question, quiz.seed, quiz.bank.settings, quiz.language)
        self.feedback = ""  # HTML, empty until there is feedback
        self._hint = ""
        self.marks: list[str] = []  # "right"/"wrong" per shown input after grading
        self.disabled = False
        self._entry: dict[str, Any] | None = None
        self._instant: dict[str, Any] | None = None
        self._restore()

    @property
    def hint(self) -> str | None:
        """The hint as shown (HTML, empty until asked for), or None when the question has none."""
        return self._hint if self.question.hint else None

    @property
    def value(self) -> Any:
        """The answer as the browser holds it (the JSON form of `response()`)."""
        return self.control.value

    @property
    def key(self) -> str:
        """How the page names this question in its messages: its sitting and number, not its id
        (an id often names its answer, `penvoerder`)."""
        return f"{self.quiz.sitting.id}-{self.number}"

    @property
    def spec(self) -> dict[str, Any]:
        """What the browser draws, once: never the answer key."""
        question = self.question
        practice = self.quiz.mode == "practice"
        # An exam's page names its questions by number (an id may name the answer); practice
        # shows the answer anyway, and its class names the question for a teacher's CSS.
        name = f"kwis-qid-{question.id}" if practice else f"kwis-qnum-{self.number}"
        return {"type": question.type, "name": name, "prompt": self._prompt_html(),
                "control": self.control.spec, "check": practice, "hint": bool(question.hint)}

    def state(self) -> dict[str, Any]:
        return {"value": self.control.value, "feedback": self.feedback, "hint": self._hint,
                "marks": self.marks, "disabled": self.disabled}

    def entry(self) -> dict[str, Any]:
        """This question in the quiz's `items` (built once; its state is updated in place)."""
        if self._entry is None:
            self._entry = {"i": self.index, "id": self.key, "spec": self.spec,
                           "live": self.state()}
        return self._entry

    def response(self) -> Response:
        return self.control.response()

    def answer(self, response: Response) -> None:
        """Sets the answer to `response` (a grading Response), as a student would."""
        before = self.control.value
        self.control.set_response(response)
        self._push()
        if self.control.value != before:
            self._changed()

    def receive(self, value: Any) -> None:
        """An answer the browser sent (it shows it already): kept when it fits the question."""
        if self.retired or self.disabled or value == self.control.value:
            return
        if self.control.accept(value):
            self._store_state()
            self._changed()

    def check(self) -> Grade:
        """Practice: grades the current answer, stores it and shows the feedback."""
        if self.retired:  # a view of an earlier attempt, kept by the caller
            return Grade(0.0, False, (), unreadable=self.quiz.msg("retired"))
        if self.quiz.mode == "exam":  # as the missing Check button says: graded at Submit
            return Grade(0.0, False, (), unreadable=self.quiz.msg("exam_checks_at_submit"))
        with self.quiz.hold_sync():
            result = self.quiz.check(self.question, self.response())
            self.show(result)
        return result

    def show_hint(self) -> None:
        if not self.question.hint or self.retired:
            return
        self.quiz.session.hinted.add(self.question.id)
        self._hint = (f'<div class="kwis-hint-body"><strong>{escape(self.quiz.msg("hint"))}:'
                      f"</strong> {self.quiz.markdown(self.question.hint)}</div>")
        self._push()

    def show(self, result: Grade | None, *, push: bool = True) -> None:
        """Shows the feedback for `result` (None: unanswered at submit); a student copy has none."""
        if not self.quiz.bank.keyless:
            self.feedback, self.marks = self._feedback_state(result)
        if push:
            self._push()
        else:
            self._store_state()

    def _feedback_state(self, result: Grade | None) -> tuple[str, list[str]]:
        """The feedback HTML and the marks shown for `result`."""
        marks = self.control.marks(result.parts if result and not result.unreadable else ())
        return feedback_html(self.quiz, self.question, result), marks

    def instant(self) -> dict[str, Any] | None:
        """Practice only: the feedback state after a Check of every answer the page can give,
        for questions with few possible answers (`Control.every_value`: choice, true/false,
        multiple, order, match and dropdown cloze, up to 64), graded here with the grading and
        feedback a Check uses, so the page can show it at once.
        `table` maps the value (compact JSON) to its feedback's own start and marks; `tail`,
        the end all feedbacks share (explanation, source), is sent once. None: no table."""
        quiz = self.quiz
        values = self.control.every_value()
        if quiz.mode != "practice" or quiz.bank.keyless or self.retired or self.disabled or values is None:
            return None
        if self._instant is None:
            states = {}
            for value in values:
                response = self.control.from_browser(value)
                if response is None or not is_answered(self.question, response):
                    continue
                states[_value_key(value)] = self._feedback_state(
                    grade(self.question, response, language=quiz.language))
            tail = os.path.commonprefix([html[::-1] for html, _ in states.values()])[::-1]
            self._instant = {"tail": tail, "table": {
                key: [html[:len(html) - len(tail)], marks] for key, (html, marks) in states.items()}}
        return self._instant

    def _store_state(self) -> None:
        if self._entry is not None:
            self._entry["live"] = self.state()

    def _push(self) -> None:
        """This question's state into the quiz's items, and to the browser when it is shown."""
        self._store_state()
        if self._entry is not None and not self.retired and self.quiz.shows(self):
            self.quiz.send({"kind": "live", "i": self.index, "id": self.key, "seq": self.seq,
                            "live": self._entry["live"]})

    def _prompt_html(self) -> str:
        msg = self.quiz.msg
        points = self.question.points
        extra = (f' <span class="kwis-points">({escape(msg("points", points=self.quiz.number(points)))})'
                 "</span>" if points != 1 else "")
        heading = escape(msg("question", number=self.number))
        return (f'<div class="kwis-number"><strong>{heading}</strong>{extra}</div>'
                f"{self.quiz.markdown(self.question.prompt)}")

    def _restore(self) -> None:
        session = self.quiz.session
        response = session.responses.get(self.question.id)
        if response is not None:
            self.control.set_response(response)
        if self.question.id in session.grades and (session.mode == "practice" or session.submitted):
            self.show(session.grades[self.question.id], push=False)
        elif session.submitted:
            self.show(None, push=False)
        self.disabled = session.submitted

    def _changed(self) -> None:
        if not self.retired:
            self.quiz.changed(self.question, self.response())


def _value_key(value: Any) -> str:
    """A page value as the key of an instant-feedback table (JSON.stringify's form: compact,
    and the texts of match and cloze options as they are, not as \\u escapes)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def feedback_html(quiz: Quiz, question: AnyQuestion, result: Grade | None) -> str:
    """The live-region feedback: verdict and points, messages, (review) the right answer,
    the explanation and the source passage as a quote."""
    if result is not None and result.unreadable:
        return _live_region("kwis-unreadable", f"<p>{escape(result.unreadable)}</p>")
    msg = quiz.msg
    verdict, css = _verdict(result)
    earned = result.score * question.points if result else 0.0
    key = "earned_one" if question.points == 1 else "earned"
    points = msg(key, earned=quiz.number(earned), possible=quiz.number(question.points))
    parts = [f"<p><strong>{escape(msg(verdict))}</strong> {escape(points)}</p>"]
    parts += [quiz.markdown(text) for text in (result.feedback if result else ())]
    if quiz.mode == "exam" and not (result and result.correct):
        parts.append(_model_answer_html(quiz, question))
    if question.explanation:
        parts.append(f'<div class="kwis-explanation"><strong>{escape(msg("explanation"))}</strong>'
                     f"{quiz.markdown(question.explanation)}</div>")
    if question.source:
        parts.append(f'<p class="kwis-source-label">{escape(msg("from_source"))}</p>')
        parts.append(quote_html(question.source, _cite(quiz.bank)))
    return _live_region(css, "".join(parts))


def _model_answer_html(quiz: Quiz, question: AnyQuestion) -> str:
    """The right answer in a review: inline, or as a list (order, match, multiple) below its label."""
    label = escape(quiz.msg("model_answer", answer=""))
    answer = describe_answer(question, language=quiz.language)
    if "\n" in answer:
        return f'<div class="kwis-model-answer"><p>{label}</p>{markdown_to_html(answer)}</div>'
    return f'<p class="kwis-model-answer">{label}{markdown_inline(answer)}</p>'


def _verdict(result: Grade | None) -> tuple[str, str]:
    if result is None:
        return "unanswered", "kwis-wrong"
    if result.correct:
        return "right", "kwis-right"
    return ("partial", "kwis-partial") if result.score > 0 else ("wrong", "kwis-wrong")


def _live_region(css: str, body: str) -> str:
    return f'<div class="kwis-verdict {css}" role="status" aria-live="polite">{body}</div>'


def _cite(bank: Bank) -> str:
    source = bank.source
    if source is None:
        return ""
    return ", ".join(part for part in (source.title, source.publisher, source.date) if part)


class Quiz(WidgetModel):
    """A bank taken as a quiz: practice (check each answer) or exam (submit at the end).

    `quiz.questions` are the per-question views in shown order; `quiz.results()` the stored
    attempts. Displaying the same bank again for the same user restores answers and results.

    One widget model for the whole quiz: its browser code (`_quiz.js`) draws the frame and every
    shown question from the synced traits below; `items` holds the shown questions (paged: the
    current one; scroll: all), each its static spec and its state. The browser sends answers and
    button presses as custom messages (`model.send`), and a change to one question comes back
    as one custom message with that question's state (also kept in `items`, for a page reload).
    Grading stays here: the answer key never reaches the browser.
    """

    esm = Path(__file__).parent / "_quiz.js"
    css = Path(__file__).parent / "_style.css"
    setup = traitlets.Dict().tag(sync=True)  # mode, layout, language and button words: static
    header = traitlets.Unicode("").tag(sync=True)
    progress_done = traitlets.Int(0).tag(sync=True)
    progress_total = traitlets.Int(1).tag(sync=True)
    progress_text = traitlets.Unicode("").tag(sync=True)
    score = traitlets.Unicode("").tag(sync=True)
    position = traitlets.Unicode("").tag(sync=True)
    prev_disabled = traitlets.Bool(True).tag(sync=True)
    next_disabled = traitlets.Bool(True).tag(sync=True)
    save_status = traitlets.Unicode("").tag(sync=True)
    save_retry = traitlets.Bool(False).tag(sync=True)
    submit_disabled = traitlets.Bool(False).tag(sync=True)
    retake_shown = traitlets.Bool(False).tag(sync=True)
    summary = traitlets.Unicode("").tag(sync=True)
    frame_shown = traitlets.Bool(True).tag(sync=True)
    items: traitlets.List[dict[str, Any]] = traitlets.List().tag(sync=True)

    review_origin = QUIZ  # kwis.review's quiz says REVIEW: its reviews count to the daily limit

    def __init__(
        self,
        bank_or_path: Bank | str | os.PathLike[str],
        mode: str = "practice",
        tags: str | Iterable[str] | None = None,
        count: int | None = None,
        seed: int | None = None,
        language: str | None = None,
        store: str | os.PathLike[str] | Store | None = None,
        *,
        layout: str = "paged",
        user: str | None = None,
        clock: ClockLike = None,
    ) -> None:
        self.bank = bank_or_path if isinstance(bank_or_path, Bank) else load_bank(bank_or_path)
        self.language = ui_language(language or self.bank.language)
        self.language_tag = language or self.bank.language  # for `lang` on the page: nl-BE stays nl-BE
        self.mode = check_mode(mode, self.language)
        if self.bank.keyless and self.mode == "practice":
            raise ValueError(self.msg("copy_practice"))
        self.layout_kind = _check_layout(layout, self.language)
        self.user = user or default_learner()
        if store is None and unattended_run():
            store = ":memory:"  # nbval, nbconvert --execute: never a sitting in the teacher's own store
        self.store: Store = (open_store(store, language=self.language)
                             if store is None or isinstance(store, (str, os.PathLike)) else store)
        self.selection = Selection(_tags(tags), count, seed)
        self.clock = as_clock(clock)
        self.reviews = Reviews(self.store, self.user, self.clock, self.review_origin)
        self.lrs = sender_from_environment()  # KWIS_LRS: graded answers also go to an LRS
        self._shown: dict[str, float] = {}  # question id -> when its view was built (xAPI duration)
        self._start(self._sitting())
        self._build()
        # Opened last, so the browser gets the whole quiz in the comm's first message.
        super().__init__(dom_classes=("kwis-quiz", f"kwis-mode-{self.mode}"))
        self.on_msg(self._on_message)

    # -- setup ----------------------------------------------------------------------------

    def msg(self, key: str, **values: object) -> str:
        return _MESSAGES(self.language, key, **values)

    def markdown(self, text: str, *, inline: bool = False) -> str:
        """Bank Markdown as sanitized HTML, under the bank's image policy."""
        render = markdown_inline if inline else markdown_to_html
        return render(text, remote_images=self.bank.settings.remote_images)

    def number(self, value: float) -> str:
        return format_number(round(value, 2), self.language)

    def _sittings(self) -> tuple[Sitting, ...]:
        """This student's sittings of this quiz (bank, mode and selection), oldest first."""
        return self.store.sittings(self.bank.id, self.user, self.mode, self.selection.key())

    def _sitting(self) -> Sitting:
        """The latest sitting, or a new one when there is none or the bank lost its questions."""
        sittings = self._sittings()
        known = {q.id for q in self.bank.questions}
        if sittings and sittings[-1].draw and set(sittings[-1].draw) <= known:
            return sittings[-1]
        return self._new_sitting(len(sittings) + 1)

    def _new_sitting(self, attempt: int) -> Sitting:
        base = self.selection.seed
        base = default_seed(self.user, self.bank.id) if base is None else base
        seed = attempt_seed(base, attempt)
        drawn = draw_questions(self.bank, self.selection, seed, self.language)
        return self.store.start_sitting(self.bank.id, self.user, self.mode, self.selection.key(),
                                        seed, tuple(q.id for q in drawn))

    def _start(self, sitting: Sitting) -> None:
        """Takes up `sitting`: its draw, and the answers stored for it."""
        self.sitting = sitting
        self.seed = sitting.seed
        self.attempt = next((n for n, s in enumerate(self._sittings(), 1) if s.id == sitting.id), 1)
        drawn = {q.id: q for q in self.bank.questions}
        self.session = Session(self.bank, tuple(drawn[i] for i in sitting.draw), self.mode,
                               self.language)
        self._restore_session()
        self._views: dict[int, QuestionView] = {}
        self.current = 0

    def _restore_session(self) -> None:
        """Checked answers replayed (practice), then every draft: the latest thing typed or chosen."""
        session = self.session
        by_id = {q.id: q for q in session.questions}
        if self.mode == "practice":
            for attempt in self.store.attempts(sitting=self.sitting.id):
                question = by_id.get(attempt.question_id)
                response = response_from_json(question, attempt.response) if question else None
                if question is not None and response is not None:
                    session.check(question, response)
        for question_id, data in self.store.drafts(self.sitting.id).items():
            response = response_from_json(by_id[question_id], data) if question_id in by_id else None
            if response is not None:
                session.responses[question_id] = response
        if self.mode == "exam" and self.sitting.submitted is not None:
            for attempt in self.store.attempts(sitting=self.sitting.id):  # what was submitted wins
                question = by_id.get(attempt.question_id)
                response = response_from_json(question, attempt.response) if question else None
                if response is None:
                    session.responses.pop(attempt.question_id, None)
                else:
                    session.responses[attempt.question_id] = response
            session.submit()

    def _build(self) -> None:
        msg = self.msg
        self.setup = {
            "mode": self.mode, "paged": self.layout_kind == "paged", "lang": self.language_tag,
            "words": {key: msg(key) for key in ("check", "hint", "next", "prev", "submit",
                                                 "retake", "retake_tooltip", "save_again")},
        }
        self._show_page()
        self._show_save_status()

    def _show_page(self) -> None:
        self.header = self._header_html()
        self.frame_shown = self._frame_shown()
        self.submit_disabled = self.session.submitted
        self.retake_shown = self.mode == "exam" and self.session.submitted
        if self.layout_kind == "paged":
            self.go(0)
        else:
            self._show_all()
        self._update_status()

    def _frame_shown(self) -> bool:
        """Whether progress, score, questions and buttons show (a review with nothing due: no)."""
        return True

    def _header_html(self) -> str:
        description = self.markdown(self.bank.description) if self.bank.description else ""
        attempt = (f'<p class="kwis-attempt">{escape(self.msg("attempt", number=self.attempt))}</p>'
                   if self.attempt > 1 else "")
        return f"<h3>{escape(self.bank.title)}</h3>{attempt}{description}"

    # -- navigation -----------------------------------------------------------------------

    def view(self, index: int) -> QuestionView:
        """The view of the question shown at position `index`, built on first use."""
        if index not in self._views:
            question = self.session.questions[index]
            self._views[index] = QuestionView(self, question, index + 1)
            self._shown.setdefault(question.id, seconds(self.clock()))
        return self._views[index]

    @property
    def questions(self) -> tuple[QuestionView, ...]:
        """Every question view in shown order (builds those not shown yet)."""
        return tuple(self.view(i) for i in range(len(self.session.questions)))

    def go(self, index: int) -> None:
        """Paged layout: shows the question at `index` (clamped to the quiz)."""
        total = len(self.session.questions)
        if total == 0:
            return
        self.current = min(max(index, 0), total - 1)
        with self.hold_sync():
            self.items = [self.view(self.current).entry()]
            self.prev_disabled = self.current == 0
            self.next_disabled = self.current == total - 1
            self.position = self.msg("position", number=self.current + 1, total=total)

    def _step(self, step: int) -> None:
        """Previous (-1) or Next (1). (The browser keeps a keyboard user's focus on the nav.)"""
        self.go(self.current + step)

    def _show_all(self) -> None:
        self.items = [view.entry() for view in self.questions]

    def shows(self, view: QuestionView) -> bool:
        """Whether `view` is on the page now."""
        if self.layout_kind == "paged":
            return self._views.get(self.current) is view
        return self._views.get(view.index) is view

    def _resend_items(self) -> None:
        """After the shown questions' states changed in place (Submit): all of them at once."""
        self.send_state("items")

    # -- messages from the browser ----------------------------------------------------------

    def _on_message(self, _widget: object, content: Any, _buffers: object) -> None:
        """What `_quiz.js` sends: an answer, a button pressed. Anything else is ignored."""
        if not isinstance(content, dict):
            return
        kind = content.get("kind")
        if kind in ("answer", "check", "hint"):
            view = self._view_for(content.get("i"), content.get("id"))
            if view is None:
                return
            if kind == "hint":
                view.show_hint()
                return
            if isinstance(content.get("seq"), int):
                view.seq = max(view.seq, content["seq"])
            if "value" in content:
                view.receive(content["value"])
            if kind == "check":
                view.check()
        elif kind == "step" and content.get("step") in (-1, 1):
            self._step(content["step"])
        elif kind == "submit":
            self.submit()
        elif kind == "retake" and self.mode == "exam" and self.session.submitted:
            self.restart()
        elif kind == "retry":
            self.retry_saving()
        elif kind == "ready":
            self._send_instant()

    def _send_instant(self) -> None:
        """The page has drawn its questions: practice sends the instant-feedback table of each
        shown question that has one (never in an exam, never for a student copy)."""
        if self.mode != "practice" or self.bank.keyless:
            return
        for view in list(self._views.values()):
            table = view.instant() if self.shows(view) else None
            if table is not None:
                self.send({"kind": "instant", "i": view.index, "id": view.key, **table})

    def _view_for(self, index: Any, question_id: Any) -> QuestionView | None:
        """The shown view at `index` when it still shows `question_id` (not an older attempt's)."""
        if isinstance(index, bool) or not isinstance(index, int):
            return None
        view = self._views.get(index)
        if view is None or view.key != question_id or not self.shows(view):
            return None
        return view

    # -- answering ------------------------------------------------------------------------

    def check(self, question: AnyQuestion, response: Response) -> Grade:
        """Grades a practice answer and writes it to the store at once. An empty answer is
        not graded: the student is asked to answer first."""
        if self.mode == "exam":
            return Grade(0.0, False, (), unreadable=self.msg("exam_checks_at_submit"))
        if not is_answered(question, response):
            return Grade(0.0, False, (), unreadable=self.msg("answer_first"))
        result = self.session.check(question, response)
        if not result.unreadable:
            self._record(question, response, result)
        self._update_status()
        return result

    def changed(self, question: AnyQuestion, response: Response) -> None:
        """An answer changed: it is saved as a draft at once, checked or not, so nothing is lost."""
        if self.session.submitted:
            return
        self.session.responses[question.id] = response
        status = self.store.save_draft(self.sitting.id, question.id, response_to_json(response))
        if status == "closed":
            self._closed_elsewhere()
            return
        self._show_save_status()
        if self.mode == "exam":
            self._update_status()

    def submit(self) -> None:
        """Exam: grades every answer, stores them, and shows the full review."""
        if self.mode != "exam" or self.session.submitted:
            return
        # Only answers the student gave count: an order question left as shown is unanswered.
        # A student copy does not know the right order, so its start order may be right: left as
        # shown, that order is the student's answer.
        if self.bank.keyless:
            for question in self.session.questions:
                if isinstance(question, OrderQuestion) and question.id not in self.session.responses:
                    self.session.responses[question.id] = item_order(question, self.seed)
        grades = self.session.submit()
        answers = [(self._attempt(q, self.session.responses.get(q.id), grades.get(q.id)), q)
                   for q in self.session.questions]
        if self.store.submit(self.sitting.id, answers) == "closed":
            self._closed_elsewhere()
            return
        if not self.bank.keyless:  # a copy's answers have no grade to send or learn from yet
            self._send_to_lrs(answers)
            for question in self.session.questions:
                self._review(question, grades.get(question.id))
        with self.hold_sync():
            self._show_save_status()
            self.submit_disabled = True
            for view in self._views.values():
                view.disabled = True
                view.show(grades.get(view.question.id), push=False)
            self._resend_items()
            self._update_status()
            self.retake_shown = True

    def restart(self) -> None:
        """Starts a new attempt: a new sitting, drawn and shuffled with a seed derived from the
        attempt number, with no answers yet. Earlier attempts stay in the store and in
        `results()`; a new `Quiz` on the same store shows the latest attempt. An exam is
        submitted first."""
        if self.mode == "exam" and not self.session.submitted:
            raise RuntimeError(self.msg("submit_first"))
        old = list(self._views.values())
        for view in old:
            view.retired = True
        self._start(self._new_sitting(len(self._sittings()) + 1))
        with self.hold_sync():
            self._show_page()
            self._resend_items()

    def _record(self, question: AnyQuestion, response: Response | None,
                result: Grade | None) -> None:
        attempt = self._attempt(question, response, result)
        if self.store.record(attempt, question) != "closed":
            self._send_to_lrs([(attempt, question)])
            self._review(question, result)
        self._show_save_status()

    def _origin(self, question: AnyQuestion) -> tuple[Bank, AnyQuestion]:
        """The bank and question as written in the bank (a review quiz mixes banks)."""
        return self.bank, question

    def _review(self, question: AnyQuestion, result: Grade | None) -> None:
        """Every graded answer is a review of the learner's card of that question."""
        bank, original = self._origin(question)
        self.reviews.answered(bank, original, correct=bool(result and result.correct),
                              score=result.score if result else 0.0,
                              hinted=question.id in self.session.hinted,
                              sitting=self.sitting.id, mode=self.mode)

    def _attempt(self, question: AnyQuestion, response: Response | None,
                 result: Grade | None) -> Attempt:
        bank, original = self._origin(question)
        return Attempt(
            bank_id=bank.id, question_id=original.id, user=self.user, mode=self.mode,
            response=response_to_json(response) if response is not None else None,
            score=None if bank.keyless else result.score if result else 0.0,
            correct=bool(result and result.correct),
            time=seconds(self.clock()), seed=self.seed, sitting=self.sitting.id,
            fingerprint=question_fingerprint(original), points=original.points, graded=not bank.keyless,
        )

    def _send_to_lrs(self, answers: list[tuple[Attempt, AnyQuestion]]) -> None:
        if self.lrs is None:
            return
        home = hub_home()
        self.lrs.send([statement(*self._origin(question), attempt, home=home,
                                 duration=attempt.time - self._shown.get(question.id, attempt.time))
                       for attempt, question in answers])

    # -- saving -----------------------------------------------------------------------------

    def _show_save_status(self) -> None:
        """What the student must know about saving: answers waiting, memory only, skipped rows."""
        store, was = self.store, self.save_status
        if store.in_memory:
            text, css = self.msg("in_memory", error=store.last_error), "kwis-save-failed"
        elif store.unsaved:
            text = self.msg("unsaved", error=store.last_error, count=store.unsaved)
            css = "kwis-save-failed"
        elif queued(store):
            text, css = self.msg("queued", count=queued(store)), "kwis-save-queued"
        elif any(f'"{css}"' in was for css in ("kwis-save-failed", "kwis-saved-again",
                                                "kwis-save-queued")):
            text, css = self.msg("saved_again"), "kwis-saved-again"
        elif store.damaged:
            text, css = self.msg("damaged", count=len(store.damaged)), "kwis-save-note"
        else:
            text, css = "", ""
        role = "status" if css in ("kwis-save-queued", "kwis-saved-again") else "alert"  # quiet
        with self.hold_sync():
            self.save_status = (f'<div class="{css}" role="{role}">{escape(text)}</div>'
                                if text else "")
            self.save_retry = bool(store.unsaved)

    def retry_saving(self) -> bool:
        """Save again: writes the answers that wait; True when none waits any more."""
        saved = self.store.retry()
        self._show_save_status()
        return saved

    def _closed_elsewhere(self) -> None:
        """Another notebook submitted this exam: show what it submitted, save nothing more here."""
        refreshed = next((s for s in self._sittings() if s.id == self.sitting.id), self.sitting)
        self._start(refreshed)
        if not self.session.submitted:  # the store had no record of it: keep what is shown
            self.session.submit()
        with self.hold_sync():
            self._show_page()
            self._resend_items()
            self.retake_shown = False  # Try again belongs to the notebook that submitted
            self.save_status = (f'<div class="kwis-save-note" role="alert">'
                                f'{escape(self.msg("closed_elsewhere"))}</div>')

    def results(self) -> tuple[Attempt, ...]:
        """Every stored answer of this student to this quiz (bank, mode and selection), oldest
        first, as frozen records: those of earlier attempts too (`Attempt.sitting` tells the
        attempts apart; `quiz.sitting.id` is the current one)."""
        return tuple(a for s in self._sittings() for a in self.store.attempts(sitting=s.id))

    # -- status and summary ---------------------------------------------------------------

    def _update_status(self) -> None:
        session = self.session
        total = len(session.questions)
        earned, possible = session.points
        with self.hold_sync():
            self.progress_total = max(1, total)
            self.progress_done = session.done_count
            self.progress_text = self.msg("progress", done=session.done_count, total=total)
            if self.bank.keyless:
                self.score = self.msg("marked_by_teacher")
            elif self.mode == "exam" and not session.submitted:
                self.score = self.msg("score_later")
            else:
                self.score = self.msg("score", earned=self.number(earned),
                                      possible=self.number(possible))
            self.summary = summary_html(self) if session.complete else ""

    def result_view(self) -> QuizResult:
        """The progress, score and summary once more, as a widget of its own (class
        `kwis-result`) that follows this quiz: for a "Your result" cell below the quiz."""
        return QuizResult(self)

    # -- outside a widget frontend ----------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[Any, Any], dict[Any, Any]] | None:
        data, metadata = super()._repr_mimebundle_(**kwargs) or ({}, {})
        data = {**data, "text/plain": static_text(self.bank, self.session.questions, self.mode,
                                                   self.language),
                "text/html": static_html(self.bank, self.session.questions, self.language)}
        return data, metadata


def summary_html(quiz: Quiz) -> str:
    """Total score, pass or not, score per tag and the passages to reread."""
    session = quiz.session
    msg = quiz.msg
    if quiz.bank.keyless:  # no score, no feedback: what the student needs to know is that it is saved
        return f'<p class="kwis-submitted" role="status">{escape(msg("submitted_ungraded"))}</p>'
    earned, possible = session.points
    percent = round(100 * earned / possible) if possible else 0
    mark = round(100 * quiz.bank.settings.pass_mark)
    lines = [f"<h4>{escape(msg('summary'))}</h4>",
             f"<p>{escape(msg('total', earned=quiz.number(earned), possible=quiz.number(possible), percent=percent))} "
             f"{escape(msg('passed' if session.passed else 'failed', mark=mark))}</p>"]
    if session.mode == "exam":
        lines.insert(1, f"<p>{escape(msg('submitted'))}</p>")
    lines.append(_comes_back(quiz))
    lines.append(_tag_table(quiz))
    lines.append(_reread(quiz))
    return "".join(lines)


def _comes_back(quiz: Quiz) -> str:
    """When the questions of this sitting come back for review: `3 vragen komen morgen terug`."""
    keys = [(bank.id, original.id) for bank, original in map(quiz._origin, quiz.session.questions)]
    sentence = comes_back_sentence(quiz.reviews.comes_back(keys), quiz.language)
    return f'<p class="kwis-comes-back">{escape(sentence)}</p>' if sentence else ""


def _tag_table(quiz: Quiz) -> str:
    scores = quiz.session.tag_scores()
    if not scores:
        return ""
    rows = "".join(
        f"<tr><td>{escape(s.tag)}</td><td>{escape(quiz.number(s.earned))} / "
        f"{escape(quiz.number(s.possible))}</td></tr>" for s in scores)
    head = (f"<tr><th>{escape(quiz.msg('tag'))}</th>"
            f"<th>{escape(quiz.msg('points_column'))}</th></tr>")
    return (f"<h5>{escape(quiz.msg('per_tag'))}</h5>"
            f"<table><thead>{head}</thead><tbody>{rows}</tbody></table>")


def _reread(quiz: Quiz) -> str:
    missed = quiz.session.missed()
    title = f"<h5>{escape(quiz.msg('reread'))}</h5>"
    if not missed:
        return f"{title}<p>{escape(quiz.msg('reread_none'))}</p>"
    items = "".join(
        f"<li>{quiz.markdown(q.prompt, inline=True)}{quote_html(q.source, _cite(quiz.bank))}</li>" for q in missed)
    return f'{title}<ul class="kwis-reread">{items}</ul>'


def _tags(tags: str | Iterable[str] | None) -> tuple[str, ...]:
    if tags is None:
        return ()
    if isinstance(tags, str):
        return tuple(t.strip() for t in tags.split(",") if t.strip())
    return tuple(tags)


def _check_layout(layout: str, language: str) -> Layout:
    if layout == "paged":
        return "paged"
    if layout == "scroll":
        return "scroll"
    raise ValueError(_MESSAGES(language, "bad_layout", layout=layout))


def quiz(bank_or_path: Bank | str | os.PathLike[str], **options: Any) -> None:
    """Creates a `Quiz` (same arguments) and displays it."""
    from IPython.display import display

    display(Quiz(bank_or_path, **options))  # type: ignore[no-untyped-call]
