-- wrk script for bench/votes.py: every request is a vote from a reader never seen before (own address as the
-- trusted proxy reports it, own user agent, no cookie), so each one must add a row. Set by votes.py: PAGE_ID, OUT
-- (where done() writes its JSON), ADDRESS_BLOCK (keeps each run's addresses apart from the others': an address
-- seen in the warm-up would make the measured run's votes second votes from one address, a slower path).
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
  address_block = tonumber(os.getenv("ADDRESS_BLOCK") or "0")
end

function request()
  n = n + 1
  local body = "page=" .. page_id .. "&stars=" .. ((n % 5) + 1)
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Sec-Fetch-Site"] = "same-origin",
    ["User-Agent"] = "bench-reader-" .. run_id .. "-" .. tid .. "-" .. n,
    -- gunicorn trusts 127.0.0.1 as the proxy (TRUSTED_PROXIES), as it trusts Varnish in production.
    ["X-Forwarded-For"] = "10." .. (address_block + tid) .. "." .. (math.floor(n / 256) % 256) .. "." .. (n % 256),
  }
  return wrk.format("POST", wrk.path, headers, body)
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else
    bad = bad + 1
    if bad == 1 then io.stderr:write("first non-200 answer: " .. status .. " " .. body:sub(1, 200) .. "\n") end
  end
end

dofile(os.getenv("BENCH_DIR") .. "/wrk_report.lua")
done = report_done(threads)
