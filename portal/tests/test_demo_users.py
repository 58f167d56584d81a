import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from agreements.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(units):
    call_command("load_demo", verbosity=0, stdout=io.StringIO())


def test_one_demo_login_per_role_is_created_and_printed(demo, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo_users", stdout=out)
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles == {
        "quantri": "administrator",
        "kehoach.cantho": "planning",
        "baocao.gtvt.haugiang": "reporter",
        "nguoixem": "viewer",
    }
    reporter = Membership.objects.get(user__username="baocao.gtvt.haugiang")
    assert reporter.agency.name == "Sở Giao thông vận tải tỉnh Hậu Giang"
    assert "hoptac-demo-2025" in out.getvalue() and "kehoach.cantho" in out.getvalue()
    assert User.objects.get(username="nguoixem").check_password("hoptac-demo-2025")


def test_running_it_twice_keeps_one_user_each(demo, settings):
    settings.DEBUG = True
    call_command("demo_users", stdout=io.StringIO())
    call_command("demo_users", stdout=io.StringIO())
    assert User.objects.count() == 4
    assert [g.name for g in User.objects.get(username="nguoixem").groups.all()] == ["Người xem"]


def test_it_refuses_to_create_known_passwords_without_debug(demo, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing"):
        call_command("demo_users", stdout=io.StringIO())
    assert not User.objects.exists()
