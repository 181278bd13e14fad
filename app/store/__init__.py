"""Peewee models and named queries; nothing here knows about Qt."""
