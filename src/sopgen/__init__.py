"""sopgen: multilingual SOP documents and order-flow charts for online shops."""

__version__ = "0.1.0"
