"""Configuration groups (lookup only for now; the configuration commands extend this)."""

from osc_trove.api.resource import Resource


class Configurations(Resource):
    path = "/configurations"
    singular = "configuration"
    plural = "configurations"
    label = "configuration group"
    lookup = "uuid"
