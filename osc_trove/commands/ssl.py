"""openstack database instance ssl show/enable/disable/rollback.

Trove's SSL guide and python-troveclient 8.11.0 write them `openstack database
ssl show|enable|disable|rollback <instance> [<container_ref>]`: those names run
the same commands.
"""

from osc_lib import exceptions

from osc_trove.cli import arguments, base, templates

MODES = ("basic", "enforced", "mtls")


class SslCommand(templates.ShowAction):
    """<instance>, then one SSL request; shows the server's answer (status, mode, ...)."""

    first = ("status", "mode")


class ShowInstanceSsl(SslCommand):
    """Show whether SSL is on for an instance, its mode and its certificate."""

    aliases = ("database ssl show",)

    def result(self, answer):
        # One field per detail of the certificate (certificate.cn, certificate.expire_at,
        # ...), as python-troveclient 8.11.0 prints them.
        certificate = answer.get("certificate")
        if isinstance(certificate, dict):
            answer = {k: v for k, v in answer.items() if k != "certificate"}
            answer.update({f"certificate.{k}": v for k, v in certificate.items()})
        return super().result(answer)

    def add_arguments(self, parser):
        parser.add_argument(
            "--include-certificate",
            action="store_true",
            help="Include the certificate itself (PEM) in the output",
        )

    def act(self, instances, instance_id, parsed_args, prepared):
        return self.trove.instance_ssl.show(
            instance_id, include_certificate=parsed_args.include_certificate)


class EnableInstanceSsl(SslCommand):
    """Enable SSL on an instance, or renew its certificate.

    The certificate and key come from a Key Manager (Barbican) container; on a
    replication source, every replica gets it too. The instance must be ACTIVE.
    The container may also follow the instance as a second argument, as Trove's
    guide writes it.
    """

    aliases = ("database ssl enable",)

    def add_arguments(self, parser):
        parser.add_argument(
            "--container-ref",
            metavar="<ref>",
            help="Key Manager reference of the certificate container (PKCS#12 bundle); "
            "required",
        )
        arguments.add_older_positional(parser, "container_ref")
        parser.add_argument(
            "--password-ref",
            metavar="<ref>",
            help="Key Manager reference of the secret holding the bundle's password",
        )
        arguments.hidden(parser, "--password_ref", dest="password_ref")
        parser.add_argument(
            "--mode",
            choices=MODES,
            help="basic: SSL offered; enforced: SSL required; mtls: client certificates "
            "required (server default: basic)",
        )

    def prepare(self, parsed_args):
        what, option = "the certificate container", "--container-ref <ref>"
        arguments.take_older_positional(parsed_args, "container_ref", what, option)
        if parsed_args.container_ref is None:
            raise exceptions.CommandError(f"Give {what} once: {option}.")
        if not parsed_args.container_ref.strip():
            raise exceptions.CommandError("--container-ref cannot be empty.")

    def act(self, instances, instance_id, parsed_args, prepared):
        return self.trove.instance_ssl.enable(instance_id, parsed_args.container_ref,
                                              parsed_args.password_ref, parsed_args.mode)


class DisableInstanceSsl(SslCommand):
    """Disable SSL on an instance (not every datastore version allows it)."""

    aliases = ("database ssl disable",)

    def act(self, instances, instance_id, parsed_args, prepared):
        return self.trove.instance_ssl.disable(instance_id)


class RollbackInstanceSsl(SslCommand):
    """Roll back an instance's last SSL change (for emergencies).

    The guest re-applies the previous certificate it kept; the Key Manager's
    record of who uses which secret may then be out of date.
    """

    aliases = ("database ssl rollback",)

    def act(self, instances, instance_id, parsed_args, prepared):
        return self.trove.instance_ssl.rollback(instance_id)


ShowInstanceSslAlias = base.alias_of(ShowInstanceSsl)
EnableInstanceSslAlias = base.alias_of(EnableInstanceSsl)
DisableInstanceSslAlias = base.alias_of(DisableInstanceSsl)
RollbackInstanceSslAlias = base.alias_of(RollbackInstanceSsl)
