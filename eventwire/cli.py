"""The ``eventwire`` command: a thin layer that parses options, calls the library and prints.

Library errors (:class:`~eventwire.errors.EventwireError`) become one line on
stderr and exit code 2; rejected inputs are listed one line each and make the
exit code 1; no traceback reaches the user.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys

import click

from . import __version__
from .config import load_settings, parse_override
from .errors import EventwireError
from .jsonl import open_input, open_output, read_records, write_records

EXPORT_FORMATS = ("jsonl", "csv", "acled", "geojson", "parquet")


class CliError(click.ClickException):
    """An error the user sees as one line; exit code 2 (1 means some inputs were rejected)."""

    exit_code = 2


def friendly_errors(func):
    """Turn errors into one clear line; a traceback only with EVENTWIRE_DEBUG=1 set."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except EventwireError as exc:
            raise CliError(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("interrupted; what was stored so far is kept", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except BrokenPipeError:  # the reader went away (`| head`): stop quietly, like other Unix tools
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as exc:  # a bug of ours: say so in one line, keep the details on request
            if os.environ.get("EVENTWIRE_DEBUG"):
                raise
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise CliError(
                f"internal error: {type(exc).__name__}: {detail} (set EVENTWIRE_DEBUG=1 for the traceback)") from None

    return wrapper


def settings_options(func):
    """``--config`` and ``--set`` shared by every command that runs the pipeline."""
    func = click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE",
                        help="Override one setting (repeatable), e.g. --set batch_size=64.")(func)
    func = click.option("--config", "config_path", type=click.Path(dir_okay=False),
                        help="TOML settings file layered over the defaults.")(func)
    return func


def build_settings(config_path, overrides, **options):
    pairs = dict(parse_override(item) for item in overrides)
    pairs.update({key: value for key, value in options.items() if value is not None})
    return load_settings(config_path, pairs)


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
def main():
    """Turn news articles about armed conflict into a queryable incident database.

    \b
    Example:
      eventwire run examples/ --db events.duckdb
      eventwire export --db events.duckdb --format jsonl -o incidents.jsonl
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Database file (created if missing).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default=None, help="Where the parse runs.")
@click.option("--address", "ray_address", default=None, help="Ray cluster address (with --engine ray).")
@click.option("--workers", type=int, default=None, help="Processes for the parse (0 = every core).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary table.")
@settings_options
@friendly_errors
def run(inputs, db, engine, ray_address, workers, quiet, config_path, overrides):
    """Ingest files or folders (.txt, .html, .jsonl), extract, fuse and store incidents.

    \b
    Example:
      eventwire run examples/ --db events.duckdb
      eventwire run news/ more.jsonl --db events.duckdb --workers 2 --quiet
    Re-running on the same inputs adds nothing: articles already stored are skipped.
    Exit code 1 when an input was rejected (each is named on stderr), 2 on an error.
    """
    from .pipeline import run as run_pipeline
    from .report import summary_table
    from .store import Store

    settings = build_settings(config_path, overrides, engine=engine, ray_address=ray_address,
                              workers=workers, quiet=quiet or None)
    show_bar = not settings.quiet and sys.stderr.isatty()
    bar = click.progressbar(length=0, label="articles", file=sys.stderr, hidden=not show_bar, show_pos=True)
    with Store.for_run(db, settings) as store, bar:
        summary = run_pipeline(list(inputs), store, settings,
                               on_reject=lambda r: click.echo(f"rejected: {r.path}: {r.reason}", err=True),
                               on_progress=bar.update)
    if not settings.quiet:
        click.echo(summary_table(summary), err=True)
    sys.exit(1 if summary.rejected else 0)


@main.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False, exists=True), help="Database file.")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True)
@click.option("-o", "--output", default="-", type=click.Path(dir_okay=False, allow_dash=True),
              help="Output file (default stdout; parquet needs a file).")
@click.option("--kind", type=click.Choice(["all", "current", "background"]), default="all", show_default=True)
@friendly_errors
def export(db, fmt, output, kind):
    """Write the stored incidents as JSON Lines (the contract), CSV/ACLED, GeoJSON or Parquet.

    \b
    Example:
      eventwire export --db events.duckdb --format jsonl -o incidents.jsonl
      eventwire export --db events.duckdb --format acled -o incidents.csv
    """
    from .export import export_incidents
    from .store import Store

    with Store(db, read_only=True) as store:
        count = export_incidents(store, fmt, output, kind=kind)
    if output not in ("-", None):
        click.echo(f"wrote {count} incidents to {output}", err=True)


@main.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False, exists=True), help="Database file.")
@click.option("--kind", type=click.Choice(["all", "current", "background"]), default="all", show_default=True)
@click.option("--limit", type=int, default=None, help="Show at most this many incidents.")
@friendly_errors
def show(db, kind, limit):
    """Print the stored incidents, one readable line each, by date.

    \b
    Example:
      eventwire show --db events.duckdb --kind current --limit 20
    """
    from .export import iter_contract
    from .report import incident_lines
    from .store import Store

    with Store(db, read_only=True) as store:
        click.echo(incident_lines(iter_contract(store, kind), limit) or "no incidents stored")


def _record_command(name: str, loader: str, summary: str, example: str, required=("id", "text")):
    """A command of the form ``eventwire NAME IN -o OUT``: JSON Lines in, JSON Lines out."""

    @click.argument("source", type=click.Path(allow_dash=True))
    @click.option("-o", "--output", default="-", type=click.Path(dir_okay=False, allow_dash=True))
    @settings_options
    @friendly_errors
    def command(source, output, config_path, overrides):
        module_name, func_name = loader.rsplit(".", 1)
        func = getattr(importlib.import_module(f"eventwire.{module_name}"), func_name)
        settings = build_settings(config_path, overrides)
        bad: list[str] = []

        def on_error(message):
            bad.append(message)
            warn(message)

        with open_input(source) as stream, open_output(output) as out:
            write_records(func(read_records(stream, source, on_error, required), settings), out)
        sys.exit(1 if bad else 0)

    command.__doc__ = f"{summary}\n\n\b\nExample:\n  {example}"
    return main.command(name)(command)


_record_command("classify", "extract.classify.classify_records",
                "Type each {id, text} snippet: PLOVER type/mode, ACLED type/sub-type, is_event, score.",
                "echo '{\"id\": \"1\", \"text\": \"Rockets hit the base.\"}' | eventwire classify - -o out.jsonl")
_record_command("geoparse", "resolve.places.geoparse_records",
                "Find and place the toponyms of each {id, text, published?} record.",
                "eventwire geoparse articles.jsonl -o places.jsonl")
_record_command("dates", "resolve.dates.dates_records",
                "Resolve the time expressions of each {id, text, published} record to calendar values.",
                "eventwire dates articles.jsonl -o dates.jsonl")
_record_command("stories", "fuse.stories.stories_records",
                "Group {id, text, published?} articles that report the same happening: {id, story_id}.",
                "eventwire stories articles.jsonl -o stories.jsonl")


@main.command("eval")
@click.argument("dataset", type=click.Choice(["seeds", "timebank", "geowebnews", "ecbplus", "classifier"]))
@click.option("--gold", "gold", type=click.Path(exists=True), default=None,
              help="Answer key or data set path (seeds: gold/seeds.yaml; others: their folder or file).")
@click.option("--corpus", type=click.Path(exists=True), default=None,
              help="Seeds only: the articles to run (default: seeds.jsonl beside the answer key).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON instead of a table.")
@settings_options
@friendly_errors
def evaluate(dataset, gold, corpus, as_json, config_path, overrides):
    """Score eventwire on an evaluation set and print the figures.

    \b
    Example:
      eventwire eval seeds --gold ../shared/gold/seeds.yaml
      eventwire eval timebank --gold ../shared/eval/timebank
      eventwire eval classifier            (the packaged held-out set)
    """
    import json

    from .eval import run_evaluation

    settings = build_settings(config_path, overrides)
    report = run_evaluation(dataset, gold, settings, corpus=corpus)
    click.echo(json.dumps(report.figures, indent=2) if as_json else report.text)


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(exists=True))
@click.option("--synthetic", type=int, default=None, metavar="N",
              help="Benchmark on N generated articles instead of INPUTS.")
@click.option("--limit", type=int, default=None, help="Use at most this many articles of INPUTS.")
@click.option("--workers", type=int, default=None, help="Processes (0 = every core).")
@click.option("--no-bare", is_flag=True, help="Time the pipeline only (a memory check on a large corpus).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@settings_options
@friendly_errors
def bench(inputs, synthetic, limit, workers, no_bare, as_json, config_path, overrides):
    """Time a bare spaCy parse and the whole pipeline on the same articles, side by side.

    \b
    Prints articles/s of each, their ratio, time per stage and peak memory.
    Example:
      eventwire bench ../shared/eval --limit 1000 --workers 2
      eventwire bench --synthetic 2000
      eventwire bench --synthetic 50000 --no-bare --workers 2
    """
    import json

    from .bench import run_benchmark

    settings = build_settings(config_path, overrides, workers=workers)
    report = run_benchmark(list(inputs), settings, synthetic=synthetic, limit=limit, bare=not no_bare)
    click.echo(json.dumps(report.figures, indent=2) if as_json else report.text)


if __name__ == "__main__":  # pragma: no cover
    main()
