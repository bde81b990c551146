"""The content model: page types and snippets, one module per page family."""

from .articles import ArticleIndexPage, ArticlePage, ArticlePageRelatedGuide
from .base import BasePage, ChangeNoteFields
from .deadlines import DeadlineIndexPage, DeadlinePage
from .guide_pages import GuideIndexPage, GuidePage
from .home import HomePage
from .search import PageSearchText
from .snippets import Platform, Topic

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageRelatedGuide",
    "BasePage",
    "ChangeNoteFields",
    "DeadlineIndexPage",
    "DeadlinePage",
    "GuideIndexPage",
    "GuidePage",
    "HomePage",
    "PageSearchText",
    "Platform",
    "Topic",
]
