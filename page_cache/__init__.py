"""The page cache: Varnish in front of the application, told by it what to keep and when to let go.

- middleware.py marks anonymous page answers public for shared caches, with their surrogate keys (``xkey``) and
  the query parameters they vary on; everything personal stays private;
- keys.py names the surrogate keys and records, while an answer renders, what it shows;
- invalidation.py maps content changes (publish, move, delete, snippets, rating summaries, editorial notices) to
  the keys they invalidate; purge.py sends the soft purges to Varnish after the commit, with a time limit;
- query.py declares the query parameters each answer depends on; vcl.py writes them, with the cookies that make
  a request personal, into config/varnish/page_cache.vcl, which config/varnish/default.vcl includes.
"""
