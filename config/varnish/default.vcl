# Varnish in front of the web service: caches what the application marks public (anonymous readers' pages, static
# files) and passes everything personal through. The application purges it on publish and on new rating summaries
# through Wagtail's frontend cache (config/frontend_cache.py, VARNISH_URL); see config/cache.py.
vcl 4.1;

import std;

# The backend is the only thing that differs between deployments: docker-compose mounts one naming the "web"
# service, tests write one naming their own gunicorn (found through varnishd -p vcl_path).
include "backend.vcl";

# Who may purge: the host itself and private networks (the compose network, a cluster's pod network).
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # A purge of the site root means "everything": the application sends it on publish, because menus,
        # lists and search results on any page may show what changed.
        if (req.url == "/") {
            ban("obj.http.x-url ~ ^/");
            return (synth(200, "Banned"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        # gunicorn runs sync workers (config/gunicorn.py): a worker reading a body that trickles in over a slow
        # connection serves nobody else meanwhile. Varnish takes the whole body first and hands it over at local
        # speed. 64 MB is above any upload the admin accepts; a larger body is passed on as it arrives.
        std.cache_req_body(64MB);
        return (pass);
    }
    # Editors, the language redirect at / (it reads Accept-Language and the language cookie), and any request
    # that carries a session or pending messages (a reader who just voted or subscribed) go to the application.
    if (req.url ~ "^/(admin|documents)(/|$)" || req.url == "/" || req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages|csrftoken)=") {
        return (pass);
    }
    # Anything else is the same for every reader: drop cookies so they cannot split or bypass the cache.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    # One site per Varnish: the URL alone identifies a page, whatever Host the purge or the reader sent.
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    # Kept on the object so that bans can be evaluated by the ban lurker without a request.
    set beresp.http.x-url = bereq.url;
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # While the application is failing, keep serving the copy we have instead of an error.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # After its time is up a page may still be served for a while as it is refetched in the background.
    set beresp.grace = 6h;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    # No header may name the software or its version.
    unset resp.http.x-url;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    unset resp.http.Server;
}

sub vcl_synth {
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.body = resp.reason;
    return (deliver);
}

sub vcl_backend_error {
    set beresp.http.Content-Type = "text/plain; charset=utf-8";
    set beresp.http.Retry-After = "30";
    set beresp.body = "Service temporarily unavailable. Please try again in a minute.";
    return (deliver);
}
