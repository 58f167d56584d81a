import pytest

from portal.lib.env import ConfigurationError, envbool, envint, envlist, secret_key


def test_envbool_reads_the_usual_words(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert envbool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert envbool("FLAG", True) is False


def test_envbool_fails_loudly_on_a_typo(monkeypatch):
    monkeypatch.setenv("FLAG", "ture")
    with pytest.raises(ConfigurationError, match="FLAG='ture' is not a boolean"):
        envbool("FLAG", False)


def test_envint_fails_loudly(monkeypatch):
    monkeypatch.setenv("N", "five")
    with pytest.raises(ConfigurationError):
        envint("N", 1)


def test_envlist_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "portal.example.vn, 10.0.0.5 ,")
    assert envlist("HOSTS", []) == ["portal.example.vn", "10.0.0.5"]


def test_secret_key_is_required_when_debug_is_off(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("ALLOW_LOCAL_SECRET_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="SECRET_KEY must be set"):
        secret_key(debug=False, keep_in=tmp_path / "key")


def test_secret_key_is_generated_once_and_kept_when_debugging(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = secret_key(debug=True, keep_in=tmp_path / "key")
    assert len(first) > 40
    assert secret_key(debug=True, keep_in=tmp_path / "key") == first


def test_secret_key_from_the_environment_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "from-env")
    assert secret_key(debug=False, keep_in=tmp_path / "key") == "from-env"
    assert not (tmp_path / "key").exists()


def test_the_interface_is_vietnamese_first_with_english(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_an_english_browser_still_gets_vietnamese_until_english_is_chosen(client, db):
    page = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "vi"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.get("/healthz")["Content-Language"] == "en"
