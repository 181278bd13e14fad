"""Reusable widgets: scan field, page header, form helpers."""
