"""`kwis stats` output: a table for the terminal, JSON and CSV (keys in docs/stats.md)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from kwis._i18n import Messages
from kwis._render import terminal_safe
from kwis.teacher._stats import BankStats, ItemStats

_MESSAGES = Messages({
    "en": {
        "attempts_first": "each learner's first completed attempt",
        "attempts_last": "each learner's last completed attempt",
        "attempts_all": "every completed attempt",
        "head": "Bank {bank}: {learners} learner{s_learners}, {n} attempt{s_n} ({which})",
        "totals": "Score: mean {mean}, median {median}, standard deviation {sd}; Cronbach's alpha "
                  "{alpha}",
        "no_alpha": "- (learners had different questions, or too few attempts)",
        "distribution": "Score distribution",
        "columns": "question|n|facility|SD|discrimination|efficiency",
        "options": "options",
        "wrong": "frequent wrong answers",
        "none": "No completed attempts yet.",
        "unmarked": "{count} exam(s) taken on a student copy wait for marking and are not counted: "
                    "kwis grade CLASS --bank FULL_BANK",
    },
    "nl": {
        "attempts_first": "de eerste voltooide poging van elke leerling",
        "attempts_last": "de laatste voltooide poging van elke leerling",
        "attempts_all": "elke voltooide poging",
        "head": "Bank {bank}: {learners} leerling{s_learners}, {n} poging{s_n} ({which})",
        "totals": "Score: gemiddeld {mean}, mediaan {median}, standaardafwijking {sd}; Cronbachs "
                  "alfa {alpha}",
        "no_alpha": "- (leerlingen kregen verschillende vragen, of te weinig pogingen)",
        "distribution": "Verdeling van de scores",
        "columns": "vraag|n|p-waarde|sd|Rir (discriminatie)|efficiëntie",
        "options": "opties",
        "wrong": "veelgegeven foute antwoorden",
        "none": "Nog geen voltooide pogingen.",
        "unmarked": "{count} toets(en) op een studentenkopie wachten op nakijken en tellen niet mee: "
                    "kwis grade KLAS --bank VOLLEDIGE_BANK",
    },
})


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


# -- JSON -------------------------------------------------------------------------------------


def stats_data(stats: BankStats) -> dict[str, Any]:
    """The statistics as JSON data; every key is documented in docs/stats.md."""
    return {
        "bank": stats.bank_id,
        "attempts": stats.attempts_kind,
        "learners": stats.learners,
        "n": stats.n,
        "mean": _round(stats.mean),
        "median": _round(stats.median),
        "sd": _round(stats.sd),
        "distribution": list(stats.distribution),
        "alpha": _round(stats.alpha),
        "questions": [_question_data(q) for q in stats.questions],
        "unmarked": stats.unmarked,
    }


def _question_data(item: ItemStats) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.id, "version": item.version, "type": item.type, "n": item.n,
        "max_mark": item.max_mark, "facility": _round(item.facility), "sd": _round(item.sd),
        "discrimination": _round(item.discrimination), "efficiency": _round(item.efficiency),
    }
    if item.options:
        data["options"] = [{"text": o.text, "correct": o.correct, "count": o.count,
                            "share": round(o.share, 4)} for o in item.options]
    if item.wrong_answers:
        data["wrong_answers"] = [{"answer": w.answer, "count": w.count} for w in item.wrong_answers]
    data["flags"] = [{"code": f.code, "message": f.message} for f in item.flags]
    return data


def stats_json(stats: BankStats) -> str:
    return json.dumps(stats_data(stats), ensure_ascii=False, indent=2) + "\n"


# -- CSV --------------------------------------------------------------------------------------

CSV_COLUMNS = ("bank", "id", "version", "type", "n", "max_mark", "facility", "sd",
               "discrimination", "efficiency", "flags")


def stats_csv(stats: BankStats) -> str:
    """One row per question version; flags as their codes, separated by spaces."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in stats.questions:
        writer.writerow([stats.bank_id, item.id, item.version, item.type, item.n, item.max_mark,
                         *("" if v is None else f"{v:.2f}" for v in (
                             item.facility, item.sd, item.discrimination, item.efficiency)),
                         " ".join(f.code for f in item.flags)])
    return out.getvalue()


# -- text ------------------------------------------------------------------------------------


def stats_text(stats: BankStats, language: str) -> str:
    def msg(key: str, **values: object) -> str:
        return _MESSAGES(language, key, **values)

    plural = "en" if language == "nl" else "s"
    lines = [msg("head", bank=stats.bank_id, learners=stats.learners, n=stats.n,
                 s_learners="" if stats.learners == 1 else plural,
                 s_n="" if stats.n == 1 else ("en" if language == "nl" else "s"),
                 which=msg(f"attempts_{stats.attempts_kind}"))]
    if stats.unmarked:
        lines.append(msg("unmarked", count=stats.unmarked))
    if not stats.n:
        return "\n".join(lines + [msg("none")]) + "\n"
    alpha = percent(stats.alpha) if stats.alpha is not None else msg("no_alpha")
    lines.append(msg("totals", mean=percent(stats.mean), median=percent(stats.median),
                     sd=percent(stats.sd), alpha=alpha))
    lines.append(msg("distribution") + ": " + "  ".join(
        f"{10 * i}-{10 * i + 10}%: {count}" for i, count in enumerate(stats.distribution)))
    lines.append("")
    lines += _table(stats, msg("columns").split("|"))
    for item in stats.questions:
        details = _details(item, msg)
        if details:
            lines += ["", f"{item.id}:"] + details
    # Students typed the wrong answers: no escape sequence of theirs reaches the teacher's terminal.
    return "\n".join(terminal_safe(line) for line in lines) + "\n"


def _table(stats: BankStats, columns: list[str]) -> list[str]:
    rows = [columns] + [[item.id, str(item.n), percent(item.facility), percent(item.sd),
                         percent(item.discrimination), percent(item.efficiency)]
                        for item in stats.questions]
    widths = [max(len(row[i]) for row in rows) for i in range(len(columns))]
    return ["  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i])
                      for i, cell in enumerate(row)).rstrip() for row in rows]


def _details(item: ItemStats, msg: Any) -> list[str]:
    lines: list[str] = []
    if item.options:
        lines.append(f"  {msg('options')}: " + "; ".join(
            f"{'✓ ' if o.correct else ''}{o.text} {o.count}" for o in item.options))
    if item.wrong_answers:
        lines.append(f"  {msg('wrong')}: " + "; ".join(
            f"'{w.answer}' {w.count}" for w in item.wrong_answers))
    lines += [f"  ! {flag.message}" for flag in item.flags]
    return lines
