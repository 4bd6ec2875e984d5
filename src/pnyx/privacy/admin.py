"""Logging what platform administrators see of people in the Django admin.

Every admin page showing a model that holds a person's non-public data records, for each person
shown, an access they can read on their privacy dashboard. Such admins subclass
`AccessLoggedAdmin`; a test checks that every registered model pointing at an account does. The
admins of allauth's e-mail addresses and second factors are replaced by logged ones here.
"""

from typing import Any

from allauth.account import admin as account_admin
from allauth.account.models import EmailAddress
from allauth.mfa import admin as mfa_admin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model
from django.db.models import Model
from django.http import HttpRequest

from pnyx.core.personal_data import record_access
from pnyx.privacy.personal_data import ADMIN_SITE


class AccessLoggedAdmin(admin.ModelAdmin):
    """A model admin recording an access for each person whose data a page shows.

    The list page records the people of the rows it shows; the pages of one object (change,
    delete, history) record its person. `person_field` names the foreign key to the account.
    """

    person_field = "user"
    personal_data_sources: tuple[str, ...] = ("accounts.profile",)

    def _record(self, request: HttpRequest, objects: list[Model]) -> None:
        people = get_user_model()
        record_access(
            staff=request.user,
            people=[
                people(pk=pk)
                for pk in {getattr(obj, f"{self.person_field}_id") for obj in objects}
                if pk is not None
            ],
            source_keys=self.personal_data_sources,
            reason=ADMIN_SITE.key,
        )

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Any:
        found = super().get_object(request, object_id, from_field)
        if found is not None:
            self._record(request, [found])
        return found

    def get_changelist_instance(self, request: HttpRequest) -> ChangeList:
        changelist = super().get_changelist_instance(request)
        self._record(request, list(changelist.result_list))
        return changelist


class EmailAddressAdmin(AccessLoggedAdmin, account_admin.EmailAddressAdmin):
    pass


class AuthenticatorAdmin(AccessLoggedAdmin, mfa_admin.AuthenticatorAdmin):
    pass


for model, logged in ((EmailAddress, EmailAddressAdmin), (Authenticator, AuthenticatorAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, logged)
