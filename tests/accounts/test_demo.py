"""The demo people."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate

from pnyx.accounts import demo
from pnyx.accounts.models import User

pytestmark = pytest.mark.django_db


def test_demo_load_creates_people_who_can_log_in():
    demo.load()

    emails = [email for email, _password, _role in demo.DEMO_LOGINS]
    assert emails[0] == "admin@pnyx.example"
    assert {"amina@pnyx.example", "lucas@pnyx.example", "sofia@pnyx.example"} <= set(emails)
    for email, password, role in demo.DEMO_LOGINS:
        assert role
        assert authenticate(email=email, password=password) == User.objects.get(email=email)
        assert EmailAddress.objects.get(email=email).verified is True
    assert User.objects.get(email="admin@pnyx.example").is_staff is True
    assert User.objects.get(email="amina@pnyx.example").is_staff is False
    assert User.objects.get(email="amina@pnyx.example").topics.count() == 3


def test_demo_load_twice_changes_nothing():
    demo.load()
    first = sorted(User.objects.values_list("pk", "email", "display_name", "password"))

    demo.load()

    assert sorted(User.objects.values_list("pk", "email", "display_name", "password")) == first
    assert EmailAddress.objects.count() == len(demo.DEMO_LOGINS)
