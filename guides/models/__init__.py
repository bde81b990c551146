"""The content model: page types and snippets, one module per page family."""

from .articles import ArticleIndexPage, ArticlePage, ArticlePageRelatedGuide
from .base import BasePage, ChangeNoteFields, IndexPage
from .deadlines import DeadlineIndexPage, DeadlinePage
from .guide_pages import GuideIndexPage, GuidePage
from .home import HomePage
from .search import PageSearchText
from .snippets import Platform, Topic

# The site's page types, declared once: the home page, the root of each section, and the sections' pages.
INDEX_PAGE_MODELS = (ArticleIndexPage, GuideIndexPage, DeadlineIndexPage)
CONTENT_PAGE_MODELS = (ArticlePage, GuidePage, DeadlinePage)
PAGE_MODELS = (HomePage, *INDEX_PAGE_MODELS, *CONTENT_PAGE_MODELS)

__all__ = [
    "CONTENT_PAGE_MODELS",
    "INDEX_PAGE_MODELS",
    "PAGE_MODELS",
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
    "IndexPage",
    "PageSearchText",
    "Platform",
    "Topic",
]
