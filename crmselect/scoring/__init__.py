"""The needs–function matrix scorer (scoring.md)."""
