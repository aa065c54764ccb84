"""BAG settings: the embedded mock in development and test, refused in production, the timeout capped."""

import pytest

from tests.unit.test_config import _reload, production_env


@pytest.fixture(autouse=True)
def _restore_config_module():
    yield
    _reload()


def test_production_refuses_the_mock_bag(monkeypatch):
    production_env(monkeypatch, MOCK_BAG_ENABLED="true")
    config = _reload()
    with pytest.raises(config.ConfigError) as refused:
        config.load_config("production")
    assert "MOCK_BAG_ENABLED is on: production must look addresses up in the real BAG API." in str(refused.value)


def test_production_starts_without_the_mock_bag(monkeypatch):
    production_env(monkeypatch, BAG_API_URL="https://api.bag.kadaster.nl/lvbag/individuelebevragingen/v2")
    config = _reload().load_config("production")
    assert config["MOCK_BAG_ENABLED"] is False
    assert config["BAG_API_URL"] == "https://api.bag.kadaster.nl/lvbag/individuelebevragingen/v2"


def test_development_points_at_the_embedded_mock_bag(monkeypatch):
    monkeypatch.delenv("BAG_API_URL", raising=False)
    monkeypatch.delenv("BAG_API_KEY", raising=False)
    config = _reload().load_config("development", {"PORT": 5011, "PUBLIC_BASE_URL": ""})
    assert config["MOCK_BAG_ENABLED"] is True
    assert config["BAG_API_URL"] == "http://127.0.0.1:5011/mock-bag/lvbag/individuelebevragingen/v2"
    assert config["BAG_API_KEY"] == "mock-bag-key"


def test_bag_timeout_is_never_above_three_seconds(monkeypatch):
    monkeypatch.setenv("BAG_TIMEOUT_SECONDS", "30")
    assert _reload().load_config("development")["BAG_TIMEOUT_SECONDS"] == 3.0
