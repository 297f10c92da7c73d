-- wrk script: cycle through the paths in bench/out/urls.txt (one per line), each
-- thread starting at a different place, so the load mixes lists, details,
-- filters and searches.
local paths = {}
for line in io.lines("bench/out/urls.txt") do
  if #line > 0 then paths[#paths + 1] = line end
end
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7)
end

local i = 0
request = function()
  i = i + 1
  local path = paths[((i + (offset or 0)) % #paths) + 1]
  return wrk.format("GET", path)
end
