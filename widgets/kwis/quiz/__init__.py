"""kwis.quiz."""
