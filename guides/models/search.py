from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search import index


class PageSearchText(index.Indexed, models.Model):
    """The texts one page shows to readers of one language, kept for the reader search.

    Wagtail indexes a page once, in whatever language is active at the time; readers, however, must find a
    page by the words they see in their own language (German where a text is missing). So every published
    article and guide gets one row per language here, rebuilt on publish (guides/search.py), and the search
    view filters these rows by language before Wagtail's full-text search ranks them.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=8)
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    excerpt = models.CharField(max_length=300, blank=True)
    # The body lines (counted from 0) that show German because this language has no text for their field; the
    # result's excerpt then carries lang="de" (WCAG 3.1.2). Always empty for German itself.
    german_lines = models.JSONField(default=list, blank=True)

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("body"),
        index.FilterField("language"),
    ]

    class Meta:
        verbose_name = _("page search text")
        constraints = [models.UniqueConstraint(fields=["page", "language"], name="unique_page_search_text")]

    def __str__(self):
        return f"{self.title} [{self.language}]"
