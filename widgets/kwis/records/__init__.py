"""kwis.records."""
