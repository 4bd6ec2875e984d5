"""What the consultations add to the open-data export (`pnyx.core.opendata`): their public
datasets (`datasets`) and the outputs of their algorithms, recomputable from the export
(`rankings`, `groups`). Imported when the app is ready."""

from pnyx.participation.opendata import datasets, groups, rankings

datasets.register()
rankings.register()
groups.register()
