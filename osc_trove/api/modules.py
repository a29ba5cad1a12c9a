"""Modules (lookup only for now; the module commands extend this)."""

from osc_trove.api.resource import Resource


class Modules(Resource):
    path = "/modules"
    singular = "module"
    plural = "modules"
    label = "module"
    lookup = "uuid"
