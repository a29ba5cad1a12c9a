"""The command framework: what every osc-trove command is built on.

Base classes and templates (base, templates), argument helpers (arguments,
projects), output and what names may do once printed (output, printable),
waiting, progress of slow listings, passwords and secrets in command lines
(passwords, masking), files read, refusals and hints, deleting several
resources at once, and names of other services' resources (images,
networks). The command families in osc_trove.commands build on this; the
REST client beneath both is osc_trove.api, which knows nothing of the
command line (what it logs is masked by osc_trove.api.redact).
"""
