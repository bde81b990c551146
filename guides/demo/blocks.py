"""The building blocks of demo content: small records an editor can read, turned into StreamField data.

Every StreamField block gets an id derived with uuid5 from the page's key and the block's key, so loading the demo
twice gives the same ids, and the same step has the same id in every language (ratings and step reports key on it).
"""

import uuid
from dataclasses import dataclass, field

# Fixed forever: changing it would change every demo block id and page key.
DEMO_NAMESPACE = uuid.UUID("5c0f6c7e-2b1d-5a8e-9f4e-6d656d6f2d31")


def demo_uuid(*parts):
    return str(uuid.uuid5(DEMO_NAMESPACE, ":".join(parts)))


# --- Guide steps ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step; ``key`` names it across languages (e.g. "log-in"), the texts are the language's own."""

    key: str
    title: str
    instruction: str
    ui_path: tuple = ()
    tip: str = ""
    warning: str = ""


def step_stream(page_key, surface, steps):
    """The raw data of one SurfaceStepsBlock: a surface and its steps."""
    if len({step.key for step in steps}) != len(steps):
        raise ValueError(f"{page_key}/{surface}: two steps share a key")
    return {
        "type": "surface",
        "id": demo_uuid(page_key, "surface", surface),
        "value": {
            "surface": surface,
            "steps": [_step_block(page_key, surface, step) for step in steps],
        },
    }


def _step_block(page_key, surface, step):
    if step.tip and step.warning:
        raise ValueError(f"{page_key}/{surface}/{step.key}: a step has room for one note only")
    step_id = demo_uuid(page_key, surface, "step", step.key)
    return {
        "type": "step",
        "id": step_id,
        "value": {
            "title": step.title,
            "instruction": step.instruction,
            "ui_path": [
                {"type": "item", "value": label, "id": demo_uuid(step_id, "ui-path", str(position))}
                for position, label in enumerate(step.ui_path)
            ],
            "screenshot": None,
            "screenshot_alt": "",
            "note_kind": "tip" if step.tip else ("warning" if step.warning else ""),
            "note": step.tip or step.warning,
        },
    }


# --- Article body --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    key: str
    text: str


@dataclass(frozen=True)
class Paragraph:
    """Rich text: paragraphs and lists (<ul>/<ol>) as HTML."""

    key: str
    html: str


@dataclass(frozen=True)
class Callout:
    key: str
    kind: str  # "note" or "warning"
    title: str
    html: str


@dataclass(frozen=True)
class DeadlineAction:
    """A call to act before the article's deadline and the words that replace it afterwards (HTML texts)."""

    key: str
    before_heading: str
    before_html: str
    after_heading: str
    after_html: str


@dataclass(frozen=True)
class Quote:
    key: str
    quote: str
    source: str = ""


@dataclass(frozen=True)
class GuideLink:
    """A link to a demo guide, named by the guide's page key; resolved to the page when loading."""

    key: str
    guide: str
    text: str = ""


@dataclass(frozen=True)
class Link:
    key: str
    title: str
    url: str
    description: str = ""


@dataclass(frozen=True)
class FurtherInformation:
    key: str
    heading: str
    links: tuple = field(default_factory=tuple)


def body_stream(page_key, blocks, page_ids):
    """The raw data of an ArticleBodyBlock stream; ``page_ids`` maps demo page keys to page ids."""
    keys = [block.key for block in blocks]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{page_key}: two body blocks share a key")
    return [_body_block(page_key, block, page_ids) for block in blocks]


def _body_block(page_key, block, page_ids):
    block_id = demo_uuid(page_key, "body", block.key)
    if isinstance(block, Heading):
        return {"type": "heading", "id": block_id, "value": block.text}
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "id": block_id, "value": block.html}
    if isinstance(block, Callout):
        return {
            "type": "callout",
            "id": block_id,
            "value": {"kind": block.kind, "title": block.title, "text": block.html},
        }
    if isinstance(block, DeadlineAction):
        return {
            "type": "deadline_action",
            "id": block_id,
            "value": {
                "before_heading": block.before_heading,
                "before_text": block.before_html,
                "after_heading": block.after_heading,
                "after_text": block.after_html,
            },
        }
    if isinstance(block, Quote):
        return {"type": "quote", "id": block_id, "value": {"quote": block.quote, "source": block.source}}
    if isinstance(block, GuideLink):
        return {"type": "guide_link", "id": block_id, "value": {"guide": page_ids[block.guide], "text": block.text}}
    if isinstance(block, FurtherInformation):
        return {
            "type": "further_information",
            "id": block_id,
            "value": {
                "heading": block.heading,
                "links": [
                    {
                        "type": "item",
                        "id": demo_uuid(block_id, "link", link.key),
                        "value": {"title": link.title, "url": link.url, "description": link.description},
                    }
                    for link in block.links
                ],
            },
        }
    raise TypeError(f"{page_key}: unknown demo block {block!r}")
