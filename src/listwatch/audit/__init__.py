"""Audit: every screening run recorded, and replayed on demand (issue 16)."""
