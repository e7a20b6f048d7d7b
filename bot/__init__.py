"""ikeerr: explains Windows VPN and IPsec errors (IPsec/IKE, RAS, certificate HRESULTs)."""

__version__ = "0.1.0"
