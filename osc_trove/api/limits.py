"""Absolute and rate limits of the current project."""


class Limits:
    def __init__(self, http):
        self.http = http

    def list(self):
        return self.http.get("/limits")["limits"]
