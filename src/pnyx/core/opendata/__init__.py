"""Open data you can recompute: every public dataset and every algorithm output, exported as CSV
and JSON with a Frictionless `datapackage.json`, and a recompute that checks the outputs.

An app declares in its `opendata.py` (imported when the app is ready):

- its public **datasets** (`register_dataset(Dataset(...))`): name, title, description, fields
  with their Frictionless types, keys, licence and a row generator that streams from the
  database;
- its **recomputable outputs** (`register_output(RecomputableOutput(...))`): the algorithm card
  behind them, a function giving the published items (position, score, group) from the live
  data, one run per scope with its parameters, and a function computing the same items again
  from the exported files alone.

`export(directory)` writes them all (`pnyx opendata export DIR`, and the site's download);
`recompute(directory)` recomputes every output from the export and lists each difference
(`pnyx opendata recompute DIR`). The core registers the audit log itself (`core_datasets`).
"""

from pnyx.core.opendata import core_datasets  # noqa: F401 - registers the audit log
from pnyx.core.opendata.reader import ExportedPackage, UnreadableExport
from pnyx.core.opendata.recompute import Difference, RecomputeReport, recompute
from pnyx.core.opendata.registry import (
    CC_BY_4,
    Dataset,
    ExportContext,
    Field,
    ForeignKey,
    Licence,
    OutputItem,
    OutputRun,
    RecomputableOutput,
    Recompute,
    all_tables,
    datasets,
    get_dataset,
    get_output,
    outputs,
    register_dataset,
    register_output,
)
from pnyx.core.opendata.writer import (
    DESCRIPTOR,
    DirectoryNotEmpty,
    ExportedFile,
    ExportSummary,
    export,
    iso_moment,
)

__all__ = [
    "CC_BY_4",
    "DESCRIPTOR",
    "Dataset",
    "Difference",
    "DirectoryNotEmpty",
    "ExportContext",
    "ExportSummary",
    "ExportedFile",
    "ExportedPackage",
    "Field",
    "ForeignKey",
    "Licence",
    "OutputItem",
    "OutputRun",
    "RecomputableOutput",
    "Recompute",
    "RecomputeReport",
    "UnreadableExport",
    "all_tables",
    "datasets",
    "export",
    "get_dataset",
    "get_output",
    "iso_moment",
    "outputs",
    "recompute",
    "register_dataset",
    "register_output",
]
