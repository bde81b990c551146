-- wrk script for bench/publish_storm.py: each connection asks for the paths listed in $PATHS_FILE (one a line) in
-- turn, starting at a different one, with the headers given on wrk's command line.
local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do
  if line ~= "" then table.insert(paths, line) end
end
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7)
end

function init(args)
  n = offset or 0
end

function request()
  n = n + 1
  return wrk.format(nil, paths[(n % #paths) + 1])
end
