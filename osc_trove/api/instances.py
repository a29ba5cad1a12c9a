"""Database instances."""

from osc_trove.api.resource import Resource


class Instances(Resource):
    path = "/instances"
    singular = "instance"
    plural = "instances"
    label = "instance"
    lookup = "uuid"
