"""Finding a guide step by its StreamField block id, in whichever language the reader saw it."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.html import strip_tags


@dataclass(frozen=True)
class StepRef:
    block_id: str
    surface: str
    number: int
    title: str
    instruction: str


def iter_steps(page, language=None):
    """StepRefs of a guide in the given language's text (German when that is empty)."""
    field = f"steps_{language}" if language else "steps"
    stream = getattr(page, field, None) or getattr(page, "steps_de", None) or []
    for surface_block in stream:
        for number, step in enumerate(surface_block.value["steps"], start=1):
            yield StepRef(
                block_id=step.id,
                surface=surface_block.value["surface"],
                number=number,
                title=step.value.get("title", ""),
                instruction=strip_tags(str(step.value.get("instruction", ""))).strip(),
            )


def find_step(page, block_id, language=None):
    """The step with this block id in any language of the guide (ids are shared by translations), or None."""
    if not block_id or len(block_id) > 64 or not hasattr(page, "steps"):
        return None
    languages = [language] if language else [code for code, _name in settings.LANGUAGES]
    for code in languages:
        for step in iter_steps(page, code):
            if step.block_id == block_id:
                return step
    return None
