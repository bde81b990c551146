"""The admin's rich-text editor (Draftail), sending its content to the browser without indentation.

Wagtail writes each rich text's editor state as JSON indented by four spaces. A guide's edit form carries one
for every step's instruction in every language (180 for three surfaces of 12 steps), each escaped once more
inside the stream field's data attribute, so the indentation alone made up a tenth of the page. Draftail reads
the compact JSON the same way. Chosen in settings.WAGTAILADMIN_RICH_TEXT_EDITORS.
"""

import json

from wagtail.admin.rich_text import DraftailRichTextArea


class CompactDraftailRichTextArea(DraftailRichTextArea):
    def format_value(self, value):
        return json.dumps(json.loads(super().format_value(value)), separators=(",", ":"), ensure_ascii=False)
