"""Server-side code of tools/local-cloud; runs inside .local-cloud/venv.

Launchers for Keystone and the Trove API, set-up of Keystone and of Trove's
database, and the fakes that stand in for everything behind the Trove API
(Nova, Cinder, Neutron, Glance, object store, guest agent).
"""
