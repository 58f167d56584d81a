"""/healthz: what a load balancer asks to know whether this worker can serve."""

from unittest import mock

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db

DROPPED = "server closed the connection unexpectedly"


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("portal.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "error", "database": "unreachable"}


def test_healthz_refuses_a_post(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_503_while_the_database_stays_down_and_closes_the_dead_connection(
    client,
):
    down = OperationalError("connection refused")
    with (
        mock.patch("portal.views.connection.cursor", side_effect=down) as cursor,
        mock.patch("portal.views.connection.close") as close,
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert cursor.call_count == 2  # the old connection, then one new try
    assert close.call_count == 2


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_200_on_a_new_connection_when_the_server_dropped_the_old_one(client):
    # A worker's persistent connection died with a database restart; the database is back.
    real_cursor = connection.cursor
    calls = []

    def cursor_after_a_restart():
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError(DROPPED)
        return real_cursor()

    with mock.patch("portal.views.connection.cursor", side_effect=cursor_after_a_restart):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_200_again_after_an_outage_without_a_restart(client):
    with mock.patch("portal.views.connection.cursor", side_effect=OperationalError("down")):
        assert client.get("/healthz").status_code == 503
    assert client.get("/healthz").status_code == 200
