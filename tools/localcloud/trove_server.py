"""Run the Trove API and its task manager in one process on 127.0.0.1.

What `trove-api` does (paste pipeline from the installed api-paste.ini,
keystonemiddleware auth_token in front), with bind_host 127.0.0.1 and one
worker, plus the RPC servers of the task manager (with the SAME
taskmanager_rpc_encr_key as the API; the stock `trove-fake-mode` binds
0.0.0.0 and passes an empty key) and of the conductor, over
oslo.messaging's in-process `fake:/` transport. Back ends
are the fakes in localcloud.fakes, named in trove.conf.

    python -m localcloud.trove_server --port N --config-file F
"""

import argparse
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--config-file', required=True)
    parser.add_argument('--swift-port', type=int, required=True)
    args = parser.parse_args()
    # Trove parses sys.argv with oslo.config.
    sys.argv = [sys.argv[0], '--config-file', args.config_file]

    # trove.cmd monkey-patches everything with eventlet, as trove-api does.
    import trove.cmd  # noqa: F401
    from trove.cmd import common as cmd_common

    conf = cmd_common.initialize()
    conf.set_override('bind_port', args.port)
    conf.set_override('bind_host', '127.0.0.1')

    from localcloud import repairs
    repairs.apply()

    from localcloud.fakes import swift
    swift.BASE_URL = 'http://127.0.0.1:%d/v1' % args.swift_port

    import eventlet
    from trove.common import cfg, notification, wsgi
    from trove.common.rpc import service as rpc_service
    from trove.common.rpc import version as rpc_version
    from trove.instance import models as inst_models

    notification.DBaaSAPINotification.register_notify_callback(
        inst_models.persist_instance_fault)
    cfg.set_api_config_defaults()
    launcher = wsgi.launch('trove', args.port,
                           conf.find_file(conf.api_paste_config),
                           host='127.0.0.1', workers=1)

    taskmanager = rpc_service.RpcService(
        key=conf.taskmanager_rpc_encr_key, topic=conf.taskmanager_queue,
        rpc_api_version=rpc_version.RPC_API_VERSION,
        manager='trove.taskmanager.manager.Manager')
    # What trove-conductor serves: the task manager itself casts to it
    # (e.g. volume-snapshot backups report their state that way).
    from trove.common.rpc import conductor_host_serializer
    from trove.conductor import api as conductor_api
    conductor = rpc_service.RpcService(
        key=None, topic=conf.conductor_queue,
        manager=conf.conductor_manager,
        rpc_api_version=conductor_api.API.API_LATEST_VERSION,
        secure_serializer=conductor_host_serializer.ConductorHostSerializer)
    # start() blocks on its periodic-task loop when report_interval > 0.
    eventlet.spawn(taskmanager.start)
    eventlet.spawn(conductor.start)

    from localcloud.fakes import http_face
    http_face.serve(args.swift_port)
    launcher.wait()


if __name__ == '__main__':
    main()
