"""A worker builds the offline model's lazy parts before its first job."""

from __future__ import annotations

from agents import classify, languages, reading
from agents.offline import OfflineModel


def test_warm_up_builds_what_the_first_demand_would() -> None:
    for built in (classify.default_classifier, languages._identifier, reading._parser):
        built.cache_clear()
    OfflineModel().warm_up()
    for built in (classify.default_classifier, languages._identifier, reading._parser):
        assert built.cache_info().currsize == 1, built.__name__
