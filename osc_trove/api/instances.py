"""Database instances: CRUD, actions, admin (mgmt) actions and SSL."""

from collections.abc import Iterable

from osc_lib import exceptions

from osc_trove.api.http import Http
from osc_trove.api.resource import AmbiguousName, Resource, ResourceNotFound, segment
from osc_trove.api.shapes import Any, Row, Rows

# The role Trove treats as an admin's by default (its `admin_roles` option and
# its `context_is_admin` policy rule both name it).
ADMIN_ROLE = "admin"


def may_be_admin(http: Http) -> bool | None:
    """Whether the caller's token carries ADMIN_ROLE (read from the token in
    hand: no request); None when the session's auth shows no roles (a bare
    token and endpoint), so that only the server can tell."""
    session = http.adapter.session
    get_access = getattr(session.auth, "get_access", None)
    if get_access is None:
        return None
    return ADMIN_ROLE in (get_access(session).role_names or ())


class Instances(Resource):
    path = "/instances"
    singular = "instance"
    plural = "instances"
    label = "instance"
    lookup = "uuid"
    mgmt_path = "/mgmt/instances"

    # create(name=..., flavorRef=..., volume=...), update (PUT: name, configuration,
    # access, replica_of: one attribute besides the name), patch (PATCH: name,
    # replica_of, configuration, datastore_version), delete and action come
    # from Resource.

    def list(self, limit: int | None = None, detail: bool = False, **params: Any) -> Rows:
        """Every instance of the project (all pages); `detail` adds fault, created, updated."""
        path = self.path + "/detail" if detail else self.path
        return self.http.paginate(path, self.plural, params=params, limit=limit)

    def list_all_projects(self, limit: int | None = None, project_id: str | None = None,
                          **params: Any) -> Rows:
        """Admin only: instances of every project, or of `project_id` only.

        Live ones only: Trove's management list also holds deleted rows (as
        SHUTDOWN) unless told `deleted=false`, as python-troveclient tells it.
        """
        if project_id:
            params["project_id"] = project_id
        params.setdefault("deleted", "false")
        return self.http.paginate(self.mgmt_path, self.plural, params=params, limit=limit)

    def find(self, ref: str, within: str | None = None, needs: Iterable[str] = (),
             detail: bool = False) -> Row:
        """Resource.find, then for an admin a name no instance of their project
        has is looked up across projects (one management list): the one match,
        or AmbiguousName naming every match with its project.

        An ID needs no such lookup: an admin's GET reaches any project's
        instance. A caller whose token lacks the admin role is not sent the
        management list (it would be refused): a member's lookup costs what it
        always did, and still ends in the one-line "No instance ..." error.
        """
        try:
            return super().find(ref, within, needs, detail)
        except ResourceNotFound as err:
            if self.known_id(ref) is not None or may_be_admin(self.http) is False:
                raise
            row = self.find_in_every_project(ref, err)
        # A management row is not the instance's own view: show that one.
        return self.get(self.id_of(row)) if detail or needs else row

    def find_in_every_project(self, name: str, not_found: ResourceNotFound) -> Row:
        """The one live instance of any project named `name`; raises `not_found`
        when there is none, or the management API is refused to the caller."""
        try:
            named = [row for row in self.list_all_projects() if row.get("name") == name]
        except exceptions.Forbidden:
            raise not_found from None
        if not named:
            raise not_found
        if len(named) > 1:
            each = ", ".join(f"{self.id_of(row)} of project {row.get('tenant_id')}"
                             for row in named)
            raise AmbiguousName(
                f"More than one instance is named '{name}' in other projects ({each}); "
                "use an ID.")
        return named[0]

    def default_configuration(self, instance_id: str) -> Row:
        """The configuration the instance's datastore would use without a group."""
        return self.http.get(self.url(instance_id, "configuration"))["instance"]["configuration"]

    def detach_replica(self, instance_id: str) -> None:
        self.patch(instance_id, replica_of=None)

    def upgrade(self, instance_id: str, datastore_version: str) -> None:
        self.patch(instance_id, datastore_version=datastore_version)

    def restart(self, instance_id: str) -> None:
        self.action(instance_id, "restart")

    def resize_flavor(self, instance_id: str, flavor_id: str) -> None:
        self.action(instance_id, "resize", {"flavorRef": flavor_id})

    def resize_volume(self, instance_id: str, size: int) -> None:
        self.action(instance_id, "resize", {"volume": {"size": size}})

    def reset_status(self, instance_id: str) -> None:
        self.action(instance_id, "reset_status")

    def promote_to_replica_source(self, instance_id: str) -> None:
        self.action(instance_id, "promote_to_replica_source")

    def eject_replica_source(self, instance_id: str) -> None:
        self.action(instance_id, "eject_replica_source")

    def mgmt_action(self, instance_id: str, name: str, args: Any = None) -> None:
        """Admin only: POST /mgmt/instances/{id}/action {name: args}."""
        self.http.post(f"{self.mgmt_path}/{segment(instance_id)}/action",
                       {name: {} if args is None else args})

    def reboot(self, instance_id: str) -> None:
        self.mgmt_action(instance_id, "reboot")

    def rebuild(self, instance_id: str, image_id: str) -> None:
        self.mgmt_action(instance_id, "rebuild", {"image_id": image_id})

    def ssl_show(self, instance_id: str, include_certificate: bool = False) -> Row:
        params = {"include_certificate": "true"} if include_certificate else None
        return self.http.get(self.url(instance_id, "ssl"), params=params)["ssl"]

    def ssl_action(self, instance_id: str, **ssl: Any) -> Any:
        """POST .../ssl: enable (container_ref, password_ref, mode), disable or rollback."""
        return (self.http.post(self.url(instance_id, "ssl"), {"ssl": ssl}) or {}).get("ssl", {})
