"""Spaced review in words, in the bank's language: when questions come back, when the next
review is, a topic not practised yet. Dates are the learner's local ones."""

from __future__ import annotations

from datetime import datetime

from kwis._i18n import Messages, ui_language
from kwis.learning._clock import local_day

_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}

_MESSAGES = Messages({
    "en": {
        "one": "{count} question comes back {when}",
        "many": "{count} questions come back {when}",
        "more": "{count} {when}",
        "and": "and",
        "today": "later today",
        "tomorrow": "tomorrow",
        "in_days": "in {days} days",
        "date": "{month} {day}",
        "nothing_due": "Nothing to review now.",
        "next_review": "The next review is {when} ({date}).",
        "no_cards": "No question to review yet: take a quiz first, and what you answer comes "
                    "back here when it is time.",
        "not_practised": "not practised yet",
        "untagged": "(no topic)",
    },
    "nl": {
        "one": "{count} vraag komt {when} terug",
        "many": "{count} vragen komen {when} terug",
        "more": "{count} {when}",
        "and": "en",
        "today": "vandaag nog",
        "tomorrow": "morgen",
        "in_days": "over {days} dagen",
        "date": "{day} {month}",
        "nothing_due": "Nu niets te herhalen.",
        "next_review": "De volgende herhaling is {when} ({date}).",
        "no_cards": "Nog geen vragen om te herhalen: maak eerst een quiz; wat je beantwoordt, komt "
                    "hier terug als het tijd is.",
        "not_practised": "nog niet geoefend",
        "untagged": "(geen onderwerp)",
    },
})


def say(language: str, key: str, **values: object) -> str:
    return _MESSAGES(language, key, **values)


def when(days: int, language: str) -> str:
    """`morgen`, `over 11 dagen`: `days` local days from today."""
    if days <= 0:
        return say(language, "today")
    if days == 1:
        return say(language, "tomorrow")
    return say(language, "in_days", days=days)


def local_date(moment: datetime, language: str) -> str:
    """`10 maart` / `March 10`, in the learner's local time."""
    day = local_day(moment)
    month = _MONTHS[ui_language(language)][day.month - 1]
    return say(language, "date", day=day.day, month=month)


def comes_back(counts: dict[int, int], language: str) -> str:
    """`3 vragen komen morgen terug, 2 over 11 dagen en 1 over 46 dagen.` from {days: count}."""
    if not counts:
        return ""
    items = sorted(counts.items())
    first_days, first_count = items[0]
    parts = [say(language, "one" if first_count == 1 else "many", count=first_count,
                 when=when(first_days, language))]
    parts += [say(language, "more", count=count, when=when(days, language))
              for days, count in items[1:]]
    if len(parts) == 1:
        return parts[0] + "."
    return ", ".join(parts[:-1]) + f" {say(language, 'and')} {parts[-1]}."


def next_review(moment: datetime, at: datetime, language: str) -> str:
    """`De volgende herhaling is morgen (10 maart).`"""
    days = (local_day(moment) - local_day(at)).days
    return say(language, "next_review", when=when(days, language),
               date=local_date(moment, language))
