-- wrk script for bench/load_pages.py: counts every answer outside 200-299 (wrk itself only counts >= 400)
-- and prints the figures as "NAME value" lines.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("non2xx")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("NON2XX %d\nERRORS %d\n", total, errors))
  io.write(string.format("REQUESTS %d\nSECONDS %f\n", summary.requests, summary.duration / 1e6))
  io.write(string.format("P50 %d\nP95 %d\nP99 %d\n", latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
