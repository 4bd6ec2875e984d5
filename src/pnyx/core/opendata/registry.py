"""What the open-data export holds: the datasets and the recomputable algorithm outputs.

Each app declares its public datasets and the outputs of its algorithms in its `opendata.py`,
loaded when the app is ready, so every app joins the same export and the same recompute.
"""

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pnyx.core.algorithms import AlgorithmCard

if TYPE_CHECKING:
    from pnyx.core.opendata.reader import ExportedPackage

Text = str | Promise

#: The Frictionless Table Schema types a field may have.
FIELD_TYPES = frozenset(
    {"string", "integer", "number", "boolean", "date", "datetime", "object", "array"}
)
#: Dataset names become file names and Frictionless resource names.
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Licence:
    """The terms under which a dataset may be reused (a Frictionless `licenses` entry)."""

    name: str
    title: str
    path: str


CC_BY_4 = Licence(
    name="CC-BY-4.0",
    title="Creative Commons Attribution 4.0",
    path="https://creativecommons.org/licenses/by/4.0/",
)


@dataclass(frozen=True)
class Field:
    """One column of a dataset: its name, Frictionless type and meaning."""

    name: str
    type: str
    description: Text
    #: The value is never empty (null in JSON, an empty cell in CSV).
    required: bool = False

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"Field {self.name!r}: unknown type {self.type!r}.")


@dataclass(frozen=True)
class ForeignKey:
    """Values of `fields` are found in the columns `reference` of the dataset `resource`."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class ExportContext:
    """What every dataset and output of one export shares: its moment, and a scratch memo.

    `now` is the moment time-dependent outputs are computed for (and published with). `memo`
    lets an app compute something once for all its outputs in this export.
    """

    now: datetime
    memo: dict[str, Any] = field(default_factory=dict, compare=False)

    def remember(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


Row = Mapping[str, Any]


@dataclass(frozen=True)
class Dataset:
    """A public dataset: its description, its columns and where its rows come from.

    `rows` yields one mapping per row with a value for every field (dates and datetimes as
    such, arrays as lists, objects as dicts); it should stream (`QuerySet.iterator`) rather than
    load the whole table.
    """

    name: str
    title: Text
    description: Text
    fields: tuple[Field, ...]
    rows: Callable[[ExportContext], Iterable[Row]]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    licence: Licence = CC_BY_4

    def __post_init__(self) -> None:
        if not NAME_PATTERN.match(self.name):
            raise ValueError(f"Dataset name {self.name!r}: use a-z, 0-9 and '-'.")
        names = {item.name for item in self.fields}
        keys = set(self.primary_key).union(*(set(key.fields) for key in self.foreign_keys))
        if keys - names:
            raise ValueError(f"Dataset {self.name!r}: keys name unknown fields {keys - names}.")


class OutputItem(NamedTuple):
    """One item of an algorithm's output: its place, its score and its group, where it has them."""

    item: str
    position: int | None = None
    score: float | None = None
    group: int | None = None


@dataclass(frozen=True)
class OutputRun:
    """An output over one scope (a consultation, the directory…) with the parameters it used."""

    scope: str
    parameters: Mapping[str, Any]
    items: Iterable[OutputItem]


#: Recomputes one run from the exported files alone: (package, scope, parameters) → items.
Recompute = Callable[["ExportedPackage", str, Mapping[str, Any]], Iterable[OutputItem]]


@dataclass(frozen=True)
class RecomputableOutput:
    """An algorithm output that the export publishes and that anyone can recompute from it.

    `published` gives the output as the site computes it from the live data, one run per scope.
    `recompute` gives the same items from the exported files only (through `ExportedPackage`,
    never the database), with the run's published parameters; `reads` names the datasets it
    reads. `item_kind` says what an item's id is.
    """

    name: str
    card: AlgorithmCard
    item_kind: Text
    published: Callable[[ExportContext], Iterable[OutputRun]]
    recompute: Recompute
    reads: tuple[str, ...]

    @property
    def algorithm_id(self) -> str:
        return self.card.id

    @property
    def version(self) -> str:
        return self.card.version


class AlreadyRegistered(ValueError):
    pass


_datasets: dict[str, Dataset] = {}
_outputs: dict[str, RecomputableOutput] = {}


def register_dataset(dataset: Dataset) -> Dataset:
    """Add a dataset to the export; names are unique across the project."""
    existing = _datasets.get(dataset.name)
    if existing is not None and existing != dataset:
        raise AlreadyRegistered(f"A dataset {dataset.name!r} is already registered.")
    if dataset.name in RESERVED_NAMES:
        raise AlreadyRegistered(f"The dataset name {dataset.name!r} is kept for the outputs.")
    _datasets[dataset.name] = dataset
    return dataset


def register_output(output: RecomputableOutput) -> RecomputableOutput:
    """Add a recomputable output to the export; names are unique across the project."""
    existing = _outputs.get(output.name)
    if existing is not None and existing != output:
        raise AlreadyRegistered(f"An output {output.name!r} is already registered.")
    _outputs[output.name] = output
    return output


def datasets() -> Iterator[Dataset]:
    """Every registered dataset in the order the apps registered them (the core's audit log, then
    each app in INSTALLED_APPS order, each in its own order): the export and the page follow it."""
    return iter(list(_datasets.values()))


def get_dataset(name: str) -> Dataset | None:
    return _datasets.get(name)


def outputs() -> Iterator[RecomputableOutput]:
    """Every registered output, ordered by name."""
    return iter(sorted(_outputs.values(), key=lambda output: output.name))


def get_output(name: str) -> RecomputableOutput | None:
    return _outputs.get(name)


# --- the two tables every export has: algorithm runs and their items ---------------------------

RUNS = "algorithm-runs"
RESULTS = "algorithm-results"
RESERVED_NAMES = frozenset({RUNS, RESULTS})

RUN_FIELDS = (
    Field("output", "string", _("The name of the output."), required=True),
    Field(
        "algorithm",
        "string",
        _("The id of the algorithm in the register of algorithms."),
        required=True,
    ),
    Field("version", "string", _("The version of the algorithm."), required=True),
    Field(
        "scope",
        "string",
        _("What the output covers, such as “process:12” for consultation 12."),
        required=True,
    ),
    Field(
        "parameters",
        "object",
        _("Everything the algorithm was given besides the data: time, seed, mode."),
        required=True,
    ),
    Field("item_count", "integer", _("How many items the output has."), required=True),
)

RESULT_FIELDS = (
    Field("output", "string", _("The name of the output."), required=True),
    Field("scope", "string", _("What the output covers."), required=True),
    Field(
        "item",
        "string",
        _("The item placed: a proposition id, an organisation id or a voter pseudonym."),
        required=True,
    ),
    Field("position", "integer", _("The item's place, 1 for the first; empty if unordered.")),
    Field("score", "number", _("The item's score; empty when the algorithm gives none.")),
    Field("group", "integer", _("The item's group, 0 for the largest; empty if ungrouped.")),
)


def _written_by_the_export(context: ExportContext) -> Iterable[Row]:
    """The output tables have no rows of their own: the export writes them from the outputs."""
    return ()


RUNS_DATASET = Dataset(
    name=RUNS,
    title=_("Algorithm outputs"),
    description=_(
        "One row per output of a registered algorithm over one scope, with the algorithm's "
        "version and the parameters it was given."
    ),
    fields=RUN_FIELDS,
    rows=_written_by_the_export,
    primary_key=("output", "scope"),
)

RESULTS_DATASET = Dataset(
    name=RESULTS,
    title=_("Places, scores and groups"),
    description=_(
        "Every item of every output: its position, score and group, as published. `pnyx "
        "opendata recompute` computes them again from the other files and reports any "
        "difference."
    ),
    fields=RESULT_FIELDS,
    rows=_written_by_the_export,
    primary_key=("output", "scope", "item"),
    foreign_keys=(ForeignKey(("output", "scope"), RUNS, ("output", "scope")),),
)


def all_tables() -> list[Dataset]:
    """Every table of an export: the registered datasets, then the two output tables."""
    return [*datasets(), RUNS_DATASET, RESULTS_DATASET]
