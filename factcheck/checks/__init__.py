"""The catalogue of checks: every registered check, by name, from one module per rule family.

A rule's code prefix names its family, and the family names everything else of the rule: the
check module ``factcheck/checks/<family>.py``, the check ``<family>.<name>`` that rule files name
(``check = "scale.conversion_slip"``), and the case table ``tests/rules/<family>.toml``. A check
not listed here does not exist. ``tests/test_catalogue.py`` proves every check is used by a
shipped rule and that every rule follows the naming.
"""

from __future__ import annotations

from factcheck.checks import (
    amount,
    currency,
    dates,
    direction,
    growth,
    inferred,
    numerals,
    percent,
    points,
    repeated,
    scale,
    suppressions,
    totals,
    units,
    years,
)
from factcheck.registry import catalogue

# Code prefix → rule family: the module, the check names' prefix and the case table.
FAMILIES = {
    "AMT": "amount",
    "CUR": "currency",
    "DAT": "dates",
    "DIR": "direction",
    "GRW": "growth",
    "INF": "inferred",
    "NUM": "numerals",
    "PCT": "percent",
    "PPT": "points",
    "REP": "repeated",
    "SCL": "scale",
    "SUP": "suppressions",
    "TOT": "totals",
    "UNT": "units",
    "YRS": "years",
}

CATALOGUE = catalogue(
    amount.CHECKS,
    currency.CHECKS,
    dates.CHECKS,
    direction.CHECKS,
    growth.CHECKS,
    inferred.CHECKS,
    numerals.CHECKS,
    percent.CHECKS,
    points.CHECKS,
    repeated.CHECKS,
    scale.CHECKS,
    suppressions.CHECKS,
    totals.CHECKS,
    units.CHECKS,
    years.CHECKS,
)

# Check names before 0.3.0, when they were named after the module rather than the rule family. A
# user's own rule file may still name one: it runs the new check (``ruleset`` warns that the name
# is deprecated). Names are only ever added here, never removed before a major version.
RENAMED = {
    "calendar.weekday_mismatch": "dates.weekday_mismatch",
    "change.amount_mismatch": "amount.change_mismatch",
    "currency.scale_slip": "scale.conversion_slip",
    "derived.annual_growth": "inferred.annual_growth",
    "derived.implied_base": "inferred.implied_base",
    "hygiene.invalid_suppression": "suppressions.invalid",
    "hygiene.malformed_number": "numerals.malformed_number",
    "hygiene.too_many_figures": "numerals.too_many_figures",
    "hygiene.too_many_findings": "numerals.too_many_findings",
    "hygiene.unused_suppression": "suppressions.unused",
    "percent.points_confusion": "points.percent_for_points",
    "percent.points_mismatch": "points.mismatch",
    "percent.rate_moved_by_percent": "points.rate_moved_by_percent",
}

__all__ = ["CATALOGUE", "FAMILIES", "RENAMED"]
