#!/usr/bin/env bash
# Scale-out benchmark for issue 6: durable submissions per second on PostgreSQL with one and
# two API processes, side by side with SQLite in the same run, and how long a queued job
# waits before a worker claims it (LISTEN/NOTIFY on PostgreSQL, the in-process wake-up on
# SQLite).
#
#   bench/scale.sh > results.md
#   RECUT_BIN=/path/to/recut DURATION=3 WARMUP=1 CLAIM_JOBS=20 bench/scale.sh   # quick check
#
# Knobs (environment):
#   RECUT_BIN            binary to run (default target/release/recut if it exists, else
#                        `cargo build --release -p recut`)
#   CONNECTIONS          wrk connections per configuration, split evenly over the API
#                        processes (default 16; at least 2)
#   DURATION             measured seconds per route and configuration (default 10)
#   WARMUP               warm-up seconds before each measurement, not counted (default 2)
#   CLAIM_JOBS           jobs submitted in each claim-wait run (default 100)
#   CLAIM_INTERVAL_MS    least time between two claim-wait submissions (default 300)
#   CLAIM_CONCURRENCY    workers.concurrency of the worker processes in the claim-wait runs
#                        (default 4)
#   CLAIM_MAX_IN_FLIGHT  a claim-wait submission waits until fewer than this many of its jobs
#                        are unfinished (default CLAIM_CONCURRENCY - 1), so a worker slot is
#                        always idle and the wait measured is the wake-up, not a queue
#   CLAIM_STALL_S        give up when no claim-wait job finished for this long (default 180)
#   PG_URL               PostgreSQL server, without a database name (default
#                        postgres://postgres:postgres@127.0.0.1:5432); the default one is
#                        started with scripts/ensure-test-services.sh when it does not answer
#   KEEP_TMP             1 keeps the temp dir (data dirs, server logs, raw wrk output)
#
# What it does. Part 1, submissions (workers paused, rate limiter effectively off, a huge
# queue limit), three configurations one after the other, each with a fresh data dir:
#   sqlite   one `recut serve` (role all) on SQLite in its data dir
#   pg-1     one `recut serve --role api` on a fresh PostgreSQL database
#   pg-2     two `recut serve --role api` on one fresh database, one data dir and one
#            public_url (so an upload URL made by one process is accepted by the other)
# For each: a key with huge credits, a 2 s clip uploaded through the first process, one
# curl submission through every process, then wrk against GET /healthz (the baseline) and
# POST /v2/videos/upscale (bench/submit.lua; only 202 counts as success). With one process
# wrk runs -t2 with all connections; with two, two wrk -t1 run at once, one per process, each
# with half the connections; their requests/s are summed and both p99s are shown. After
# every submission run each process must still answer one curl submission with 202. At the
# end of a configuration the jobs table is counted against the 202s.
# Part 2, claim wait: CLAIM_JOBS submissions of a 1 s 160x90 clip, paced as described above,
# against one SQLite `all` process and against PostgreSQL with one `--role api` plus one
# `--role worker` process; once every job is finished the database gives
# started_at - created_at per job (both unix ms; created_at is taken inside the submitting
# transaction, started_at when a worker first claims the job).
#
# The Markdown report goes to stdout, progress to stderr. Everything stays on 127.0.0.1 (and
# PG_URL). Servers, databases and the temp dir are removed on exit, also on error or Ctrl-C.
# Exit status 1 when anything failed: a server did not start or died, a curl submission was
# not answered 202, wrk saw a status other than 202, or the database holds fewer jobs than
# submissions were answered 202 (the report is still printed when it got that far).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)

CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
CLAIM_JOBS=${CLAIM_JOBS:-100}
CLAIM_INTERVAL_MS=${CLAIM_INTERVAL_MS:-300}
CLAIM_CONCURRENCY=${CLAIM_CONCURRENCY:-4}
CLAIM_MAX_IN_FLIGHT=${CLAIM_MAX_IN_FLIGHT:-$((CLAIM_CONCURRENCY > 1 ? CLAIM_CONCURRENCY - 1 : 1))}
CLAIM_STALL_S=${CLAIM_STALL_S:-180}
DEFAULT_PG_URL=postgres://postgres:postgres@127.0.0.1:5432
PG_URL=${PG_URL:-$DEFAULT_PG_URL}
PG_URL=${PG_URL%/}
KEEP_TMP=${KEEP_TMP:-0}
BIN=${RECUT_BIN:-}

log() { printf '[scale.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

for tool in wrk ffmpeg curl python3 psql awk; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done
[[ $CONNECTIONS =~ ^[0-9]+$ && $CONNECTIONS -ge 2 ]] || die "CONNECTIONS must be a number >= 2 (got '$CONNECTIONS')"
for knob in DURATION WARMUP CLAIM_JOBS CLAIM_INTERVAL_MS CLAIM_CONCURRENCY CLAIM_MAX_IN_FLIGHT CLAIM_STALL_S; do
    [[ ${!knob} =~ ^[0-9]+$ ]] || die "$knob must be a whole number (got '${!knob}')"
done
((DURATION >= 1 && CLAIM_JOBS >= 1 && CLAIM_CONCURRENCY >= 1 && CLAIM_MAX_IN_FLIGHT >= 1)) ||
    die "DURATION, CLAIM_JOBS, CLAIM_CONCURRENCY and CLAIM_MAX_IN_FLIGHT must be at least 1"

# The server reads every RECUT_* variable as a config key and refuses unknown ones (RECUT_BIN
# would become the key `bin`), so the servers see only the variables set in start_recut.
while read -r name; do
    unset "$name"
done < <(compgen -e | grep '^RECUT_' || true)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/recut-scale.XXXXXX")
RUN_ID="$$_$(date +%s)"
PIDS=()         # recut processes of the current configuration
CFG_LOGS=()     # their logs
DBS=()          # databases this run created
FAILURES=()     # failed checks that do not stop the run; reported, then exit 1

psql_admin() { psql "$PG_URL/postgres" -X -q -v ON_ERROR_STOP=1 "$@"; }

stop_all() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 150); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    PIDS=()
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n ${CLIENT_PID:-} ]]; then
        kill "$CLIENT_PID" 2>/dev/null || true
    fi
    stop_all
    if [[ $rc -ne 0 ]]; then
        local f
        for f in "${CFG_LOGS[@]}"; do
            [[ -s $f ]] || continue
            log "$(basename "$f") (last 20 lines):"
            tail -n 20 "$f" | sed 's/\x1b\[[0-9;]*m//g' >&2 || true
        done
    fi
    local db
    for db in "${DBS[@]}"; do
        psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 ||
            log "could not drop database $db"
    done
    if [[ $KEEP_TMP == 1 ]]; then
        log "kept $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------
# 1. The binary and PostgreSQL.
if [[ -z $BIN && -x $ROOT/target/release/recut ]]; then
    BIN=$ROOT/target/release/recut
fi
[[ -n $BIN ]] || BIN=$(build_recut)
BIN=$(absolute_bin "$BIN")

if ! psql_admin -Atc 'SELECT 1' >/dev/null 2>&1; then
    [[ $PG_URL == "$DEFAULT_PG_URL" ]] || die "PostgreSQL at $PG_URL does not answer"
    log "PostgreSQL does not answer; running scripts/ensure-test-services.sh"
    "$ROOT/scripts/ensure-test-services.sh" >&2
    psql_admin -Atc 'SELECT 1' >/dev/null || die "PostgreSQL at $PG_URL still does not answer"
fi
pg_setting() { psql_admin -Atc "SHOW $1" 2>/dev/null || echo '?'; }
PG_VERSION=$(psql_admin -Atc 'SHOW server_version' | awk '{ print $1 }')
PG_INFO="PostgreSQL $PG_VERSION at ${PG_URL#*@}: synchronous_commit=$(pg_setting synchronous_commit), fsync=$(pg_setting fsync), shared_buffers=$(pg_setting shared_buffers), max_connections=$(pg_setting max_connections)"
# The postmaster's pid, to charge PostgreSQL's CPU time (it and its backends); empty when the
# server is elsewhere or its data dir is unreadable.
PG_PM_PID=""
PG_DATA=$(psql_admin -Atc 'SHOW data_directory' 2>/dev/null || true)
if [[ -n $PG_DATA && -r $PG_DATA/postmaster.pid ]]; then
    PG_PM_PID=$(head -n 1 "$PG_DATA/postmaster.pid")
    [[ -r /proc/$PG_PM_PID/stat ]] || PG_PM_PID=""
    PG_INFO="$PG_INFO, data dir on $(df -PT "$PG_DATA" | awk 'NR == 2 { print $2 " on " $1 }')"
fi

# ---------------------------------------------------------------------------------------
# Helpers.

# PostgreSQL's CPU ticks: the postmaster, its live children, and (cutime + cstime) the
# children that already exited. -1 when unknown.
pg_ticks() {
    if [[ -z $PG_PM_PID ]]; then
        echo -1
        return 0
    fi
    local s c
    s=$(sed 's/.*) //' "/proc/$PG_PM_PID/stat" | awk '{ print $12 + $13 + $14 + $15 }')
    for c in $(pgrep -P "$PG_PM_PID" || true); do
        s=$((s + $(proc_ticks "$c")))
    done
    echo "$s"
}

CLK_TCK=$(getconf CLK_TCK)
NPROC=$(nproc)

pct_of_core() { # ticks_before ticks_after -> "123%"
    awk -v a="$1" -v b="$2" -v hz="$CLK_TCK" -v d="$DURATION" \
        'BEGIN { if (a < 0 || b < 0) print "n/a"; else printf "%.0f%%", (b - a) / hz / d * 100 }'
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_recut NAME ROLE PORT DATA_DIR DATABASE_URL PUBLIC_URL CONCURRENCY
# (DATABASE_URL and PUBLIC_URL may be empty.) Waits until /healthz answers.
start_recut() {
    local name=$1 role=$2 port=$3 data=$4 db=$5 public=$6 conc=$7
    local i logf="$WORK/$name.log" args=(serve --role "$role" --listen "127.0.0.1:$port" --data-dir "$data")
    [[ -z $db ]] || args+=(--database-url "$db")
    [[ -z $public ]] || args+=(--public-url "$public")
    env RUST_LOG=warn \
        RECUT_WORKERS__CONCURRENCY="$conc" \
        RECUT_MEDIA__MAX_PROCESSES=$((2 * conc + 2 > 4 ? 2 * conc + 2 : 4)) \
        RECUT_RATE_LIMIT__PER_SECOND=1e9 \
        RECUT_RATE_LIMIT__BURST=1e9 \
        RECUT_LIMITS__MAX_QUEUE_DEPTH=10000000 \
        "$BIN" "${args[@]}" >>"$logf" 2>&1 &
    local pid=$!
    PIDS+=("$pid")
    CFG_LOGS+=("$logf")
    for i in $(seq 1 300); do
        if curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; then
            log "  $name: $role on 127.0.0.1:$port (pid $pid)"
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || die "$name ($role on port $port) exited during start-up"
        [[ $i -lt 300 ]] || die "$name: no answer from http://127.0.0.1:$port/healthz after 30 s"
        sleep 0.1
    done
}

all_alive() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill -0 "$pid" 2>/dev/null || die "a server process (pid $pid) died; see its log below"
    done
}

create_db() { # name; sets DB_URL
    local name="recut_scale_${RUN_ID}_$1"
    psql_admin -c "CREATE DATABASE \"$name\"" >/dev/null || die "could not create database $name"
    DBS+=("$name")
    DB_URL="$PG_URL/$name"
}

# Warning and error lines in this configuration's logs, ANSI colours removed.
log_problems() {
    local f
    for f in "${CFG_LOGS[@]}"; do
        sed 's/\x1b\[[0-9;]*m//g' "$f" | grep -E '\b(WARN|ERROR)\b' | sed "s|^|$(basename "$f" .log): |" || true
    done
}

make_clip() { # file size seconds
    ffmpeg -hide_banner -loglevel error -y \
        -f lavfi -i "testsrc2=size=$2:rate=30:duration=$3" \
        -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=$3" \
        -c:v libx264 -pix_fmt yuv420p -c:a aac -b:a 64k -shortest -movflags +faststart "$1"
}

# Sets KEY and VIDEO_URL: a key with huge credits, and CLIP uploaded through BASES[0].
key_and_upload() { # data_dir database_url clip
    local created upload code
    local args=(admin create-key --team bench --email bench@example.invalid --credits 1000000000000 --data-dir "$1")
    [[ -z $2 ]] || args+=(--database-url "$2")
    created=$(env RUST_LOG=warn "$BIN" "${args[@]}") || die "\`recut admin create-key\` failed (its error is above)"
    KEY=$(json_field apiKey <<<"$created")
    [[ $KEY == afk_* ]] || die "could not read an API key from: $created"
    upload=$(curl -sS -w '\n%{http_code}' -F "file=@$3" -H "X-API-Key: $KEY" "${BASES[0]}/v2/uploads")
    code=$(tail -n 1 <<<"$upload")
    [[ $code == 2* ]] || die "upload answered $code: $(head -n 1 <<<"$upload")"
    VIDEO_URL=$(head -n 1 <<<"$upload" | json_field url)
    SUBMIT_BODY='{"model":"topaz-video-upscale","topazVideoParams":{"video":"'"$VIDEO_URL"'","target_resolution":"720p","target_fps":30}}'
}

# One curl submission through every process; each must be answered 202.
probe_submissions() { # what
    local base code
    for base in "${BASES[@]}"; do
        code=$(curl -sS -o "$WORK/probe.json" -w '%{http_code}' -H "X-API-Key: $KEY" \
            -H 'Content-Type: application/json' --data "$SUBMIT_BODY" "$base/v2/videos/upscale") || code=000
        [[ $code == 202 ]] || die "$1: a submission through $base answered $code: $(head -c 300 "$WORK/probe.json" 2>/dev/null)"
        ACCEPTED=$((ACCEPTED + 1))
    done
}

# run_wrk ROUTE SECONDS OUT_PREFIX [extra wrk args]: one wrk per API process, all at once;
# writes OUT_PREFIX.N (N = process index) and OUT_PREFIX.time (user and system seconds of all
# wrk processes).
run_wrk() {
    local route=$1 secs=$2 out=$3
    shift 3
    local n=${#BASES[@]} i conns threads path script=()
    case $route in
        healthz) path=/healthz ;;
        submit)
            path=/v2/videos/upscale
            script=(-s "$BENCH_DIR/submit.lua")
            ;;
    esac
    TIMEFORMAT='%U %S'
    {
        time (
            pids=""
            for ((i = 0; i < n; i++)); do
                # The last process gets the remainder when CONNECTIONS is odd.
                conns=$((CONNECTIONS / n))
                ((i < n - 1)) || conns=$((CONNECTIONS - CONNECTIONS / n * (n - 1)))
                threads=$((n == 1 ? 2 : 1))
                ((threads <= conns)) || threads=$conns
                BENCH_KEY=$KEY BENCH_VIDEO_URL=$VIDEO_URL \
                    wrk -t"$threads" -c"$conns" -d"${secs}s" "$@" "${script[@]}" "${BASES[$i]}$path" >"$out.$i" 2>&1 &
                pids="$pids $!"
            done
            rc=0
            for p in $pids; do wait "$p" || rc=1; done
            exit $rc
        )
    } 2>"$out.time" || die "wrk failed: $(cat "$out".[0-9] 2>/dev/null | head -c 600)"
}

# Stats of one wrk output: "rps p50 p99 non_2xx_or_non_202 socket_errors requests ok_202".
wrk_stats() { # file route
    local f=$1 rps p50 p99 bad errors reqs ok
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$f")
    [[ -n $rps ]] || die "could not parse wrk output: $(head -c 600 "$f")"
    p50=$(awk '$1 == "50%" { print $2 }' "$f")
    p99=$(awk '$1 == "99%" { print $2 }' "$f")
    p50=$([[ -n $p50 ]] && to_ms "$p50" || echo n/a)
    p99=$([[ -n $p99 ]] && to_ms "$p99" || echo n/a)
    errors=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$f")
    reqs=$(awk '/requests in/ { print $1 }' "$f")
    if [[ $2 == submit ]]; then
        ok=$(awk '$1 == "submit-status" && $2 == 202 { print $3 }' "$f")
        bad=$(awk '$1 == "submit-status" && $2 != 202 { n += $3 } END { print n + 0 }' "$f")
    else
        ok=0
        bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$f")
    fi
    echo "$rps $p50 $p99 ${bad:-0} ${errors:-0} ${reqs:-0} ${ok:-0}"
}

# ---------------------------------------------------------------------------------------
# 2. Part 1: submissions per second.
make_clip "$WORK/clip.mp4" 320x180 2
make_clip "$WORK/tiny.mp4" 160x90 1

ROWS=()
STORED_ROWS=()
NOTES=()
declare -A CFG_LABEL=(
    [sqlite]='SQLite, 1 process (`all`)'
    [pg-1]='PostgreSQL, 1 `api` process'
    [pg-2]='PostgreSQL, 2 `api` processes'
)

# measure CFG ROUTE: warm-up, measured run, one table row.
measure() {
    local cfg=$1 route=$2 out="$WORK/wrk-$1-$2" n=${#BASES[@]} i ok stats
    log "$cfg $(route_label "$route"): $n wrk, $CONNECTIONS connections in all, ${WARMUP}s warm-up + ${DURATION}s"
    if ((WARMUP > 0)); then
        run_wrk "$route" "$WARMUP" "$out.warmup"
        if [[ $route == submit ]]; then
            for ((i = 0; i < n; i++)); do
                stats=$(wrk_stats "$out.warmup.$i" submit)
                read -r _ _ _ _ _ _ ok <<<"$stats"
                ACCEPTED=$((ACCEPTED + ok))
            done
            probe_submissions "$cfg, after the warm-up"
        fi
    fi
    all_alive
    local recut_before pg_before tot_before idle_before recut_after pg_after tot_after idle_after
    recut_before=$(proc_ticks "${PIDS[@]}")
    pg_before=$(pg_ticks)
    read -r tot_before idle_before _ < <(machine_jiffies)
    run_wrk "$route" "$DURATION" "$out" --latency
    recut_after=$(proc_ticks "${PIDS[@]}")
    pg_after=$(pg_ticks)
    read -r tot_after idle_after _ < <(machine_jiffies)
    all_alive

    local rps=0 bad=0 errors=0 reqs=0 p50s=() p99s=() r a b c e q ok stats
    for ((i = 0; i < n; i++)); do
        stats=$(wrk_stats "$out.$i" "$route")
        read -r r a b c e q ok <<<"$stats"
        rps=$(awk -v x="$rps" -v y="$r" 'BEGIN { print x + y }')
        p50s+=("$a") p99s+=("$b")
        bad=$((bad + c)) errors=$((errors + e)) reqs=$((reqs + q))
        if [[ $route == submit ]]; then
            ACCEPTED=$((ACCEPTED + ok))
            if ((c > 0)); then
                FAILURES+=("$cfg: wrk against ${BASES[$i]} got $c submissions answered other than 202")
                NOTES+=("$cfg, ${BASES[$i]}: $(awk '$1 == "submit-status" && $2 != 202 { printf "%s x%s ", $2, $3 }' "$out.$i")$(grep '^submit-first-error' "$out.$i" | cut -c20- | head -c 300)")
            fi
        fi
    done
    local p50_cell p99_cell max99
    if ((n == 1)); then
        p50_cell="${p50s[0]} ms" p99_cell="${p99s[0]} ms"
    else
        max99=$(printf '%s\n' "${p99s[@]}" | sort -g | tail -n 1)
        p50_cell="$(IFS=/; echo "${p50s[*]}" | sed 's|/| / |g') ms"
        p99_cell="**$max99 ms** ($(IFS=/; echo "${p99s[*]}" | sed 's|/| / |g'))"
    fi
    local wrk_user wrk_sys recut_cpu pg_cpu wrk_cpu idle_pct other ratio
    read -r wrk_user wrk_sys <"$out.time"
    recut_cpu=$(pct_of_core "$recut_before" "$recut_after")
    pg_cpu=$(pct_of_core "$pg_before" "$pg_after")
    [[ $cfg != sqlite ]] || pg_cpu="-"
    wrk_cpu=$(awk -v u="$wrk_user" -v s="$wrk_sys" -v d="$DURATION" 'BEGIN { printf "%.0f%%", (u + s) / d * 100 }')
    idle_pct=$(awk -v t0="$tot_before" -v t1="$tot_after" -v i0="$idle_before" -v i1="$idle_after" \
        'BEGIN { printf "%.0f", (i1 - i0) / (t1 - t0) * 100 }')
    # Everything else that ran: other processes (and PostgreSQL in the SQLite rows, which is
    # idle then), interrupts (loopback TCP).
    other=$(awk -v n="$NPROC" -v i="$idle_pct" -v a="${recut_cpu%\%}" -v p="${pg_cpu%\%}" -v b="${wrk_cpu%\%}" \
        'BEGIN { p += 0; o = n * 100 * (1 - i / 100) - a - p - b; if (o < 0) o = 0; printf "%.0f%%", o }')
    if [[ $route == healthz ]]; then
        HEALTHZ_RPS=$rps
        ratio="1.00"
    else
        ratio=$(awk -v a="$rps" -v b="$HEALTHZ_RPS" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }')
    fi
    ROWS+=("| ${CFG_LABEL[$cfg]} | $(route_label "$route") | $CONNECTIONS | $(fmt_int "$rps") | $ratio | $p50_cell | $p99_cell | $bad | $errors | $recut_cpu | $pg_cpu | $wrk_cpu | $other | $idle_pct% |")
    log "  -> $(fmt_int "$rps") req/s, p50 $p50_cell, p99 $p99_cell, non-2xx $bad, socket errors $errors, recut CPU $recut_cpu, PostgreSQL CPU $pg_cpu, wrk CPU $wrk_cpu, other $other, idle $idle_pct%"
    if [[ $route == submit ]]; then
        probe_submissions "$cfg, after the measured run"
    fi
}

stored_counts() { # cfg database_url data_dir -> "jobs queued debits"
    if [[ -z $2 ]]; then
        python3 - "$3/recut.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
q = lambda sql: db.execute(sql).fetchone()[0]
print(q("SELECT COUNT(*) FROM jobs"), q("SELECT COUNT(*) FROM jobs WHERE status = 'QUEUED'"),
      q("SELECT COUNT(*) FROM ledger WHERE kind = 'debit'"))
PY
    else
        psql "$2" -X -At -F ' ' -v ON_ERROR_STOP=1 -c "SELECT (SELECT COUNT(*) FROM jobs),
            (SELECT COUNT(*) FROM jobs WHERE status = 'QUEUED'), (SELECT COUNT(*) FROM ledger WHERE kind = 'debit')"
    fi
}

log_notes() { # cfg
    local problems
    problems=$(log_problems)
    if [[ -n $problems ]]; then
        NOTES+=("$1: $(wc -l <<<"$problems") WARN/ERROR lines in the server logs; the first: \`$(head -n 1 <<<"$problems" | cut -c1-300)\`")
        log "  $1: $(wc -l <<<"$problems") WARN/ERROR lines in the server logs, first 3:"
        head -n 3 <<<"$problems" | cut -c1-300 >&2
    fi
}

throughput_config() { # cfg
    local cfg=$1 data="$WORK/$1" db="" public="" n i port
    case $cfg in
        sqlite) n=1 ;;
        pg-1 | pg-2)
            n=${cfg#pg-}
            create_db "${cfg//-/}"
            db=$DB_URL
            ;;
    esac
    log "configuration $cfg: ${CFG_LABEL[$cfg]}"
    CFG_LOGS=()
    BASES=()
    for ((i = 0; i < n; i++)); do
        port=$(free_port)
        BASES+=("http://127.0.0.1:$port")
        # Every process of a configuration uses the first one's URL as public_url, so upload
        # URLs are the same whichever process checks them.
        if ((n > 1)); then public=${BASES[0]}; fi
        if [[ $cfg == sqlite ]]; then
            start_recut "$cfg" all "$port" "$data" "" "" 0
        else
            start_recut "$cfg-api$((i + 1))" api "$port" "$data" "$db" "$public" 0
        fi
    done
    key_and_upload "$data" "$db" "$WORK/clip.mp4"
    ACCEPTED=0
    probe_submissions "$cfg, first submission"
    log "  uploaded $VIDEO_URL; one submission through each process answered 202"
    measure "$cfg" healthz
    measure "$cfg" submit
    local jobs queued debits counts
    counts=$(stored_counts "$cfg" "$db" "$data")
    read -r jobs queued debits <<<"$counts"
    STORED_ROWS+=("| ${CFG_LABEL[$cfg]} | $(fmt_int "$ACCEPTED") | $(fmt_int "$jobs") | $(fmt_int "$queued") | $(fmt_int "$debits") |")
    log "  stored: $jobs jobs ($queued QUEUED), $debits debits, for $ACCEPTED submissions answered 202"
    if ((jobs < ACCEPTED)); then
        FAILURES+=("$cfg: the jobs table holds $jobs rows but $ACCEPTED submissions were answered 202")
    fi
    log_notes "$cfg"
    stop_all
}

throughput_config sqlite
throughput_config pg-1
throughput_config pg-2

# ---------------------------------------------------------------------------------------
# 3. Part 2: claim wait.
POLL_MS=$(env RECUT_WORKERS__CONCURRENCY="$CLAIM_CONCURRENCY" "$BIN" config --data-dir "$WORK/cfg" |
    awk '/^\[/ { w = ($0 == "[workers]") } w && $1 == "poll_interval_ms" { print $3 }')
[[ -n $POLL_MS ]] || die "could not read workers.poll_interval_ms from \`recut config\`"

cat >"$WORK/claim_client.py" <<'PY'
# Submits N jobs, at least INTERVAL_MS apart and only while fewer than MAX_IN_FLIGHT of them
# are unfinished, then waits until all are finished. Job states come from GET /v2/jobs/{id}.
import json, sys, time, urllib.error, urllib.request

base, key, video, n, interval_ms, max_in_flight, stall_s = sys.argv[1:8]
n, interval, max_in_flight, stall_s = int(n), int(interval_ms) / 1000, int(max_in_flight), float(stall_s)
TERMINAL = {"COMPLETED", "FAILED", "CANCELLED"}
body = json.dumps({"model": "topaz-video-upscale",
                   "topazVideoParams": {"video": video, "target_resolution": "720p", "target_fps": 30}}).encode()

def call(method, path, data=None):
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"X-API-Key": key, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()

def fail(msg):
    print(f"claim client: {msg}", file=sys.stderr)
    sys.exit(1)

outstanding, final = set(), {}
last_change = time.monotonic()

def refresh():
    global last_change
    for jid in list(outstanding):
        code, resp = call("GET", f"/v2/jobs/{jid}")
        if code != 200:
            fail(f"GET /v2/jobs/{jid} answered {code}: {resp[:300]!r}")
        status = json.loads(resp)["status"]
        if status in TERMINAL:
            outstanding.discard(jid)
            final[jid] = status
            last_change = time.monotonic()
    if time.monotonic() - last_change > stall_s:
        fail(f"no job finished for {stall_s:.0f} s ({len(outstanding)} unfinished)")

next_at = time.monotonic()
gated = 0
for i in range(n):
    refresh()
    if len(outstanding) >= max_in_flight:
        gated += 1
        while len(outstanding) >= max_in_flight:
            time.sleep(0.05)
            refresh()
    delay = next_at - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    code, resp = call("POST", "/v2/videos/upscale", body)
    if code != 202:
        fail(f"submission {i + 1} answered {code}: {resp[:300]!r}")
    outstanding.add(json.loads(resp)["jobId"])
    last_change = time.monotonic()
    next_at = last_change + interval
    if (i + 1) % 10 == 0 or i + 1 == n:
        print(f"claim client: {i + 1}/{n} submitted, {len(final)} finished", file=sys.stderr)
while outstanding:
    time.sleep(0.1)
    refresh()
counts = {}
for s in final.values():
    counts[s] = counts.get(s, 0) + 1
print(f"claim client: all {n} finished: {counts}; {gated} submissions waited for a free worker slot",
      file=sys.stderr)
PY

# Reads "created|started|finished|status" rows (unix ms) and prints one Markdown table row.
cat >"$WORK/claim_stats.py" <<'PY'
import math, sys

label, workers, expected = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = []
for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    c, s, f, status = line.split("|")
    rows.append((int(c), int(s) if s else None, int(f) if f else None, status))

def pct(xs, p):  # nearest rank
    xs = sorted(xs)
    return xs[max(0, math.ceil(p * len(xs)) - 1)]

waits = [s - c for c, s, _, _ in rows if s is not None]
runs = [f - s for _, s, f, st in rows if s is not None and f is not None and st in ("COMPLETED", "FAILED")]
by = {}
for r in rows:
    by[r[3]] = by.get(r[3], 0) + 1
# For each job: how many other jobs were running (claimed, not finished) or queued ahead
# (created earlier, not yet claimed) at the moment it was created.
busy = queued = 0
for i, (c, _, _, _) in enumerate(rows):
    others = [r for j, r in enumerate(rows) if j != i]
    b = sum(1 for c2, s2, f2, _ in others if s2 is not None and s2 <= c and (f2 is None or f2 > c))
    q = sum(1 for c2, s2, _, _ in others if c2 <= c and (s2 is None or s2 > c))
    busy, queued = max(busy, b), max(queued, q)
other = len(rows) - by.get("COMPLETED", 0) - by.get("FAILED", 0)
ms = lambda v: f"{v:,} ms"
if not waits:
    print(f"| {label} | {workers} | {len(rows)} | {by.get('COMPLETED', 0)} | {by.get('FAILED', 0)} | {other} | n/a | n/a | n/a | n/a | n/a | n/a | {busy} of {workers} | {queued} |")
else:
    print(f"| {label} | {workers} | {len(rows)} | {by.get('COMPLETED', 0)} | {by.get('FAILED', 0)} | {other} | "
          f"{ms(min(waits))} | {ms(pct(waits, .5))} | {ms(pct(waits, .9))} | {ms(pct(waits, .99))} | {ms(max(waits))} | "
          f"{ms(pct(runs, .5)) if runs else 'n/a'} | {busy} of {workers} | {queued} |")
if len(rows) != expected:
    print(f"expected {expected} jobs in the database, found {len(rows)}", file=sys.stderr)
    sys.exit(2)
if other:
    print(f"{other} jobs neither COMPLETED nor FAILED: {by}", file=sys.stderr)
    sys.exit(3)
PY

CLAIM_ROWS=()
claim_config() { # cfg
    local cfg=$1 data="$WORK/claim-$1" db="" port label
    log "claim wait, $cfg: $CLAIM_JOBS jobs, at least ${CLAIM_INTERVAL_MS} ms apart, at most $CLAIM_MAX_IN_FLIGHT unfinished, workers.concurrency $CLAIM_CONCURRENCY"
    CFG_LOGS=()
    BASES=()
    port=$(free_port)
    BASES+=("http://127.0.0.1:$port")
    if [[ $cfg == sqlite ]]; then
        label='SQLite, 1 `all` process (in-process wake-up)'
        start_recut "claim-$cfg" all "$port" "$data" "" "" "$CLAIM_CONCURRENCY"
    else
        label='PostgreSQL, 1 `api` + 1 `worker` process (LISTEN/NOTIFY)'
        create_db claim
        db=$DB_URL
        start_recut "claim-$cfg-api" api "$port" "$data" "$db" "" 0
        start_recut "claim-$cfg-worker" worker "$(free_port)" "$data" "$db" "${BASES[0]}" "$CLAIM_CONCURRENCY"
    fi
    key_and_upload "$data" "$db" "$WORK/tiny.mp4"
    python3 "$WORK/claim_client.py" "${BASES[0]}" "$KEY" "$VIDEO_URL" "$CLAIM_JOBS" "$CLAIM_INTERVAL_MS" \
        "$CLAIM_MAX_IN_FLIGHT" "$CLAIM_STALL_S" &
    CLIENT_PID=$!
    wait "$CLIENT_PID" || die "claim wait, $cfg: the client failed (above)"
    CLIENT_PID=""
    all_alive
    local rows row
    if [[ -z $db ]]; then
        rows=$(python3 - "$data/recut.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
for r in db.execute("SELECT created_at, started_at, COALESCE(completed_at, updated_at), status FROM jobs"):
    print("|".join("" if v is None else str(v) for v in r))
PY
        )
    else
        rows=$(psql "$db" -X -At -v ON_ERROR_STOP=1 \
            -c "SELECT created_at, started_at, COALESCE(completed_at, updated_at), status FROM jobs")
    fi
    row=$(python3 "$WORK/claim_stats.py" "$label" "$CLAIM_CONCURRENCY" "$CLAIM_JOBS" <<<"$rows") || {
        [[ -z $row ]] || CLAIM_ROWS+=("$row")
        FAILURES+=("claim wait, $cfg: the jobs in the database do not match (see the log)")
        log_notes "claim-$cfg"
        stop_all
        return 0
    }
    CLAIM_ROWS+=("$row")
    log "  -> $row"
    log_notes "claim-$cfg"
    stop_all
}

claim_config sqlite
claim_config pg

# ---------------------------------------------------------------------------------------
# 4. The report.
COMMIT=$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$ROOT" status --porcelain --untracked-files=no -- crates Cargo.toml Cargo.lock 2>/dev/null) ]]; then
    DIFF_HASH=$(git -C "$ROOT" diff HEAD -- crates Cargo.toml Cargo.lock | sha256sum | cut -c1-12)
    COMMIT="$COMMIT + uncommitted changes in crates/ (diff sha256 $DIFF_HASH)"
fi
CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM_GIB=$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
FS=$(df -PT "$WORK" | awk 'NR == 2 { print $2 " on " $1 }')
HALF=$((CONNECTIONS / 2))

cat <<EOF
### Scale-out run of $(date -u '+%Y-%m-%d %H:%M UTC')

- Binary: \`$BIN\` ($("$BIN" --version 2>/dev/null || echo 'recut')), built $(date -u -r "$BIN" '+%Y-%m-%d %H:%M UTC'); workspace when this ran: $COMMIT
- Machine: $NPROC CPUs (nproc) $CPU_MODEL, ${MEM_GIB} GiB RAM, recut data dirs on $FS, kernel $(uname -r), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)
- Database: $PG_INFO; SQLite in the data dir
- Load: wrk $(wrk -v 2>&1 | awk 'NR == 1 { print $2 }') on the same machine over loopback, $CONNECTIONS connections per configuration: one process gets one wrk -t2 -c$CONNECTIONS; two processes get two wrk -t1 -c$HALF running at the same time, one per process (requests/s summed, p50 and p99 of each shown, the larger p99 in bold). ${WARMUP} s warm-up, then ${DURATION} s measured per row
- Servers: workers paused (concurrency 0), rate limit 1e9/s, max queue depth 10,000,000, RUST_LOG=warn; the two API processes share one database, one data dir and one public_url

#### Durable submissions

| configuration | route | connections | requests/s | ratio to /healthz | p50 | p99 | non-2xx | socket errors | recut CPU | PostgreSQL CPU | wrk CPU | other | idle |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
$(printf '%s\n' "${ROWS[@]}")

CPU columns: share of one core over the measured window (the machine has $NPROC, so $((NPROC * 100))% is all of it). recut is every API process of the configuration; PostgreSQL is the postmaster and all its backends; "other" is the rest of the busy time (other processes on the machine, interrupt time such as loopback TCP); idle includes iowait. For submissions non-2xx counts every status other than 202.

Stored rows, counted in each configuration's database after its runs:

| configuration | submissions answered 202 | jobs rows | QUEUED | debit ledger rows |
|---|---|---|---|---|
$(printf '%s\n' "${STORED_ROWS[@]}")

202s include wrk's (warm-ups too) and the single curl submissions through every process before the runs and after each submission run. A few more rows than 202s is expected: requests in flight when wrk stops are committed, but their answers are never read.

#### Claim wait: from submission to the first claim by a worker

| configuration | workers.concurrency | jobs | COMPLETED | FAILED | other | min | p50 | p90 | p99 | max | job run time p50 | workers busy when a job was submitted (max) | jobs queued ahead of it (max) |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
$(printf '%s\n' "${CLAIM_ROWS[@]}")

Wait = \`started_at - created_at\` of each job, from the database (unix ms; created_at is taken in the submitting transaction, before its commit; started_at when a worker first claims the job), so it covers the commit, the wake-up and the claim query. $CLAIM_JOBS submissions of a 1 s 160x90 clip (topaz-video-upscale to 720p30), one at a time, at least $CLAIM_INTERVAL_MS ms apart and only while fewer than $CLAIM_MAX_IN_FLIGHT of them were unfinished, so an idle worker slot was always waiting (the last two columns check that from the database). Percentiles are nearest-rank over all jobs. Workers also poll for jobs every **workers.poll_interval_ms = $POLL_MS ms** as a fallback: waits well below that come from the wake-up (LISTEN/NOTIFY on PostgreSQL, the in-process notification on SQLite), not from polling.
EOF
if ((${#NOTES[@]})); then
    echo
    echo "Notes:"
    printf -- '- %s\n' "${NOTES[@]}"
fi
if ((${#FAILURES[@]})); then
    echo
    echo "**Failed checks:**"
    printf -- '- %s\n' "${FAILURES[@]}"
    die "$(printf '%s; ' "${FAILURES[@]}")"
fi
log "done"
