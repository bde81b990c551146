"""Names that live in the database but are shown in the admin's language: workflows, tasks and groups.

Wagtail keeps one name per workflow, task and group and prints ``.name`` in dozens of templates and messages.
The names that editorial/setup.py creates (and those Wagtail's own migrations create) are English message ids.
When such an object is loaded, its name becomes a ``TranslatedName``: to the database, to lookups and to
comparisons it is the stored id, but printed (a template, ``str()``, ``%`` or ``format``) it reads in the active
language. Names an administrator typed are left as typed.
"""

from django.contrib.auth.models import Group
from django.db.models.signals import post_init, pre_save
from django.utils.html import escape
from django.utils.translation import gettext, gettext_noop
from wagtail.models import Task, Workflow

from . import setup

# Wagtail's first migrations create a workflow and a task of this name, and groups named like two of ours.
WAGTAIL_DEFAULT_WORKFLOW = gettext_noop("Moderators approval")

STORED_NAMES = frozenset(
    {
        setup.WORKFLOW_NAME,
        setup.TASK_NAME,
        setup.EDITORS,
        setup.MODERATORS,
        setup.TRANSLATORS,
        WAGTAIL_DEFAULT_WORKFLOW,
    }
)


class TranslatedName(str):
    """A stored message id that prints as its translation in the active language."""

    def message_id(self):
        return str.__str__(self)

    def __str__(self):
        return gettext(self.message_id())

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __html__(self):
        return escape(str(self))


def models_with_names():
    """Workflow, Group, and Task with each of its subclasses (a loaded task is of its own class)."""
    from django.apps import apps

    return [Workflow, Group, *(model for model in apps.get_models() if issubclass(model, Task))]


def translate_on_load(sender, instance, **kwargs):
    name = instance.__dict__.get("name")
    if name in STORED_NAMES:
        instance.name = instance._stored_name = TranslatedName(name)


def keep_message_id(sender, instance, **kwargs):
    """An admin form shows a stored name translated: saved back unchanged, it is stored as its message id again.
    A name typed anew, even one that reads like a translation, is stored as typed."""
    stored = getattr(instance, "_stored_name", None)
    if stored is not None and not isinstance(instance.name, TranslatedName) and instance.name == str(stored):
        instance.name = stored


def connect():
    for model in models_with_names():
        uid = f"editorial_display_names_{model._meta.label_lower}"
        post_init.connect(translate_on_load, sender=model, dispatch_uid=f"{uid}_load", weak=False)
        pre_save.connect(keep_message_id, sender=model, dispatch_uid=f"{uid}_save", weak=False)
