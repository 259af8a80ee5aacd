"""Extraction: sources (text, PDF) -> pages of :class:`~unmark.extract.lines.SrcLine`."""
