"""A realistic mix of targets: shops, homes, hospitality, petrol stations, couriers, transports."""

import numpy as np
from scipy import stats

from overvalregie.incidents.choices import ShopBranch, TargetType
from tests.demo.recovery import clustering_inflation


def test_target_mix_is_not_rejected(town):
    p = town.parameters
    kinds = [kind for kind, _ in p.target_mix]
    shares = np.array([share for _, share in p.target_mix])
    targets = town.robbery_arrays()["target_type"]
    observed = np.array([(targets == kind).sum() for kind in kinds])
    expected = shares / shares.sum() * observed.sum()
    chi2 = ((observed - expected) ** 2 / expected).sum()
    # Clusters of offspring keep their parent's kind: scale the statistic by the variance
    # inflation of clustered counts.
    dispersion = clustering_inflation(p) ** 2
    assert stats.chi2.sf(chi2 / dispersion, len(kinds) - 1) > 0.001


def test_common_kinds_of_target_occur_and_all_are_valid(town):
    p = town.parameters
    targets = {r.target_type for r in town.robberies}
    assert {kind for kind, share in p.target_mix if share >= 0.05} <= targets
    assert targets <= set(TargetType.values)
    branches = {r.shop_branch for r in town.robberies if r.target_type == "shop"}
    assert {"supermarket", "jeweller"} <= branches <= set(ShopBranch.values)


def test_targets_are_where_they_belong(town):
    businesses = town.businesses
    for r in town.robberies:
        if r.target_type in ("home", "meal_courier", "cash_in_transit"):
            assert r.business_index is None
        else:
            business = businesses[r.business_index]
            assert business.target_type == r.target_type
            assert business.branch == r.shop_branch
            assert (business.x, business.y, business.address) == (r.x, r.y, r.address)
        assert r.address
