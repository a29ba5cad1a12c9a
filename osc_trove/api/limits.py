"""Absolute and rate limits of the current project."""

from osc_trove.api.http import Http
from osc_trove.api.shapes import Row


class Limits:
    def __init__(self, http: Http) -> None:
        self.http = http

    def list(self) -> list[Row]:
        return self.http.get("/limits")["limits"]
