"""Storekeeper (防疫物资库管): offline books for an epidemic-prevention storeroom."""

__version__ = "0.1.0"
