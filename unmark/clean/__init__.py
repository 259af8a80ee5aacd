"""Cleaning rules: each a named rule returning edits recorded as :class:`unmark.model.Fix`."""
