-- wrk script for bench/votes.py: every request is a vote from a reader never seen before (own user agent, no
-- cookie), so each one must add a row. Set by votes.py: PAGE_ID, OUT (where done() writes its JSON).
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

function init(args)
  n = 0
  ok = 0
  bad = 0
  page_id = os.getenv("PAGE_ID")
  run_id = os.getenv("RUN_ID")
end

function request()
  n = n + 1
  local body = "page=" .. page_id .. "&stars=" .. ((n % 5) + 1)
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Sec-Fetch-Site"] = "same-origin",
    ["User-Agent"] = "bench-reader-" .. run_id .. "-" .. tid .. "-" .. n,
  }
  return wrk.format("POST", wrk.path, headers, body)
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else
    bad = bad + 1
    if bad == 1 then io.stderr:write("first non-200 answer: " .. status .. " " .. body:sub(1, 200) .. "\n") end
  end
end

function done(summary, latency, requests)
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
