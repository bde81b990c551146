# Varnish in front of the web service: the page cache. It keeps what the application marks public (anonymous
# readers' pages, static files), passes everything personal through, and forgets answers by surrogate key when the
# application purges them (page_cache/: the keys, the parameters and the purges).
vcl 4.1;

import std;
import xkey;

# The backend is the only thing that differs between deployments: docker-compose mounts one naming the "web"
# service, tests write one naming their own gunicorn (found through varnishd -p vcl_path).
include "backend.vcl";
# Written from page_cache/query.py: which query parameters answers depend on, which cookies make a request personal.
include "page_cache.vcl";

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
    unset req.http.x-cache-state;
    unset req.http.x-cache-key;
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (!req.http.xkey-softpurge) {
            return (synth(400, "No keys to purge"));
        }
        # Soft: the answers expire but are kept, so the next reader gets the old copy while the new one is fetched.
        set req.http.x-purged = xkey.softpurge(req.http.xkey-softpurge);
        return (synth(200, "Purged " + req.http.x-purged));
    }
    # One spelling per host name: lower case, without a trailing dot or the default port.
    if (req.http.Host) {
        set req.http.Host = regsub(std.tolower(req.http.Host), ":(80|443)$", "");
        set req.http.Host = regsub(req.http.Host, "\.(:[0-9]+)?$", "\1");
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
    call page_cache_pass_personal;
    # Anything else is the same for every reader: drop cookies so they cannot split or bypass the cache.
    unset req.http.Cookie;
    call page_cache_normalise_query;
    return (hash);
}

sub vcl_hash {
    hash_data(req.http.x-cache-key);
    if (req.http.Host) {
        hash_data(req.http.Host);
    } else {
        hash_data(server.ip);
    }
    # The answer differs by scheme (HSTS over HTTPS, the redirect to it over HTTP). The load balancer sets the header.
    if (req.http.X-Forwarded-Proto == "https") {
        hash_data("https");
    }
    return (lookup);
}

sub vcl_hit {
    # Within grace after a soft purge or expiry: served as it is while Varnish fetches the new answer.
    if (obj.ttl <= 0s) {
        set req.http.x-cache-state = "stale";
    } else {
        set req.http.x-cache-state = "hit";
    }
}

sub vcl_backend_response {
    # While the application is failing, keep serving the copy we have instead of an error.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Pages are compressed once, when stored, not on every answer; Varnish unpacks them for the rare client that
    # does not accept gzip. Only what may be shared: personal pages (with a CSRF token) stay uncompressed.
    if (!bereq.uncacheable && beresp.http.Content-Type ~ "^text/html") {
        set beresp.do_gzip = true;
    }
    # After its time is up a page may still be served for a while as it is refetched in the background.
    set beresp.grace = 6h;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0 && req.http.x-cache-state) {
        set resp.http.X-Cache = req.http.x-cache-state;
    } else {
        set resp.http.X-Cache = "miss";
    }
    # The keys are for Varnish alone; no header may name the software or its version.
    unset resp.http.xkey;
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
