"""Readers and writers (JSON, Markdown, text, TMX, TBX, spreadsheets, HTML)."""
