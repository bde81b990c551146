"""What a browser would post from a Wagtail edit form, read from the form's HTML, for tests with the test client.

Plain inputs are taken as the browser sends them (disabled ones left out, checkboxes only when ticked). Stream
fields are drawn by JavaScript from the value in the widget's ``data-w-block-arguments-value``; that value is
turned into the fields the JavaScript would post, using the model field's block definitions.
"""

import json
from html.parser import HTMLParser

from wagtail import blocks


class _FormFields(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []  # one list of (name, value) pairs per <form>, plus its stream widgets
        self.current = None
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {"fields": [], "streams": {}}
            self.forms.append(self.current)
            return
        if self.current is None:
            return
        name = attrs.get("name")
        disabled = "disabled" in attrs
        if tag == "input" and name and not disabled:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.current["fields"].append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name and not disabled:
            self.select = [name, None, None]  # name, selected value, first value
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select[2] is None:
                self.select[2] = value
            if "selected" in attrs:
                self.select[1] = value
        elif tag == "textarea" and name and not disabled:
            self.textarea = [name, ""]
        elif tag == "div" and "data-w-block-arguments-value" in attrs:
            self.current["streams"][attrs["id"].removeprefix("id_")] = json.loads(
                attrs["data-w-block-arguments-value"]
            )[0]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            name, selected, first = self.select
            self.current["fields"].append((name, selected if selected is not None else first or ""))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            # The HTML parser keeps the newline a browser drops right after <textarea>.
            self.current["fields"].append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None
        elif tag == "form":
            self.current = None


def stream_post_data(block, state, prefix, out):
    """The POST fields Wagtail's block JavaScript sends for ``state`` (a block's form state)."""
    if isinstance(block, blocks.StreamBlock):
        out[f"{prefix}-count"] = str(len(state))
        for index, item in enumerate(state):
            item_prefix = f"{prefix}-{index}"
            out.update(
                {
                    f"{item_prefix}-type": item["type"],
                    f"{item_prefix}-id": item.get("id") or "",
                    f"{item_prefix}-deleted": "",
                    f"{item_prefix}-order": str(index),
                }
            )
            stream_post_data(block.child_blocks[item["type"]], item["value"], f"{item_prefix}-value", out)
    elif isinstance(block, blocks.ListBlock):
        out[f"{prefix}-count"] = str(len(state))
        for index, item in enumerate(state):
            item_prefix = f"{prefix}-{index}"
            out.update(
                {
                    f"{item_prefix}-id": item.get("id") or "",
                    f"{item_prefix}-deleted": "",
                    f"{item_prefix}-order": str(index),
                }
            )
            stream_post_data(block.child_block, item["value"], f"{item_prefix}-value", out)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            stream_post_data(child, state.get(name), f"{prefix}-{name}", out)
    elif isinstance(state, dict):  # a chooser: the chosen object's id
        out[prefix] = str(state["id"])
    elif isinstance(state, list):  # a select: the chosen values
        out[prefix] = state
    elif state is True:
        out[prefix] = "on"
    elif state not in (None, False):
        out[prefix] = str(state)


def edit_form_data(html, model, field_name="title_de"):
    """The POST data of the edit form of ``model`` (the form that holds ``field_name``) in ``html``."""
    parser = _FormFields()
    parser.feed(html)
    form = next(
        form
        for form in parser.forms
        if any(name == field_name for name, _value in form["fields"]) or field_name in form["streams"]
    )
    data = {}
    for name, value in form["fields"]:
        data.setdefault(name, []).append(value)
    data = {name: values[0] if len(values) == 1 else values for name, values in data.items()}
    for name, state in form["streams"].items():
        stream_post_data(model._meta.get_field(name).stream_block, state, name, data)
    return data
