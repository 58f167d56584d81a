import pytest

pytestmark = pytest.mark.django_db


def test_every_page_tells_the_browser_to_load_nothing_from_other_hosts(client):
    policy = client.get("/healthz")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_pages_load_nothing_from_another_host(client, units):
    import re

    loads = re.compile(r'(?:src|href)="(https?:)?//(?!testserver)', re.IGNORECASE)
    for path in ["/", "/agreements/", "/admin/login/", "/open-data/", "/provinces/can-tho/"]:
        body = client.get(path).content.decode()
        assert not loads.search(body), path
