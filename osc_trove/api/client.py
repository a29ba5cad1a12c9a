"""TroveClient: one object giving access to every Trove resource."""

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
from osc_trove.api.http import Http, ProgressHook
from osc_trove.api.instances import Instances
from osc_trove.api.limits import Limits
from osc_trove.api.logs import Logs
from osc_trove.api.management import MgmtClusters, MgmtInstances
from osc_trove.api.modules import InstanceModules, Modules
from osc_trove.api.object_store import ObjectStore
from osc_trove.api.quotas import Quotas
from osc_trove.api.root import ClusterRoot, InstanceRoot
from osc_trove.api.ssl import InstanceSsl
from osc_trove.api.users import Users


class TroveClient:
    """The Trove v1.0 API over a keystoneauth1 session.

    The endpoint comes from the session's service catalog (service type
    `database`), chosen by `region_name` and `interface`, unless
    `endpoint_override` names one. `on_progress`, when set, is told how far
    every listing has got (lookups by name included; see ProgressHook).

    The client holds the resources; `http` (an osc_trove.api.http.Http) sends
    their requests, and sends raw ones (`trove.http.get("/path")`) with the same
    policy and errors, for a route the resources lack.
    """

    def __init__(self, session: Session, region_name: str | None = None,
                 interface: str | None = None, endpoint_override: str | None = None) -> None:
        self.http = http = Http(session, region_name, interface, endpoint_override)
        self.datastores = Datastores(http)
        self.datastore_versions = DatastoreVersions(http, self.datastores)
        self.mgmt_datastore_versions = MgmtDatastoreVersions(http)
        self.flavors = Flavors(http)
        self.limits = Limits(http)
        self.instances = Instances(http)
        self.backups = Backups(http)
        self.backup_strategies = BackupStrategies(http)
        self.instance_backups = InstanceBackups(http, self.instances)
        self.clusters = Clusters(http)
        self.cluster_members = ClusterMembers(http, self.clusters)
        self.mgmt_instances = MgmtInstances(http)
        self.mgmt_clusters = MgmtClusters(http)
        self.configurations = Configurations(http)
        self.configuration_parameters = ConfigurationParameters(http, self.datastore_versions)
        self.parameter_definitions = ParameterDefinitions(http, self.mgmt_datastore_versions)
        self.modules = Modules(http)
        self.instance_modules = InstanceModules(http, self.instances)
        self.instance_root = InstanceRoot(http)
        self.instance_ssl = InstanceSsl(http)
        self.cluster_root = ClusterRoot(http)
        self.databases = Databases(http, self.instances)
        self.users = Users(http, self.instances)
        self.quotas = Quotas(http)
        # Published logs are read from the catalog's object store (never the
        # Trove endpoint override), through the same session.
        self.object_store = ObjectStore(session, region_name, interface)
        self.logs = Logs(http, self.instances, self.object_store)

    @property
    def on_progress(self) -> ProgressHook | None:
        return self.http.on_progress

    @on_progress.setter
    def on_progress(self, hook: ProgressHook | None) -> None:
        self.http.on_progress = hook
