"""Division codes against the published GB/T 2260 lists (facts written by hand)."""

from __future__ import annotations

import pytest

from wuxing.model.divisions import level, lookup, name_in, within


class TestLookup:
    def test_xingguo(self) -> None:
        """兴国县 has been 360732 since Ganzhou became a prefecture-level city (1998)."""
        (d,) = lookup("360732")
        assert ("兴国县", "江西省", 1998, None) == (d.name, d.province, d.since, d.until)

    def test_code_retired(self) -> None:
        """Beijing's 崇文区 (110103) was merged in 2010; the code meant it until then."""
        assert "崇文区" == name_in("110103", 2005)
        assert name_in("110103", 2011) is None

    def test_code_before_a_renumbering(self) -> None:
        """Before 1998 the Ganzhou area's codes were 3621xx (赣州市 was 362101)."""
        assert "赣州市" == name_in("362101", 1990)
        assert name_in("362101", 1999) is None

    def test_code_renamed(self) -> None:
        """Tianjin's 东郊区 became 东丽区 in 1992 under the same code."""
        assert ["东郊区", "东丽区"] == [d.name for d in lookup("120110")]
        assert ("东郊区", "东丽区") == (name_in("120110", 1990), name_in("120110", 1992))

    @pytest.mark.parametrize("code", ["999999", "360799", "36073", "36073x", "360732\n"])
    def test_unknown(self, code: str) -> None:
        """Codes never assigned, and text that is not six digits, find nothing."""
        assert () == lookup(code)


class TestLevels:
    def test_levels(self) -> None:
        """The shape of a code says its level."""
        assert ["province", "prefecture", "county"] == [
            level(c) for c in ("360000", "360700", "360732")
        ]

    def test_within(self) -> None:
        """A county lies in its prefecture and province, not in a neighbour's."""
        assert within("360732", "360000")
        assert within("360732", "360700")
        assert within("360732", "360732")
        assert not within("360732", "360800")
        assert not within("360731", "360732")
