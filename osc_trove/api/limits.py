"""Absolute and rate limits of the current project."""

from osc_trove.api.resource import Collection


class Limits(Collection):
    base_path = "/limits"
    plural = "limits"
    label = "limit"
    allow_list = True
