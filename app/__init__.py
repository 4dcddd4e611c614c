"""PermitDesk: the foreigners' counter application for single-permit renewals."""

__version__ = "0.1.0"
