"""Figures written in a subunit, and the main unit the checks compare them in.

A claim keeps the unit it was written in: "164p" is 164 GBp, "63 cents" 63 USc, "60 basis
points" 60 basis_point (a percentage_point claim). The checks compare figures in main units, so
:func:`in_main_unit` gives a claim's twin in the main unit (1.64 GBP, 0.63 USD, 0.6
percentage_point), same id, span and text. The minor currencies are the ``[minor]`` table of
``rules/lexicon/currencies.toml``; the point units are definitions, below.
"""

from __future__ import annotations

from collections.abc import Mapping

from factcheck.models import Claim

__all__ = ["POINT_UNITS", "in_main_unit", "main_unit"]

#: units of a percentage_point claim other than the point itself: one of them in points
POINT_UNITS: Mapping[str, tuple[str, float]] = {"basis_point": ("percentage_point", 0.01)}


def main_unit(unit: str | None, minor: Mapping[str, tuple[str, float]]) -> tuple[str | None, float]:
    """The main unit of ``unit`` and what one ``unit`` is in it: "GBp" → ("GBP", 0.01).

    ``minor`` is ``Lexicon.minor_currencies``. A unit that is its own main unit gives factor 1.
    """
    if unit is None:
        return None, 1.0
    hit = minor.get(unit) or POINT_UNITS.get(unit)
    return hit if hit is not None else (unit, 1.0)


def in_main_unit(claim: Claim, minor: Mapping[str, tuple[str, float]]) -> Claim:
    """``claim`` with value, bounds and unit in the main unit (the claim itself if already so)."""
    unit, factor = main_unit(claim.unit, minor)
    if factor == 1.0 and unit == claim.unit:
        return claim
    return claim.model_copy(
        update={
            "unit": unit,
            "value": claim.value * factor,
            "low": None if claim.low is None else claim.low * factor,
            "high": None if claim.high is None else claim.high * factor,
        }
    )
