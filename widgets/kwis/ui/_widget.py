"""The quiz widget: `Quiz(bank_or_path, ...)` and `quiz(path, ...)`, which also displays it."""

from __future__ import annotations

import os
from typing import Any, Iterable, Literal

import ipywidgets as widgets

from kwis.ui._controls import Control, make_control
from kwis.ui._aria import Aria
from kwis.ui._keys import KeyGuard
from kwis.ui._kit import Kit, close_tree
from kwis.ui._style import STYLESHEET
from kwis.grading._grade import Grade, Response, describe_answer, is_answered
from kwis._i18n import Messages, ui_language
from kwis.bank._loader import load_bank
from kwis._model import AnyQuestion, Bank, OrderQuestion
from kwis.grading._numbers import format_number
from kwis._render import escape, markdown_inline, markdown_to_html, quote_html
from kwis.ui._session import (
    Selection, Session, attempt_seed, check_mode, default_seed, draw_questions, item_order,
    response_from_json, response_to_json,
)
from kwis.ui._static import static_html, static_text
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
    """The widgets of one question: prompt, answer control, Check and Hint buttons; the hint and
    the feedback are added below on first use (the hint when asked for, the feedback on Check,
    Submit or restore), so a question costs only the widgets a student sees."""

    def __init__(self, quiz: Quiz, question: AnyQuestion, number: int) -> None:
        self.quiz = quiz
        self.question = question
        self.number = number
        self.retired = False  # set when the quiz starts a new attempt without this view
        kit = quiz.kit
        msg = quiz.msg
        self.control: Control = make_control(question, quiz.seed, quiz.bank.settings,
                                             quiz.language, kit)
        self.prompt = kit.html(self._prompt_html(), "kwis-prompt")
        practice = quiz.mode == "practice"
        self.check_button = kit.button(msg("check"), "check", "kwis-check") if practice else None
        self.hint_button = (kit.button(msg("hint"), "lightbulb-o", "kwis-hint")
                            if question.hint else None)
        self._hint: widgets.HTMLMath | None = None
        self._feedback: widgets.HTMLMath | None = None
        # An id often names its answer (`penvoerder`): an exam's page names its questions by number.
        name = f"kwis-qid-{question.id}" if practice else f"kwis-qnum-{number}"
        self.box = kit.column(self._children(), "kwis-question", f"kwis-q-{question.type}", name)
        if self.check_button:
            self.check_button.on_click(lambda _b: self.check())
        if self.hint_button:
            self.hint_button.on_click(lambda _b: self.show_hint())
        self._restore()
        self.control.on_change(self._changed)

    def _children(self) -> list[widgets.Widget]:
        children: list[widgets.Widget] = [self.prompt, self.control.box]
        buttons = [b for b in (self.check_button, self.hint_button) if b is not None]
        if len(buttons) == 1:
            children += buttons
        elif buttons:
            children.append(self.quiz.kit.row(buttons))
        return children + [w for w in (self._hint, self._feedback) if w is not None]

    @property
    def feedback(self) -> widgets.HTMLMath:
        """The feedback area (HTML, empty until there is feedback), below the question."""
        if self._feedback is None:
            self._feedback = self.quiz.kit.html("", "kwis-feedback")
            self.box.children = tuple(self._children())
        return self._feedback

    @property
    def hint(self) -> widgets.HTMLMath | None:
        """The hint area (empty until asked for), or None when the question has no hint."""
        if self._hint is None and self.question.hint:
            self._hint = self.quiz.kit.html("", "kwis-hint-text")
            self.box.children = tuple(self._children())
        return self._hint

    @property
    def inputs(self) -> list[widgets.DOMWidget]:
        """The input widgets, in shown order (radio buttons, checkboxes, text fields, ...)."""
        return self.control.inputs

    def response(self) -> Response:
        return self.control.response()

    def answer(self, response: Response) -> None:
        """Sets the widgets to `response` (a grading Response), as a student would."""
        self.control.set_response(response)

    def check(self) -> Grade:
        """Practice: grades the current answer, stores it and shows the feedback."""
        if self.retired:  # a view of an earlier attempt, kept by the caller
            return Grade(0.0, False, (), unreadable=self.quiz.msg("retired"))
        if self.quiz.mode == "exam":  # as the missing Check button says: graded at Submit
            return Grade(0.0, False, (), unreadable=self.quiz.msg("exam_checks_at_submit"))
        result = self.quiz.check(self.question, self.response())
        self.show(result)
        return result

    def show_hint(self) -> None:
        hint = self.hint
        if hint is None:
            return
        self.quiz.session.hinted.add(self.question.id)
        hint.value = (f'<div class="kwis-hint-body"><strong>{escape(self.quiz.msg("hint"))}:'
                      f"</strong> {self.quiz.markdown(self.question.hint)}</div>")

    def show(self, result: Grade | None) -> None:
        """Shows the feedback for `result` (None: unanswered at submit); a student copy has none."""
        if self.quiz.bank.keyless:
            return
        self.feedback.value = feedback_html(self.quiz, self.question, result)
        self.control.mark(result.parts if result and not result.unreadable else ())

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
            self.show(session.grades[self.question.id])
        elif session.submitted:
            self.show(None)
        if session.submitted:
            self.control.set_disabled(True)

    def _changed(self) -> None:
        if not self.retired:
            self.quiz.changed(self.question, self.response())


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


class Quiz(widgets.VBox):  # type: ignore[misc]
    """A bank taken as a quiz: practice (check each answer) or exam (submit at the end).

    `quiz.questions` are the per-question views in shown order; `quiz.results()` the stored
    attempts. Displaying the same bank again for the same user restores answers and results.
    """

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
        super().__init__()
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
        self.kit = Kit()
        self.lrs = sender_from_environment()  # KWIS_LRS: graded answers also go to an LRS
        self._shown: dict[str, float] = {}  # question id -> when its view was built (xAPI duration)
        self._start(self._sitting())
        self._build()

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
        kit = self.kit
        self.add_class("kwis-quiz")
        self.add_class(f"kwis-mode-{self.mode}")
        # Once per quiz: the look (CSS scoped to .kwis-quiz) and the keys for the controls.
        self.stylesheet = kit.text("kwis-style", value=STYLESHEET)
        self.key_guard = KeyGuard(layout=kit.plain, _dom_classes=("kwis-keys",))
        self.aria = Aria(lang=self.language_tag, layout=kit.plain, _dom_classes=("kwis-aria",))
        self.header = kit.html(self._header_html(), "kwis-header")
        self.progress_bar = widgets.IntProgress(min=0, max=max(1, len(self.session.questions)),
                                                layout=kit.plain)
        self.progress_text = kit.text()
        self.progress = kit.row([self.progress_bar, self.progress_text], "kwis-progress")
        self.score = kit.text("kwis-score")
        self.summary = kit.html("", "kwis-summary")
        self.save_status = kit.html("", "kwis-save-status")
        self.retry_button = kit.button(self.msg("save_again"), "floppy-o", "kwis-retry-save")
        self.retry_button.on_click(lambda _b: self.retry_saving())
        self.saving = kit.row([self.save_status], "kwis-saving")
        self.submit_button = kit.button(self.msg("submit"), "paper-plane", "kwis-submit",
                                        disabled=self.session.submitted)
        self.submit_button.on_click(lambda _b: self.submit())
        self.retake_button: widgets.Button | None = None
        if self.mode == "exam":
            self.retake_button = kit.button(self.msg("retake"), "refresh", "kwis-retake",
                                            tooltip=self.msg("retake_tooltip"))
            self.retake_button.on_click(lambda _b: self.restart())
        self.prev_button = kit.button(self.msg("prev"), "arrow-left", "kwis-prev")
        self.next_button = kit.button(self.msg("next"), "arrow-right", "kwis-next")
        self.prev_button.on_click(lambda _b: self._step(-1))
        self.next_button.on_click(lambda _b: self._step(1))
        self.position = kit.text("kwis-position")
        self.nav = kit.row([self.prev_button, self.position, self.next_button], "kwis-nav")
        self.page = kit.column([], "kwis-page")
        self._show_page()
        self._show_save_status()

    def _show_page(self) -> None:
        self.children = self._layout_children()
        if self.layout_kind == "paged":
            self.go(0)
        else:
            self._show_all()
        self._update_status()

    def _layout_children(self) -> tuple[widgets.Widget, ...]:
        top: list[widgets.Widget] = [self.stylesheet, self.key_guard, self.aria, self.header, self.progress, self.score, self.page]
        if self.layout_kind == "paged":
            top.append(self.nav)
        top.append(self.saving)
        if self.mode == "exam":
            top.append(self.submit_button)
        top.append(self.summary)
        if self.retake_button is not None and self.session.submitted:
            top.append(self.retake_button)
        return tuple(top)

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
        self.page.children = (self.view(self.current).box,)
        self.prev_button.disabled = self.current == 0
        self.next_button.disabled = self.current == total - 1
        self.position.value = escape(self.msg("position", number=self.current + 1, total=total))

    def _step(self, step: int) -> None:
        """Previous (-1) or Next (1). A keyboard user's focus is on the pressed button; when it
        ends up disabled (first or last question) the focus moves to the other one, not away."""
        self.go(self.current + step)
        pressed, other = ((self.next_button, self.prev_button) if step > 0
                          else (self.prev_button, self.next_button))
        if pressed.disabled and not other.disabled:
            other.focus()

    def _show_all(self) -> None:
        self.page.children = tuple(view.box for view in self.questions)

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
        self._show_save_status()
        self.submit_button.disabled = True
        for view in self._views.values():
            view.control.set_disabled(True)
            view.show(grades.get(view.question.id))
        self._update_status()
        self.children = self._layout_children()

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
        self.header.value = self._header_html()
        self.progress_bar.max = max(1, len(self.session.questions))
        self.submit_button.disabled = False
        self._show_page()
        for view in old:  # their models would otherwise stay in the frontend
            close_tree(view.box)

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
        store, was = self.store, self.save_status.value
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
        self.save_status.value = (f'<div class="{css}" role="{role}">{escape(text)}</div>'
                                  if text else "")
        self.saving.children = (self.save_status, self.retry_button) if store.unsaved else (self.save_status,)

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
        self.submit_button.disabled = True
        self._show_page()
        self.save_status.value = (f'<div class="kwis-save-note" role="alert">'
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
        self.progress_bar.value = session.done_count
        self.progress_text.value = escape(self.msg("progress", done=session.done_count, total=total))
        earned, possible = session.points
        if self.bank.keyless:
            self.score.value = escape(self.msg("marked_by_teacher"))
        elif self.mode == "exam" and not session.submitted:
            self.score.value = escape(self.msg("score_later"))
        else:
            self.score.value = escape(self.msg("score", earned=self.number(earned),
                                               possible=self.number(possible)))
        self.summary.value = summary_html(self) if session.complete else ""

    # -- outside a widget frontend ----------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle: dict[str, Any] = dict(super()._repr_mimebundle_(**kwargs) or {})
        bundle["text/plain"] = static_text(self.bank, self.session.questions, self.mode,
                                           self.language)
        bundle["text/html"] = static_html(self.bank, self.session.questions, self.language)
        return bundle


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
