"""In-process fakes of everything behind the Trove API.

Trove's own `trove.tests.fakes` have rotted (see docs/local-cloud.md); these
are written for the clients Trove 26 actually calls. Each module exposes a
`create_client(context, region_name=None, ...)` factory named in trove.conf
(`remote_*_client`). State lives in module-level dicts for the life of the
Trove process; `tools/local-cloud up` starts Trove from a clean database, so
both begin empty together.
"""
