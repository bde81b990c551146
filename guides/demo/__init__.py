"""Demo content for `manage.py load_demo`: the AI-training objection case of May 2025 in five languages.

One module per piece of content, each holding all five languages side by side so a translation gap shows:

- site.py: the home page and the three index pages
- taxonomy.py: platforms and topics (snippets)
- deadlines.py: the 26 May 2025 objection deadline and an example deadline that always lies ahead
- facebook_guide.py, instagram_guide.py, whatsapp_guide.py: the step-by-step guides
- article.py: the explainer article
- accounts.py: the demo log-ins (demo mode only)
- blocks.py: the records the content is written in, turned into StreamField data with stable block ids
- loader.py: creates or updates everything, publishing through revisions
"""
