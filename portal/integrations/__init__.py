"""Outbound clients: each a Protocol, a real HTTP client and a fake for unit tests."""
