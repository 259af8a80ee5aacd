"""Segmentation: cleaned lines -> front matter, headings, paragraphs, items, footnotes."""
