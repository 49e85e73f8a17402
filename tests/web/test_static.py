"""The vendored NL Design System files are present, small, noted with version and licence,
and every stylesheet the templates link to can be found by the static files finders."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

import overvalregie

PACKAGE = Path(overvalregie.__file__).parent
VENDOR = PACKAGE / "static" / "vendor"


def test_vendored_files_are_noted_with_version_and_licence():
    versions = (VENDOR / "VERSIONS.md").read_text(encoding="utf-8")
    for package, licence in [
        ("@utrecht/component-library-css", "EUPL-1.2"),
        ("@nl-design-system-unstable/voorbeeld-design-tokens", "EUPL-1.2"),
        ("@fontsource/noto-sans", "OFL-1.1"),
        ("leaflet", "BSD-2-Clause"),
    ]:
        assert re.search(rf"\| `{re.escape(package)}` \| \d+\.\d+\.\d+ \| {licence} \|", versions)
    for folder in VENDOR.iterdir():
        if folder.is_dir():
            assert any(f.name.startswith("LICENSE") for f in folder.iterdir()), folder


def test_vendored_files_stay_small():
    total = sum(f.stat().st_size for f in VENDOR.rglob("*") if f.is_file())
    # About 330 kB of NL Design System CSS and fonts, 175 kB of Leaflet (maps).
    assert total < 550_000, f"static/vendor holds {total} bytes; vendor only what is used"


def _linked_static_files() -> set[str]:
    names = set()
    for template in PACKAGE.rglob("templates/**/*.html"):
        names |= set(re.findall(r"{% static '([^']+)' %}", template.read_text(encoding="utf-8")))
    return names


@pytest.mark.parametrize("name", sorted(_linked_static_files()))
def test_linked_static_file_is_found(name):
    assert finders.find(name), (
        f"{name} is linked from a template but the finders do not find it; "
        "settings.STATICFILES_DIRS must include PACKAGE_DIR / 'static'"
    )
