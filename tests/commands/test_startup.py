"""What `crmselect` imports to start: the plugin-loader stand-in and the lazy terminal."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "scorecards" / "medical-devices-cn" / "scorecard.yaml"


def _python(
    code: str, *, dropped: tuple[str, ...] = (), **env: str
) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter running ``code``, with the environment's ``dropped`` names removed
    and ``env`` added."""
    environ = {k: v for k, v in os.environ.items() if k not in dropped}
    environ.update(env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environ)


def _modules_after(code: str, **env: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    run = _python(script, dropped=("PYDANTIC_DISABLE_PLUGINS",), **env)
    assert run.returncode == 0, run.stderr
    return set(run.stdout.split())


def _main(*args: str) -> str:
    """Code that runs ``crmselect ARGS`` through the console script's entry point; a clean
    exit (``--help``) returns, a failing one ends the interpreter with its code."""
    return (
        f"import sys\nsys.argv = ['crmselect', *{list(args)!r}]\n"
        "from crmselect.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    if exc.code:\n        raise\n"
    )


SCORE_JSON = ("score", str(EXAMPLE), "-f", "json", "-q")


def test_the_real_loader_finds_no_plugin_when_plugins_are_disabled() -> None:
    """The stand-in answers what pydantic's own loader answers under the same setting; if
    pydantic moves or renames its loader, this fails and the stand-in must follow."""
    code = (
        "import os; os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "assert tuple(get_plugins()) == (), get_plugins()\n"
    )
    assert "pydantic.plugin._loader" in _modules_after(code)


def test_disabled_plugins_skip_the_package_metadata_scan() -> None:
    code = (
        "import os; os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n"
        "from crmselect.cli import skip_pydantic_plugin_loader\n"
        "skip_pydantic_plugin_loader()\n"
        "import crmselect.models\n"
    )
    loaded = _modules_after(code)
    assert "crmselect.models.scorecard" in loaded
    assert "importlib.metadata" not in loaded


def test_enabled_plugins_keep_the_real_loader() -> None:
    """With plugins enabled (an empty setting keeps every plugin) nothing is stood in."""
    code = (
        "import os; os.environ['PYDANTIC_DISABLE_PLUGINS'] = ''\n"
        "from crmselect.cli import skip_pydantic_plugin_loader\n"
        "skip_pydantic_plugin_loader()\n"
        "import crmselect.models, sys\n"
        "assert hasattr(sys.modules['pydantic.plugin._loader'], 'PYDANTIC_ENTRY_POINT_GROUP')\n"
    )
    assert "importlib.metadata" in _modules_after(code)


def test_score_to_json_does_not_load_the_terminal_renderer() -> None:
    """rich's console is built on first use: JSON on stdout needs none of it."""
    loaded = _modules_after(_main(*SCORE_JSON))
    assert "crmselect.decision" in loaded
    assert "rich.console" not in loaded


def test_every_command_is_found_in_the_module_named_for_it() -> None:
    """`main` registers only the module that COMMAND_MODULES names for the command run: a
    command missing from the table, or in another module, would be 'No such command'."""
    from crmselect.cli import COMMAND_MODULES, app

    registered = {
        info.name or info.callback.__name__: info.callback
        for info in app.registered_commands
        if info.callback
    }
    groups = {info.name: info.typer_instance for info in app.registered_groups}
    assert list(COMMAND_MODULES) == [*registered, *groups]
    for name, callback in registered.items():
        assert callback.__module__ == f"crmselect.commands.{COMMAND_MODULES[name]}", name
    for name, group in groups.items():
        commands = [info.callback for info in group.registered_commands if info.callback]
        module = f"crmselect.commands.{COMMAND_MODULES[name]}"
        assert commands and all(c.__module__ == module for c in commands), name


def test_a_named_command_loads_its_module_alone() -> None:
    loaded = _modules_after(_main(*SCORE_JSON))
    commands = {m for m in loaded if m.startswith("crmselect.commands.")}
    assert commands == {"crmselect.commands.score"}


def test_help_and_a_mistyped_command_see_every_command() -> None:
    from crmselect.cli import COMMAND_MODULES

    listing = _python(_main("--help"))
    assert listing.returncode == 0
    assert all(f"  {name} " in listing.stdout for name in COMMAND_MODULES), listing.stdout
    typo = _python(_main("scor"))
    assert typo.returncode == 2 and "Did you mean 'score'?" in typo.stderr


def _settings_after_prepare(**env: str) -> list[str]:
    """The BLAS thread setting and the GC thresholds after the console script prepares a
    fresh interpreter started with ``env``."""
    code = (
        "import gc, os\n"
        "from crmselect.__main__ import prepare_process\n"
        "prepare_process()\n"
        "print(os.environ.get('OPENBLAS_NUM_THREADS'), gc.get_threshold()[0])\n"
    )
    threads = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "GOTO_NUM_THREADS")
    run = _python(code, dropped=threads, **env)
    assert run.returncode == 0, run.stderr
    return run.stdout.split()


def test_the_console_script_runs_blas_on_one_thread_unless_told_otherwise() -> None:
    assert _settings_after_prepare() == ["1", "100000"]
    assert _settings_after_prepare(OPENBLAS_NUM_THREADS="4") == ["4", "100000"]
    assert _settings_after_prepare(OMP_NUM_THREADS="2") == ["None", "100000"]


def test_the_console_script_reaches_the_command_line() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "crmselect", "--version"], capture_output=True, text=True
    )
    assert run.returncode == 0 and run.stdout.startswith("crmselect "), run
