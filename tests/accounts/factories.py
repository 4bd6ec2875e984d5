"""Factories for people and their API tokens."""

import factory
from allauth.account.models import EmailAddress

from pnyx.accounts.models import ApiToken, User, hash_token, new_token_value

PASSWORD = "a-long-test-passphrase"


class UserFactory(factory.django.DjangoModelFactory):
    """An active person whose e-mail address is confirmed (pass `confirmed=False` otherwise)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def confirmed(self, create, extracted, **kwargs):
        if create:
            verified = True if extracted is None else bool(extracted)
            EmailAddress.objects.create(
                user=self, email=self.email, verified=verified, primary=True
            )


class AdminFactory(UserFactory):
    is_staff = True


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A token; its value is kept on the instance as `raw` for the test to use."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Script {n}")
    raw = factory.LazyFunction(new_token_value)
    prefix = factory.LazyAttribute(lambda token: token.raw[:12])
    key_hash = factory.LazyAttribute(lambda token: hash_token(token.raw))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        raw = kwargs.pop("raw")
        token = super()._create(model_class, *args, **kwargs)
        token.raw = raw
        return token
