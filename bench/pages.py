"""The pages `make bench` measures. Add a path here when a feature adds a page worth watching.

Each is loaded anonymously with the demo data in the database. A page that does not answer 200 (not
built yet, or needing a log-in) is skipped with a note rather than benchmarked as an error page.
"""

BARE_PAGE = "/bench/bare/"

PAGES = [
    "/",
    "/organisations/",
    "/algorithms/",
    "/audit/",
    "/api/v1/organisations",
]
