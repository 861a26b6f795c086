"""Fixtures for the fetch tests: the EDGAR and commentary test servers (see sites.py).
`shared_fixtures` (../shared/fixtures, or a skip with its reason) comes from tests/conftest.py."""
from fetch.sites import _edgar_server, _plain_server, _web_server, edgar_site, plain_site, web_site  # noqa: F401
