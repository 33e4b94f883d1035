"""Shipped knowledge: lexicons and taxonomy maps (see SOURCES.md)."""
