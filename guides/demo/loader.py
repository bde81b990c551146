"""Creates or updates the demo content so that it matches the modules of this package, and nothing else.

Every object is found again by a stable key (a page's translation_key derived with uuid5, a snippet's slug, an
account's username), compared field by field with the wanted values, and only saved when something differs.
Changed pages are published through a new revision, as an editor would; unchanged ones are left alone, so a
second run writes nothing.
"""

import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from datetime import time as dt_time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone, translation
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from editorial.freshness import evaluate_guides
from editorial.models import SourceChange, VerificationRecord, WatchedSource, WatchedSourceStatus
from editorial.source_watch import text_diff

from ..models import (
    ArticleIndexPage,
    ArticlePage,
    ArticlePageRelatedGuide,
    DeadlineIndexPage,
    DeadlinePage,
    GuideIndexPage,
    GuidePage,
    HomePage,
    Platform,
    Topic,
)
from . import (
    accounts,
    article,
    deadlines,
    facebook_guide,
    instagram_guide,
    site,
    taxonomy,
    watched_sources,
    whatsapp_guide,
)
from .blocks import body_stream, demo_uuid, step_stream

LANGUAGES = [code for code, _name in settings.LANGUAGES]
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
GUIDES = (facebook_guide, instagram_guide, whatsapp_guide)


@dataclass
class Summary:
    counts: Counter
    seconds: float


def published_on(day):
    """A morning publication time on ``day``: the case's pages went out in May 2025, not when the demo loads.

    Wagtail keeps a first_published_at that is already set, so the change history shows the case's dates.
    """
    return datetime.combine(day, dt_time(9), tzinfo=deadlines.BERLIN)


def page_key_uuid(key):
    return demo_uuid("page", key)


def translated(texts, names=None):
    """{"de": {"title": …}, …} → {"title_de": …, …}, for every language and (optionally) only some fields."""
    missing = [code for code in LANGUAGES if code not in texts]
    if missing:
        raise ValueError(f"demo text without {', '.join(missing)}")
    return {
        f"{name}_{code}": value
        for code in LANGUAGES
        for name, value in texts[code].items()
        if names is None or name in names
    }


class DemoLoader:
    def __init__(self, write=print):
        self.write = write
        self.counts = Counter()
        self.page_ids = {}

    def load(self, with_accounts):
        started = time.monotonic()
        with transaction.atomic(), translation.override(DEFAULT_LANGUAGE):
            platforms = {spec["slug"]: self.load_platform(spec) for spec in taxonomy.PLATFORMS}
            topics = {spec["slug"]: self.load_topic(spec) for spec in taxonomy.TOPICS}
            home = self.load_home()
            article_index = self.upsert_page(
                "article-index",
                ArticleIndexPage,
                home,
                {**translated(site.ARTICLE_INDEX), "show_in_menus": True},
                find=ArticleIndexPage.objects.first,
            )
            guide_index = self.upsert_page(
                "guide-index",
                GuideIndexPage,
                home,
                {**translated(site.GUIDE_INDEX), "show_in_menus": True},
                find=GuideIndexPage.objects.first,
            )
            deadline_index = self.upsert_page(
                "deadline-index",
                DeadlineIndexPage,
                home,
                {**translated(site.DEADLINE_INDEX), "show_in_menus": True},
                find=DeadlineIndexPage.objects.first,
            )
            self.load_deadlines(deadline_index)
            for guide in GUIDES:
                self.load_guide(guide, guide_index, platforms)
            self.load_article(article_index, platforms, topics)
            for spec in watched_sources.SOURCES:
                self.load_watched_source(spec)
            if with_accounts:
                for account in accounts.ACCOUNTS:
                    self.load_account(account)
        return Summary(self.counts, time.monotonic() - started)

    # --- Reporting ---------------------------------------------------------------------------------------------

    def report(self, outcome, kind, label, changed=()):
        self.counts[outcome] += 1
        detail = f" ({', '.join(sorted(changed))})" if changed and outcome == "updated" else ""
        self.write(f"  {outcome:<9} {kind:<17} {label}{detail}")

    # --- Snippets ----------------------------------------------------------------------------------------------

    def load_platform(self, spec):
        values = {
            "name": spec["name"],
            "icon": spec["icon"],
            "privacy_center_url": spec["privacy_center_url"],
            **{f"description_{code}": text for code, text in spec["description"].items()},
        }
        return self.upsert_object(Platform, "Platform", {"slug": spec["slug"]}, values)

    def load_topic(self, spec):
        values = {f"name_{code}": text for code, text in spec["name"].items()}
        return self.upsert_object(Topic, "Topic", {"slug": spec["slug"]}, values)

    def upsert_object(self, model, kind, lookup, values):
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            instance.full_clean()
            instance.save()
            self.report("created", kind, lookup["slug"])
            return instance
        changed = [name for name, value in values.items() if not self.same_value(instance, name, value)]
        if changed:
            for name in changed:
                setattr(instance, name, values[name])
            instance.full_clean()
            instance.save()
        self.report("updated" if changed else "unchanged", kind, lookup["slug"], changed)
        return instance

    # --- Pages -------------------------------------------------------------------------------------------------

    def load_home(self):
        root = Page.get_first_root_node()
        home = self.upsert_page("home", HomePage, root, translated(site.HOME), find=HomePage.objects.first)
        # The site's address comes from SITE_URL, so canonical and hreflang links point where the site is served.
        address = urlsplit(settings.SITE_URL)
        wanted = {
            "hostname": address.hostname,
            "port": address.port or (443 if address.scheme == "https" else 80),
            "root_page_id": home.pk,
        }
        default_site = Site.objects.filter(is_default_site=True).first()
        if default_site is None:
            Site.objects.create(is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME, **wanted)
            self.report("created", "Site", "default site")
        else:
            changed = [name for name, value in wanted.items() if getattr(default_site, name) != value]
            if changed:
                for name in changed:
                    setattr(default_site, name, wanted[name])
                default_site.save()
            self.report("updated" if changed else "unchanged", "Site", "default site", changed)
        # Wagtail's welcome page is a plain Page beside ours; once no site starts there, nothing links to it.
        welcome_pages = Page.objects.filter(
            depth=2, content_type=ContentType.objects.get_for_model(Page), sites_rooted_here__isnull=True
        )
        for welcome in welcome_pages:
            welcome.delete()
            self.report("deleted", "Page", "Wagtail’s welcome page")
        return home

    def load_deadlines(self, parent):
        meta = {
            "due_at": deadlines.META_OBJECTION_DUE_AT,
            "time_zone": "Europe/Berlin",
            "first_published_at": published_on(article.DATE),
        }
        self.upsert_page(
            deadlines.META_OBJECTION_KEY, DeadlinePage, parent, {**translated(deadlines.META_OBJECTION), **meta}
        )
        example = {"due_at": deadlines.example_due_at(timezone.localdate()), "time_zone": "Europe/Berlin"}
        self.upsert_page(deadlines.EXAMPLE_KEY, DeadlinePage, parent, {**translated(deadlines.EXAMPLE), **example})

    def load_guide(self, guide, parent, platforms):
        values = translated(guide.TEXTS, names=("title", "slug", "goal", "intro"))
        for code in LANGUAGES:
            steps = guide.TEXTS[code]["steps"]
            if not isinstance(steps, dict):  # one list shared by every surface of the guide
                steps = dict.fromkeys(guide.SURFACES, steps)
            values[f"steps_{code}"] = [
                step_stream(guide.KEY, surface, surface_steps) for surface, surface_steps in steps.items()
            ]
        values.update(
            platform=platforms[guide.PLATFORM],
            deadline=self.page_ids.get(guide.DEADLINE) if guide.DEADLINE else None,
            first_published_at=published_on(guide.LAST_VERIFIED_ON),
            change_is_significant=False,
        )
        page = self.upsert_page(guide.KEY, GuidePage, parent, values)
        self.record_verifications(page, guide)

    @staticmethod
    def record_verifications(page, guide):
        """Every surface checked in every language on the guide's verification day (once, however often run)."""
        verified_at = timezone.make_aware(datetime.combine(guide.LAST_VERIFIED_ON, dt_time(12)))
        for code in LANGUAGES:
            steps = guide.TEXTS[code]["steps"]
            surfaces = steps if isinstance(steps, dict) else guide.SURFACES
            for surface in surfaces:
                VerificationRecord.objects.get_or_create(
                    page=page,
                    surface=surface,
                    language=code,
                    verified_at=verified_at,
                    defaults={"app_version": guide.APP_VERSIONS.get(surface, "")},
                )
        evaluate_guides([page])

    def load_watched_source(self, spec):
        """A source flagged as changed, with its diff; its moderators' e-mail counts as sent (no demo mail)."""
        changed_at = spec["changed_at"]
        lookup = {"guide_id": self.page_ids[spec["guide"]], "url": spec["url"]}
        values = {
            "label": spec["label"],
            "status": WatchedSourceStatus.CHANGED,
            "last_text": spec["after"],
            "last_change": text_diff(spec["before"], spec["after"]),
            "changed_at": changed_at,
            "last_checked_at": changed_at,
            "etag": "",
            "last_modified": "",
            "last_error": "",
            "acknowledged_by": None,
            "acknowledged_at": None,
        }
        source = WatchedSource.objects.filter(**lookup).first()
        if source is None:
            source = WatchedSource.objects.create(**lookup, **values)
            self.report("created", "WatchedSource", spec["label"])
        else:
            changed = [name for name, value in values.items() if getattr(source, name) != value]
            if changed:
                WatchedSource.objects.filter(pk=source.pk).update(**values)
            self.report("updated" if changed else "unchanged", "WatchedSource", spec["label"], changed)
        SourceChange.objects.get_or_create(
            source=source,
            kind=WatchedSourceStatus.CHANGED,
            detected_at=changed_at,
            defaults={"diff": values["last_change"], "notified_at": changed_at},
        )

    def load_article(self, parent, platforms, topics):
        values = translated(article.TEXTS, names=("title", "slug", "lead"))
        for code in LANGUAGES:
            values[f"body_{code}"] = body_stream(article.KEY, article.TEXTS[code]["body"], self.page_ids)
        values.update(
            author_name=article.AUTHOR_NAME,
            date=article.DATE,
            deadline=self.page_ids[article.DEADLINE],
            change_is_significant=False,
            first_published_at=published_on(article.DATE),
        )
        self.upsert_page(
            article.KEY,
            ArticlePage,
            parent,
            values,
            many_to_many={
                "topics": [topics[slug] for slug in article.TOPICS],
                "platforms": [platforms[slug] for slug in article.PLATFORMS],
            },
            related_guides=[self.page_ids[key] for key in article.RELATED_GUIDES],
        )

    def upsert_page(self, key, model, parent, values, *, find=None, many_to_many=None, related_guides=None):
        """Create or update one page and publish it through a revision when anything differs."""
        many_to_many = many_to_many or {}
        values = {name: value.pk if isinstance(value, models.Model) else value for name, value in values.items()}
        page = (find() if find else None) or model.objects.filter(translation_key=page_key_uuid(key)).first()
        label = values[f"title_{DEFAULT_LANGUAGE}"]
        kind = model.__name__

        if page is None:
            page = model(translation_key=page_key_uuid(key), live=False, **self.field_values(model, values))
            for name, objects in many_to_many.items():
                setattr(page, name, objects)
            if related_guides is not None:
                page.related_guides = [ArticlePageRelatedGuide(guide_id=pk) for pk in related_guides]
            self.validate_streams(page, values)
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.report("created", kind, label)
        else:
            changed = [name for name, value in values.items() if not self.same_value(page, name, value)]
            changed += [
                name
                for name, objects in many_to_many.items()
                if {obj.pk for obj in getattr(page, name).all()} != {obj.pk for obj in objects}
            ]
            if related_guides is not None and [link.guide_id for link in page.related_guides.all()] != related_guides:
                changed.append("related_guides")
            if not page.live or page.has_unpublished_changes:
                changed.append("publication")
            if changed:
                for name, value in self.field_values(model, values).items():
                    setattr(page, name, value)
                for name, objects in many_to_many.items():
                    setattr(page, name, objects)
                if "related_guides" in changed:
                    page.related_guides = [ArticlePageRelatedGuide(guide_id=pk) for pk in related_guides]
                self.validate_streams(page, values)
                page.save_revision().publish()
            self.report("updated" if changed else "unchanged", kind, label, changed)
        self.page_ids[key] = page.pk
        return page

    @staticmethod
    def field_values(model, values):
        """Foreign keys arrive as ids; they are set through their attname (``platform_id``)."""
        return {model._meta.get_field(name).attname: value for name, value in values.items()}

    @staticmethod
    def validate_streams(page, values):
        """Run the blocks' own validation (lengths, required parts, cross-field rules) on demo StreamFields."""
        for name in values:
            field = page._meta.get_field(name)
            if isinstance(field, StreamField):
                field.stream_block.clean(getattr(page, name))

    @staticmethod
    def same_value(instance, name, wanted):
        field = instance._meta.get_field(name)
        if isinstance(field, StreamField):
            block = field.stream_block
            return block.get_prep_value(getattr(instance, name)) == block.get_prep_value(block.to_python(wanted))
        if isinstance(field, models.ForeignKey):
            return getattr(instance, field.attname) == wanted
        return getattr(instance, name) == field.to_python(wanted)

    # --- Accounts ----------------------------------------------------------------------------------------------

    def load_account(self, account):
        user_model = get_user_model()
        user = user_model.objects.filter(username=account.username).first()
        created = user is None
        if created:
            user = user_model(username=account.username)
        wanted = {
            "email": account.email,
            "first_name": account.first_name,
            "is_active": True,
            "is_staff": account.superuser,
            "is_superuser": account.superuser,
        }
        changed = [name for name, value in wanted.items() if getattr(user, name) != value]
        for name in changed:
            setattr(user, name, wanted[name])
        # Checking first keeps the stored hash (and the run fast) when the password is already right.
        if created or not user.check_password(account.password):
            user.set_password(account.password)
            changed.append("password")
        if changed:
            user.save()
        if account.group:
            group, _created = Group.objects.get_or_create(name=account.group)
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
                changed.append("group")
        profile = UserProfile.get_for_user(user)
        if profile.preferred_language != account.admin_language:
            profile.preferred_language = account.admin_language
            profile.save(update_fields=["preferred_language"])
            changed.append("admin language")
        outcome = "created" if created else ("updated" if changed else "unchanged")
        self.report(outcome, "User", f"{account.username} / {account.password}", changed)
