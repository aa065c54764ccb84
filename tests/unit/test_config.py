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
        "PUBLIC_BASE_URL": "https://mijn.gemeente.example",
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


@pytest.mark.parametrize(
    ("changes", "setting"),
    [
        *[
            ({"PUBLIC_BASE_URL": base}, "PUBLIC_BASE_URL")
            for base in [
                "",
                "http://mijn.gemeente.example",
                "https://mijn.gemeente.example/pad",
                "https://user@evil.example",
                "mijn.gemeente.example",
            ]
        ],
        ({"RATELIMIT_STORAGE_URI": "memory://"}, "RATELIMIT_STORAGE_URI"),
    ],
)
def test_production_needs_its_public_https_address_and_limits_in_redis(monkeypatch, changes, setting):
    production_env(monkeypatch, **changes)
    config = _reload()
    with pytest.raises(config.ConfigError) as refused:
        config.load_config("production")
    assert setting in str(refused.value)


def test_production_keeps_rate_limits_in_redis(monkeypatch):
    production_env(monkeypatch, REDIS_URL="redis://cache:6379/0")
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    assert _reload().load_config("production")["RATELIMIT_STORAGE_URI"] == "redis://cache:6379/0"


def test_development_and_tests_keep_rate_limits_in_memory(monkeypatch):
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    config = _reload()
    assert config.load_config("development")["RATELIMIT_STORAGE_URI"] == "memory://"
    assert config.load_config("test")["RATELIMIT_STORAGE_URI"] == "memory://"


def test_a_separate_mock_service_is_what_login_and_the_brp_use(monkeypatch):
    monkeypatch.setenv("MOCK_SERVICES_URL", "http://localhost:5010/")
    config = _reload()
    settings = config.load_config(
        "development", {"MOCK_DIGID_ENABLED": False, "MOCK_BRP_ENABLED": False, "MOCK_BAG_ENABLED": False}
    )
    assert settings["OIDC_DISCOVERY_URL"] == "http://localhost:5010/mock-digid/.well-known/openid-configuration"
    assert settings["STAFF_OIDC_DISCOVERY_URL"] == settings["OIDC_DISCOVERY_URL"]
    assert settings["BRP_API_URL"] == "http://localhost:5010/mock-brp/haalcentraal/api/brp"
    assert settings["BRP_API_KEY"] == "mock-brp-key"
    assert settings["BAG_API_URL"] == "http://localhost:5010/mock-bag/lvbag/individuelebevragingen/v2"


def test_production_refuses_the_mock_service(monkeypatch):
    production_env(monkeypatch, MOCK_SERVICES_URL="http://localhost:5010")
    config = _reload()
    with pytest.raises(config.ConfigError) as refused:
        config.load_config("production")
    assert "MOCK_SERVICES_URL" in str(refused.value)
