"""An instance's SSL (Trove 26.0.0 and later): its state and certificate, and
enabling, disabling or rolling it back."""

from osc_trove.api.resource import Attached
from osc_trove.api.shapes import Ident, Row


class InstanceSsl(Attached):
    """GET .../ssl shows the state; POST .../ssl {"ssl": {...}} changes it and
    answers the state after."""

    base_path = "/instances/%(instance_id)s/ssl"
    singular = "ssl"
    label = "instance SSL"
    allow_get = allow_create = True

    def show(self, instance_id: Ident, include_certificate: bool = False) -> Row:
        """The state (status, mode, ...), with the PEM certificate when asked."""
        if include_certificate:
            return self.get(instance_id, include_certificate="true")
        return self.get(instance_id)

    def enable(self, instance_id: Ident, container_ref: str, password_ref: str | None = None,
               mode: str | None = None) -> Row:
        """Enable SSL (or renew the certificate) from a Key Manager container."""
        options = {"password_ref": password_ref, "mode": mode}
        return self.create(instance_id, enable=True, container_ref=container_ref,
                           **{key: value for key, value in options.items() if value})

    def disable(self, instance_id: Ident) -> Row:
        return self.create(instance_id, disable=True)

    def rollback(self, instance_id: Ident) -> Row:
        """Re-apply the certificate the guest had before the last change."""
        return self.create(instance_id, rollback=True)
