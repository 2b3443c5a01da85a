"""Grading: pure functions from a question and a student's response to a score and feedback.

No I/O and no widgets. `grade` is what other layers use; numbers and text are read and
compared the way students write them (`_numbers`, `_text`).
"""

from kwis.grading._grade import Grade, Response, correct_response, describe_answer, grade, is_answered
from kwis.grading._responses import response_from_json, response_to_json

__all__ = ["Grade", "Response", "correct_response", "describe_answer", "grade", "is_answered",
           "response_from_json", "response_to_json"]
