#!/usr/bin/env bash
# The Anonymous Bank's per-call file (data/anonymous-bank-1999) as a call log for `ccsim fit`:
#   tools/bank-calls.sh [FILE] > calls.csv
# Columns: date,arrival,type,priority,queued,wait_s,handle_s,outcome (served | abandoned).
# Kept: served calls (AGENT, NO_SERVER included) and calls abandoned in the queue (HANG with a
# queue record). Left out: PHANTOM records and hang-ups in the voice response unit.
set -euo pipefail
file=${1:-"$(dirname "$0")/../data/anonymous-bank-1999/data_anonymous_bank_february.txt"}
awk -F'\t' '
  { sub(/\r$/, "") }
  NR == 1 {
    for (i = 1; i <= NF; ++i) column[$i] = i
    split("priority type date vru_exit q_start q_time outcome ser_time", needed, " ")
    for (i in needed) if (!(needed[i] in column)) {
      printf "%s: no column %s\n", FILENAME, needed[i] > "/dev/stderr"; exit 2
    }
    print "date,arrival,type,priority,queued,wait_s,handle_s,outcome"
    next
  }
  {
    outcome = $column["outcome"]
    queued = $column["q_start"] != "0:00:00"
    if (outcome == "AGENT") result = "served"
    else if (outcome == "HANG" && queued) result = "abandoned"
    else next
    printf "%s,%s,%s,%s,%d,%s,%s,%s\n", $column["date"], $column["vru_exit"], $column["type"],
           $column["priority"], queued, $column["q_time"],
           result == "served" ? $column["ser_time"] : 0, result
  }' "$file"
