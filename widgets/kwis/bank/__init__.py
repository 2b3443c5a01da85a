"""kwis.bank."""
