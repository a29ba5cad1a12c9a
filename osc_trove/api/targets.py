"""An instance or a cluster, named by one reference (root enable and show take either)."""

from typing import TypeVar

from osc_lib import exceptions

from osc_trove.api.clusters import Clusters
from osc_trove.api.errors import AmbiguousName
from osc_trove.api.instances import Instances
from osc_trove.api.resource import unknown
from osc_trove.api.shapes import Callable

T = TypeVar("T")


class InstancesOrClusters:
    """Instances, then clusters: `kind` is "instances" or "clusters"."""

    label = "instance or cluster"

    def __init__(self, instances: Instances, clusters: Clusters) -> None:
        self.kinds = {"instances": instances, "clusters": clusters}

    def act_on(self, ref: str, action: Callable[..., T],
               within: str | None = None) -> tuple[str, T]:
        """Run `action(kind, id)` on the instance, else the cluster, `ref` names:
        (kind, its answer).

        An ID is tried at once: one request for an instance, two for a
        cluster. A name costs one list of instances and one of clusters (a
        name found in both is refused: it needs an ID).
        """
        if within is not None:
            raise TypeError("instances and clusters belong to nothing: within must be None")
        if all(kind.known_id(ref) is not None for kind in self.kinds.values()):
            for name in self.kinds:
                try:
                    return name, action(name, ref)
                except exceptions.NotFound:
                    continue
        found = {
            name: [row for row in kind.list()
                   if row.get("name") == ref or kind.id_of(row) == ref]
            for name, kind in self.kinds.items()
        }
        if all(found.values()):
            ids = ", ".join(str(row["id"]) for rows in found.values() for row in rows)
            raise AmbiguousName(f"'{ref}' names both an instance and a cluster ({ids}); use an ID.")
        for name, kind in self.kinds.items():
            if found[name]:
                return name, action(name, kind.id_of(kind.pick(ref, found[name])))
        raise unknown(self.label, ref)
