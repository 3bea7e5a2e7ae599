"""The `crmselect` command: parse options, call the library, render, write, exit.

No arithmetic lives here. Each command reads inputs through `crmselect.io`, computes with the
library, renders with `crmselect.render` and writes with `write_atomic`. Errors become exit codes
in one place (:func:`handle_errors`): 1 invalid input, 2 wrong usage, 3 internal error.
"""

import functools
import importlib
import os
import sys
import types
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from crmselect import __version__
from crmselect.console import message

root = typer.Typer(
    name="crmselect",
    help="Choose a CRM and budget for it honestly: score vendors against your needs, "
    "simulate five years of cost, and render a committee report.",
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
vendors_app = typer.Typer(
    help="Browse the vendor library.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
root.add_typer(vendors_app, name="vendors")

F = TypeVar("F", bound=Callable[..., Any])

# Options shared by several commands.
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print no messages, only results.")
]
VendorsOption = Annotated[
    Path | None,
    typer.Option(
        "--vendors",
        help="Vendor library folder (default: vendors/ beside the scorecard's folder, "
        "or in the current folder, else the bundled library).",
    ),
]

ScorecardArgument = Annotated[
    Path | None,
    typer.Argument(
        help="The scorecard (default: ./scorecard.yaml, else the bundled example).",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
]
OnlyOption = Annotated[
    str | None,
    typer.Option("--only", help="Compare only these vendor ids, comma-separated."),
]
SeedOption = Annotated[
    int, typer.Option("--seed", min=0, help="Random seed: same inputs and seed, same output.")
]
SimulationsOption = Annotated[
    int,
    typer.Option(
        "--simulations",
        min=0,
        max=100_000_000,
        help="Cost paths of the Monte Carlo simulation; 0 for the deterministic model only.",
    ),
]
SensitivityOption = Annotated[
    int,
    typer.Option(
        "--sensitivity",
        min=1,
        max=10_000_000,
        help="Weight draws of the ranking's robustness check (P(first)).",
    ),
]


def parse_only(only: str | None) -> list[str] | None:
    """``"a, b"`` -> ``["a", "b"]``; None when the option was not given."""
    if only is None:
        return None
    return [part.strip() for part in only.split(",") if part.strip()]


def handle_errors(func: F) -> F:
    """Turn library errors into one clean message each and the right exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from crmselect.errors import CrmselectError, InputError

        debug = bool(kwargs.get("debug"))
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except InputError as exc:
            for problem in exc.problems:
                message(str(problem))
            count = len(exc.problems)
            files = len({p.path for p in exc.problems})
            message(f"{count} problem{'s' * (count != 1)} in {files} file{'s' * (files != 1)}")
            if debug:
                raise
            raise typer.Exit(exc.exit_code) from None
        except CrmselectError as exc:
            message(f"crmselect: {exc}")
            if debug:
                raise
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            message("crmselect: interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:  # noqa: BLE001 - the one place internal errors are caught
            if debug:
                raise
            message(
                f"crmselect: internal error: {type(exc).__name__}: {exc} (run with --debug for details)"
            )
            raise typer.Exit(3) from None

    return wrapper  # type: ignore[return-value]


def show_warnings(warnings: Iterable[str], *, quiet: bool, listed: bool = False) -> None:
    """Every command's one warning policy: the warnings of its inputs and results follow the
    result on standard error, each once, those of one kind in one line naming every vendor
    concerned, whatever the output and wherever it is written (a file's reader is not at the
    terminal), unless ``-q``; ``listed``: the text just printed on standard output lists them
    already (Markdown, the report)."""
    if listed or quiet:
        return
    from crmselect.render.common import group_warnings

    for warning in group_warnings(list(dict.fromkeys(warnings))):
        message(f"warning: {warning}")


def resolve_scorecard(scorecard: Path | None, quiet: bool) -> Path:
    """The scorecard given, else ./scorecard.yaml, else the bundled example (said in one line
    on stderr)."""
    from crmselect._resources import example_scorecard
    from crmselect.defaults import scorecard_here

    if scorecard is not None:
        return scorecard
    here = scorecard_here()
    if here is not None:
        return here
    example = example_scorecard()
    message(f"crmselect: no scorecard given; using the bundled example {example}", quiet=quiet)
    return example


def _version(value: bool) -> None:
    if value:
        typer.echo(f"crmselect {__version__}")
        raise typer.Exit()


@root.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Choose a CRM and budget for it honestly."""


def main() -> None:
    """Run the command line (the console script prepares the process first: see
    :mod:`crmselect.__main__`).

    crmselect's models use no pydantic plugins, and looking plugins up reads the metadata of
    every installed distribution, on every run: the command skips it unless the environment
    says otherwise (``PYDANTIC_DISABLE_PLUGINS=`` empty keeps every plugin)."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    skip_pydantic_plugin_loader()
    args = sys.argv[1:]
    load_commands(args[0] if args else None)
    root()


def skip_pydantic_plugin_loader() -> None:
    """With plugins disabled, pydantic's loader returns no plugins without reading anything,
    but importing it imports ``importlib.metadata`` (with email, zipfile and csv: a fifth of
    what ``score`` spends above its libraries' own imports). Stand in for that module with one
    that answers the same; when plugins are enabled the real loader runs."""
    disabled = os.environ.get("PYDANTIC_DISABLE_PLUGINS") in ("__all__", "1", "true")
    if disabled and _PYDANTIC_LOADER not in sys.modules:
        loader = types.ModuleType(_PYDANTIC_LOADER)
        loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules[_PYDANTIC_LOADER] = loader


_PYDANTIC_LOADER = "pydantic.plugin._loader"


COMMAND_MODULES = {
    "score": "score",
    "tco": "tco",
    "report": "report",
    "validate": "files",
    "schema": "files",
    "init": "init",
    "diff": "diff",
    "vendors": "vendors",
    "rfi": "rfi",
    "scoresheet": "scoresheet",
}
"""The module of ``crmselect.commands`` that registers each command on :data:`root` when
imported, in the order `--help` lists them; the modules import heavy libraries only when a
command runs."""


def load_commands(command: str | None = None) -> typer.Typer:
    """The app with ``command`` registered, or every command when ``command`` names none.

    typer turns every registered command into a click command on each run, reading its
    signature and building its parameters: a run that names its command (`crmselect score
    ...`) registers that one alone. Anything else (no command, an option, a typo that gets
    a did-you-mean) registers them all."""
    if command in COMMAND_MODULES:
        modules = [COMMAND_MODULES[command]]
    else:
        modules = list(dict.fromkeys(COMMAND_MODULES.values()))
    for module in modules:
        importlib.import_module(f"crmselect.commands.{module}")
    return root


def __getattr__(name: str) -> typer.Typer:
    """``crmselect.cli.app``: the app with every command registered (for tests and anyone
    who invokes the CLI in-process; commands register on :data:`root`)."""
    if name == "app":
        return load_commands()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
