-- wrk script for bench/load_pages.py: counts every answer outside 200-299 (wrk itself only counts >= 400)
-- (outside 200-WRK_OK_MAX for a POST run)
-- and prints the figures as "NAME value" lines.
-- With WRK_BODY set the run POSTs that form body (an e-form step); WRK_OK_MAX then says which answers count
-- as success (399: the POST/redirect/GET answer, a 302 to the next step, is the expected one).
-- With WRK_COOKIES set (a file with one session cookie value per line) every request sends the next session's
-- cookie, each thread starting at its own place in the list: many residents instead of one.
local threads = {}
local cookies = {}
local cookie_file = os.getenv("WRK_COOKIES")
if cookie_file then
  for line in io.lines(cookie_file) do
    if line ~= "" then table.insert(cookies, line) end
  end
end
local body = os.getenv("WRK_BODY")
local ok_max = tonumber(os.getenv("WRK_OK_MAX") or "299")
if body then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function setup(thread)
  table.insert(threads, thread)
  thread:set("offset", #threads * 7919)
end

function init(args)
  non2xx = 0
  counter = offset or 0
end

if #cookies > 0 then
  function request()
    counter = counter + 1
    local headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Cookie"] = "mg_sessie=" .. cookies[counter % #cookies + 1]
    return wrk.format(nil, nil, headers)
  end
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
