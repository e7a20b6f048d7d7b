"""ikeerr: explains Windows IPsec/IKE error codes."""

__version__ = "0.1.0"
