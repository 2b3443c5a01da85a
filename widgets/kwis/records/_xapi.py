"""xAPI 1.0.3 statements of graded answers, sent to a Learning Record Store through the outbox.

`KWIS_LRS=https://lrs.example.org/xAPI` (the xAPI base; statements go to `<base>/statements`)
with `KWIS_LRS_USER` and `KWIS_LRS_PASSWORD` (HTTP Basic). The actor is the hub user:
`account.homePage` is the hub (`KWIS_HUB_URL`, else JupyterHub's public URL, else its API URL's
origin) and `account.name` the learner id. Each question is a `cmi.interaction` activity
`<hub>/kwis/banks/<bank id>/<question id>`; the attempt (sitting) is the `registration`, the bank
the parent activity. The answer as kwis stores it rides along in a result extension, so
`kwis collect --from-lrs` can rebuild a class database from the LRS.

Sending never blocks a quiz: a statement goes into the outbox file and a background thread posts
waiting statements in order; an LRS that does not answer is tried again later. Statement ids
are fixed when the statement is made, so a statement posted twice is stored once.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import threading
import urllib.parse
import uuid
from datetime import datetime, timezone
from typing import Any, Iterator, Sequence

from kwis._model import (
    AnyQuestion, Bank, ChoiceQuestion, ClozeQuestion, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, TextQuestion, TrueFalseQuestion,
)
from kwis.records._outbox import Entry, Outbox
from kwis.records._store import Attempt

LRS_ENV, USER_ENV, PASSWORD_ENV, HUB_ENV = ("KWIS_LRS", "KWIS_LRS_USER", "KWIS_LRS_PASSWORD",
                                            "KWIS_HUB_URL")
XAPI_VERSION = "1.0.3"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
ANSWER_EXTENSION = "/kwis/xapi/answer"  # after the hub URL: kwis's own record of the answer
TIMEOUT_SECONDS = 5.0
RETRY_SECONDS = 5.0


def hub_home() -> str:
    """The IRL that names the hub learners log in at (the xAPI account's homePage)."""
    for variable in (HUB_ENV, "JUPYTERHUB_PUBLIC_HUB_URL", "JUPYTERHUB_PUBLIC_URL"):
        value = os.environ.get(variable, "").strip().rstrip("/")
        if value:
            return value
    api = urllib.parse.urlsplit(os.environ.get("JUPYTERHUB_API_URL", ""))
    if api.scheme and api.netloc:
        return f"{api.scheme}://{api.netloc}"
    return f"http://{socket.getfqdn()}"


def bank_iri(home: str, bank_id: str) -> str:
    return f"{home}/kwis/banks/{urllib.parse.quote(bank_id, safe='')}"


def statement(bank: Bank, question: AnyQuestion, attempt: Attempt, *, home: str,
              duration: float | None = None, keyless: bool = False) -> dict[str, Any]:
    """The `answered` statement of one graded answer (`keyless`: a response only, no key)."""
    parent = bank_iri(home, bank.id)
    definition: dict[str, Any] = {
        "type": INTERACTION, "name": {bank.language: question.id},
        "description": {bank.language: question.prompt},
        "interactionType": question.xapi_interaction, **_components(question, bank.language),
    }
    if not keyless:
        definition["correctResponsesPattern"] = _correct_pattern(question)
    points = attempt.points if attempt.points is not None else question.points
    result: dict[str, Any] = {
        "response": _response_text(question, attempt.response),
        "extensions": {home + ANSWER_EXTENSION: {
            "bank": bank.id, "question": question.id, "mode": attempt.mode,
            "response": attempt.response, "fingerprint": attempt.fingerprint,
            "seed": attempt.seed, "sitting": attempt.sitting}},
    }
    if not keyless:
        result["success"] = bool(attempt.correct)
        score = attempt.score or 0.0  # an ungraded answer (None) is sent as `keyless`
        result["score"] = {"scaled": round(score, 4), "raw": round(score * points, 4),
                           "min": 0, "max": points}
    if duration is not None:
        result["duration"] = f"PT{max(duration, 0.0):.2f}S"
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "account": {"homePage": home, "name": attempt.user}},
        "verb": {"id": ANSWERED, "display": {"en-US": "answered"}},
        "object": {"objectType": "Activity", "id": f"{parent}/{urllib.parse.quote(question.id, safe='')}",
                   "definition": definition},
        "result": result,
        "context": {
            "registration": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{parent}/sitting/{attempt.sitting}")),
            "contextActivities": {"parent": [{"objectType": "Activity", "id": parent, "definition": {
                "type": ASSESSMENT, "name": {bank.language: bank.title}}}]},
            "language": bank.language, "platform": "kwis",
        },
        "timestamp": datetime.fromtimestamp(attempt.time, timezone.utc).isoformat(),
        "version": XAPI_VERSION,
    }


def _components(question: AnyQuestion, language: str) -> dict[str, Any]:
    def listed(texts: Sequence[str], prefix: str) -> list[dict[str, Any]]:
        return [{"id": f"{prefix}{i}", "description": {language: text}}
                for i, text in enumerate(texts)]

    if isinstance(question, (ChoiceQuestion, MultipleQuestion)):
        return {"choices": listed([c.text for c in question.choices], "choice")}
    if isinstance(question, OrderQuestion):
        return {"choices": listed(question.items, "item")}
    if isinstance(question, MatchQuestion):
        return {"source": listed([p.left for p in question.pairs], "left"),
                "target": listed(question.right_options, "right")}
    return {}


def _correct_pattern(question: AnyQuestion) -> list[str]:
    if isinstance(question, ChoiceQuestion):
        return [f"choice{question.correct_index}"]
    if isinstance(question, MultipleQuestion):
        return ["[,]".join(f"choice{i}" for i in sorted(question.correct_indices))]
    if isinstance(question, TrueFalseQuestion):
        return ["true" if question.answer else "false"]
    if isinstance(question, NumericQuestion):
        return [f"{question.low:g}[:]{question.high:g}"]
    if isinstance(question, TextQuestion):
        case = "{case_matters=true}" if question.case_sensitive else "{case_matters=false}"
        return [case + answer for answer in question.answers]
    if isinstance(question, ClozeQuestion):
        return ["[,]".join(gap.answers[0] for gap in question.gaps)]
    if isinstance(question, OrderQuestion):
        return ["[,]".join(f"item{i}" for i in range(len(question.items)))]
    rights = question.right_options
    return ["[,]".join(f"left{i}[.]right{rights.index(p.right)}"
                       for i, p in enumerate(question.pairs))]


def _response_text(question: AnyQuestion, response: Any) -> str:
    """The response in the interaction type's xAPI format (kwis's own JSON in the extension)."""
    if response is None:
        return ""
    if isinstance(question, ChoiceQuestion):
        return f"choice{response}"
    if isinstance(question, MultipleQuestion):
        return "[,]".join(f"choice{i}" for i in response)
    if isinstance(question, TrueFalseQuestion):
        return "true" if response else "false"
    if isinstance(question, OrderQuestion):
        return "[,]".join(f"item{i}" for i in response)
    if isinstance(question, MatchQuestion):
        rights = question.right_options
        return "[,]".join(f"left{i}[.]right{rights.index(r)}" for i, r in enumerate(response)
                          if r in rights)
    if isinstance(response, list):
        return "[,]".join(str(part) for part in response)
    return str(response)


class LrsError(OSError):
    """The LRS refused or did not answer; the statements stay in the outbox."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status

    @property
    def permanent(self) -> bool:
        """The LRS refused the content itself (a 4xx other than auth, timeout or rate limit):
        sending it again would only be refused again."""
        return 400 <= self.status < 500 and self.status not in (401, 403, 408, 429)


class LrsClient:
    """POST and GET of statements, HTTP Basic, xAPI 1.0.3 headers; standard library only."""

    def __init__(self, base: str, user: str = "", password: str = "",
                 timeout: float = TIMEOUT_SECONDS) -> None:
        self.base = base.rstrip("/")
        self.timeout = timeout
        self._headers = {"X-Experience-API-Version": XAPI_VERSION,
                         "Content-Type": "application/json"}
        if user or password:
            token = base64.b64encode(f"{user}:{password}".encode()).decode()
            self._headers["Authorization"] = f"Basic {token}"

    def _request(self, method: str, url: str, body: Any = None) -> Any:
        import urllib.error
        import urllib.request  # here, not with the module: most quizzes never send a statement

        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers=self._headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                text = reply.read()
        except urllib.error.HTTPError as error:
            raise LrsError(f"{method} {url}: HTTP {error.code} {error.read()[:300]!r}",
                           error.code) from error
        except (OSError, ValueError) as error:
            raise LrsError(f"{method} {url}: {error}") from error
        return json.loads(text) if text.strip() else None

    def post(self, statements: Sequence[dict[str, Any]]) -> None:
        self._request("POST", f"{self.base}/statements", list(statements))

    def statements(self, **filters: str) -> Iterator[dict[str, Any]]:
        """Every statement matching the filters (`activity`, `agent` as JSON, `since`, ...),
        following the LRS's `more` links."""
        url: str | None = f"{self.base}/statements?" + urllib.parse.urlencode(filters)
        origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(self.base))
        while url:
            page = self._request("GET", url)
            yield from page.get("statements", [])
            more = page.get("more") or ""
            url = (more if more.startswith("http") else origin + more) if more else None


class LrsSender:
    """Statements for one LRS: into the outbox at once, posted in order by a background thread."""

    def __init__(self, client: LrsClient, outbox: Outbox, retry: float = RETRY_SECONDS) -> None:
        self.client = client
        self.outbox = outbox
        self.retry_seconds = retry
        self.last_error = ""
        self.refused: list[str] = []  # statements the LRS refused for good (kept in the journal)
        self._drain_lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._wake = threading.Event()

    @property
    def queued(self) -> int:
        return len(self.outbox)

    def send(self, statements: Sequence[dict[str, Any]]) -> None:
        for one in statements:
            self.outbox.add("statement", one)
        self._wake.set()
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._run, name="kwis-lrs", daemon=True)
            self._worker.start()

    def flush(self) -> int:
        """Posts what waits now, in this thread; returns how many statements still wait."""
        self._drain()
        return self.queued

    def _drain(self) -> bool:
        with self._drain_lock:
            try:
                self.outbox.drain(self._post, batch=100)
            except LrsError as error:
                self.last_error = str(error)
                return False
            self.last_error = ""
            return True

    def _post(self, entries: Sequence[Entry]) -> None:
        # The same statement twice in one batch (re-sent after a crash) is refused whole.
        unique = {entry.payload["id"]: entry.payload for entry in entries}
        try:
            self.client.post(list(unique.values()))
        except LrsError as error:
            if not error.permanent:
                raise
            self._post_one_by_one(list(unique.values()))

    def _post_one_by_one(self, statements: list[dict[str, Any]]) -> None:
        """After a batch was refused for its content: each statement alone, so one the LRS will
        never take does not hold up the rest. It stays in the outbox file's journal."""
        for one in statements:
            try:
                self.client.post([one])
            except LrsError as error:
                if not error.permanent:
                    raise
                self.refused.append(f"{one.get('id')}: {error}")

    def _run(self) -> None:
        """Posts until nothing waits; while the LRS is away, tries again every few seconds."""
        while True:
            self._wake.clear()
            if self._drain() and not self.queued:
                return
            self._wake.wait(self.retry_seconds)


def sender_from_environment(outbox_path: str | os.PathLike[str] | None = None) -> LrsSender | None:
    """The sender for `$KWIS_LRS`, or None when no LRS is configured."""
    base = os.environ.get(LRS_ENV, "").strip()
    if not base:
        return None
    client = LrsClient(base, os.environ.get(USER_ENV, ""), os.environ.get(PASSWORD_ENV, ""))
    return LrsSender(client, Outbox(f"lrs:{client.base}", outbox_path))


# -- reading a class back from the LRS ---------------------------------------------------------


def class_rows(statements: Iterator[dict[str, Any]]) -> tuple[list[tuple[Any, ...]],
                                                              list[tuple[Any, ...]]]:
    """kwis's `answered` statements as (sittings, attempts) rows of a student store, one sitting
    per learner and registration; other statements are passed over."""
    sittings: dict[tuple[str, str], list[Any]] = {}
    attempts: list[tuple[Any, ...]] = []
    for one in statements:
        answer = _kwis_answer(one)
        if answer is None:
            continue
        learner = one["actor"].get("account", {}).get("name", "")
        when = datetime.fromisoformat(one["timestamp"].replace("Z", "+00:00")).timestamp()
        key = (learner, one["context"]["registration"])
        if key not in sittings:
            sittings[key] = [len(sittings) + 1, answer["bank"], learner, answer["mode"], "lrs",
                             answer.get("seed", 0), [], when, None]
        row = sittings[key]
        row[7] = min(row[7], when)
        if answer["question"] not in row[6]:
            row[6].append(answer["question"])
        if answer["mode"] == "exam":
            row[8] = max(row[8] or when, when)
        score = one["result"].get("score", {})
        attempts.append((row[0], answer["question"], answer.get("fingerprint", ""),
                         json.dumps(answer["response"]), score.get("scaled", 0.0),
                         score.get("max"), int(bool(one["result"].get("success"))), when))
    rows = [(*r[:6], json.dumps(r[6]), *r[7:]) for r in sittings.values()]
    return rows, sorted(attempts, key=lambda a: a[-1])


def _kwis_answer(one: dict[str, Any]) -> dict[str, Any] | None:
    if one.get("verb", {}).get("id") != ANSWERED:
        return None
    for name, value in one.get("result", {}).get("extensions", {}).items():
        if name.endswith(ANSWER_EXTENSION) and isinstance(value, dict):
            return value
    return None
