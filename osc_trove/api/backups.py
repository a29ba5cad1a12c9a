"""Backups (lookup only for now; the backup commands extend this)."""

from osc_trove.api.resource import Resource


class Backups(Resource):
    path = "/backups"
    singular = "backup"
    plural = "backups"
    label = "backup"
    lookup = "uuid"
