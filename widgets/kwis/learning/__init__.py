"""kwis.learning: spaced review (fsrs) and mastery from the answer store. No widgets.

Public: `simulate_history` (a seeded demo learner, for notebooks and benchmarks). The student's
side is `kwis.review(...)` and `kwis.progress(...)`; the teacher's `kwis due` and `kwis progress`.
"""

from __future__ import annotations

from kwis.learning._demo import simulate_history

__all__ = ["simulate_history"]
