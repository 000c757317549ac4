"""The canvas regions' areas are where the verifier's region test puts a thing's centre, and what evidence shades."""

from __future__ import annotations

from typing import get_args

import pytest

from tessera.contract import Box, Region
from tessera.contract.relations import region_area
from tessera.verifier._position import in_region


@pytest.mark.parametrize("region", get_args(Region))
def test_a_box_centred_in_a_regions_area_is_in_that_region(region: Region) -> None:
    area = region_area(region, 1000, 800)
    centre = Box(x=area.x + area.w // 2 - 5, y=area.y + area.h // 2 - 5, w=10, h=10)
    assert in_region(centre, region, 1000, 800)


def test_the_areas_in_pixels() -> None:
    assert region_area("top", 1000, 800) == Box(x=0, y=0, w=1000, h=320)
    assert region_area("bottom-right", 1000, 800) == Box(x=500, y=400, w=500, h=400)
    assert region_area("center", 1000, 800) == Box(x=300, y=240, w=400, h=320)
