"""What every Trove resource shares: CRUD, actions, nested collections and lookup.

A reference is what a user gives for a resource: its name or its ID. Every
resource answers the same four questions about one, in the fewest requests:

- ``known_id(ref)``: the ID a reference gives without a request, or None;
- ``resolve(ref, within)``: an ID for a request body (an ID as given: no request);
- ``find(ref, within, ...)``: the resource's row;
- ``act_on(ref, action, within)``: run ``action`` on the resource's ID, telling
  an unknown resource from a 404 about something else.

``within`` is the reference of the resource a nested one belongs to (the
datastore of a version, the cluster of a member, the instance of a user).
"""

import inspect
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import ClassVar, TypeVar

from osc_lib import exceptions

from osc_trove.api.errors import AmbiguousName, ResourceNotFound
from osc_trove.api.http import Http, may_be_admin, segment
from osc_trove.api.shapes import Any, Callable, Ident, Row, Rows

__all__ = ["AmbiguousName", "Attached", "Collection", "Described", "Lacking", "Nested", "Reference",
           "Resource", "ResourceNotFound", "expand", "external_id", "looks_like_uuid", "pick",
           "segment", "unknown"]

T = TypeVar("T")

UUID_RE = re.compile(r"^[0-9a-f]{8}-?([0-9a-f]{4}-?){3}[0-9a-f]{12}$", re.IGNORECASE)
# A URI parameter of a path template: `%(instance_id)s`.
URI_PARAM = re.compile(r"%\((\w+)\)s")


def expand(template: str, label: str = "", **uri: Ident) -> str:
    """The path `template` (openstacksdk style: "/instances/%(instance_id)s/users")
    names, each URI parameter made one segment (see segment; `label` names the
    values in its refusals). Every parameter of the template must be given."""
    missing = set(URI_PARAM.findall(template)) - set(uri)
    if missing:
        raise TypeError(f"{template} needs {', '.join(sorted(missing))}")
    return template % {name: segment(value, label) for name, value in uri.items()}


def parent_parameter(cls: type) -> str:
    """The one URI parameter of a nested description's template: its parent's ID."""
    params = URI_PARAM.findall(getattr(cls, "base_path", ""))
    if len(params) != 1:
        raise TypeError(f"{cls.__name__}.base_path must name its parent's ID once")
    return params[0]


def looks_like_uuid(value: object) -> bool:
    return isinstance(value, str) and bool(UUID_RE.match(value))


def unknown(label: str, ref: str, owner: str = "") -> ResourceNotFound:
    """The error for a reference no `label` answers to (`owner`: what the
    candidates belong to, e.g. "cluster 'c1'", if anything)."""
    if owner:
        return ResourceNotFound(
            f"{owner[:1].upper()}{owner[1:]} has no {label} with a name or ID of '{ref}'.")
    return ResourceNotFound(f"No {label} with a name or ID of '{ref}' exists.")


def pick(ref: str, candidates: Iterable[Row], label: str, owner: str = "",
         id_of: Callable[[Row], str] = lambda row: str(row.get("id")),
         name_key: str = "name") -> Row:
    """The row among `candidates` whose ID is `ref`, else the one row named `ref`.

    `label` names the kind in messages ("member"), `owner` what the rows
    belong to, if anything ("cluster 'c1'"). Raises ResourceNotFound, or
    AmbiguousName listing the IDs of the rows sharing the name.
    """
    named = []
    for row in candidates:
        if id_of(row) == ref:
            return row
        if row.get(name_key) == ref:
            named.append(row)
    if not named:
        raise unknown(label, ref, owner)
    if len(named) > 1:
        ids = ", ".join(id_of(row) for row in named)
        of = f" of {owner}" if owner else ""
        raise AmbiguousName(f"More than one {label}{of} is named '{ref}' ({ids}); use an ID.")
    return named[0]


def external_id(ref: str, label: str, find: Callable[[str], str | None]) -> str:
    """The ID of a resource of another service (an image, a network): an ID as
    given, a name through `find(name)` (that service's lookup: its ID, or None)."""
    if looks_like_uuid(ref):
        return ref
    found = find(ref)
    if found is None:
        raise unknown(label, ref)
    return found


def first_page_fetched(rows: Iterable[Row]) -> Iterator[Row]:
    """`rows` with the first page already read, so that its errors are raised now."""
    rows = iter(rows)
    for first in rows:
        return itertools.chain([first], rows)
    return iter(())


class Lacking:
    """An operation Trove has no route for: reading it raises AttributeError, so
    the resource has no such method (`hasattr` is False) and no request is sent."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        raise AttributeError(f"{getattr(owner, '__name__', owner)} has no {self.name}: "
                             f"Trove has no route for it")


class Described:
    """A resource as Trove has it: where it lives and which operations it
    allows (`allow_*`).

    `base_path` is the collection's path template, with the URI parameters of
    the resource it belongs to (`/instances/%(instance_id)s/users`); `id_key`
    and `name_key` are the keys of a row's ID and name. The engines build
    every URL from the template (see expand).

    `methods` maps each operation to the methods that reach it; those of an
    operation a subclass does not allow are made absent (see Lacking), so a
    description says once what Trove has, as openstacksdk's resources do.
    """

    label = ""
    base_path = ""
    id_key = "id"
    name_key = "name"
    methods: ClassVar[dict[str, tuple[str, ...]]] = {}
    allow_get = False
    allow_list = False
    allow_create = False
    allow_update = False
    allow_patch = False
    allow_delete = False
    allow_action = False
    allow_find = False
    # Whether the resource lives under an item of another (Nested, Attached).
    under_parent = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        old = {"path", "sub"} & set(cls.__dict__)
        if old:  # the attributes paths were made of before base_path: no longer read
            raise TypeError(f"{cls.__name__} sets {', '.join(sorted(old))}: give base_path")
        if "methods" in cls.__dict__:
            return  # an engine (Collection, Resource, Nested), not a description
        if cls.under_parent:
            parent_parameter(cls)  # its template names the parent's ID once
        for operation, names in cls.methods.items():
            allowed = getattr(cls, f"allow_{operation}")
            for name in names:
                lacking = isinstance(inspect.getattr_static(cls, name, None), Lacking)
                if not allowed:
                    setattr(cls, name, Lacking(name))
                elif lacking:
                    raise TypeError(f"{cls.__name__} allows {operation} that its base lacks")

    def collection_url(self, **uri: Ident) -> str:
        """The collection's path, its template's URI parameters given by `uri`."""
        return expand(self.base_path, self.label, **uri)

    @classmethod
    def operations(cls) -> frozenset[str]:
        """The operations Trove has for this resource."""
        return frozenset(op for op in cls.methods if getattr(cls, f"allow_{op}"))


class Collection(Described):
    """A REST collection at `path`, answering `{plural: [...]}` and `{singular: {...}}`.

    Items need no IDs here: that is Resource. Results are the server's dicts,
    unchanged.
    """

    methods: ClassVar[dict[str, tuple[str, ...]]] = {
        "list": ("list",), "create": ("create",), "delete": ("delete",)}
    singular = ""
    plural = ""

    def __init__(self, http: Http) -> None:
        self.http = http

    def list(self, limit: int | None = None, **params: Any) -> Rows:
        """Every item (all pages); `limit` caps the total, params go in the query."""
        return self.http.paginate(self.collection_url(), self.plural, params=params, limit=limit)

    def create(self, **fields: Any) -> Row:
        """POST {singular: fields}; returns the created item."""
        answer = self.http.post(self.collection_url(), {self.singular: fields}) or {}
        return answer.get(self.singular, answer)


class Resource(Collection):
    """A collection whose items have IDs: `base_path/{id}`.

    Subclasses set `label` (how error messages name it), the operations Trove
    has (`allow_*`), and `lookup`, the cheapest way the server allows to find
    one by name or ID (`allow_find`):

      "server": the server itself resolves names in GET path/<name>;
      "uuid":   IDs are UUIDs; anything else is a name, found by listing;
      "list":   one list answers both (small, unpaged collections).
    """

    methods: ClassVar[dict[str, tuple[str, ...]]] = {
        **Collection.methods,
        "get": ("get",), "update": ("update",), "patch": ("patch",),
        "delete": ("delete",), "action": ("action", "action_url"),
        "find": ("find", "resolve", "act_on", "reference", "list_under",
                 "find_in_every_project"),
    }
    lookup = "uuid"
    # Trove's management collection of every project's rows (admins), if it has one.
    mgmt_path = ""
    # Where an item's actions are POSTed, under the item ("": to the item itself).
    action_path = "action"

    def url(self, *parts: Ident) -> str:
        """An item's path and what follows it: base_path/{id}/..."""
        return "/".join([self.collection_url(), *(segment(p, self.label) for p in parts)])

    def mgmt_url(self, *parts: Ident) -> str:
        """The management collection's path and what follows it: mgmt_path/{id}/..."""
        return "/".join([expand(self.mgmt_path, self.label),
                         *(segment(p, self.label) for p in parts)])

    def get(self, resource_id: Ident, **params: Any) -> Row:
        """The item; `params` go in the query."""
        return self.http.get(self.url(resource_id), params=params or None)[self.singular]

    def list_all_projects(self, limit: int | None = None, project_id: str | None = None,
                          **params: Any) -> Rows:
        """Admin only: the rows of every project, or of `project_id` only (the
        management list, where `mgmt_path` says Trove has one).

        Live ones only unless `deleted` says otherwise: Trove's management
        lists also hold deleted rows unless told `deleted=false`, as
        python-troveclient tells it (`deleted=None`: both).
        """
        if project_id:
            params["project_id"] = project_id
        params.setdefault("deleted", "false")
        return self.http.paginate(self.mgmt_url(), self.plural, params=params, limit=limit)

    def update(self, resource_id: Ident, **fields: Any) -> Any:
        """PUT {singular: fields}: Trove replaces what the body names."""
        return self.http.put(self.url(resource_id), {self.singular: fields})

    def patch(self, resource_id: Ident, **fields: Any) -> Any:
        """PATCH {singular: fields}: only what the body names changes."""
        return self.http.patch(self.url(resource_id), {self.singular: fields})

    def delete(self, resource_id: Ident) -> None:
        self.http.delete(self.url(resource_id))

    def action_url(self, resource_id: Ident) -> str:
        return self.url(resource_id, *filter(None, [self.action_path]))

    def action(self, resource_id: Ident, name: str, args: Any = None) -> Row | None:
        """POST {name: args} (args: a dict or list, {} when None) to the resource's
        action URL; returns the resource when the answer shows it."""
        answer = self.http.post(self.action_url(resource_id), {name: {} if args is None else args})
        return answer.get(self.singular) if isinstance(answer, dict) else None

    # --- references --------------------------------------------------------

    def known_id(self, ref: str) -> str | None:
        """The ID `ref` gives without any request (it is an ID), or None (a name:
        finding it costs a lookup)."""
        return ref if self.lookup == "uuid" and looks_like_uuid(ref) else None

    def _not_nested(self, within: str | None) -> None:
        if within is not None:
            raise TypeError(f"a {self.label} belongs to nothing: within must be None")

    def resolve(self, ref: str, within: str | None = None) -> str:
        """An ID for a request body: an ID as given (the server checks it), a name
        found (the pages of one list)."""
        self._not_nested(within)
        known = self.known_id(ref)
        return known if known is not None else self.id_of(self.find(ref))

    def find(self, ref: str, within: str | None = None, needs: Iterable[str] = (),
             detail: bool = False) -> Row:
        """The one resource called `ref` or having it as ID.

        Costs one request for an ID, and for a name the pages of one list,
        plus one GET when the listed row lacks a key of `needs` (list views
        carry fewer fields than a GET), or always with `detail`.
        Raises ResourceNotFound or AmbiguousName with a message for users.

        For an admin, a name no row of their project has is looked up across
        projects where Trove has a management list (one more list): the one
        match, or AmbiguousName naming every match with its project. An ID
        needs no such lookup (an admin's GET reaches any project's), and a
        caller whose token lacks the admin role is not sent the management
        list: a member's lookup costs what it always did.
        """
        self._not_nested(within)
        if not ref:  # would address the collection itself
            raise ResourceNotFound(f"The {self.label} name or ID is empty.")
        if self.lookup == "server" or self.known_id(ref) is not None:
            try:
                return self.get(ref)
            except exceptions.NotFound:
                if self.lookup == "server":
                    raise self.not_found(ref) from None
        try:
            row = self.pick(ref, self.list())
        except ResourceNotFound as err:
            if not self.mgmt_path or self.known_id(ref) is not None \
                    or may_be_admin(self.http) is False:
                raise
            row = self.find_in_every_project(ref, err)
            # A management row is not the resource's own view: show that one.
            return self.get(self.id_of(row)) if detail or needs else row
        if detail or any(key not in row for key in needs):
            return self.get(self.id_of(row))
        return row

    def find_in_every_project(self, name: str, not_found: ResourceNotFound) -> Row:
        """The one live row of any project named `name`; raises `not_found` when
        there is none, or the management list is refused to the caller."""
        try:
            named = [row for row in self.list_all_projects() if row.get("name") == name]
        except (exceptions.Forbidden, exceptions.Unauthorized):
            raise not_found from None
        if not named:
            raise not_found
        if len(named) > 1:
            each = ", ".join(f"{self.id_of(row)} of project {row.get('tenant_id')}"
                             for row in named)
            raise AmbiguousName(
                f"More than one {self.label} is named '{name}' in other projects ({each}); "
                "use an ID.")
        return named[0]

    def act_on(self, ref: str, action: Callable[..., T],
               within: str | None = None) -> tuple[str, T]:
        """Run `action(id)` on the resource `ref` names or identifies: (id, its answer).

        Every act_on has this signature (`action` is called with how the
        resource is addressed: here its ID; see Nested).
        An ID is used at once (one request in all; only a 404 is followed by a
        lookup, to tell an unknown ID from a 404 about something else); a
        name costs one list first.
        """
        self._not_nested(within)
        if self.known_id(ref) is not None:
            try:
                return ref, action(ref)
            except exceptions.NotFound as err:
                row = self.find(ref)  # raises ResourceNotFound when it truly is unknown
                if self.id_of(row) == ref:
                    raise err from None
        else:
            row = self.find(ref)
        resource_id = self.id_of(row)
        return resource_id, action(resource_id)

    def list_under(self, ref: str, list_of: Callable[..., Iterable[Row]],
                   **params: Any) -> Rows:
        """The rows of `list_of(id, **params)` (a listing under one resource, such as
        the instances of a configuration group) for the resource `ref` names.

        The first page is read inside act_on, so that an unknown resource's 404
        is told apart there, not raised while the rows are read.
        """
        return self.act_on(ref, lambda found: first_page_fetched(list_of(found, **params)))[1]

    def reference(self, ref: str) -> "Reference":
        """`ref` held for several requests (e.g. deleting several users of one
        instance): the first is run through act_on, the rest go to its ID."""
        return Reference(self, ref)

    def pick(self, ref: str, candidates: Iterable[Row]) -> Row:
        """Choose from listed rows: an exact ID first, else a unique name."""
        return pick(ref, candidates, self.label, id_of=self.id_of, name_key=self.name_key)

    def id_of(self, row: Row) -> str:
        return str(row.get(self.id_key))

    def not_found(self, ref: str) -> ResourceNotFound:
        return unknown(self.label, ref)


class Reference:
    """One resource named once, for several requests (see Resource.reference)."""

    def __init__(self, resource: Resource, ref: str) -> None:
        self.resource, self.ref = resource, ref
        self.id: str | None = None

    def __call__(self, action: Callable[[str], T]) -> T:
        """What `action(the resource's ID)` returns."""
        if self.id is not None:
            return action(self.id)
        self.id, answer = self.resource.act_on(self.ref, action)
        return answer


class Nested(Described):
    """A collection under one item of another resource: `base_path` has one URI
    parameter, the parent's ID (`/instances/%(instance_id)s/users`).

    Items are named by `item_segment` (a plain quoted segment unless a
    subclass knows better). `marker_quoted_twice`: see Http.paginate.
    `batched`: Trove creates several items in one POST listing them under
    `plural` (users, databases); otherwise each item is one POST of
    {singular: item}. An item's GET answers {singular: item}, or the item
    itself where `singular` is empty.
    `allow_action`: Trove takes a POST to the collection that names the item
    in its body (a log); subclasses write that method themselves.
    """

    methods: ClassVar[dict[str, tuple[str, ...]]] = {
        "get": ("get",), "list": ("list", "list_in"), "create": ("create", "create_in"),
        "update": ("update",), "delete": ("delete",), "action": (), "find": ("find",),
    }
    plural = ""
    singular = ""
    marker_quoted_twice = False
    batched = True
    under_parent = True

    def __init__(self, http: Http, parent: Resource) -> None:
        self.http = http
        self.parent = parent

    def item_segment(self, item: Any) -> str:
        return segment(item, self.label)

    def url(self, parent_id: str, item: Any = None, *parts: Ident) -> str:
        # The parent's ID is labelled as the parent in a refusal, as it was before.
        path = expand(self.base_path, self.parent.label,
                      **{parent_parameter(type(self)): parent_id})
        if item is not None:
            path += "/" + self.item_segment(item)
        return "/".join([path, *(segment(p, self.label) for p in parts)])

    def list(self, parent_id: str, limit: int | None = None, **params: Any) -> Rows:
        """Every item under the parent (all pages)."""
        return self.http.paginate(self.url(parent_id), self.plural, params, limit,
                                  marker_quoted_twice=self.marker_quoted_twice)

    def get(self, parent_id: str, item: Any) -> Row:
        return self._get(parent_id, item)

    def _get(self, parent_id: str, item: Any) -> Row:
        answer = self.http.get(self.url(parent_id, item))
        return answer[self.singular] if self.singular else answer

    def entry(self, item: Any) -> Row:
        """One item of a create request's list, from what the caller gave."""
        return dict(item)

    def create(self, parent_id: str, items: Iterable[Any]) -> Any:
        """Create `items` under the parent: one POST {plural: [entry(item), ...]}
        where Trove takes them `batched`, else one POST {singular: entry(item)}
        each (a list of the answers)."""
        if self.batched:
            return self.http.post(self.url(parent_id),
                                  {self.plural: [self.entry(i) for i in items]})
        return [self.http.post(self.url(parent_id), {self.singular: self.entry(i)})
                for i in items]

    def update(self, parent_id: str, item: Any, **fields: Any) -> Any:
        """PUT {singular: fields} to the item."""
        return self.http.put(self.url(parent_id, item), {self.singular: fields})

    # --- references: `within` is the parent's reference (name or ID) ------------

    def resolve(self, ref: Any, within: str) -> Any:
        """How a request names the item: the item's own key (its name)."""
        return ref

    def find(self, ref: Any, within: str) -> Row:
        """The item `ref` of the parent `within`: one GET when `within` is an ID."""
        return self.act_on(ref, self._get, within)[1]

    def act_on(self, ref: Any, action: Callable[..., T],
               within: str | None = None) -> tuple[str, T]:
        """Run `action(parent ID, item)` on item `ref` of the parent `within`:
        (parent ID, the answer). The parent is looked up as Resource.act_on does;
        `within` is required (the signature is every act_on's)."""
        if within is None:
            raise TypeError(f"a {self.label} belongs to a {self.parent.label}: within names it")
        item = self.resolve(ref, within)
        return self.act_in(within, lambda parent_id: action(parent_id, item))

    def act_in(self, within: str, action: Callable[[str], T]) -> tuple[str, T]:
        """Run `action(parent ID)` for the parent `within` (an operation the
        item's own key does not say, e.g. a user's access list): (parent ID, the
        answer). The parent is looked up as Resource.act_on does."""
        return self.parent.act_on(within, action)

    def reference_in(self, within: str) -> Reference:
        """The parent `within` held for several requests (e.g. deleting several
        users of one instance): see Resource.reference."""
        return self.parent.reference(within)

    def list_in(self, within: str, **params: Any) -> Rows:
        """Every item of the parent `within` (its first page read at once)."""
        return self.parent.list_under(within, self.list, **params)

    def create_in(self, within: str, items: Iterable[Any]) -> Any:
        """create(parent ID, items) for the parent `within`."""
        return self.act_in(within, lambda parent_id: self.create(parent_id, items))[1]

    def delete(self, parent_id: str, item: Any) -> None:
        self.http.delete(self.url(parent_id, item))


class Attached(Described):
    """One thing under each item of another resource, with no ID of its own (an
    instance's root account, its SSL; openstacksdk's `requires_id = False`).
    `base_path` names the parent's ID once; get, create and delete address that
    path. Bodies are {singular: ...} where `singular` is set, else as they are."""

    methods: ClassVar[dict[str, tuple[str, ...]]] = {
        "get": ("get",), "create": ("create",), "delete": ("delete",)}
    singular = ""
    under_parent = True

    def __init__(self, http: Http) -> None:
        self.http = http

    def url(self, parent_id: Ident) -> str:
        key = parent_parameter(type(self))
        # A refusal names the parent: "instance '..'" for instance_id.
        return expand(self.base_path, key.removesuffix("_id").replace("_", " "),
                      **{key: parent_id})

    def get(self, parent_id: Ident, **params: Any) -> Any:
        """What Trove shows; `params` go in the query."""
        answer = self.http.get(self.url(parent_id), params=params or None)
        return answer[self.singular] if self.singular else answer

    def create(self, parent_id: Ident, **fields: Any) -> Any:
        """POST the fields given (unwrapped, no body when none are)."""
        if not self.singular:
            return self.http.post(self.url(parent_id), fields or None)
        answer = self.http.post(self.url(parent_id), {self.singular: fields})
        return (answer or {}).get(self.singular, {})

    def delete(self, parent_id: Ident) -> None:
        self.http.delete(self.url(parent_id))
