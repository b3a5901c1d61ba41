-- wrk script for bench/load.py: every request takes the next (session cookie, path) pair of
-- the file named after "--", so that many signed-in users hit their own objects; responses
-- other than 2xx are counted by status (a redirect to the login page is no measurement), and
-- done() prints one machine-readable line that load.py parses.
--
--   wrk -t2 -c16 -d10s -s bench/wrk/rotate.lua http://127.0.0.1:8000 -- pairs.tsv
--
-- pairs.tsv: one "Cookie header value<TAB>path" a line.

local threads = {}

function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

function init(args)
  targets = {}
  for line in io.lines(args[1]) do
    local cookie, path = line:match("^([^\t]+)\t([^\t]+)$")
    if cookie then
      targets[#targets + 1] = { cookie, path }
    end
  end
  -- Threads start at different pairs, so that a short run still spreads over the users.
  index = offset or 0
  bad = 0
  statuses = {}
end

function request()
  local target = targets[(index % #targets) + 1]
  index = index + 1
  return wrk.format("GET", target[2], { ["Cookie"] = target[1] })
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local non2xx = 0
  local counts = {}
  for _, thread in ipairs(threads) do
    non2xx = non2xx + thread:get("bad")
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do
    parts[#parts + 1] = string.format('"%d": %d', status, n)
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %.0f, "p95_us": %.0f, '
      .. '"p99_us": %.0f, "max_us": %.0f, "non2xx": %d, "statuses": {%s}, "connect_errors": %d, '
      .. '"read_errors": %d, "write_errors": %d, "timeouts": %d, "bytes": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, non2xx, table.concat(parts, ", "),
    errors.connect, errors.read, errors.write, errors.timeout, summary.bytes
  ))
end
