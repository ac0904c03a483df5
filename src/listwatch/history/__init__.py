"""What the versions mean over time: events between versions (diff.py), status on a date (asof.py)."""
