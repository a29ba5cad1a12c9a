"""Clusters (lookup only for now; the cluster commands extend this)."""

from osc_trove.api.resource import Resource


class Clusters(Resource):
    path = "/clusters"
    singular = "cluster"
    plural = "clusters"
    label = "cluster"
    lookup = "uuid"
