"""Build Trove's template database: schema, datastores, parameters.

tools/local-cloud runs this once (and again when TROVE_TEMPLATE_VERSION
changes); each `up` then starts Trove from a copy of the template, so no
instance of an earlier run lingers in BUILD or SHUTDOWN.
"""

import argparse
import json
import os
import sys
import tempfile

from localcloud import catalog, compat

# SQLite stores integers as signed 64-bit; a few validation rules say 2^64.
SQLITE_INT_MAX = 2 ** 63 - 1


def clamped_rules(path):
    """A copy of a validation-rules.json whose limits fit in SQLite."""
    with open(path) as f:
        rules = json.load(f)
    for param in rules['configuration-parameters']:
        for key in ('max', 'min'):
            value = param.get(key)
            if isinstance(value, int):
                param[key] = max(-SQLITE_INT_MAX, min(SQLITE_INT_MAX, value))
    fd, tmp = tempfile.mkstemp(suffix='.json')
    with os.fdopen(fd, 'w') as f:
        json.dump(rules, f)
    return tmp


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--config-file', required=True)
    parser.add_argument('--template', required=True)
    args = parser.parse_args()

    from trove.common import cfg
    CONF = cfg.CONF
    cfg.parse_args([sys.argv[0], '--config-file', args.config_file])
    CONF.set_override('connection', 'sqlite:///%s' % args.template,
                      group='database')

    import trove
    from trove.configuration import models as config_models
    from trove.datastore import models as ds_models
    from trove.db import get_db_api

    db_api = get_db_api()
    # trove-manage db_sync also runs set_nova_tags, which is about real
    # Nova servers: there are none in a fresh database.
    db_api.db_sync(CONF)
    compat.configure_db(db_api, CONF)

    templates = os.path.join(os.path.dirname(trove.__file__), 'templates')
    for datastore, manager, versions in catalog.DATASTORES:
        ds_models.update_datastore(datastore, None)
        rules = clamped_rules(os.path.join(templates, manager,
                                           'validation-rules.json'))
        try:
            for version in versions:
                compat.update_datastore_version(
                    ds_models, datastore, version, manager,
                    catalog.image_id(manager), catalog.REGISTRY_EXT[manager])
                config_models.load_datastore_configuration_parameters(
                    datastore, version, rules)
        finally:
            os.unlink(rules)
        ds_models.update_datastore(datastore, versions[0])
        print('datastore %s: versions %s' % (datastore, ', '.join(versions)))


if __name__ == '__main__':
    main()
