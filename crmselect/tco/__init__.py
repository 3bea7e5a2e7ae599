"""The five-year cost model and its Monte Carlo simulation (tco.md).

Entry point: :func:`simulate_tco` (a :class:`~crmselect.models.selection.Selection` in, a frozen
:class:`~crmselect.tco.result.TcoResult` out).
"""

from crmselect.tco.result import BudgetCheck, TcoResult, VendorTco
from crmselect.tco.simulate import simulate_tco

__all__ = ["BudgetCheck", "TcoResult", "VendorTco", "simulate_tco"]
