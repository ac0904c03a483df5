"""listwatch: the dated, sourced history of designation lists, and screening against them."""

__version__ = "0.1.0"
