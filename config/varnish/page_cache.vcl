# Written by `manage.py write_page_cache_vcl` from page_cache/query.py: do not edit by hand.

# A request with a session, pending messages or a CSRF cookie is personal: it goes to the application.
sub page_cache_pass_personal {
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages|csrftoken)=") {
        return (pass);
    }
}

# Keeps only the query parameters an answer may depend on (page_cache.query), and sets
# req.http.x-cache-key: what the answer is looked up by besides host and scheme.
sub page_cache_normalise_query {
    unset req.http.X-Query-Surface;
    unset req.http.X-Query-Rated;
    unset req.http.X-Query-Topic;
    unset req.http.X-Query-Platform;
    unset req.http.X-Query-Page;
    unset req.http.X-Query-Q;
    if (req.url ~ "^/(?:de/suche/|en/search/|es/buscar/|fr/recherche/|pt/pesquisa/)(\?|$)") {
        if (req.url ~ "\?") {
            set req.http.x-query = regsuball("&" + regsub(req.url, "^[^?]*\?", "") + "&",
                "&(?!(?:q=(?:[^&]{1,600})|page=(?:[2-9]|[1-9][0-9]{1,3}))&)[^&]*", "");
            set req.http.x-query = regsuball(req.http.x-query, "&q=[^&]*(?=.*&q=)", "");
            set req.http.x-query = regsuball(req.http.x-query, "&page=[^&]*(?=.*&page=)", "");
            set req.url = std.querysort(regsub(req.url, "\?.*$", "") + regsub(req.http.x-query, "^&", "?"));
            unset req.http.x-query;
        }
        set req.http.x-cache-key = req.url;
        return;
    }
    if (req.url ~ "^/(?:de/hinweise/aenderungen/(?:[0-9]+)/|en/notices/changes/(?:[0-9]+)/|es/avisos/cambios/(?:[0-9]+)/|fr/avis/modifications/(?:[0-9]+)/|pt/avisos/alteracoes/(?:[0-9]+)/)(\?|$)") {
        set req.url = regsub(req.url, "\?.*$", "");
        set req.http.x-cache-key = req.url;
        return;
    }
    # The application's other views under /<lang>/ (not cached; their parameters are theirs), and whatever
    # is not under a language (static files, robots.txt, the sitemap): as they came.
    if (req.url ~ "^/(?:de/ratings/|en/ratings/|es/ratings/|fr/ratings/|pt/ratings/|de/hinweise/|en/notices/|es/avisos/|fr/avis/|pt/avisos/|de/(?:search|notices)/(?:.*)|en/(?:search|notices)/(?:.*)|es/(?:search|notices)/(?:.*)|fr/(?:search|notices)/(?:.*)|pt/(?:search|notices)/(?:.*)|de/cards/(?:[0-9]+)\.png|en/cards/(?:[0-9]+)\.png|es/cards/(?:[0-9]+)\.png|fr/cards/(?:[0-9]+)\.png|pt/cards/(?:[0-9]+)\.png)" || req.url !~ "^/(de|en|es|fr|pt)/") {
        set req.http.x-cache-key = req.url;
        return;
    }
    # Wagtail's pages: the parameters of every page type are kept, each copied into a header, and the page is
    # looked up by its path; its answer names in Vary the headers it depends on.
    if (req.url ~ "\?") {
        set req.http.x-query = regsuball("&" + regsub(req.url, "^[^?]*\?", "") + "&",
            "&(?!(?:surface=(?:android|ios|web)|rated=(?:[1-5])|topic=(?:[A-Za-z0-9_-]{1,80})|platform=(?:[A-Za-z0-9_-]{1,80})|page=(?:[2-9]|[1-9][0-9]{1,3}))&)[^&]*", "");
        set req.http.x-query = regsuball(req.http.x-query, "&surface=[^&]*(?=.*&surface=)", "");
        set req.http.x-query = regsuball(req.http.x-query, "&rated=[^&]*(?=.*&rated=)", "");
        set req.http.x-query = regsuball(req.http.x-query, "&topic=[^&]*(?=.*&topic=)", "");
        set req.http.x-query = regsuball(req.http.x-query, "&platform=[^&]*(?=.*&platform=)", "");
        set req.http.x-query = regsuball(req.http.x-query, "&page=[^&]*(?=.*&page=)", "");
        set req.url = std.querysort(regsub(req.url, "\?.*$", "") + regsub(req.http.x-query, "^&", "?"));
        unset req.http.x-query;
    }
    if (req.url ~ "[?&]surface=") {
        set req.http.X-Query-Surface = regsub(req.url, "^.*[?&]surface=([^&]*).*$", "\1");
    }
    if (req.url ~ "[?&]rated=") {
        set req.http.X-Query-Rated = regsub(req.url, "^.*[?&]rated=([^&]*).*$", "\1");
    }
    if (req.url ~ "[?&]topic=") {
        set req.http.X-Query-Topic = regsub(req.url, "^.*[?&]topic=([^&]*).*$", "\1");
    }
    if (req.url ~ "[?&]platform=") {
        set req.http.X-Query-Platform = regsub(req.url, "^.*[?&]platform=([^&]*).*$", "\1");
    }
    if (req.url ~ "[?&]page=") {
        set req.http.X-Query-Page = regsub(req.url, "^.*[?&]page=([^&]*).*$", "\1");
    }
    set req.http.x-cache-key = regsub(req.url, "\?.*$", "");
}
