"""The Dutch catalogue is complete and the compiled .mo files match their .po sources.

Run ``make messages`` (makemessages + compilemessages) after changing interface text, then
translate the new entries in ``locale/nl/LC_MESSAGES/django.po``.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import overvalregie

LOCALE = Path(overvalregie.__file__).parent / "locale"
LANGUAGES = ["nl", "en"]


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file (enough of the format for what makemessages writes)."""
    entries, entry, key = [], Entry(), None

    def finish():
        nonlocal entry, key
        if key is not None:
            entries.append(entry)
        entry, key = Entry(), None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#~"):
            entry.obsolete = True
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        else:
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
            if match:
                key = match.group(1)
                index = int(match.group(2) or 0)
                value = ast.literal_eval(match.group(3))
            else:
                value = ast.literal_eval(line)  # a continuation line
            if key == "msgid":
                entry.msgid += value
            elif key == "msgid_plural":
                entry.msgid_plural = (entry.msgid_plural or "") + value
            elif key == "msgctxt":
                entry.msgctxt = (entry.msgctxt or "") + value
            else:
                entry.msgstr[index] = entry.msgstr.get(index, "") + value
    finish()
    return [e for e in entries if e.msgid and not e.obsolete]


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)[sdif]|%[sdif]", text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_exists(language):
    assert (LOCALE / language / "LC_MESSAGES" / "django.po").is_file()
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").is_file()


def test_every_dutch_entry_is_translated_and_not_fuzzy():
    entries = parse_po(LOCALE / "nl" / "LC_MESSAGES" / "django.po")
    assert len(entries) > 100
    untranslated = [e.msgid for e in entries if not all(e.msgstr.values()) or not e.msgstr]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy: {fuzzy}"
    for e in entries:
        if e.msgid_plural is None:
            assert _placeholders(e.msgstr[0]) == _placeholders(e.msgid), e.msgid
        else:
            assert set(e.msgstr) == {0, 1}, e.msgid
            assert _placeholders(e.msgstr[1]) == _placeholders(e.msgid_plural), e.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    entries = parse_po(folder / "django.po")
    with open(folder / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for e in entries:
        translated = {i: s for i, s in e.msgstr.items() if s} if "fuzzy" not in e.flags else {}
        if e.msgid_plural is None:
            expected = translated.get(0, e.msgid)
            found = (
                compiled.gettext(e.msgid)
                if e.msgctxt is None
                else compiled.pgettext(e.msgctxt, e.msgid)
            )
            assert found == expected, (
                f"{folder / 'django.mo'} is out of date for {e.msgid!r}: run compilemessages"
            )
        else:
            for n, index in ((1, 0), (2, 1)):
                default = e.msgid if n == 1 else e.msgid_plural
                found = (
                    compiled.ngettext(e.msgid, e.msgid_plural, n)
                    if e.msgctxt is None
                    else compiled.npgettext(e.msgctxt, e.msgid, e.msgid_plural, n)
                )
                assert found == translated.get(index, default), (
                    f"{folder / 'django.mo'} is out of date for {e.msgid!r}: run compilemessages"
                )
    # And nothing in the .mo that the .po no longer has.
    msgids = {(f"{e.msgctxt}\x04" if e.msgctxt is not None else "") + e.msgid for e in entries}
    stale = [m for m in compiled._catalog if isinstance(m, str) and m and m not in msgids]
    stale += [m[0] for m in compiled._catalog if isinstance(m, tuple) and m[0] not in msgids]
    assert not stale, f"{folder / 'django.mo'} has entries the .po lacks: run compilemessages"


def test_interface_is_dutch_by_default_and_roles_read_as_in_the_glossary():
    from django.utils import translation

    from overvalregie.organisations.roles import OrganisationKind, Role

    with translation.override("nl"):
        assert [str(r.label) for r in Role] == [
            "Regisseur",
            "Bestuurder (burgemeester)",
            "Analist",
            "Casemanager",
            "Slachtofferhulpverlener",
            "Partnerlid",
            "Regionale toezichthouder",
            "Functionaris gegevensbescherming",
            "Systeembeheerder",
        ]
        assert str(OrganisationKind.PROSECUTION.label) == "Openbaar Ministerie"
        assert str(OrganisationKind.POLICE.label) == "Politie"
        assert str(OrganisationKind.MUNICIPALITY.label) == "Gemeente"
    with translation.override("en"):
        assert str(Role.COORDINATOR.label) == "Coordinator"
