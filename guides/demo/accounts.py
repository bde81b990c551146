"""Demo log-ins for trying the editorial flow. Their passwords are public, so they exist only in demo mode.

Groups ("Editors", "Moderators", "Translators") and their permissions come from the editorial app's data
migration; the loader only makes sure a group of that name exists and adds the account to it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    first_name: str
    group: str  # "" for none
    admin_language: str  # the Wagtail admin's language for this account
    superuser: bool = False

    @property
    def email(self):
        return f"{self.username}@demo.invalid"


ACCOUNTS = (
    # The editor writes the German originals, so works in a German admin.
    DemoAccount("editor", "demo-editor", "Erika", "Editors", "de"),
    DemoAccount("moderator", "demo-moderator", "Moritz", "Moderators", "de"),
    # The translator brings the other languages up to date; English is the shared working language.
    DemoAccount("translator", "demo-translator", "Tomás", "Translators", "en"),
    DemoAccount("admin", "demo-admin", "Ada", "", "en", superuser=True),
)
