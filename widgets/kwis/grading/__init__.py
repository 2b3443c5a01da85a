"""kwis.grading."""
