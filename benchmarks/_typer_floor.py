"""The floor of any typer + pydantic command: a typer app with `score`'s parameters (the same
kinds: a path argument, two enums, paths, text, numbers, flags) that validates one small pydantic
model and prints JSON, importing the libraries `score` imports (numpy, yaml) and doing nothing
else. typer builds a pydantic validator for each parameter, so pydantic's own start-up is part
of the floor, as it is of `crmselect score`."""

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import numpy as np
import typer
import yaml
from pydantic import BaseModel, ConfigDict, Field


class Fmt(StrEnum):
    table = "table"
    json = "json"


class Fits(StrEnum):
    fixed = "fixed"
    evaluators = "evaluators"


class Tiny(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)
    name: Annotated[str, Field(min_length=1)]
    seats: Annotated[int, Field(ge=1)] = 1


app = typer.Typer(add_completion=False)


@app.command()
def score(
    scorecard: Annotated[Path | None, typer.Argument()] = None,
    fmt: Annotated[Fmt | None, typer.Option("--format", "-f")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    vendors: Annotated[Path | None, typer.Option("--vendors")] = None,
    only: Annotated[str | None, typer.Option("--only")] = None,
    seed: Annotated[int, typer.Option("--seed", min=0)] = 42,
    sensitivity: Annotated[int, typer.Option("--sensitivity", min=1)] = 10_000,
    simulations: Annotated[int, typer.Option("--simulations", min=0)] = 10_000,
    fits: Annotated[Fits | None, typer.Option("--fits")] = None,
    matrix: Annotated[bool, typer.Option("--matrix")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    tiny = Tiny.model_validate(yaml.safe_load("name: x\nseats: 2\n"))
    print(json.dumps({"seats": tiny.seats, "sum": float(np.zeros(3).sum())}))


@app.command()
def other() -> None:
    """A second command, so that `score` is a subcommand as in crmselect."""


if __name__ == "__main__":
    app()
