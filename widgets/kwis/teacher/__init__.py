"""Teacher tools: lint, draft, notebooks, exports to LMS formats (`export/`) and imports
from them (`importers/`), item statistics of a class (`bank_stats`, docs/stats.md). A peer of
the ui layer: neither imports the other."""

from kwis.teacher._lint import lint
from kwis.teacher._stats import BankStats, ItemStats, bank_stats, class_stats
from kwis.teacher._stats_report import stats_csv, stats_data, stats_json, stats_text

__all__ = [
    "BankStats", "ItemStats", "bank_stats", "class_stats", "lint", "stats_csv", "stats_data",
    "stats_json", "stats_text",
]
