"""Unit tests: the domain rules, no database and no Qt."""
