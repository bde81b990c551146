"""Revision compare for guide steps: a changed step shows its title, menu path and instruction side by side.

Wagtail compares a StreamField block by block, choosing each block's comparison class itself. We register a
StreamField comparison that walks the same tree with block comparisons of our own, so a step (a StepBlock) is
shown as a small before/after table instead of a run of interleaved word diffs.
"""

from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from wagtail import blocks
from wagtail.admin import compare
from wagtail.fields import StreamField
from wagtail.utils.text import text_from_html

from guides.blocks import StepBlock


def comparison_class_for(block):
    if isinstance(block, StepBlock):
        return StepComparison
    if isinstance(block, blocks.StreamBlock):
        return StepAwareStreamBlockComparison
    if isinstance(block, blocks.StructBlock):
        return StepAwareStructBlockComparison
    return compare.get_comparison_class_for_block(block)


def _adapt(comparison):
    """Re-create a comparison Wagtail chose with ours, for the block types we handle."""
    cls = comparison_class_for(comparison.block)
    if isinstance(comparison, cls):
        return comparison
    return cls(comparison.block, comparison.exists_a, comparison.exists_b, comparison.val_a, comparison.val_b)


class StepComparison(compare.StructBlockComparison):
    # The parts of a step a reader follows; the rest (screenshot, note) still shows in Wagtail's plain diff.
    SIDE_BY_SIDE = ("title", "ui_path", "instruction")

    def rows(self):
        rows = []
        for name in self.SIDE_BY_SIDE:
            child = self.block.child_blocks[name]
            before = self._text(name, self.val_a) if self.exists_a else ""
            after = self._text(name, self.val_b) if self.exists_b else ""
            rows.append({"label": child.label, "before": before, "after": after, "changed": before != after})
        return rows

    @staticmethod
    def _text(name, value):
        if value is None:
            return ""
        if name == "ui_path":
            return " › ".join(str(label) for label in value.get("ui_path") or [] if label)
        if name == "instruction":
            return text_from_html(str(value.get("instruction") or ""))
        return str(value.get(name) or "")

    def _render(self):
        other = []
        for name, child in self.block.child_blocks.items():
            if name in self.SIDE_BY_SIDE:
                continue
            val_a = self.val_a[name] if self.exists_a and self.val_a is not None else None
            val_b = self.val_b[name] if self.exists_b and self.val_b is not None else None
            if val_a != val_b:
                other.append(
                    (
                        child.label,
                        compare.get_comparison_class_for_block(child)(
                            child, self.exists_a, self.exists_b, val_a, val_b
                        ).htmldiff(),
                    )
                )
        return render_to_string(
            "editorial/compare/step.html",
            {
                "rows": self.rows(),
                "exists_a": self.exists_a,
                "exists_b": self.exists_b,
                "other": format_html_join("\n", "<dt>{}</dt><dd>{}</dd>", other) if other else "",
            },
        )

    def htmldiff(self):
        return self._render()

    def htmlvalue(self, val):
        return self._render()


class StepAwareStructBlockComparison(compare.StructBlockComparison):
    def _children(self, exists_a, exists_b, val_a, val_b):
        for name, child in self.block.child_blocks.items():
            cls = comparison_class_for(child)
            yield child.label, cls(child, exists_a, exists_b, val_a[name], val_b[name])

    def htmlvalue(self, val):
        parts = [(label, c.htmlvalue(c.val_a)) for label, c in self._children(True, True, val, val)]
        return format_html("<dl>\n{}\n</dl>", format_html_join("\n", "<dt>{}</dt>\n<dd>{}</dd>", parts))

    def htmldiff(self):
        parts = [
            (label, c.htmldiff()) for label, c in self._children(self.exists_a, self.exists_b, self.val_a, self.val_b)
        ]
        return format_html("<dl>\n{}\n</dl>", format_html_join("\n", "<dt>{}</dt>\n<dd>{}</dd>", parts))


class StepAwareStreamBlockComparison(compare.StreamBlockComparison):
    def get_block_comparisons(self):
        return [_adapt(comparison) for comparison in super().get_block_comparisons()]

    def htmlvalue(self, val):
        parts = []
        for child in self.get_blocks_from_value(val):
            cls = comparison_class_for(child.block)
            parts.append(
                (child.block.label, cls(child.block, True, True, child.value, child.value).htmlvalue(child.value))
            )
        return format_html("<dl>\n{}\n</dl>", format_html_join("\n", "<dt>{}</dt>\n<dd>{}</dd>", parts))


class StepAwareStreamFieldComparison(compare.StreamFieldComparison):
    def htmldiff(self):
        if self.has_block_ids(self.val_a) and self.has_block_ids(self.val_b):
            return StepAwareStreamBlockComparison(
                self.field.stream_block, True, True, self.val_a, self.val_b
            ).htmldiff()
        return super().htmldiff()


def register():
    # Registered for every StreamField: blocks other than steps compare exactly as Wagtail does.
    compare.register_comparison_class(StreamField, comparison_class=StepAwareStreamFieldComparison)
