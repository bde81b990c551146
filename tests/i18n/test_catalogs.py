"""The gettext catalogs in locales/ are complete, and the compiled .mo files say what the .po files say."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALES = Path(settings.BASE_DIR) / "locales"
TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"] + ["en"]


def catalog_path(language, suffix):
    return LOCALES / language / "LC_MESSAGES" / f"django.{suffix}"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_catalog_has_no_untranslated_or_fuzzy_entry(language):
    catalog = polib.pofile(str(catalog_path(language, "po")))
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert not untranslated, f"{language}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_compiled_catalog_matches_its_source(language):
    """A forgotten compilemessages would ship stale translations; the .mo must say what the .po says."""
    source = polib.pofile(str(catalog_path(language, "po")))
    with catalog_path(language, "mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in source.translated_entries():
        if entry.msgid_plural:
            forms = {int(index): text for index, text in entry.msgstr_plural.items()}
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == forms[0], entry.msgid
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr, entry.msgid
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_every_language_has_a_catalog():
    for code, _name in settings.LANGUAGES:
        assert catalog_path(code, "po").exists(), code
