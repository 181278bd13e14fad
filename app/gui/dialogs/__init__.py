"""Dialogs: first start, login, item form, accounts."""
