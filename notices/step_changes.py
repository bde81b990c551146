"""What changed, step by step: the comparison of a guide's steps before and after a significant update.

When an update notice is recorded, the steps of the publication before it are compared with the steps it
published, per language and surface, and the result is stored on the notice (``UpdateNotice.step_changes``):
readers see it on the notice's own page, in e-mails, digests and feeds, exactly as it was when the change went
out, however the guide changes later.

A step is the same step before and after when it keeps its block id, else when it keeps its title, else (when
the ids were renewed altogether, as a first save in the admin or a copy between languages does) when its title
and instruction read much alike. A matched step is *reworded* when its title or instruction changed,
has a *changed menu path* when its path through the app's menus did, and is *moved* when its place among the
other matched steps changed (a step merely pushed down by a new step above it is not moved). Unmatched steps
were *added* or *removed*.

Stored per language, as readers of that language saw the steps: a language without steps of its own showed
the German ones, and its entry says so (``fallback``). Whether a language still lags behind the German steps
is read when the comparison is shown (``reader_view``), from the editorial app's translation records, since a
translator may catch up at any time.
"""

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.apps import apps
from django.conf import settings
from wagtail.models import PageLogEntry
from wagtail.utils.text import text_from_html

from guides.blocks import SURFACE_LABELS, stored_menu_labels, stored_steps_by_surface
from guides.i18n import has_content

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# Title and instruction of an unmatched pair of steps at least this alike (difflib's ratio): one reworded step.
SIMILAR_ENOUGH = 0.6
STEPS_FIELD = "steps"


@dataclass(frozen=True)
class Step:
    block_id: str
    number: int
    title: str
    instruction: str
    path: tuple

    def as_data(self):
        return {"number": self.number, "title": self.title, "instruction": self.instruction, "path": list(self.path)}


def steps_by_surface(stream_data):
    """{surface code: [Step, …]} from the raw data of a guide's steps (GuideStepsBlock), in the editor's order."""
    return {
        surface: [
            Step(
                block_id=block_id,
                number=number,
                title=" ".join(str(data.get("title") or "").split()),
                instruction=" ".join(text_from_html(str(data.get("instruction") or "")).split()),
                path=tuple(
                    str(label).strip()
                    for label in stored_menu_labels(data.get("ui_path"))
                    if label and str(label).strip()
                ),
            )
            for number, (block_id, data) in enumerate(steps, start=1)
        ]
        for surface, steps in stored_steps_by_surface(stream_data).items()
    }


def _similarity(a, b):
    return SequenceMatcher(None, f"{a.title}\n{a.instruction}", f"{b.title}\n{b.instruction}").ratio()


def match_steps(before, after):
    """{index in before: index in after} for the steps that are the same step on both sides."""
    pairs = {}
    taken = set()

    def pair(i, j):
        pairs[i] = j
        taken.add(j)

    after_by_id = {step.block_id: j for j, step in enumerate(after) if step.block_id}
    for i, step in enumerate(before):
        j = after_by_id.get(step.block_id) if step.block_id else None
        if j is not None and j not in taken:
            pair(i, j)
    for i, step in enumerate(before):
        if i in pairs:
            continue
        j = next((j for j, other in enumerate(after) if j not in taken and other.title == step.title), None)
        if j is not None:
            pair(i, j)
    if any(before[i].block_id for i in pairs if after[pairs[i]].block_id == before[i].block_id):
        # The block ids carried over, so a step with a new id is a new step, however alike it reads.
        return pairs
    candidates = sorted(
        (
            (_similarity(step, other), i, j)
            for i, step in enumerate(before)
            if i not in pairs
            for j, other in enumerate(after)
            if j not in taken
        ),
        key=lambda candidate: (-candidate[0], candidate[1], candidate[2]),
    )
    for ratio, i, j in candidates:
        if ratio >= SIMILAR_ENOUGH and i not in pairs and j not in taken:
            pair(i, j)
    return pairs


def _longest_increasing(sequence):
    """The positions of one longest strictly increasing subsequence of ``sequence`` (patience sorting)."""
    tails, tail_positions, previous = [], [], [None] * len(sequence)
    for position, value in enumerate(sequence):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if tails[middle] < value:
                low = middle + 1
            else:
                high = middle
        previous[position] = tail_positions[low - 1] if low else None
        if low == len(tails):
            tails.append(value)
            tail_positions.append(position)
        else:
            tails[low], tail_positions[low] = value, position
    kept = set()
    position = tail_positions[-1] if tail_positions else None
    while position is not None:
        kept.add(position)
        position = previous[position]
    return kept


def compare_surface(before, after):
    """The changes of one surface's steps, in the order of the new steps with removed ones where they stood."""
    pairs = match_steps(before, after)
    matched = sorted(pairs.items())
    in_order = _longest_increasing([j for _i, j in matched])
    moved = {i for position, (i, _j) in enumerate(matched) if position not in in_order}
    before_of = {j: i for i, j in pairs.items()}
    changes = []
    reported_removed = set()

    def removed_up_to(limit):
        for i in range(len(before)):
            if i < limit and i not in pairs and i not in reported_removed:
                reported_removed.add(i)
                changes.append(
                    {
                        "added": False,
                        "removed": True,
                        "reworded": False,
                        "moved": False,
                        "path_changed": False,
                        "before": before[i].as_data(),
                        "after": None,
                    }
                )

    for j, new in enumerate(after):
        i = before_of.get(j)
        if i is None:
            # A step removed where this one was added reads first: removed, then what took its place.
            later = [before_of[k] for k in range(j + 1, len(after)) if k in before_of]
            removed_up_to(later[0] if later else len(before))
            changes.append(
                {
                    "added": True,
                    "removed": False,
                    "reworded": False,
                    "moved": False,
                    "path_changed": False,
                    "before": None,
                    "after": new.as_data(),
                }
            )
            continue
        removed_up_to(i)
        old = before[i]
        change = {
            "added": False,
            "removed": False,
            "reworded": (old.title, old.instruction) != (new.title, new.instruction),
            "moved": i in moved,
            "path_changed": old.path != new.path,
            "before": old.as_data(),
            "after": new.as_data(),
        }
        if change["reworded"] or change["moved"] or change["path_changed"]:
            changes.append(change)
    removed_up_to(len(before))
    return changes


def compare_steps(before_data, after_data):
    """[{"surface": code, "changes": […]}, …] for every surface with a change, in the new order of surfaces
    and then the surfaces that were removed."""
    before, after = steps_by_surface(before_data), steps_by_surface(after_data)
    surfaces = [*after, *(code for code in before if code not in after)]
    result = []
    for code in surfaces:
        changes = compare_surface(before.get(code, []), after.get(code, []))
        if changes:
            result.append({"surface": code, "changes": changes})
    return result


def raw_steps(page, language):
    """(raw stream data, shown in German for want of steps of its own) of the steps readers of ``language`` saw."""
    value = getattr(page, f"{STEPS_FIELD}_{language}", None)
    fallback = language != DEFAULT_LANGUAGE and not has_content(value)
    if fallback:
        value = getattr(page, f"{STEPS_FIELD}_{DEFAULT_LANGUAGE}", None)
    if value is None or not hasattr(value, "stream_block"):
        return [], fallback
    return value.stream_block.get_prep_value(value), fallback


def compare_pages(before_page, after_page):
    """{language: {"fallback": bool, "surfaces": […]}} for two versions of a guide."""
    result = {}
    for language in LANGUAGE_CODES:
        before, _before_fallback = raw_steps(before_page, language)
        after, fallback = raw_steps(after_page, language)
        result[language] = {"fallback": fallback, "surfaces": compare_steps(before, after)}
    return result


def previous_publication(notice):
    """The revision that was live before the notice's change, or None (its first publication, or lost)."""
    entry = (
        PageLogEntry.objects.filter(
            page_id=notice.page_id, action="wagtail.publish", revision__isnull=False, timestamp__lt=notice.published_at
        )
        .exclude(revision_id=notice.revision_id)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision if entry else None


def compute_step_changes(notice):
    """The comparison for a notice, from the publication before it and the revision it published; {} for a page
    without steps or without both versions."""
    if notice.revision is None:
        return {}
    after_page = notice.revision.as_object()
    if not hasattr(after_page, f"{STEPS_FIELD}_{DEFAULT_LANGUAGE}"):
        return {}
    previous = previous_publication(notice)
    if previous is None:
        return {}
    return compare_pages(previous.as_object(), after_page)


def record_step_changes(notice):
    """Compute and store the comparison of ``notice``. The same notice always gives the same comparison, so
    running this again changes nothing."""
    changes = compute_step_changes(notice)
    if notice.step_changes != changes:
        notice.step_changes = changes
        type(notice).objects.filter(pk=notice.pk).update(step_changes=changes)
    return changes


# --- What a reader is shown -------------------------------------------------------------------------------


def pages_with_lagging_steps(page_ids, language):
    """The pages among ``page_ids`` whose steps in ``language`` are older than the German ones, as the
    translation records say now: one query for a whole feed."""
    TranslationStatus = apps.get_model("editorial", "TranslationStatus")
    return set(
        TranslationStatus.objects.outdated()
        .filter(page_id__in=list(page_ids), language=language, field=STEPS_FIELD)
        .values_list("page_id", flat=True)
    )


KINDS = ("reworded", "moved", "path_changed")


def _for_display(surfaces):
    """The stored surfaces with what templates show: each surface's label in the active language, and each
    change's two sides (before, after), its number now (or when it was removed) and its kinds in a fixed order."""
    return [
        {
            **surface,
            "label": SURFACE_LABELS.get(surface["surface"], surface["surface"]),
            "changes": [
                {
                    **change,
                    "sides": [change["before"], change["after"]],
                    "number": (change["after"] or change["before"])["number"],
                    "instruction_changed": change["reworded"]
                    and change["before"]["instruction"] != change["after"]["instruction"],
                    "kinds": [kind for kind in KINDS if change[kind]],
                }
                for change in surface["changes"]
            ],
        }
        for surface in surfaces
    ]


def reader_view(notice, language, lagging_pages=None):
    """What readers of ``language`` are shown of a notice's step changes:

    - ``surfaces``: the changes to the steps they read (with each surface's label in the active language);
    - ``in_german``: those changes are the German steps' (their language had no steps of its own then, or did
      not change them with this update and caught up later);
    - ``german_only``: the German changes their language has not caught up with yet (its steps are missing or
      older than the German ones), to be marked as German; empty otherwise.

    ``lagging_pages`` (pages_with_lagging_steps) saves a query per notice when many are shown at once.
    """
    stored = notice.step_changes or {}
    german = stored.get(DEFAULT_LANGUAGE) or {}
    own = stored.get(language) or {}
    view = {"surfaces": [], "in_german": False, "german_only": []}
    if language == DEFAULT_LANGUAGE:
        view["surfaces"] = _for_display(german.get("surfaces") or [])
        return view
    german_surfaces = german.get("surfaces") or []
    if german_surfaces and not own.get("fallback") and lagging_pages is None:
        lagging_pages = pages_with_lagging_steps([notice.page_id], language)
    lagging = bool(german_surfaces) and (own.get("fallback") or notice.page_id in lagging_pages)
    if lagging:
        view["surfaces"] = [] if own.get("fallback") else _for_display(own.get("surfaces") or [])
        view["german_only"] = _for_display(german_surfaces)
    elif own.get("surfaces") and not own.get("fallback"):
        view["surfaces"] = _for_display(own["surfaces"])
    else:
        # The language had no steps of its own then, or caught up later: the changes read as the German ones.
        view["surfaces"], view["in_german"] = _for_display(german_surfaces), bool(german_surfaces)
    return view


def has_changes(view):
    return bool(view["surfaces"] or view["german_only"])
