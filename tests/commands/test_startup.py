"""What `crmselect` imports to start: the plugin-loader stand-in and the lazy terminal."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "scorecards" / "medical-devices-cn" / "scorecard.yaml"


def _modules_after(code: str, **env: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    environ = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    environ.update(env)
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=environ
    )
    return set(run.stdout.split())


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
    code = (
        "import sys\n"
        f"sys.argv = ['crmselect', 'score', {str(EXAMPLE)!r}, '-f', 'json', '-q']\n"
        "from crmselect.cli import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
    )
    loaded = _modules_after(code)
    assert "crmselect.decision" in loaded
    assert "rich.console" not in loaded
