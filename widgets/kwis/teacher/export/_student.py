"""`kwis export BANK --to student`: the bank without its answers, for the students' notebooks.

An exam on the copy records the answers only; the teacher marks them with the full bank
(`kwis grade CLASS --bank FULL_BANK`). What the copy keeps and leaves out: `kwis.bank._student`
and docs/export.md. The copy's `student_copy.fingerprint` is a SHA-256 over the fingerprints of
what the students see of each question; it is never a hash of an answer, which a student could
find by hashing each choice in turn.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from kwis._model import Bank, StudentCopy
from kwis.bank import bank_to_yaml, hint_gives_away, keyless_bank
from kwis.records._identity import question_fingerprint
from kwis.teacher.export._losses import Losses


def write(bank: Bank, losses: Losses) -> str:
    for question in bank.questions:
        if hint_gives_away(question):
            losses.gives_away(question)
    return bank_to_yaml(student_copy(bank))


def student_copy(bank: Bank) -> Bank:
    """The student copy of `bank` (a copy stays itself), with its fingerprint."""
    copy = bank if bank.keyless else keyless_bank(bank)
    marker = copy.student_copy or StudentCopy(bank.id, bank.title)
    return replace(copy, student_copy=replace(marker, fingerprint=copy_fingerprint(copy)))


def copy_fingerprint(copy: Bank) -> str:
    """SHA-256 (hex) over each question's id and the fingerprint of what the students see of it."""
    lines = "".join(f"{q.id}\t{question_fingerprint(q)}\n" for q in copy.questions)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()
