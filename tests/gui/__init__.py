"""GUI tests (pytest-qt): real widgets on a real SQLite file."""
