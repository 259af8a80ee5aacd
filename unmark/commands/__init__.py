"""Sub-commands of the ``unmark`` CLI (one module each)."""
