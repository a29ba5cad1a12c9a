"""What differs, between the Trove releases the local cloud runs, in the
Trove internals that localcloud calls: one place, decided by what the
installed Trove has (see localcloud.releases for the releases)."""

import importlib.util
import inspect


def configure_db(db_api, conf):
    """Trove 21.x and 22.x (sqlalchemy-migrate) take the options; 23.x
    and later (alembic) read CONF themselves."""
    if 'options' in inspect.signature(db_api.configure_db).parameters:
        db_api.configure_db(conf)
    else:
        db_api.configure_db()


def has_instance_ssl():
    """Instance SSL (trove.common.ssl, Barbican bundles) came in 26.0.0;
    earlier releases do not install barbicanclient either."""
    return importlib.util.find_spec('trove.common.ssl') is not None


def update_datastore_version(ds_models, datastore, version, manager, image_id,
                             registry_ext):
    """Create an active datastore version. Trove stores the guest manager
    class (registry_ext) per version since 22.x; 21.x has no such column
    (the guest agent, faked here, read it from its own configuration)."""
    update = ds_models.update_datastore_version
    if 'registry_ext' in inspect.signature(update).parameters:
        update(datastore, version, manager, image_id, None, '', 1,
               registry_ext, version=version)
    else:
        update(datastore, version, manager, image_id, None, '', 1,
               version=version)
