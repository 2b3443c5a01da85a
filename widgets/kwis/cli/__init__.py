"""kwis.cli."""
