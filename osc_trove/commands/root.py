"""openstack database root enable/show/disable, for an instance or a cluster."""

from osc_lib import exceptions

from osc_trove.api.resource import AmbiguousName, ResourceNotFound, looks_like_uuid
from osc_trove.commands import base, output, passwords

TARGET_HELP = (
    "Instance or cluster (name or ID); instances are looked for first. A name "
    "that an instance and a cluster share needs an ID."
)


def on_target(trove, name_or_id, action):
    """Run `action(kind, id)` on the instance, else the cluster, named or identified.

    `kind` is "instances" or "clusters". An ID is tried at once: one request
    for an instance, two for a cluster. A name costs one list of instances and
    one of clusters (a name found in both is refused: it needs an ID).
    """
    if looks_like_uuid(name_or_id):
        for kind in ("instances", "clusters"):
            try:
                return kind, action(kind, name_or_id)
            except exceptions.NotFound:
                continue
    kind, target_id = _by_name(trove, name_or_id)
    return kind, action(kind, target_id)


def _by_name(trove, name):
    found = {
        kind: [
            row
            for row in getattr(trove, kind).list()
            if row.get("name") == name or str(row.get("id")) == name
        ]
        for kind in ("instances", "clusters")
    }
    if found["instances"] and found["clusters"]:
        ids = ", ".join(str(row["id"]) for rows in found.values() for row in rows)
        raise AmbiguousName(
            f"'{name}' names both an instance and a cluster ({ids}); use an ID."
        )
    for kind in ("instances", "clusters"):
        if found[kind]:
            resource = getattr(trove, kind)
            return kind, resource.id_of(resource.pick(name, found[kind]))
    raise ResourceNotFound(f"No instance or cluster with a name or ID of '{name}' exists.")


class EnableRoot(base.ShowOne):
    """Enable the root user of an instance's or a cluster's database, and show its password.

    Running it again sets a new password. Without a password option, the
    server generates one. The password is shown: this command exists to
    reveal it. The spec's form, 'database set --root <instance_or_cluster>',
    runs this command too.
    """

    aliases = ("database set",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("target", metavar="<instance_or_cluster>", help=TARGET_HELP)
        passwords.add_arguments(parser, "root-password", what="root password")
        return parser

    def take_action(self, parsed_args):
        password = passwords.read(parsed_args, "root-password", self.app.stdin, "root password")
        root = self.trove.root
        _, user = on_target(
            self.trove,
            parsed_args.target,
            lambda kind, target_id: root.enable(kind, target_id, password),
        )
        return output.show(user, first=("name", "password"))


class ShowRoot(base.ShowOne):
    """Show whether the root user of an instance's or a cluster's database is enabled.

    The spec's form, 'database show --root <instance_or_cluster>', runs this
    command too.
    """

    aliases = ("database show",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("target", metavar="<instance_or_cluster>", help=TARGET_HELP)
        return parser

    def take_action(self, parsed_args):
        root = self.trove.root
        _, enabled = on_target(
            self.trove,
            parsed_args.target,
            lambda kind, target_id: root.is_enabled(kind, target_id),
        )
        return output.show({"is_root_enabled": enabled})


class DisableRoot(base.Command):
    """Disable the root user of an instance's database.

    The Trove API offers this for instances only, not for clusters.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("instance", metavar="<instance>", help="Instance (name or ID)")
        return parser

    def take_action(self, parsed_args):
        instances = self.trove.instances
        try:
            base.act_on(instances, parsed_args.instance, self.trove.root.disable)
        except ResourceNotFound:
            try:
                self.trove.clusters.find(parsed_args.instance)
            except ResourceNotFound:
                raise exceptions.CommandError(
                    f"No instance with a name or ID of '{parsed_args.instance}' exists."
                ) from None
            raise exceptions.CommandError(
                f"'{parsed_args.instance}' is a cluster: the Trove API disables root on "
                "instances only."
            ) from None


class _RootOption:
    """The spec's form of a root command: `--root` is required and changes nothing."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "--root",
            action="store_true",
            required=True,
            help="Required: this command acts on the root user",
        )
        return parser


class EnableRootAlias(_RootOption, base.alias_of(EnableRoot)):
    __doc__ = EnableRoot.__doc__


class ShowRootAlias(_RootOption, base.alias_of(ShowRoot)):
    __doc__ = ShowRoot.__doc__
