"""About 2,000 businesses in Voorbeeldstad, of every robbery-relevant kind, in clusters."""

from collections import Counter

import numpy as np
import shapely
from scipy.spatial import cKDTree

from overvalregie.incidents.choices import CashHandling, ShopBranch, TargetType


def test_about_two_thousand_businesses_in_the_town(town):
    stad = town.municipalities[0]
    in_town = [b for b in town.businesses if b.municipality_code == stad.code]
    assert 1_900 <= len(in_town) <= 2_100
    for m in town.municipalities:
        assert m.businesses == sum(b.municipality_code == m.code for b in town.businesses)
        if m is not stad:
            assert m.businesses < len(in_town)


def test_kinds_and_branches_in_realistic_proportions(town):
    p = town.parameters
    stad = [b for b in town.businesses if b.municipality_code == p.town.code]
    counts = Counter((b.target_type, b.branch) for b in stad)
    for kind, branch, share in p.business_mix:
        assert abs(counts[(kind, branch)] - share * len(stad)) <= 1, (kind, branch)
    assert counts[("shop", "supermarket")] >= 30
    assert counts[("petrol_station", "")] >= 10
    for b in town.businesses:
        assert b.target_type in TargetType.values
        assert b.branch in ("", *ShopBranch.values)
        assert (b.branch != "") == (b.target_type == "shop")
        assert b.cash_handling in CashHandling.values
    # Every municipality has at least one of each kind, so robberies can find a target.
    for m in town.municipalities:
        kinds = {
            (b.target_type, b.branch) for b in town.businesses if b.municipality_code == m.code
        }
        assert kinds == {(kind, branch) for kind, branch, _ in p.business_mix}


def test_shops_cluster(town):
    stad = town.municipalities[0]
    shops = np.array(
        [
            (b.x, b.y)
            for b in town.businesses
            if b.municipality_code == stad.code and b.target_type == "shop"
        ]
    )
    distance, _ = cKDTree(shops).query(shops, k=2)
    # Clark-Evans: mean nearest-neighbour distance against that of a random pattern.
    ratio = distance[:, 1].mean() / (0.5 * np.sqrt(stad.shape.area / len(shops)))
    assert ratio < 0.7  # 1 for a random pattern
    settings = Counter(b.setting for b in town.businesses if b.municipality_code == stad.code)
    assert settings["centre"] + settings["cluster"] > 0.5 * sum(settings.values())


def test_businesses_lie_in_their_areas(town):
    areas = {a.code: a.shape for a in [*town.municipalities, *town.neighbourhoods]}
    x = np.array([b.x for b in town.businesses])
    y = np.array([b.y for b in town.businesses])
    for level in ("neighbourhood_code", "municipality_code"):
        codes = np.array([getattr(b, level) for b in town.businesses])
        for code in np.unique(codes):
            mine = codes == code
            assert shapely.contains_xy(areas[code], x[mine], y[mine]).all(), code


def test_names_addresses_and_kvo(town):
    assert all(b.name and b.address and b.opening_hours for b in town.businesses)
    addresses = [b.address for b in town.businesses]
    assert len(set(addresses)) == len(addresses)
    kvo = [b for b in town.businesses if b.kvo_area]
    assert 0.05 * len(town.businesses) < len(kvo) < 0.5 * len(town.businesses)
    focus = [f.shape for f in town.focus_areas]
    for b in kvo:
        assert any(shapely.contains_xy(shape, b.x, b.y) for shape in focus)
