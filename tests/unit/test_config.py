import pytest


def production_env(monkeypatch, **changes):
    values = {
        "SECRET_KEY": "s" * 40,
        "PSEUDONYM_KEY": "p" * 40,
        "DATABASE_URL": "postgresql+psycopg://portal@db/mijngemeente",
        "OIDC_DISCOVERY_URL": "https://broker.example.nl/.well-known/openid-configuration",
        "BRP_API_URL": "https://brp.example.nl/haalcentraal/api/brp",
        "STAFF_OIDC_DISCOVERY_URL": "https://login.gemeente.example/.well-known/openid-configuration",
        "MAIL_BACKEND": "smtp",
        "SMTP_HOST": "smtp.gemeente.example",
    } | changes
    for key, value in values.items():
        monkeypatch.setenv(key, value)


def _reload():
    import importlib

    import portal.config

    return importlib.reload(portal.config)


def test_production_refuses_the_mock_digid_and_mock_brp(monkeypatch):
    production_env(monkeypatch, MOCK_DIGID_ENABLED="true", MOCK_BRP_ENABLED="1")
    config = _reload()
    with pytest.raises(config.ConfigError) as refused:
        config.load_config("production")
    assert "MOCK_DIGID_ENABLED" in str(refused.value) and "MOCK_BRP_ENABLED" in str(refused.value)


def test_production_refuses_sqlite_and_missing_secrets(monkeypatch):
    production_env(monkeypatch, DATABASE_URL="sqlite:///x.db", SECRET_KEY="")
    config = _reload()
    with pytest.raises(config.ConfigError) as refused:
        config.load_config("production")
    assert "PostgreSQL" in str(refused.value) and "SECRET_KEY" in str(refused.value)


def test_production_starts_with_real_parts(monkeypatch):
    production_env(monkeypatch)
    config = _reload().load_config("production")
    assert config["MOCK_DIGID_ENABLED"] is False and config["SESSION_COOKIE_SECURE"] is True


def test_brp_timeout_is_never_above_three_seconds(monkeypatch):
    monkeypatch.setenv("BRP_TIMEOUT_SECONDS", "30")
    assert _reload().load_config("development")["BRP_TIMEOUT_SECONDS"] == 3.0


def test_unknown_environment_name_is_refused():
    config = _reload()
    with pytest.raises(config.ConfigError):
        config.load_config("staging")


@pytest.fixture(autouse=True)
def _restore_config_module():
    yield
    _reload()


@pytest.mark.parametrize("change", [{"MAIL_BACKEND": "mailbox"}, {"SMTP_HOST": ""}, {"STAFF_OIDC_DISCOVERY_URL": ""}])
def test_production_refuses_the_development_mailbox_and_a_missing_staff_provider(monkeypatch, change):
    production_env(monkeypatch, **change)
    config = _reload()
    with pytest.raises(config.ConfigError):
        config.load_config("production")


def test_a_separate_mock_service_is_what_login_and_the_brp_use(monkeypatch):
    monkeypatch.setenv("MOCK_SERVICES_URL", "http://localhost:5010/")
    config = _reload()
    settings = config.load_config("development", {"MOCK_DIGID_ENABLED": False, "MOCK_BRP_ENABLED": False})
    assert settings["OIDC_DISCOVERY_URL"] == "http://localhost:5010/mock-digid/.well-known/openid-configuration"
    assert settings["STAFF_OIDC_DISCOVERY_URL"] == settings["OIDC_DISCOVERY_URL"]
    assert settings["BRP_API_URL"] == "http://localhost:5010/mock-brp/haalcentraal/api/brp"
    assert settings["BRP_API_KEY"] == "mock-brp-key"


def test_production_refuses_the_mock_service(monkeypatch):
    production_env(monkeypatch, MOCK_SERVICES_URL="http://localhost:5010")
    config = _reload()
    with pytest.raises(config.ConfigError) as refused:
        config.load_config("production")
    assert "MOCK_SERVICES_URL" in str(refused.value)
