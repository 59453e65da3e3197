"""The loopback server of the test-call tests, for ``python -m model testcall``."""

from tests.live.conftest import _loopback_session, loopback  # noqa: F401 - fixtures
