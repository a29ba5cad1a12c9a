"""An instance or a cluster, named by one reference (root enable and show take either)."""

from typing import TypeVar

from osc_lib import exceptions

from osc_trove.api.clusters import Clusters
from osc_trove.api.errors import AmbiguousName
from osc_trove.api.instances import Instances
from osc_trove.api.resource import Resource, unknown
from osc_trove.api.shapes import Callable

T = TypeVar("T")


LABEL = "instance or cluster"


def act_on_instance_or_cluster(instances: Instances, clusters: Clusters, ref: str,
                               action: Callable[[str, str], T]) -> tuple[str, T]:
    """Run `action(kind, id)` on the instance, else the cluster, `ref` names
    (`kind`: "instances" or "clusters"): (kind, its answer).

    Not a resource of Trove's but a lookup over two: an ID is tried at once
    (one request for an instance, two for a cluster); a name costs one list of
    instances and one of clusters (a name found in both is refused: it needs
    an ID).
    """
    kinds: dict[str, Resource] = {"instances": instances, "clusters": clusters}
    if all(kind.known_id(ref) is not None for kind in kinds.values()):
        for name in kinds:
            try:
                return name, action(name, ref)
            except exceptions.NotFound:
                continue
    found = {
        name: [row for row in kind.list() if row.get("name") == ref or kind.id_of(row) == ref]
        for name, kind in kinds.items()
    }
    if all(found.values()):
        ids = ", ".join(str(row["id"]) for rows in found.values() for row in rows)
        raise AmbiguousName(f"'{ref}' names both an instance and a cluster ({ids}); use an ID.")
    for name, kind in kinds.items():
        if found[name]:
            return name, action(name, kind.id_of(kind.pick(ref, found[name])))
    raise unknown(LABEL, ref)
