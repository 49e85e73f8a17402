"""``overvalregie.analysis`` is plain NumPy/SciPy: importing all of it loads no Django."""

import pkgutil
import subprocess
import sys

import overvalregie.analysis


def test_the_analysis_package_imports_without_django():
    modules = [
        name
        for _finder, name, _package in pkgutil.walk_packages(
            overvalregie.analysis.__path__, "overvalregie.analysis."
        )
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert "overvalregie.analysis.near_repeat" in modules
    assert "overvalregie.analysis.commands.hotspots" in modules
    assert done.stdout.strip() == "[]"
