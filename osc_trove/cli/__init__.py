"""The command framework: what every osc-trove command is built on.

Base classes and templates (base, templates), argument helpers (arguments,
projects), output, waiting, progress of slow listings, passwords, refusals
and hints, deleting several resources at once, and names of other
services' resources (images, networks). The command families in
osc_trove.commands build on this; the REST client beneath both is
osc_trove.api, which knows nothing of the command line. Secret masking
(osc_trove.masking) serves both layers and lives beside them.
"""
