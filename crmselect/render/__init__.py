"""Renderers: each takes a result object and returns text or bytes; nothing here computes."""
