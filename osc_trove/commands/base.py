"""What all osc-trove commands share: the API client, aliases, common options."""

from osc_lib.command import command


class TroveCommandMixin:
    """Gives `self.trove` and announces the command's hidden aliases in its help.

    `aliases` names other command names (registered as entry points pointing at
    an `alias_of(...)` class) that run this same code.
    """

    aliases = ()

    @property
    def trove(self):
        return self.app.client_manager.database

    def get_epilog(self):
        epilog = super().get_epilog() or ""
        if self.aliases:
            names = ", ".join(f"'{name}'" for name in self.aliases)
            epilog = f"{epilog}\n\nAlso available as: {names}.".strip()
        return epilog


class Command(TroveCommandMixin, command.Command):
    pass


class Lister(TroveCommandMixin, command.Lister):
    pass


class ShowOne(TroveCommandMixin, command.ShowOne):
    pass


def alias_of(cls):
    """The same command under another name, hidden from `openstack help`'s list."""
    namespace = {"deprecated": True, "__doc__": cls.__doc__, "__module__": cls.__module__}
    return type(cls.__name__ + "Alias", (cls,), namespace)
