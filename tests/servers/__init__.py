"""Real servers the tests start and stop themselves: PostgreSQL and a Ralph LRS."""
