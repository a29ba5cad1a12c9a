"""The operators' instance commands on Trove's management routes (admin only
under Trove's default policy): stop, migrate, reset task, ping, root history."""

from osc_lib import exceptions

from osc_trove.cli import arguments, base, output, refusals, templates, wait

# operating_status is empty while the instance has a task (or its server is not
# ACTIVE), and the database service's status once the task is over.
SHUTDOWN = "SHUTDOWN"


def task_over(item):
    return item.get("status") == "ACTIVE" and bool(item.get("operating_status"))


def host_of(item):
    """The compute host of an instance's server, as the management view shows it."""
    server = item.get("server")
    return server.get("host") if isinstance(server, dict) else None


class AdminAction(templates.Action):
    """An admin's action on one instance, refused in one line to anyone else.

    `doing` words the action for that line ("stopping the database of").
    """

    doing = ""

    def take_action(self, parsed_args):
        with refusals.admin_only(f"{self.doing} instance '{parsed_args.instance}'"):
            return super().take_action(parsed_args)


class StopInstance(AdminAction):
    """Stop the database service of an instance (admin only).

    The server keeps running; the instance's operating status goes to
    SHUTDOWN. 'database instance restart' starts the service again.
    """

    doing = "stopping the database of"
    wait_statuses = ("ACTIVE",)
    wait_target = "the instance's operating status is SHUTDOWN"

    @staticmethod
    def settled(item):
        return item.get("operating_status") == SHUTDOWN

    @staticmethod
    def progress_of(item):
        # The status stays ACTIVE through a stop: show the database's too.
        return f"{item.get('status')}, database {item.get('operating_status')}"

    def act(self, instances, instance_id, parsed_args, prepared):
        self.trove.mgmt_instances.stop(instance_id)


class ResetInstanceTask(AdminAction):
    """Clear an instance's task, leaving its status as it is (admin only).

    For an instance stuck in a task (building, resizing, migrating, ...) whose
    work is known to be over: Trove sets the task to NONE and marks the
    instance's running backups FAILED. 'database instance reset status' also
    resets the status.
    """

    doing = "resetting the task of"

    def act(self, instances, instance_id, parsed_args, prepared):
        self.trove.mgmt_instances.reset_task_status(instance_id)


class MigrateInstance(base.Command):
    """Move an instance's server to another compute host (admin only).

    Trove stops the database, has the Compute service migrate the server
    (to --host, or a host it picks), then starts the database again.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        parser.add_argument("--host", metavar="<host>",
                            help="Compute host to move the instance to (default: the Compute "
                            "service picks one)")
        wait.add_wait_options(parser, "the instance is ACTIVE again on another host; exit 1 "
                              "if Trove left it on the host it was on")
        return parser

    def take_action(self, parsed_args):
        management = self.trove.mgmt_instances
        ref = parsed_args.instance
        with refusals.admin_only(f"migrating instance '{ref}'"):
            if not parsed_args.wait:
                self.trove.instances.act_on(
                    ref, lambda found: management.migrate(found, parsed_args.host))
                return
            # The host before (one GET) tells a move from Trove giving up.
            instance_id, before = self.trove.instances.act_on(ref, management.get)
            management.migrate(instance_id, parsed_args.host)
        subject = f"instance {ref}"
        after = wait.wait_for(
            lambda: management.get(instance_id), subject, task_over,
            timeout=parsed_args.wait_timeout, stream=self.app.stderr,
            show=wait.show_command(subject), still="is still migrating")
        old, new = host_of(before), host_of(after)
        if new == old or (parsed_args.host and new != parsed_args.host):
            raise wait.WaitFailed(
                f"Instance {instance_id} is ACTIVE again on host {new}: Trove did not move it"
                f"{' to ' + parsed_args.host if parsed_args.host else ''} (its task manager's "
                "log says why).")
        self.app.stderr.write(f"Instance {instance_id} moved from host {old} to {new}.\n")


class PingInstance(base.Command):
    """Check that an instance's guest agent answers (admin only).

    Trove calls the agent over RPC and waits for it as long as its
    agent_call_low_timeout allows; exit 1 when it does not answer.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        return parser

    def take_action(self, parsed_args):
        ref = parsed_args.instance
        with refusals.admin_only(f"pinging the guest agent of instance '{ref}'"):
            try:
                instance_id, _ = self.trove.instances.act_on(
                    ref, self.trove.mgmt_instances.rpc_ping)
            except exceptions.ClientException as err:
                # Trove answers GuestTimeout's message with 400 (the local cloud's
                # stock Trove does), GuestError's with 500.
                if err.code not in (400, 500):
                    raise
                raise exceptions.CommandError(
                    f"The guest agent of instance '{ref}' did not answer: {err.message}"
                ) from None
        self.app.stdout.write(f"The guest agent of instance {instance_id} answered.\n")


class ShowRootHistory(base.ShowOne):
    """Show when root was first enabled on an instance, and by which user ID (admin only).

    'Never' and 'Nobody' when it never was. Trove records the first enabling:
    enabling root again leaves the record as it is.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        return parser

    def take_action(self, parsed_args):
        with refusals.admin_only(f"showing the root history of instance '{parsed_args.instance}'"):
            _, history = self.trove.instances.act_on(
                parsed_args.instance, self.trove.mgmt_instances.root_history)
        return output.show(history, first=("id", "enabled", "user"))
