#!/usr/bin/env bash
# API load benchmark for issue 2: durable job submissions and job reads, measured side by
# side with a trivial route of the same server as the baseline.
#
#   bench/load.sh                      # builds target/release/recut, runs, prints Markdown
#   RECUT_BIN=/path/to/recut bench/load.sh > results.md
#
# Knobs (environment):
#   RECUT_BIN     use this binary instead of `cargo build --release -p recut`
#   CONNECTIONS   wrk connection counts to try, space separated (default "1 4 16 64 256")
#   THREADS       wrk threads (default 2; never more than the connection count)
#   DURATION      measured seconds per route and connection count (default 15)
#   WARMUP        warm-up seconds before each measurement, not counted (default 3)
#   ROUTES        subset of "healthz submit job" (default all three, in that order)
#   FSYNC_PROBE   1 (default) measures the disk's write+fsync cost and SQLite commit rates
#                 before the server starts; 0 skips it
#   KEEP_TMP      1 keeps the temp dir (data dir, server log, raw wrk output) for inspection
#
# What it does: starts `recut serve` on a free loopback port with a fresh data dir, workers
# paused, the rate limiter effectively off and a huge queue limit; creates a key with huge
# credits; uploads a 2 s clip made with ffmpeg; submits one job with curl (its id is the one
# the job-read benchmark reads); then for each connection count runs wrk against
#   healthz  GET  /healthz                  (baseline: routing + JSON, no auth, no DB)
#   submit   POST /v2/videos/upscale        (auth + upload lookup + a durable write)
#   job      GET  /v2/jobs/{id}             (auth + one primary-key read)
# and prints a Markdown report on stdout (progress goes to stderr). Submissions count only
# 202 as success (bench/submit.lua counts every other status). At the end it counts the rows
# of the jobs table to show the 202s were really stored. After every submission run one more
# submission is sent with curl; if the server's write path broke (docs/benchmarks.md, "Bug"),
# the report says so and the server is restarted on the same port and data dir.
#
# Everything stays on 127.0.0.1. The server and the temp dir are removed on exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)

CONNECTIONS=${CONNECTIONS:-"1 4 16 64 256"}
THREADS=${THREADS:-2}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-3}
ROUTES=${ROUTES:-"healthz submit job"}
FSYNC_PROBE=${FSYNC_PROBE:-1}
KEEP_TMP=${KEEP_TMP:-0}
BIN=${RECUT_BIN:-}

# Targets from issue 2.
SUBMIT_TARGET_RPS=2000
SUBMIT_TARGET_P99_MS=20
READ_TARGET_RPS=20000

log() { printf '[load.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

for tool in wrk ffmpeg curl python3 awk; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
done

# The server reads every RECUT_* variable as a config key and refuses unknown ones (RECUT_BIN
# would become the key `bin`), so the benchmark's server sees only the variables set below.
while read -r name; do
    unset "$name"
done < <(compgen -e | grep '^RECUT_' || true)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/recut-load.XXXXXX")
SERVER_PID=""

cleanup() {
    local rc=$?
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ $rc -ne 0 && -f $WORK/server.log ]]; then
        log "server log (last 20 lines):"
        tail -n 20 "$WORK/server.log" >&2 || true
    fi
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
# 1. The binary.
[[ -n $BIN ]] || BIN=$(build_recut)
BIN=$(absolute_bin "$BIN")

# ---------------------------------------------------------------------------------------
# Helpers.

CLK_TCK=$(getconf CLK_TCK)
NPROC=$(nproc)

# ---------------------------------------------------------------------------------------
# Optional: what one durable commit costs on this disk, measured where the data dir lives.
FSYNC_REPORT=""
if [[ $FSYNC_PROBE == 1 ]]; then
    log "probing write+fsync and SQLite commit cost in $WORK"
    FSYNC_REPORT=$(python3 - "$WORK" <<'PY'
import os, sqlite3, statistics, sys, time

d = sys.argv[1]

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]

def sync_loop(fn, n=1000):
    path = os.path.join(d, "fsync.probe")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    block = os.urandom(4096)
    ts = []
    try:
        for _ in range(n):
            t0 = time.perf_counter()
            os.write(fd, block)
            fn(fd)
            ts.append(time.perf_counter() - t0)
    finally:
        os.close(fd)
        os.unlink(path)
    return ts

def sqlite_loop(sync, seconds=3.0):
    path = os.path.join(d, f"probe-{sync}.db")
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA synchronous={sync}")
    db.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT NOT NULL)")
    body = "x" * 2500  # about the size of a stored job row (input + spec with the probe)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO t VALUES (?, ?)", (os.urandom(16).hex(), body))
        db.execute("COMMIT")
        n += 1
    rate = n / (time.perf_counter() - start)
    db.close()
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(path + suffix)
        except FileNotFoundError:
            pass
    return rate

rows = []
for name, fn in (("write 4 KiB + fdatasync", os.fdatasync), ("write 4 KiB + fsync", os.fsync)):
    ts = sync_loop(fn)
    med = statistics.median(ts) * 1000
    rows.append(f"| {name} | {med:.3f} ms | {pct(ts, 0.99) * 1000:.3f} ms | {1000 / med:,.0f}/s |")
full = sqlite_loop("FULL")
normal = sqlite_loop("NORMAL")
print("| probe | median | p99 | ops/s at the median |")
print("|---|---|---|---|")
print("\n".join(rows))
print()
print(f"Single-connection SQLite (WAL) insert+commit of a 2.5 KB row, one row per transaction: "
      f"synchronous=FULL {full:,.0f} commits/s, synchronous=NORMAL {normal:,.0f} commits/s.")
PY
)
fi

# ---------------------------------------------------------------------------------------
# 2. The server.
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
export RECUT_DATA_DIR="$WORK/data"
export RECUT_LISTEN="127.0.0.1:$PORT"
export RECUT_WORKERS__CONCURRENCY=0
export RECUT_RATE_LIMIT__PER_SECOND=1e9
export RECUT_RATE_LIMIT__BURST=1e9
export RECUT_LIMITS__MAX_QUEUE_DEPTH=10000000
export RUST_LOG=warn

start_server() {
    "$BIN" serve >>"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for i in $(seq 1 300); do
        if curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null; then
            return 0
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited during start-up"
        [[ $i -lt 300 ]] || die "no answer from $BASE/healthz after 30 s"
        sleep 0.1
    done
}

stop_server() {
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

log "starting $BIN serve on $BASE (data dir $RECUT_DATA_DIR)"
start_server

# ---------------------------------------------------------------------------------------
# 3. Key, clip, upload, one submission.

CREATED=$("$BIN" admin create-key --team bench --email bench@example.invalid --credits 1000000000000) ||
    die "\`recut admin create-key\` failed (its error is above)"
KEY=$(json_field apiKey <<<"$CREATED")
[[ $KEY == afk_* ]] || die "could not read an API key from: $CREATED"

ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i testsrc2=size=320x180:rate=30:duration=2 \
    -f lavfi -i sine=frequency=440:sample_rate=48000:duration=2 \
    -c:v libx264 -pix_fmt yuv420p -c:a aac -b:a 64k -shortest -movflags +faststart \
    "$WORK/clip.mp4"

UPLOAD=$(curl -sS -w '\n%{http_code}' -F "file=@$WORK/clip.mp4" -H "X-API-Key: $KEY" "$BASE/v2/uploads")
UPLOAD_CODE=$(tail -n 1 <<<"$UPLOAD")
[[ $UPLOAD_CODE == 2* ]] || die "upload answered $UPLOAD_CODE: $(head -n 1 <<<"$UPLOAD")"
VIDEO_URL=$(head -n 1 <<<"$UPLOAD" | json_field url)
log "uploaded clip: $VIDEO_URL"

SUBMIT_BODY='{"model":"topaz-video-upscale","topazVideoParams":{"video":"'"$VIDEO_URL"'","target_resolution":"720p","target_fps":30}}'
FIRST=$(curl -sS -w '\n%{http_code}' -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
    --data "$SUBMIT_BODY" "$BASE/v2/videos/upscale")
[[ $(tail -n 1 <<<"$FIRST") == 202 ]] || die "first submission answered $(tail -n 1 <<<"$FIRST"): $(head -n 1 <<<"$FIRST")"
JOB_ID=$(head -n 1 <<<"$FIRST" | json_field jobId)
ACCEPTED_TOTAL=1
READ=$(curl -sS -o /dev/null -w '%{http_code}' -H "X-API-Key: $KEY" "$BASE/v2/jobs/$JOB_ID")
[[ $READ == 200 ]] || die "GET /v2/jobs/$JOB_ID answered $READ"
log "job for the read benchmark: $JOB_ID"

# ---------------------------------------------------------------------------------------
# 4. wrk runs.

# Context switches of the server (all its threads, including ones that start and end during
# the window), counted by `perf stat` when perf is installed and allowed; "n/a" otherwise.
PERF=""
if command -v perf >/dev/null && perf stat -e context-switches -o /dev/null -- true >/dev/null 2>&1; then
    PERF=perf
fi
start_ctxsw() {
    CTXSW_PID=""
    [[ -n $PERF ]] || return 0
    perf stat -x, -e context-switches -p "$SERVER_PID" -o "$1" -- sleep "$DURATION" >/dev/null 2>&1 &
    CTXSW_PID=$!
}
# Call in the main shell (not in $(...)): only the parent can wait for perf.
wait_ctxsw() {
    if [[ -n ${CTXSW_PID:-} ]]; then
        wait "$CTXSW_PID" 2>/dev/null || true
    fi
}
ctxsw_per_request() { # file requests
    if [[ -z ${CTXSW_PID:-} ]]; then
        echo "n/a"
        return 0
    fi
    awk -F, -v n="$2" '$3 == "context-switches" && $1 ~ /^[0-9]+$/ && n > 0 { printf "%.1f", $1 / n; found = 1 }
        END { if (!found) print "n/a" }' "$1"
}

# After a submission run: does one more submission still get its 202? wrk closes its
# connections with requests in flight when it stops; if the server's write path does not
# survive that (see docs/benchmarks.md), every later submission fails. Then the server is
# restarted on the same port and data dir, so the runs after it still measure something,
# and the report says so.
WEDGES=()
check_submit_path() {
    local after=$1 code
    code=$(curl -sS -o "$WORK/probe.json" -w '%{http_code}' -H "X-API-Key: $KEY" \
        -H 'Content-Type: application/json' --data "$SUBMIT_BODY" "$BASE/v2/videos/upscale")
    if [[ $code == 202 ]]; then
        ACCEPTED_TOTAL=$((ACCEPTED_TOTAL + 1))
        return 0
    fi
    local why
    why=$({ grep -o 'store: [^"]*\|answering 5[0-9][0-9] [^"]*' "$WORK/server.log" || true; } |
        tail -n 1 | sed 's/\x1b\[[0-9;]*m//g' | cut -c1-200)
    log "  !! after $after a single submission answered $code ($why); restarting the server"
    WEDGES+=("after $after: a submission answered $code, last server error in the log: \`${why:-none}\`")
    stop_server
    start_server
}

declare -A HEALTHZ_RPS=()
ROWS=()
BEST_SUBMIT="" BEST_SUBMIT_RPS=0
BEST_SUBMIT_OK="" BEST_SUBMIT_OK_RPS=0
BEST_READ="" BEST_READ_RPS=0
SUBMIT_STATUS_NOTES=()

wrk_args() { # route -> url and extra wrk arguments, one per line
    case $1 in
        healthz) printf '%s\n' "$BASE/healthz" ;;
        submit) printf '%s\n' -s "$BENCH_DIR/submit.lua" "$BASE/v2/videos/upscale" ;;
        job) printf '%s\n' -H "X-API-Key: $KEY" "$BASE/v2/jobs/$JOB_ID" ;;
        *) die "unknown route $1" ;;
    esac
}

gt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

for conns in $CONNECTIONS; do
    threads=$THREADS
    ((threads <= conns)) || threads=$conns
    for route in $ROUTES; do
        mapfile -t args < <(wrk_args "$route")
        out="$WORK/wrk-$route-c$conns.txt"
        log "$(route_label "$route"): -t$threads -c$conns, ${WARMUP}s warm-up + ${DURATION}s"
        BENCH_KEY=$KEY BENCH_VIDEO_URL=$VIDEO_URL \
            wrk -t"$threads" -c"$conns" -d"${WARMUP}s" "${args[@]}" >"$out.warmup" 2>&1
        if [[ $route == submit ]]; then
            warm_ok=$(awk '$1 == "submit-status" && $2 == 202 { print $3 }' "$out.warmup")
            ACCEPTED_TOTAL=$((ACCEPTED_TOTAL + ${warm_ok:-0}))
            check_submit_path "the -c$conns warm-up"
        fi
        start_ctxsw "$out.perf"
        server_before=$(proc_ticks "$SERVER_PID")
        read -r tot_before idle_before irq_before < <(machine_jiffies)
        TIMEFORMAT='%U %S'
        { time BENCH_KEY=$KEY BENCH_VIDEO_URL=$VIDEO_URL \
            wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency "${args[@]}" >"$out" 2>&1; } 2>"$out.time"
        server_after=$(proc_ticks "$SERVER_PID")
        read -r tot_after idle_after irq_after < <(machine_jiffies)
        kill -0 "$SERVER_PID" 2>/dev/null || die "the server died during the $route run"

        rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
        [[ -n $rps ]] || die "could not parse wrk output: $(cat "$out")"
        p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
        p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
        errors=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out")
        errors=${errors:-0}
        if [[ $route == submit ]]; then
            ok=$(awk '$1 == "submit-status" && $2 == 202 { print $3 }' "$out")
            ACCEPTED_TOTAL=$((ACCEPTED_TOTAL + ${ok:-0}))
            bad=$(awk '$1 == "submit-status" && $2 != 202 { n += $3 } END { print n + 0 }' "$out")
            if [[ $bad != 0 ]]; then
                SUBMIT_STATUS_NOTES+=("-c$conns: $(awk '$1 == "submit-status" && $2 != 202 { printf "%s x%s ", $2, $3 }' "$out")$(grep '^submit-first-error' "$out" | cut -c20- | head -c 300)")
            fi
        else
            bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
            bad=${bad:-0}
        fi
        read -r wrk_user wrk_sys <"$out.time"
        server_cpu=$(awk -v a="$server_before" -v b="$server_after" -v hz="$CLK_TCK" -v d="$DURATION" \
            'BEGIN { printf "%.0f%%", (b - a) / hz / d * 100 }')
        wrk_cpu=$(awk -v u="$wrk_user" -v s="$wrk_sys" -v d="$DURATION" 'BEGIN { printf "%.0f%%", (u + s) / d * 100 }')
        idle_pct=$(awk -v t0="$tot_before" -v t1="$tot_after" -v i0="$idle_before" -v i1="$idle_after" \
            'BEGIN { printf "%.0f", (i1 - i0) / (t1 - t0) * 100 }')
        irq=$(awk -v t0="$tot_before" -v t1="$tot_after" -v i0="$irq_before" -v i1="$irq_after" -v n="$NPROC" \
            'BEGIN { printf "%.0f%%", (i1 - i0) / (t1 - t0) * 100 * n }')
        # Everything else on the machine (other processes, e.g. someone's build): all CPUs
        # minus idle, interrupts, server and wrk.
        other=$(awk -v n="$NPROC" -v i="$idle_pct" -v a="${server_cpu%\%}" -v b="${wrk_cpu%\%}" -v q="${irq%\%}" \
            'BEGIN { o = n * 100 * (1 - i / 100) - a - b - q; if (o < 0) o = 0; printf "%.0f%%", o }')
        total_reqs=$(awk '/requests in/ { print $1 }' "$out")
        wait_ctxsw
        ctxsw=$(ctxsw_per_request "$out.perf" "$total_reqs")
        # Server CPU time per request, in microseconds.
        cpu_us=$(awk -v a="$server_before" -v b="$server_after" -v hz="$CLK_TCK" -v n="$total_reqs" \
            'BEGIN { if (n > 0) printf "%.0f", (b - a) / hz / n * 1e6; else print "n/a" }')
        idle="$idle_pct%"

        if [[ $route == healthz ]]; then
            HEALTHZ_RPS[$conns]=$rps
            ratio="1.00"
        elif [[ -n ${HEALTHZ_RPS[$conns]:-} ]]; then
            ratio=$(awk -v a="$rps" -v b="${HEALTHZ_RPS[$conns]}" 'BEGIN { printf "%.3f", a / b }')
        else
            ratio="n/a"
        fi
        rps_fmt=$(fmt_int "$rps")
        ROWS+=("| $(route_label "$route") | $conns | $rps_fmt | $ratio | $p50 ms | $p99 ms | $bad | $errors | $server_cpu | $wrk_cpu | $irq | $other | $idle | $cpu_us µs | $ctxsw |")
        log "  -> $rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx $bad, socket errors $errors, server CPU $server_cpu ($cpu_us us/req, $ctxsw ctx switches/req), wrk CPU $wrk_cpu, softirq $irq, other $other, idle $idle"
        if [[ $route == submit ]]; then
            check_submit_path "the measured -c$conns run"
        fi

        label="-c$conns: $rps_fmt/s, p99 $p99 ms"
        if [[ $route == submit ]]; then
            if gt "$rps" "$BEST_SUBMIT_RPS"; then BEST_SUBMIT_RPS=$rps BEST_SUBMIT=$label; fi
            if lt "$p99" "$SUBMIT_TARGET_P99_MS" && [[ $bad == 0 && $errors == 0 ]] && gt "$rps" "$BEST_SUBMIT_OK_RPS"; then
                BEST_SUBMIT_OK_RPS=$rps BEST_SUBMIT_OK=$label
            fi
        elif [[ $route == job ]]; then
            if gt "$rps" "$BEST_READ_RPS"; then BEST_READ_RPS=$rps BEST_READ=$label; fi
        fi
    done
done

# ---------------------------------------------------------------------------------------
# 5. Stored rows, then the report.
DB_COUNTS=$(python3 - "$RECUT_DATA_DIR/recut.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
jobs = db.execute("SELECT COUNT(*) FROM jobs").fetchone()[0]
queued = db.execute("SELECT COUNT(*) FROM jobs WHERE status = 'QUEUED'").fetchone()[0]
debits = db.execute("SELECT COUNT(*) FROM ledger WHERE kind = 'debit'").fetchone()[0]
print(jobs, queued, debits)
PY
)
read -r JOB_ROWS QUEUED_ROWS DEBIT_ROWS <<<"$DB_COUNTS"
DB_BYTES=$(du -cb "$RECUT_DATA_DIR"/recut.db* | awk 'END { print $1 }')

COMMIT=$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$ROOT" status --porcelain --untracked-files=no -- crates Cargo.toml Cargo.lock 2>/dev/null) ]]; then
    DIFF_HASH=$(git -C "$ROOT" diff HEAD -- crates Cargo.toml Cargo.lock | sha256sum | cut -c1-12)
    COMMIT="$COMMIT + uncommitted changes in crates/ (diff sha256 $DIFF_HASH)"
fi
CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM_GIB=$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
FS=$(df -PT "$WORK" | awk 'NR == 2 { print $2 " on " $1 }')

verdict() { if "$@"; then echo "**met**"; else echo "**not met**"; fi; }
submit_rps_met() { gt "$BEST_SUBMIT_OK_RPS" $((SUBMIT_TARGET_RPS - 1)); }
read_rps_met() { gt "$BEST_READ_RPS" $((READ_TARGET_RPS - 1)); }

cat <<EOF
### Run of $(date -u '+%Y-%m-%d %H:%M UTC')

- Binary: \`$BIN\` ($("$BIN" --version 2>/dev/null || echo 'recut')), built $(date -u -r "$BIN" '+%Y-%m-%d %H:%M UTC'); workspace when this ran: $COMMIT
- Machine: $NPROC CPUs (nproc) $CPU_MODEL, ${MEM_GIB} GiB RAM, data dir on $FS, kernel $(uname -r)
- Load: wrk $(wrk -v 2>&1 | awk 'NR == 1 { print $2 }') on the same machine over loopback, -t$THREADS (fewer if fewer connections), ${WARMUP} s warm-up then ${DURATION} s measured per row
- Server: workers paused, rate limit 1e9/s, max queue depth 10,000,000, RUST_LOG=warn

| route | connections | requests/s | ratio to /healthz | p50 | p99 | non-2xx | socket errors | server CPU | wrk CPU | softirq | other | idle | server CPU per request | server context switches per request |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
$(printf '%s\n' "${ROWS[@]}")

CPU columns: share of one core over the measured window (the machine has $NPROC, so $((NPROC * 100))% is all of it); softirq is interrupt time charged to no process (mostly loopback TCP for both sides); "other" is everything else that ran (other processes on the machine); idle includes iowait. Per-request figures divide the server's CPU time and its context switches (all threads, counted with \`perf stat\` over the measured window) by the requests wrk completed. For submissions, non-2xx counts every status other than 202.
EOF
if ((${#WEDGES[@]})); then
    echo
    echo "**The server's write path broke during this run** and was restarted (same port and data dir) each time:"
    printf -- '- %s\n' "${WEDGES[@]}"
fi
if ((${#SUBMIT_STATUS_NOTES[@]})); then
    echo
    echo "Submission statuses other than 202:"
    printf -- '- %s\n' "${SUBMIT_STATUS_NOTES[@]}"
fi
cat <<EOF

Stored: the jobs table holds **$JOB_ROWS rows** ($QUEUED_ROWS QUEUED, $DEBIT_ROWS debit ledger rows) for **$ACCEPTED_TOTAL submissions answered 202** (by wrk, warm-ups included, and by the single curl submissions before and after each wrk run; a few more rows than 202s is expected: requests still in flight when wrk stops are committed but their answer is never read). Database files: $(awk -v b="$DB_BYTES" 'BEGIN { printf "%.1f MB", b / 1e6 }').

Targets (issue 2):
- Submissions >= $SUBMIT_TARGET_RPS/s with p99 < $SUBMIT_TARGET_P99_MS ms: $(verdict submit_rps_met). Best overall ${BEST_SUBMIT:-none}; best with p99 < $SUBMIT_TARGET_P99_MS ms and no errors ${BEST_SUBMIT_OK:-none}.
- Job reads >= $READ_TARGET_RPS/s: $(verdict read_rps_met). Best ${BEST_READ:-none}.
EOF
if [[ -n $FSYNC_REPORT ]]; then
    cat <<EOF

Durable-write cost of this disk (in the data dir's file system, before the server started):

$FSYNC_REPORT
EOF
fi
if ((JOB_ROWS < ACCEPTED_TOTAL)); then
    die "the jobs table has $JOB_ROWS rows but $ACCEPTED_TOTAL submissions were answered 202"
fi
