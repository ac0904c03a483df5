"""The command line: Typer, one module per command group, each with ``register(app)``."""
