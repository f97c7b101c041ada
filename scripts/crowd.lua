-- wrk script for scripts/bench_portal.sh: every request comes from another client address,
-- as a crowd of readers behind the load balancer (the service trusts 127.0.0.1 as its
-- proxy and reads X-Forwarded-For), so the per-address anonymous limit is not what is
-- measured.
local n = 0

request = function()
  n = n + 1
  local a = n % 250 + 1
  local b = math.floor(n / 250) % 250 + 1
  return wrk.format(nil, nil, { ["X-Forwarded-For"] = "10.77." .. b .. "." .. a })
end
