-- The end of a wrk run for bench/votes.py, shared by votes.lua and votes_reference.lua: sums the answers each
-- thread counted as 200 (ok) or not (bad) and writes them with wrk's own figures as JSON to $OUT.
function report_done(threads)
  return function(summary, latency, requests)
    local ok_total, bad_total = 0, 0
    for _, thread in ipairs(threads) do
      ok_total = ok_total + thread:get("ok")
      bad_total = bad_total + thread:get("bad")
    end
    local out = io.open(os.getenv("OUT"), "w")
    out:write(string.format(
      '{"requests": %d, "ok": %d, "bad": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, ' ..
      '"socket_errors": %d}',
      summary.requests, ok_total, bad_total, summary.duration, latency:percentile(50), latency:percentile(99),
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
    out:close()
  end
end
