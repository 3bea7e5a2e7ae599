"""The five-year cost model and its Monte Carlo simulation (tco.md)."""
