-- wrk script for scripts/bench.sh. Environment:
--   BENCH_TOKEN  bearer token (none for the ceiling read)
--   BENCH_KIND   get | ceiling | vote | receipt | disburse
--   BENCH_IDS    a file of target ids, one a line (vote: applications under review;
--                receipt: contributions; disburse: grants, each used once, tranche 1)
--   BENCH_AMOUNT the disbursed tranche's amount ("10500.00")
--   BENCH_NONCE  makes receipt and payment references unique across runs
--   BENCH_TODAY  the UTC date (receipts and payments are dated today)
local token = os.getenv("BENCH_TOKEN")
local kind = os.getenv("BENCH_KIND") or "get"
local idfile = os.getenv("BENCH_IDS")
local amount = os.getenv("BENCH_AMOUNT") or "1.00"
local nonce = os.getenv("BENCH_NONCE") or "0"
local today = os.getenv("BENCH_TODAY") or os.date("!%Y-%m-%d")

local threads = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
  thread:set("nthreads", 0)
end

function init(args)
  ids = {}
  if idfile and #idfile > 0 then
    for line in io.lines(idfile) do
      if #line > 0 then ids[#ids + 1] = line end
    end
  end
  headers = { ["content-type"] = "application/json" }
  if token and #token > 0 then headers["authorization"] = "Bearer " .. token end
  math.randomseed(os.time() + tid * 7919)
end

local function pick()
  return ids[math.random(#ids)]
end

function request()
  counter = counter + 1
  if kind == "ceiling" then
    return wrk.format("POST", "/bench/ceiling-write", headers, "")
  elseif kind == "vote" then
    local choice = (counter % 2 == 0) and "abstain" or "reject"
    return wrk.format("POST", "/api/v1/applications/" .. pick() .. "/votes", headers,
      '{"vote":"' .. choice .. '","comment":"bench ' .. counter .. '"}')
  elseif kind == "receipt" then
    return wrk.format("POST", "/api/v1/contributions/" .. pick() .. "/receipts", headers,
      '{"amount":{"amount":"1.00","currency":"USD"},"received_on":"' .. today .. '",' ..
      '"rate_to_usd":"1","bank_reference":"W' .. nonce .. "-" .. tid .. "-" .. counter .. '"}')
  elseif kind == "disburse" then
    -- Thread t takes the ids t, t+2, t+4, ... (wrk -t2): each grant is paid once.
    local i = ((counter - 1) * 2 + tid - 1) % #ids + 1
    return wrk.format("POST", "/api/v1/grants/" .. ids[i] .. "/disbursements", headers,
      '{"tranche":1,"amount":{"amount":"' .. amount .. '","currency":"USD"},' ..
      '"value_date":"' .. today .. '","payment_reference":"P' .. nonce .. "-" .. tid .. "-" .. counter .. '"}')
  else
    return wrk.format("GET", nil, headers, nil)
  end
end
