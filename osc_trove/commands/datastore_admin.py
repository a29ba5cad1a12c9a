"""openstack datastore delete and datastore version create/set/delete (admin only)."""

from osc_lib import exceptions

from osc_trove.cli import arguments, base, multidelete, other_services, output, refusals


def _tags(text):
    """'trove,mysql' -> ['trove', 'mysql']; '' -> [] (no tags)."""
    return [tag.strip() for tag in text.split(",") if tag.strip()]


def _add_version_options(parser, creating):
    """The options `datastore version create` and `set` share, declared once. Each
    switch takes both spellings: python-troveclient's create says --active, its set
    --enable (the command's own spelling comes first in its help)."""
    parser.add_argument(
        "--image-tags", metavar="<tags>",
        help="Comma-separated tags of the guest image, e.g. trove,mysql" if creating
        else "New comma-separated image tags ('' removes them)",
    )
    parser.add_argument(
        "--registry-ext", metavar="<registry-ext>",
        help="Guest agent manager class for this version, instead of the datastore's default",
    )
    parser.add_argument(
        "--repl-strategy", metavar="<repl-strategy>",
        help="Replication strategy class for this version, instead of the datastore's default",
    )
    on, off = (("--active", "--enable"), ("--inactive", "--disable"))
    if not creating:
        on, off = on[::-1], off[::-1]
    active = parser.add_mutually_exclusive_group()
    active.add_argument(*on, dest="active", action="store_const", const=True,
                        help="Make the version available to users")
    active.add_argument(*off, dest="active", action="store_const", const=False,
                        help="Hide the version from users" + (" (default)" if creating else ""))
    default = parser.add_mutually_exclusive_group()
    default.add_argument("--default", dest="default", action="store_const", const=True,
                         help="Make it the datastore's default version")
    default.add_argument("--non-default", dest="default", action="store_const", const=False,
                         help="Do not make it the datastore's default version (default)"
                         if creating else "Stop it being the datastore's default version")


class DeleteDatastore(base.Command):
    """Delete one or more datastores that have no versions left (admin only).

    Every datastore named is tried; each failure is reported and the command
    then exits 1.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "datastore", "Datastore(s)", nargs="+")
        return parser

    def take_action(self, parsed_args):
        def delete_one(name):
            with refusals.admin_only(f"deleting datastore '{name}'"):
                # Trove finds the datastore by name or ID itself: one request.
                self.trove.datastores.delete(name)

        multidelete.delete_named(parsed_args.datastore, delete_one, "datastore", "datastores",
                                 self.app.stderr)


class CreateDatastoreVersion(base.ShowOne):
    """Register a datastore version (admin only); shows the version made.

    The datastore is created when no datastore has that name. The guest image
    is given by name or ID, or left out when --image-tags lets Trove pick the
    newest image carrying those tags. The version is created inactive (hidden
    from users) unless --active is given.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("version_name", metavar="<version_name>", help="Version name")
        parser.add_argument(
            "datastore_name", metavar="<datastore_name>",
            help="Datastore (name; created if it does not exist yet)",
        )
        parser.add_argument(
            "datastore_manager", metavar="<datastore_manager>",
            help="Datastore manager, e.g. mysql, mariadb, postgresql, redis",
        )
        parser.add_argument(
            "image", metavar="<image>", nargs="?", default="",
            help="Guest image (name or ID); optional with --image-tags",
        )
        _add_version_options(parser, creating=True)
        parser.add_argument(
            "--version-number", metavar="<version-number>",
            help="Version number of the database software (default: the version name)",
        )
        return parser

    def take_action(self, parsed_args):
        args = parsed_args
        tags = _tags(args.image_tags or "")
        if not args.image and not tags:
            raise exceptions.CommandError("Give an image, or --image-tags to choose one by tags.")
        fields = {
            "name": args.version_name,
            "datastore_name": args.datastore_name,
            "datastore_manager": args.datastore_manager,
            "image_tags": tags,
            "active": bool(args.active),
            "default": bool(args.default),
        }
        if args.image:
            fields["image"] = other_services.image_id(self.app, args.image)
        # Trove refuses empty strings here; troveclient left them out.
        optional = {
            "registry_ext": args.registry_ext,
            "repl_strategy": args.repl_strategy,
            "version": args.version_number,
        }
        fields.update({key: value for key, value in optional.items() if value})
        versions = self.trove.mgmt_datastore_versions
        with refusals.admin_only(f"creating datastore version '{args.version_name}'"):
            versions.create(**fields)
            # Trove answers 202 without a body: show what it made.
            made = versions.find(args.version_name, within=args.datastore_name)
        return output.show(made)


class SetDatastoreVersion(base.Command):
    """Change a datastore version (admin only): its name, manager, image, strategies,
    whether users see it, and whether it is its datastore's default."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_version_arguments(parser)
        parser.add_argument(
            "--version-name", metavar="<version-name>", help="New name of the version",
        )
        parser.add_argument(
            "--datastore-manager", metavar="<datastore-manager>", help="New datastore manager",
        )
        parser.add_argument("--image", metavar="<image>", help="New guest image (name or ID)")
        _add_version_options(parser, creating=False)
        return parser

    def take_action(self, parsed_args):
        args = parsed_args
        fields = {
            key: value
            for key, value in {
                "name": args.version_name,
                "datastore_manager": args.datastore_manager,
                "registry_ext": args.registry_ext,
                "repl_strategy": args.repl_strategy,
            }.items()
            if value
        }
        fields.update(
            {key: value for key, value in (("active", args.active), ("default", args.default))
             if value is not None}
        )
        if args.image_tags is not None:
            fields["image_tags"] = _tags(args.image_tags)
        if not fields and not args.image:
            raise exceptions.CommandError("Nothing to change: give at least one option.")
        if args.image:
            fields["image"] = other_services.image_id(self.app, args.image)
        with refusals.admin_only(f"changing datastore version '{args.datastore_version}'"):
            versions = self.trove.mgmt_datastore_versions
            versions.patch(versions.resolve(args.datastore_version, args.datastore), **fields)


class DeleteDatastoreVersion(base.Command):
    """Delete one or more datastore versions that no instance, backup or configuration
    uses (admin only).

    Every version named is tried; each failure is reported and the command then
    exits 1.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_version_arguments(parser, nargs="+")
        return parser

    def take_action(self, parsed_args):
        versions = self.trove.mgmt_datastore_versions

        def delete_one(name):
            with refusals.admin_only(f"deleting datastore version '{name}'"):
                versions.delete(versions.resolve(name, parsed_args.datastore))

        multidelete.delete_named(parsed_args.datastore_version, delete_one,
                                 "datastore version", "datastore versions", self.app.stderr)
