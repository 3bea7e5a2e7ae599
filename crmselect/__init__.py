"""crmselect: choose a CRM and budget for it honestly."""

__version__ = "0.1.0"
