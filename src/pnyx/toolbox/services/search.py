"""What search knows of a tool or a practice, written by every service that creates or changes
one (the wiki's approval, the import). Indexed under the kinds `toolbox.tool` and
`toolbox.practice`, which the catalog's search reads."""

from pnyx.core import search
from pnyx.toolbox.models import Practice, Tool


def index_tool(tool: Tool) -> None:
    """Add or refresh a tool's searchable text: its name, then its summary and description."""
    search.index_object(tool, title=tool.name, body=f"{tool.summary}\n{tool.description}")


def index_practice(practice: Practice) -> None:
    """Add or refresh a practice's searchable text: its title, then what was done, by whom, with
    what outcomes and lessons."""
    parts = [
        practice.summary,
        practice.description,
        practice.actors,
        practice.outcomes,
        practice.lessons,
    ]
    search.index_object(practice, title=practice.title, body="\n".join(parts))
