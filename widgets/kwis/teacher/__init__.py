"""kwis.teacher."""
