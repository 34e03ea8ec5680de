"""The catalogue of checks: every registered check, by name, from one module per rule family.

Rule files name a check here (``check = "currency.scale_slip"``); a check not listed here does not
exist. ``tests/test_catalogue.py`` proves every check is used by a shipped rule.
"""

from __future__ import annotations

from factcheck.checks import (
    change_amount,
    currency,
    derived,
    direction,
    growth,
    hygiene,
    percent_change,
    repeated,
    totals,
    unit_conversion,
    weekdays,
    years,
)
from factcheck.registry import catalogue

CATALOGUE = catalogue(
    currency.CHECKS,
    unit_conversion.CHECKS,
    repeated.CHECKS,
    percent_change.CHECKS,
    change_amount.CHECKS,
    growth.CHECKS,
    direction.CHECKS,
    totals.CHECKS,
    derived.CHECKS,
    hygiene.CHECKS,
    weekdays.CHECKS,
    years.CHECKS,
)

__all__ = ["CATALOGUE"]
