# servers.sh: sourced by the side-by-side benchmarks. Starts a throw-away PostgreSQL 15 (as the
# `postgres` user, since it refuses root) and a throw-away Woolly on free ports, both with default
# settings and superuser `bench`, and stops both on exit. Sets: work, pg_port, woolly_port, PGBIN.
# SERVER_SETTINGS (space-separated name=value pairs) is given to both servers as `-c` options,
# WOOLLY_SETTINGS to Woolly only (e.g. max_parallel_workers_per_gather=0 for its serial plans).
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
work=$(mktemp -d /tmp/woolly-bench.XXXXXX)
chmod 755 "$work"
pg_port=${PG_PORT:-55439}
woolly_port=${WOOLLY_PORT:-55440}

stop_servers() {
    set +e
    if [ -n "${woolly_pid:-}" ]; then
        kill "$woolly_pid" 2>/dev/null
        wait "$woolly_pid" 2>/dev/null
    fi
    su postgres -c "$PGBIN/pg_ctl -D $work/pgdir/data -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap stop_servers EXIT

start_servers() { # root of the Woolly checkout
    local root=$1 setting pg_settings="" woolly_settings=()
    for setting in ${SERVER_SETTINGS:-}; do
        pg_settings+=" -c $setting"
        woolly_settings+=(-c "$setting")
    done
    for setting in ${WOOLLY_SETTINGS:-}; do
        woolly_settings+=(-c "$setting")
    done
    # PostgreSQL 15, default settings (fsync on), trust on loopback; it runs as `postgres`.
    mkdir "$work/pgdir" && chown postgres "$work/pgdir"
    su postgres -c "$PGBIN/initdb -D $work/pgdir/data -A trust -U bench --no-locale -E UTF8" >/dev/null
    su postgres -c "$PGBIN/pg_ctl -D $work/pgdir/data -l $work/pgdir/log -o '-p $pg_port -k $work/pgdir -c listen_addresses=127.0.0.1$pg_settings' -w start" >/dev/null
    # Woolly, default settings, the same superuser name.
    "$root/woolly" init -D "$work/woolly" -U bench >/dev/null
    "$root/woolly" start -D "$work/woolly" -p "$woolly_port" -h 127.0.0.1 -k "" "${woolly_settings[@]}" >"$work/woolly.log" 2>&1 &
    woolly_pid=$!
    for _ in $(seq 1 600); do
        "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$woolly_port" && break
        sleep 0.1
    done
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

ratio() { awk -v w="$1" -v p="$2" 'BEGIN { if (p > 0) printf "%.2f", w / p; else print "n/a" }'; }
