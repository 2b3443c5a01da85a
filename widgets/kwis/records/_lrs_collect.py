"""`kwis collect --from-lrs URL`: a class's xAPI statements from an LRS into a class database.

Reads every `answered` statement kwis sent (those carrying kwis's answer extension), one sitting
per learner and registration, and adds what is new to the class database exactly as collecting
student stores does (collecting again adds nothing twice), so `kwis stats` reads LRS data too.
"""

from __future__ import annotations

import os
from pathlib import Path

from kwis.records._class import ClassDatabase
from kwis.records._collect import CollectReport, StoreRows, _add, _learner_names
from kwis.records._xapi import ANSWERED, LrsClient, class_rows


def collect_from_lrs(client: LrsClient, output: str | os.PathLike[str], *,
                     pseudonymise: bool = False, language: str = "en") -> CollectReport:
    output_path = Path(output)
    sittings, attempts = class_rows(client.statements(verb=ANSWERED))
    report = CollectReport(skipped=[])
    target = ClassDatabase(output_path, writable=True)
    try:
        rename = _learner_names(target, output_path, pseudonymise, language)
        report.stores = 1
        report.sittings_added, report.answers_added = _add(
            target.conn, StoreRows(sittings, attempts, []), rename)
    finally:
        target.close()
    return report
