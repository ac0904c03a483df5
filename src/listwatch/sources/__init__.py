"""Parsers for official list formats. Each reads a local file and returns a ``ListVersion``;
none opens the store or the network (``download.py`` only fetches files)."""
