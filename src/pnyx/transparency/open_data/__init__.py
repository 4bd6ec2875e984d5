"""The open-data page: what every public dataset holds, and the package to download
(`archive`), rebuilt in the background from `pnyx.core.opendata`."""
