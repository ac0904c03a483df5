"""The HTTP API: ``create_app(settings)`` in app.py."""
