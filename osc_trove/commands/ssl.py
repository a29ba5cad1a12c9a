"""openstack database instance ssl show/enable/disable/rollback."""

from osc_lib import exceptions

from osc_trove.commands import base

MODES = ("basic", "enforced", "mtls")


class SslCommand(base.ShowAction):
    """<instance>, then one SSL request; shows the server's answer (status, mode, ...)."""

    first = ("status", "mode")


class ShowSsl(SslCommand):
    """Show whether SSL is on for an instance, its mode and its certificate."""

    def add_arguments(self, parser):
        parser.add_argument(
            "--include-certificate",
            action="store_true",
            help="Include the certificate itself (PEM) in the output",
        )

    def act(self, instances, instance_id, parsed_args, prepared):
        return instances.ssl_show(instance_id, include_certificate=parsed_args.include_certificate)


class EnableSsl(SslCommand):
    """Enable SSL on an instance, or renew its certificate.

    The certificate and key come from a Key Manager (Barbican) container; on a
    replication source, every replica gets it too. The instance must be ACTIVE.
    """

    def add_arguments(self, parser):
        parser.add_argument(
            "--container-ref",
            metavar="<ref>",
            required=True,
            help="Key Manager reference of the certificate container (PKCS#12 bundle)",
        )
        parser.add_argument(
            "--password-ref",
            metavar="<ref>",
            help="Key Manager reference of the secret holding the bundle's password",
        )
        parser.add_argument(
            "--mode",
            choices=MODES,
            help="basic: SSL offered; enforced: SSL required; mtls: client certificates "
            "required (server default: basic)",
        )

    def prepare(self, parsed_args):
        if not parsed_args.container_ref.strip():
            raise exceptions.CommandError("--container-ref cannot be empty.")

    def act(self, instances, instance_id, parsed_args, prepared):
        ssl = {"enable": True, "container_ref": parsed_args.container_ref}
        if parsed_args.password_ref:
            ssl["password_ref"] = parsed_args.password_ref
        if parsed_args.mode:
            ssl["mode"] = parsed_args.mode
        return instances.ssl_action(instance_id, **ssl)


class DisableSsl(SslCommand):
    """Disable SSL on an instance (not every datastore version allows it)."""

    def act(self, instances, instance_id, parsed_args, prepared):
        return instances.ssl_action(instance_id, disable=True)


class RollbackSsl(SslCommand):
    """Roll back an instance's last SSL change (for emergencies).

    The guest re-applies the previous certificate it kept; the Key Manager's
    record of who uses which secret may then be out of date.
    """

    def act(self, instances, instance_id, parsed_args, prepared):
        return instances.ssl_action(instance_id, rollback=True)
