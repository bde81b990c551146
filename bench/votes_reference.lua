-- wrk script for bench/votes.py's reference run: the same server answering /robots.txt (a plain template view).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok = 0
  bad = 0
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else bad = bad + 1 end
end

dofile(os.getenv("BENCH_DIR") .. "/wrk_report.lua")
done = report_done(threads)
