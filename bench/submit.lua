-- wrk script for POST /v2/videos/upscale (durable job submissions).
-- Environment: BENCH_KEY (API key), BENCH_VIDEO_URL (an upload URL of the
-- server under test). Only 202 responses count as successes; every other status is
-- counted per status code and printed by done(), together with the 202 count, as
--   submit-status 202 <n>
--   submit-status <code> <n>
-- lines that bench/load.sh parses.

local key = os.getenv("BENCH_KEY") or error("BENCH_KEY is not set")
local video = os.getenv("BENCH_VIDEO_URL") or error("BENCH_VIDEO_URL is not set")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = key
wrk.body = '{"model":"topaz-video-upscale","topazVideoParams":{"video":"' .. video ..
  '","target_resolution":"720p","target_fps":30}}'

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- Per-thread state (each wrk thread has its own Lua state).
statuses = {}
first_error = nil

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 202 and first_error == nil then
    first_error = tostring(status) .. " " .. string.sub(body or "", 1, 300)
  end
end

function done(summary, latency, requests)
  local total = {}
  local sample = nil
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for code, n in pairs(s) do
      total[code] = (total[code] or 0) + n
    end
    sample = sample or t:get("first_error")
  end
  io.write(string.format("submit-status 202 %d\n", total[202] or 0))
  for code, n in pairs(total) do
    if code ~= 202 then
      io.write(string.format("submit-status %d %d\n", code, n))
    end
  end
  if sample then
    io.write("submit-first-error " .. sample:gsub("\n", " ") .. "\n")
  end
end
