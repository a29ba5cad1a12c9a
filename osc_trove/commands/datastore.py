"""openstack datastore list/show and datastore version list/show."""

from osc_lib import exceptions

from osc_trove.cli import arguments, base, output, refusals

# `datastore version list --all`: what admins need to tell versions apart.
_ADMIN_VERSION_COLUMNS = (
    "id", "name", "version", "datastore_name", "datastore_manager", "active", "default", "image",
)


def _version_names(datastore):
    return [version["name"] for version in datastore.get("versions", [])]


def _default_version_name(datastore):
    default = datastore.get("default_version")
    for version in datastore.get("versions", []):
        if version.get("id") == default:
            return version["name"]
    return default


def _summary(datastore):
    """A datastore with its versions named rather than nested."""
    return {
        "id": datastore["id"],
        "name": datastore["name"],
        "default_version": _default_version_name(datastore),
        "versions": _version_names(datastore),
    }


class ListDatastores(base.Lister):
    """List the datastores (database engines) this cloud offers."""

    long_columns = ("Default Version", "Versions")

    def take_action(self, parsed_args):
        rows = (_summary(store) for store in self.trove.datastores.list())
        return output.table(rows, ("id", "name", "default_version", "versions"))


class ShowDatastore(base.ShowOne):
    """Show a datastore and its versions."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("datastore", metavar="<datastore>", help="Datastore (name or ID)")
        return parser

    def take_action(self, parsed_args):
        store = self.trove.datastores.find(parsed_args.datastore)
        # python-troveclient's field: one "name (id)" line per version.
        with_ids = "\n".join(f"{v['name']} ({v['id']})" for v in store.get("versions", []))
        return output.show({**_summary(store), "versions (id)": with_ids})


class ListDatastoreVersions(base.Lister):
    """List the versions of a datastore; with --all, every version of every datastore,
    inactive ones included (admin only)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "datastore", metavar="<datastore>", nargs="?",
            help="Datastore (name or ID); optional with --all",
        )
        parser.add_argument(
            "--all", action="store_true",
            help="Versions of every datastore (or of <datastore>), inactive ones too, "
            "with manager, image and state (admin only)",
        )
        return parser

    def take_action(self, parsed_args):
        if parsed_args.all:
            return self.all_versions(parsed_args.datastore)
        if parsed_args.datastore is None:
            raise exceptions.CommandError("Name a datastore, or give --all.")
        versions = self.trove.datastore_versions.list(datastore=parsed_args.datastore)
        return output.table(versions, ("id", "name", "version"))

    def all_versions(self, datastore):
        mgmt = self.trove.mgmt_datastore_versions
        with refusals.admin_only("listing every datastore version"):
            versions = list(mgmt.list())
        if datastore is not None:
            versions = mgmt.of_datastore(datastore, versions)
        return output.table(versions, _ADMIN_VERSION_COLUMNS)


class ShowDatastoreVersion(base.ShowOne):
    """Show a datastore version."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_version_arguments(parser)
        return parser

    def take_action(self, parsed_args):
        version = self.trove.datastore_versions.find(
            parsed_args.datastore_version, within=parsed_args.datastore
        )
        return output.show(version)
