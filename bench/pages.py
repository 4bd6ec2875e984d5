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

#: The catalog page with its facets over the 10,000 generated tools (bench/catalog_data.py):
#: unfiltered, then with three facets and a search applied.
CATALOG_PAGES = [
    "/tools/",
    "/tools/?topic=open-data&language=fr&open_source=1&q=budget",
]

#: Pages over the consultation data that bench/data.py generates before the server starts:
#: the top 20 of 10,000 propositions (indexed counter in SQL), the same list ranked in Python
#: (trending reads every proposition's counters, at most once every two seconds per worker;
#: the page's rows are read fresh), and a proposition page with 50 comments.
#: `{proposition}` is replaced with the id of the generated proposition.
DATA_PAGES = [
    "/processes/bench-10000/",
    "/processes/bench-10000/?order=participation.trending",
    "/propositions/{proposition}/",
    *CATALOG_PAGES,
]

#: The row label of the vote benchmark: PUTs to the API driven by the generated wrk script.
VOTE_ROW = "PUT /api/v1/propositions/{id}/vote"
