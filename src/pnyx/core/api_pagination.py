"""Page-number pagination with a bounded page number, for every API list.

django-ninja's own class accepts any page number; one past 2**63 / page size overflows the
database's OFFSET (a 500 on SQLite and PostgreSQL). Here such a number is refused with 422.
"""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

#: Far beyond any real list (20 million items at 20 a page), far below an overflowing offset.
MAX_PAGE = 1_000_000


class BoundedPageNumberPagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)
