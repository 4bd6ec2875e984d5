"""The texts of the toolbox demo, written for Pnyx (see `pnyx.toolbox.demo`).

Every tool, practice and organisation here is fictional: the names, places and results are
invented to show what the toolbox looks like with a few years of use. Web addresses point to
example.org and example.net only. The content is plain data, in English, split by subject:

- `tools_participation`, `tools_services`, `tools_data` and `tools_integrity`: 150+ tools;
- `practices_local` and `practices_national`: 80+ practices and case studies;
- `organisations`: 100+ organisations in 30+ countries, their usages and reviews.

Alternatives always name a tool listed before them, so tools can be created in list order.
"""

from dataclasses import dataclass

from django.utils.text import slugify


@dataclass(frozen=True)
class DemoTool:
    name: str
    summary: str
    description: str
    #: An SPDX identifier, or "" for a tool whose licence is not open.
    licence: str
    #: A `CostModel` value.
    cost: str
    #: Language codes, separated by spaces.
    languages: str
    #: Topic slugs (`pnyx.core.taxonomy.TOPICS`), separated by spaces.
    topics: str
    #: A `Maturity` value.
    maturity: str
    #: What an organisation uses it for, as it would complete "used for …".
    use: str
    #: Names of tools listed earlier that do the same job.
    alternatives: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def website(self) -> str:
        return f"https://example.org/tools/{self.slug}"

    @property
    def repository(self) -> str:
        """Open tools publish their code; closed ones have no public repository."""
        return f"https://example.net/code/{self.slug}" if self.licence else ""


@dataclass(frozen=True)
class DemoPractice:
    title: str
    summary: str
    description: str
    country: str
    #: A `GovernmentLevel` value.
    level: str
    #: The name of the demo organisation behind it, or None.
    organisation: str | None
    actors: str
    started: int
    #: The year it ended, or None while it goes on.
    ended: int | None
    outcomes: str
    resources: str
    lessons: str
    topics: str
    #: Names of demo tools it used.
    tools: tuple[str, ...] = ()


def _all_tools() -> list[DemoTool]:
    from pnyx.toolbox.demo_content import (
        tools_data,
        tools_integrity,
        tools_participation,
        tools_services,
    )

    modules = (tools_participation, tools_services, tools_data, tools_integrity)
    return [tool for module in modules for tool in module.TOOLS]


def _all_practices() -> list[DemoPractice]:
    from pnyx.toolbox.demo_content import practices_local, practices_national

    return [*practices_local.PRACTICES, *practices_national.PRACTICES]


TOOLS: list[DemoTool] = _all_tools()
PRACTICES: list[DemoPractice] = _all_practices()
