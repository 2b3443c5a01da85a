"""Teacher tools: lint, draft, notebooks, exports to LMS formats (`export/`) and imports
from them (`importers/`), item statistics of a class (`bank_stats`, docs/stats.md), marking exams taken on a
student copy (`mark_class`). A peer of
the ui layer: neither imports the other."""

from kwis.teacher._lint import lint
from kwis.teacher._marking import MarkReport, mark_class
from kwis.teacher._stats import BankStats, ItemStats, bank_stats, class_stats
from kwis.teacher._stats_report import stats_csv, stats_data, stats_json, stats_text

__all__ = [
    "BankStats", "ItemStats", "MarkReport", "bank_stats", "class_stats", "lint", "mark_class", "stats_csv",
    "stats_data", "stats_json", "stats_text",
]
