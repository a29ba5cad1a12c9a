"""openstack database replica list: replication sources and their replicas."""

from osc_trove.api import replicas
from osc_trove.cli import base

COLUMNS = ("Source ID", "Source Name", "Source Status", "Replica ID", "Replica Name",
           "Replica Status")


class ListReplicas(base.Lister):
    """List each replication source with its replicas and their statuses.

    One instance list tells them all (a replica shows its source, a source
    its replicas); an instance it names but does not show is read on its own.
    Given a source, only its replicas are listed.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("source", metavar="<source>", nargs="?",
                            help="Only this source's replicas (name or ID)")
        return parser

    def take_action(self, parsed_args):
        instances = self.trove.instances
        rows = list(instances.list())
        source = None
        if parsed_args.source:
            source = instances.id_of(instances.pick(parsed_args.source, rows))
        sets = replicas.replica_sets(rows, instances.get, source)
        if source is not None and not sets[0][1]:
            self.app.stderr.write(f"Instance {parsed_args.source} has no replicas.\n")
        return COLUMNS, (
            (master.get("id"), master.get("name"), master.get("status"),
             replica.get("id"), replica.get("name"), replica.get("status"))
            for master, members in sets for replica in members)
