"""Templates of commands acting on resources named by name or ID: one action on
one resource (Action, ShowAction) and deleting several (DeleteMany)."""

from osc_trove.cli import arguments, base, multidelete, output, wait


class OneResource:
    """Template: `<resource>` by name or ID, the command's own options, one request.

    Set `resource` (the TroveClient attribute, e.g. "instances") and `argument`
    (the positional's name); set `wait_statuses` for an asynchronous action
    (then --wait polls until the resource is in one of them and `settled(item)`;
    `wait_target` words that for the help when the statuses alone do not, and
    `progress_of(item)` what the progress line shows then). Define
    `add_arguments`, `prepare` (checks and lookups before anything changes) and
    `act(resource, resource_id, parsed_args, prepared)`, whose answer
    `result` turns into the command's output.
    """

    resource = "instances"
    argument = "instance"
    wait_statuses = ()
    wait_target = None
    settled = None
    progress_of = None

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, self.argument)
        self.add_arguments(parser)
        if self.wait_statuses:
            target = self.wait_target or (
                f"the {self.argument} is {' or '.join(self.wait_statuses)}")
            wait.add_wait_options(parser, target)
        return parser

    def add_arguments(self, parser):
        pass

    def prepare(self, parsed_args):
        return None

    def act(self, resource, resource_id, parsed_args, prepared):
        raise NotImplementedError

    def result(self, answer):
        return None

    def take_action(self, parsed_args):
        prepared = self.prepare(parsed_args)
        resource = getattr(self.trove, self.resource)
        name = getattr(parsed_args, self.argument)
        resource_id, answer = resource.act_on(
            name, lambda found_id: self.act(resource, found_id, parsed_args, prepared)
        )
        if self.wait_statuses and parsed_args.wait:
            wait.until_status(
                self, lambda: resource.get(resource_id), f"{resource.label} {name}",
                self.wait_statuses, parsed_args.wait_timeout, also=self.settled,
                **({"status_of": self.progress_of} if self.progress_of else {}),
            )
        return self.result(answer)


class Action(OneResource, base.Command):
    """An action on one resource that prints nothing."""


class ShowAction(OneResource, base.ShowOne):
    """An action on one resource that shows the server's answer."""

    first = ("id", "name")

    def result(self, answer):
        return output.show(answer, first=self.first)


class DeleteMany(base.Command):
    """Template: delete one or more resources by name or ID, each failure reported.

    Set `resource`, `argument` and `plural` (the positional and the report's
    nouns); `delete(resource, id, parsed_args)` sends one deletion; with
    --wait, `failed(item)` ends a wait early (default: status ERROR).
    """

    resource = "instances"
    argument = "instance"
    plural = "instances"

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "names", metavar=f"<{self.argument}>", nargs="+",
            help=f"{self.noun().capitalize()}(s) to delete (name or ID)",
        )
        self.add_arguments(parser)
        wait.add_wait_options(parser, f"every {self.noun()} is gone")
        return parser

    def add_arguments(self, parser):
        pass

    def noun(self):
        """The argument in words: `configuration_group` -> `configuration group`."""
        return self.argument.replace("_", " ")

    def delete(self, resource, resource_id, parsed_args):
        resource.delete(resource_id)

    def failed(self):
        """A fresh predicate for one wait: the item's status means the delete failed."""
        return wait.is_error

    def reading(self):
        """How a wait reads an item when `status` does not say it: wait_for's
        `status_of` and `fault_of` (default: the status field and the fault)."""
        return {}

    def take_action(self, parsed_args):
        resource = getattr(self.trove, self.resource)

        def delete_one(name):
            resource_id, _ = resource.act_on(
                name, lambda found_id: self.delete(resource, found_id, parsed_args)
            )
            return resource_id

        def wait_one(name, resource_id):
            wait.until_gone(
                self, lambda: resource.get(resource_id), f"{resource.label} {name}",
                parsed_args.wait_timeout, self.failed(), **self.reading(),
            )

        multidelete.delete_each(
            parsed_args.names, delete_one, self.noun(), self.plural, self.app.stderr,
            wait_one if parsed_args.wait else None,
        )
