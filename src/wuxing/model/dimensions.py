"""The five types (五型) that every criterion and finding bears on."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Dimension"]


class Dimension(StrEnum):
    """One of the five types of government (五型), in the order the notices give them.

    The value is the English code used in files; :attr:`zh` is the Chinese name.

    >>> [d.zh for d in Dimension]
    ['忠诚', '创新', '担当', '服务', '过硬']
    >>> Dimension("service_oriented").zh
    '服务'
    """

    LOYAL = "loyal"
    INNOVATIVE = "innovative"
    ACCOUNTABLE = "accountable"
    SERVICE_ORIENTED = "service_oriented"
    COMPETENT = "competent"

    @property
    def zh(self) -> str:
        """The Chinese name (忠诚, 创新, 担当, 服务, 过硬)."""
        return _ZH[self]

    @property
    def label(self) -> str:
        """``"忠诚 loyal"``: the Chinese name and the English code."""
        return f"{self.zh} {self.value}"


_ZH = {
    Dimension.LOYAL: "忠诚",
    Dimension.INNOVATIVE: "创新",
    Dimension.ACCOUNTABLE: "担当",
    Dimension.SERVICE_ORIENTED: "服务",
    Dimension.COMPETENT: "过硬",
}
