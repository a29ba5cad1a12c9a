"""openstack database root enable/show/disable, for an instance or a cluster."""

from osc_lib import exceptions

from osc_trove.api.resource import ResourceNotFound
from osc_trove.api.targets import act_on_instance_or_cluster
from osc_trove.cli import arguments, base, output, passwords

TARGET_HELP = (
    "Instance or cluster (name or ID); instances are looked for first. A name "
    "that an instance and a cluster share needs an ID."
)


def _act_on_root(trove, ref, action):
    """Run `action(root resource, ID)` on the root of the instance, else the
    cluster, `ref` names."""
    roots = {"instances": trove.instance_root, "clusters": trove.cluster_root}
    return act_on_instance_or_cluster(trove.instances, trove.clusters, ref,
                                      lambda kind, target_id: action(roots[kind], target_id))


class EnableRoot(base.ShowOne):
    """Enable the root user of an instance's or a cluster's database, and show its password.

    Running it again sets a new password. Without a password option, the
    server generates one. The password is shown: this command exists to
    reveal it. The shorter form 'database set --root <instance_or_cluster>'
    runs this command too.
    """

    aliases = ("database set",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("target", metavar="<instance_or_cluster>", help=TARGET_HELP)
        passwords.add_arguments(parser, "root-password", what="root password")
        arguments.hidden(parser, "--root_password", dest="root_password")  # troveclient's spelling
        return parser

    def take_action(self, parsed_args):
        password = passwords.read(parsed_args, "root-password", self.app.stdin, "root password")
        _, user = _act_on_root(self.trove, parsed_args.target,
                               lambda root, target_id: root.enable(target_id, password))
        return output.show(user, first=("name", "password"))


class ShowRoot(base.ShowOne):
    """Show whether the root user of an instance's or a cluster's database is enabled.

    The shorter form 'database show --root <instance_or_cluster>' runs this
    command too.
    """

    aliases = ("database show",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("target", metavar="<instance_or_cluster>", help=TARGET_HELP)
        return parser

    def take_action(self, parsed_args):
        _, enabled = _act_on_root(self.trove, parsed_args.target,
                                  lambda root, target_id: root.is_enabled(target_id))
        return output.show({"is_root_enabled": enabled})


class DisableRoot(base.Command):
    """Disable the root user of an instance's database.

    The Trove API offers this for instances only, not for clusters.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        return parser

    def take_action(self, parsed_args):
        instances = self.trove.instances
        try:
            instances.act_on(parsed_args.instance, self.trove.instance_root.disable)
        except ResourceNotFound as missing:
            try:
                self.trove.clusters.find(parsed_args.instance)
            except ResourceNotFound:
                raise exceptions.CommandError(str(missing)) from None
            raise exceptions.CommandError(
                f"'{parsed_args.instance}' is a cluster: the Trove API disables root on "
                "instances only."
            ) from None


class _RootOption:
    """The `database set/show --root` form of a root command: `--root` is required."""

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
