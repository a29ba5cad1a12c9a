"""cliff's `autoprogram-cliff` directive, with aliases left to their commands.

osc-trove registers each alias (a command class with `deprecated = True`) as a
command of its own, hidden from `openstack help`; the command it stands for
names it in its help ("Also available as: ..."). The `:hide-aliases:` flag
leaves the alias classes out of the generated pages the same way, so every
operation is documented once.
"""

from cliff import sphinxext
from docutils.parsers.rst import directives


class AutoprogramCliff(sphinxext.AutoprogramCliffDirective):
    option_spec = dict(sphinxext.AutoprogramCliffDirective.option_spec)
    option_spec["hide-aliases"] = directives.flag

    def _load_commands(self):
        commands = super()._load_commands()
        if "hide-aliases" in self.options:
            # Asked of a command, not its class: the entry points name stand-ins
            # that build the command (osc_trove.entry).
            commands = {name: cls for name, cls in commands.items()
                        if not cls(None, None).deprecated}
        return commands


def setup(app):
    app.setup_extension("cliff.sphinxext")
    app.add_directive("autoprogram-cliff", AutoprogramCliff, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
