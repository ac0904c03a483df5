"""The API's routers, one module per concern; ``app.py`` includes them."""
