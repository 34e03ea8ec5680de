"""Physical units through pint, with the registry built on first need only."""

from __future__ import annotations

import functools
from typing import Any

#: units the extractor names that pint's default registry lacks (rules/lexicon/units.toml)
EXTRA_DEFINITIONS = ("ppb = 1e-9 = parts_per_billion",)


def registry(pint: Any) -> Any:
    """A pint registry with :data:`EXTRA_DEFINITIONS` (``pint`` is the imported module)."""
    ureg = pint.UnitRegistry()
    for line in EXTRA_DEFINITIONS:
        ureg.define(line)
    return ureg


class UnitConverter:
    """Converts values between pint units; temperatures handled as absolute scales."""

    def __init__(self) -> None:
        import pint

        self._ureg: Any = registry(pint)

    @functools.lru_cache(maxsize=512)  # noqa: B019 - one converter per process
    def _factor(self, src: str, dst: str) -> float | None:
        try:
            return float(self._ureg.Quantity(1.0, src).to(dst).magnitude)
        except Exception:
            return None

    def convert(self, value: float, src: str, dst: str) -> float | None:
        """``value`` in ``src`` expressed in ``dst``; None when the units do not convert."""
        if src == dst:
            return value
        if "deg" in src or "deg" in dst or src == "kelvin" or dst == "kelvin":
            try:
                return float(self._ureg.Quantity(value, src).to(dst).magnitude)
            except Exception:
                return None
        f = self._factor(src, dst)
        return None if f is None else value * f

    def same_dimension(self, a: str, b: str) -> bool:
        try:
            return bool(self._ureg.Unit(a).dimensionality == self._ureg.Unit(b).dimensionality)
        except Exception:
            return False

    def symbol(self, unit: str) -> str:
        try:
            return str(format(self._ureg.Unit(unit), "~"))
        except Exception:
            return unit


@functools.cache
def default_units() -> UnitConverter:
    return UnitConverter()
