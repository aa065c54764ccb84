-- wrk script for bench/load_pages.py: counts every answer outside 200-299 (wrk itself only counts >= 400)
-- (outside 200-WRK_OK_MAX for a POST run)
-- and prints the figures as "NAME value" lines.
-- With WRK_BODY set the run POSTs that form body (an e-form step); WRK_OK_MAX then says which answers count
-- as success (399: the POST/redirect/GET answer, a 302 to the next step, is the expected one).
local threads = {}
local body = os.getenv("WRK_BODY")
local ok_max = tonumber(os.getenv("WRK_OK_MAX") or "299")
if body then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > ok_max then
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
