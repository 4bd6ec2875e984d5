"""What the recommender holds about a person: their weights and whether recommendations are
personal (`RecommenderSettings`), exported and deleted with the account."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data
from pnyx.toolbox.models import RecommenderSettings


def export_recommender_settings(person: Any) -> list[dict[str, Any]]:
    """The person's settings, as one row, or none when they never changed them."""
    return [
        {
            "personalised": found.personalised,
            "weights": dict(found.weights or {}),
            "updated_at": found.updated_at.isoformat(),
        }
        for found in RecommenderSettings.objects.filter(user=person)
    ]


def delete_recommender_settings(person: Any) -> None:
    """Delete the settings: they describe only the person's own preferences."""
    RecommenderSettings.objects.filter(user=person).delete()


def register_sources() -> None:
    """Declare the source in the core registry (called from `ToolboxConfig.ready`)."""
    personal_data.register(
        personal_data.PersonalDataSource(
            key="toolbox.recommender_settings",
            label=_("Your recommendation settings"),
            description=_(
                "The weights you gave the factors of “Tools and practices for you”, and whether "
                "you turned personal recommendations off."
            ),
            export=export_recommender_settings,
            anonymise=delete_recommender_settings,
            purpose=_("To order the tools and practices suggested to you as you asked."),
            visibility=personal_data.Visibility.PRIVATE,
            seen_by=_("Only you."),
        )
    )
