"""Measure Pnyx's pages against a bare Django page on the same server, in one run: `make bench`.

    .venv/bin/python bench/run.py [--duration S] [--warmup S] [--connections N] [--pages PATH ...]
                                  [--database-url URL] [--load-generator auto|wrk|python] [--keep]
                                  [--skip-groups]

See bench/README.md for how to read the table.
"""

import argparse
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from types import FrameType

if not __package__:
    # Started as a script: import `bench` as a package from the repository root, not from bench/.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench import (  # noqa: E402 - needs the import path set above
    data,
    groups,
    load,
    recommender,
    report,
    server,
)
from bench.pages import BARE_PAGE, DATA_PAGES, PAGES, VOTE_ROW  # noqa: E402


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=positive, default=10, help="seconds measured per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of unmeasured load first")
    parser.add_argument("--connections", type=positive, default=8, help="concurrent connections")
    parser.add_argument(
        "--pages",
        nargs="+",
        metavar="PATH",
        default=PAGES,
        help="pages to measure (bench/pages.py)",
    )
    parser.add_argument(
        "--database-url",
        help="measure on this database instead of a temporary SQLite file (it is migrated, and "
        "demo data is loaded only when it has no account yet)",
    )
    parser.add_argument("--load-generator", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and its log")
    parser.add_argument(
        "--skip-groups", action="store_true", help="skip the opinion groups' computation"
    )
    options = parser.parse_args(argv)
    if bad := [page for page in options.pages if not page.startswith("/")]:
        parser.error(f"pages are paths starting with '/': {', '.join(bad)}")
    return options


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    options = parse_arguments(argv)
    generator = load.choose(options.load_generator)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sig) != signal.SIG_IGN:  # keep `nohup` working
            signal.signal(sig, interrupt)
    var_dir = Path(tempfile.mkdtemp(prefix="pnyx-bench-"))
    try:
        run = benchmark(options, generator, var_dir)
    except KeyboardInterrupt:
        progress("Interrupted: the server has been stopped.")
        return 130
    finally:
        if options.keep:
            progress(f"Kept {var_dir} (server.log, database, static files).")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)
    if not options.skip_groups:
        run.notes.extend(groups.report_lines(progress))
    run.notes.append(recommender.report_line(progress))
    print(report.table(run))
    print(f"\nSaved to {report.write_json(run)}")
    return 0


def interrupt(signum: int, frame: FrameType | None) -> None:
    """Treat SIGTERM and SIGHUP like Ctrl-C, so the `finally` blocks stop the server."""
    raise KeyboardInterrupt


def benchmark(
    options: argparse.Namespace, generator: load.LoadGenerator, var_dir: Path
) -> report.Run:
    env = server.production_environment(var_dir, options.database_url)
    progress(f"Preparing the database in {var_dir} ...")
    server.migrate(env)
    demo = server.load_demo_data(env, only_if_empty=bool(options.database_url))
    progress("Generating the consultation data (bench/data.py) ...")
    generated = data.run_prepare(env, var_dir)
    pages = pages_to_measure(options, generated)
    run = report.Run(
        load_generator=generator.name,
        seconds=options.duration,
        warmup_seconds=options.warmup,
        connections=options.connections,
        workers=server.WORKERS,
        database=env["DATABASE_URL"].split(":", 1)[0],
        demo_data=demo,
    )
    with server.running_server(env, var_dir / "server.log") as base_url:
        bare = measure_page(base_url, BARE_PAGE, generator, options)
        if isinstance(bare, str):
            raise SystemExit(f"The bare page {BARE_PAGE} {bare}; there is nothing to compare with.")
        for page in [BARE_PAGE, *pages]:
            measured = (
                bare if page == BARE_PAGE else measure_page(base_url, page, generator, options)
            )
            if isinstance(measured, str):
                run.skipped[page] = measured
            else:
                ratio = measured.requests_per_second / bare.requests_per_second
                run.results.append(report.PageResult(page, measured, ratio))
        measure_votes(run, base_url, generator, options, generated, bare)
    if generated.get("vote_script"):
        run.notes.append(data.run_check(env))
    return run


def pages_to_measure(options: argparse.Namespace, generated: dict[str, object]) -> list[str]:
    """The chosen pages, plus the generated consultation's pages when none were chosen."""
    pages = list(options.pages)
    if pages == PAGES and "proposition" in generated:
        pages += DATA_PAGES
    proposition = str(generated.get("proposition", "0"))
    return [page.replace("{proposition}", proposition) for page in pages]


def measure_votes(
    run: report.Run,
    base_url: str,
    generator: load.LoadGenerator,
    options: argparse.Namespace,
    generated: dict[str, object],
    bare: load.Measurement,
) -> None:
    """The vote row: API PUTs by 500 generated people, written by the generated wrk script."""
    script = generated.get("vote_script")
    if not isinstance(script, str):
        run.skipped[VOTE_ROW] = str(generated.get("error", "no vote script (data existed)"))
        return
    if not isinstance(generator, load.Wrk):
        run.skipped[VOTE_ROW] = "needs wrk (the built-in client only sends GETs)"
        return
    progress(f"{VOTE_ROW}: {options.warmup} s warm-up, {options.duration} s measured")
    url = base_url + "/api/v1/"
    if options.warmup > 0:
        generator.run(url, seconds=options.warmup, connections=options.connections, script=script)
    measured = generator.run(
        url, seconds=options.duration, connections=options.connections, script=script
    )
    ratio = measured.requests_per_second / bare.requests_per_second
    run.results.append(report.PageResult(VOTE_ROW, measured, ratio))


def measure_page(
    base_url: str, page: str, generator: load.LoadGenerator, options: argparse.Namespace
) -> load.Measurement | str:
    """Load one page for the warm-up, then for the measured time; a reason when it is skipped."""
    status = server.status_of(base_url, page)
    if status != 200:
        return f"answered {status}, not 200"
    progress(f"{page}: {options.warmup} s warm-up, {options.duration} s measured")
    url = base_url + page
    if options.warmup > 0:
        generator.run(url, seconds=options.warmup, connections=options.connections)
    return generator.run(url, seconds=options.duration, connections=options.connections)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
