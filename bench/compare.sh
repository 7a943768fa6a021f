#!/usr/bin/env bash
# compare.sh: Woolly beside PostgreSQL 15 on one machine, in one run, as a Markdown table of ratios.
#
#   bench/compare.sh                       # everything: about 25 minutes
#   QUICK=1 bench/compare.sh               # -T 3, one round: a few minutes
#   QUICK=1 ONLY="select tpcb" bench/compare.sh
#
# Starts a throw-away PostgreSQL 15 and a throw-away Woolly (servers.sh) with the same settings
# (fsync on, shared_buffers equal), then measures on each, servers alternating, RUNS times per
# figure (median):
#   init     `pgbench -i -s SCALE` wall time
#   queries  count(*), GROUP BY, join, ORDER BY ... LIMIT 10 over pgbench_accounts (SCALE * 100000
#            rows), psql \timing
#   select   pgbench -S (select-only) at 1/8/32 clients, -M simple and -M prepared
#   tpcb     pgbench (tpcb-like) at 1/8/32 clients, -M simple and -M prepared
#   connect  pgbench -S -C (a new connection per transaction), 8 clients
#   copy     \copy of COPY_ROWS generated rows, text and CSV, wall time
# The last column is Woolly's speed over PostgreSQL's: tps ratio for pgbench rows, PostgreSQL's
# time over Woolly's for timed rows; above 1 Woolly is faster. On a shared machine absolute
# figures drift, the ratio (both servers under the same load) is the figure to read.
#
# Environment: DURATION (seconds per pgbench run, default 10), RUNS (default 3), WARMUP
# (seconds of each pgbench warm-up run, default 10), QUICK=1 (DURATION=3, RUNS=1, WARMUP=5
# unless given), ONLY (space-separated groups from the list above, default
# all), SCALE (default 10), COPY_ROWS (default 1000000), SHARED_BUFFERS (default 128MB), PGBIN.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
if [ "${QUICK:-0}" = 1 ]; then
    DURATION=${DURATION:-3}
    RUNS=${RUNS:-1}
    WARMUP=${WARMUP:-5}
fi
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-10}
RUNS=${RUNS:-3}
SCALE=${SCALE:-10}
COPY_ROWS=${COPY_ROWS:-1000000}
ONLY=${ONLY:-init queries select tpcb connect copy}
SERVER_SETTINGS="fsync=on shared_buffers=${SHARED_BUFFERS:-128MB}"
. "$here/servers.sh"

wanted() { case " $ONLY " in *" $1 "*) return 0 ;; esac; return 1; }

start_servers "$root"

psql_on() { # port, then psql arguments
    local port=$1; shift
    "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U bench -d postgres "$@"
}

# A failed measurement reports 0 (its ratio then reads n/a or 0.00) and its error on stderr, and
# the run goes on.
seconds_of() { # command... -> its wall time in seconds, its output discarded
    local start=$EPOCHREALTIME
    "$@" >/dev/null 2>"$work/last.err" || { echo "failed: $* ($(tail -1 "$work/last.err"))" >&2; echo 0; return 0; }
    awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f\n", b - a }'
}

query_ms() { # port sql -> the statement's time in ms as psql's \timing reports it, after one unmeasured run
    { psql_on "$1" -c "$2" -c '\timing on' -c "$2" -o /dev/null || echo "failed on port $1: $2" >&2; } |
        awk '/^Time:/ {ms=$2} END {print (ms == "" ? 0 : ms)}'
}

pgbench_tps() { # port, then pgbench arguments -> tps
    "$PGBIN/pgbench" -h 127.0.0.1 -p "$1" -U bench -n -T "$DURATION" "${@:2}" postgres 2>&1 |
        awk '/^tps/ {tps=$3} END {print (tps == "" ? 0 : tps)}'
}

# row LABEL KIND FUNCTION ARGS...: runs FUNCTION PORT ARGS... RUNS times per server, alternating,
# and prints one table row; KIND is "tps" (higher is better) or "s"/"ms" (lower is better).
row() {
    local label=$1 kind=$2 p=() w=() pm wm speed
    shift 2
    for _ in $(seq 1 "$RUNS"); do
        p+=("$("$1" "$pg_port" "${@:2}")")
        w+=("$("$1" "$woolly_port" "${@:2}")")
    done
    pm=$(printf '%s\n' "${p[@]}" | median)
    wm=$(printf '%s\n' "${w[@]}" | median)
    if [ "$kind" = tps ]; then speed=$(ratio "$wm" "$pm"); else speed=$(ratio "$pm" "$wm"); fi
    printf '| %s | %s | %.1f | %.1f | %s |\n' "$label" "$kind" "$pm" "$wm" "$speed"
}

pgbench_init() { # port -> seconds for pgbench -i
    seconds_of "$PGBIN/pgbench" -h 127.0.0.1 -p "$1" -U bench -i -s "$SCALE" -q postgres
}

copy_in() { # port format -> seconds for \copy of the generated file into a fresh table
    psql_on "$1" -c "DROP TABLE IF EXISTS bench_copy" \
        -c "CREATE TABLE bench_copy (id int, name text, val double precision, at timestamp)" >/dev/null 2>&1
    seconds_of psql_on "$1" -c "\\copy bench_copy FROM '$work/copy.$2' WITH (FORMAT $2)"
}

echo "Woolly $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') beside PostgreSQL $("$PGBIN/postgres" -V | awk '{print $3}'), $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "settings on both: $SERVER_SETTINGS; pgbench -T $DURATION, scale $SCALE, median of $RUNS"
echo
echo "| figure | unit | PostgreSQL 15 | Woolly | Woolly speed / PostgreSQL |"
echo "|---|---|---:|---:|---:|"

if wanted init; then
    row "pgbench -i -s $SCALE" s pgbench_init
elif ! psql_on "$woolly_port" -Atc "SELECT 1 FROM pgbench_branches LIMIT 1" >/dev/null 2>&1; then
    pgbench_init "$pg_port" >/dev/null
    pgbench_init "$woolly_port" >/dev/null
fi

if wanted queries; then
    row "count(*) over $((SCALE * 100000)) rows" ms query_ms "SELECT count(*) FROM pgbench_accounts"
    row "GROUP BY bid: count, sum, avg" ms query_ms \
        "SELECT bid, count(*), sum(abalance), avg(abalance) FROM pgbench_accounts GROUP BY bid"
    row "join accounts-branches, GROUP BY" ms query_ms \
        "SELECT b.bid, sum(a.abalance) FROM pgbench_accounts a JOIN pgbench_branches b USING (bid) GROUP BY b.bid"
    row "ORDER BY abalance DESC, aid LIMIT 10 (full scan, top-N)" ms query_ms \
        "SELECT aid, bid, abalance FROM pgbench_accounts ORDER BY abalance DESC, aid LIMIT 10"
fi

if wanted select || wanted tpcb || wanted connect; then
    # Warm up the JVM's compiler on both protocols before measuring (PostgreSQL gets the same
    # warm-up runs); a cold JVM runs its first simple-protocol seconds ten times slower.
    for mode in simple prepared; do
        for port in "$woolly_port" "$pg_port"; do
            DURATION=$WARMUP pgbench_tps "$port" -M $mode -c 8 -j 2 >/dev/null
            DURATION=$WARMUP pgbench_tps "$port" -S -M $mode -c 8 -j 2 >/dev/null
        done
    done
fi

for workload in select tpcb; do
    wanted $workload || continue
    flag=""; label="pgbench (tpcb-like)"
    [ $workload = select ] && flag=-S label="pgbench -S"
    for mode in simple prepared; do
        for clients in 1 8 32; do
            jobs=$((clients > 1 ? 2 : 1))
            # shellcheck disable=SC2086  # flag is empty or one word
            row "$label -M $mode -c $clients -j $jobs" tps pgbench_tps $flag -M "$mode" -c "$clients" -j "$jobs"
        done
    done
done

if wanted connect; then
    row "pgbench -S -C -c 8 -j 2 (new connection per transaction)" tps pgbench_tps -S -C -c 8 -j 2
fi

if wanted copy; then
    awk -v n="$COPY_ROWS" 'BEGIN {
        for (i = 1; i <= n; i++)
            printf "%d\tname %d\t%.3f\t2026-01-%02d 12:%02d:%02d\n", i, i, (i * 7919 % 100003) / 8, i % 28 + 1, i % 60, i % 60
    }' > "$work/copy.text"
    awk -v n="$COPY_ROWS" 'BEGIN {
        for (i = 1; i <= n; i++)
            printf "%d,\"name, %d\",%.3f,2026-01-%02d 12:%02d:%02d\n", i, i, (i * 7919 % 100003) / 8, i % 28 + 1, i % 60, i % 60
    }' > "$work/copy.csv"
    chmod 644 "$work"/copy.*
    row "\\copy $COPY_ROWS rows, text" s copy_in text
    row "\\copy $COPY_ROWS rows, CSV" s copy_in csv
fi
