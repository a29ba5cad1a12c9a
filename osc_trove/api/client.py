"""TroveClient: one object giving access to every Trove resource."""

from collections.abc import Iterable

from keystoneauth1.session import Session

from osc_trove.api.backups import Backups, BackupStrategies, InstanceBackups
from osc_trove.api.clusters import ClusterMembers, Clusters
from osc_trove.api.configurations import (
    ConfigurationParameters,
    Configurations,
    ParameterDefinitions,
)
from osc_trove.api.databases import Databases
from osc_trove.api.datastores import Datastores, DatastoreVersions, MgmtDatastoreVersions
from osc_trove.api.flavors import Flavors
from osc_trove.api.http import Http
from osc_trove.api.instances import Instances
from osc_trove.api.limits import Limits
from osc_trove.api.logs import Logs
from osc_trove.api.management import Management
from osc_trove.api.modules import InstanceModules, Modules
from osc_trove.api.object_store import ObjectStore
from osc_trove.api.quotas import Quotas
from osc_trove.api.root import Root
from osc_trove.api.shapes import Callable, Params, Row, Rows
from osc_trove.api.targets import InstancesOrClusters
from osc_trove.api.users import Users

# Told how far a listing has got: (what is listed, e.g. "instances"; items read
# so far; whether the listing is over).
ProgressHook = Callable[[str, int, bool], None]


def counted(rows: Iterable[Row], what: str, hook: ProgressHook) -> Rows:
    """`rows`, calling `hook(what, n, False)` after each and `hook(what, n, True)`
    once the listing ends (read whole, or left)."""
    count = 0
    try:
        for row in rows:
            count += 1
            hook(what, count, False)
            yield row
    finally:
        hook(what, count, True)


class TroveClient(Http):
    """The Trove v1.0 API over a keystoneauth1 session.

    The endpoint comes from the session's service catalog (service type
    `database`), chosen by `region_name` and `interface`, unless
    `endpoint_override` names one. `on_progress`, when set, is told how far
    every listing has got (lookups by name included; see ProgressHook).
    """

    on_progress: ProgressHook | None = None

    def __init__(self, session: Session, region_name: str | None = None,
                 interface: str | None = None, endpoint_override: str | None = None) -> None:
        super().__init__(session, region_name, interface, endpoint_override)
        self.datastores = Datastores(self)
        self.datastore_versions = DatastoreVersions(self, self.datastores)
        self.mgmt_datastore_versions = MgmtDatastoreVersions(self)
        self.flavors = Flavors(self)
        self.limits = Limits(self)
        self.instances = Instances(self)
        self.backups = Backups(self)
        self.backup_strategies = BackupStrategies(self)
        self.instance_backups = InstanceBackups(self, self.instances)
        self.clusters = Clusters(self)
        self.cluster_members = ClusterMembers(self.clusters)
        self.instances_or_clusters = InstancesOrClusters(self.instances, self.clusters)
        self.configurations = Configurations(self)
        self.configuration_parameters = ConfigurationParameters(self, self.datastores)
        self.parameter_definitions = ParameterDefinitions(self)
        self.modules = Modules(self)
        self.instance_modules = InstanceModules(self, self.instances)
        self.root = Root(self)
        self.databases = Databases(self, self.instances)
        self.users = Users(self, self.instances)
        self.quotas = Quotas(self)
        # Published logs are read from the catalog's object store (never the
        # Trove endpoint override), through the same session.
        self.object_store = ObjectStore(session, region_name, interface)
        self.logs = Logs(self, self.instances, self.object_store)
        self.management = Management(self, self.instances, self.clusters,
                                     self.datastore_versions)

    def paginate(self, path: str, key: str, params: Params | None = None,
                 limit: int | None = None, marker_quoted_twice: bool = False) -> Rows:
        rows = super().paginate(path, key, params, limit, marker_quoted_twice)
        return rows if self.on_progress is None else counted(rows, key, self.on_progress)
