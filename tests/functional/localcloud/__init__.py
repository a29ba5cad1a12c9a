"""The local cloud's REST contract: tools/localcloud's fakes behind stock Trove.

These tests guard the fakes' fidelity (their fault hooks and state machines)
and what Trove answers that the CLI tests in tests/functional do not walk.
They talk REST through osc_trove.api.TroveClient; each life cycle a CLI test
already walks is left to that test. Files are split so that `--dist loadfile`
can run them on different workers; each shares its instances across its tests.
"""
