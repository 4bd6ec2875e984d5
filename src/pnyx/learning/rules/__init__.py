"""Who may do what in the learning app; importing this registers every permission."""

from pnyx.learning.rules import (  # noqa: F401
    courses,
    credentials,
    credits,
    engagement,
    groups,
    partners,
)
