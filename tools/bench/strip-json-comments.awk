# Prints a scenario file (JSON with // and /* */ comments, as ccsim reads it) as plain JSON, so
# that jq can edit it. Comment markers inside strings are kept. POSIX awk (mawk and gawk alike).
#
# Usage: awk -f tools/bench/strip-json-comments.awk scenario.json | jq ...
{
  out = ""
  n = length($0)
  for (i = 1; i <= n; ++i) {
    c = substr($0, i, 1)
    if (in_block) {
      if (c == "*" && substr($0, i + 1, 1) == "/") { in_block = 0; ++i }
      continue
    }
    if (in_string) {
      out = out c
      if (c == "\\") { out = out substr($0, i + 1, 1); ++i }
      else if (c == "\"") in_string = 0
      continue
    }
    if (c == "\"") { in_string = 1; out = out c; continue }
    if (c == "/" && substr($0, i + 1, 1) == "/") break
    if (c == "/" && substr($0, i + 1, 1) == "*") { in_block = 1; ++i; continue }
    out = out c
  }
  print out
}
