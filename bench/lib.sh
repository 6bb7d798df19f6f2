# Helpers shared by the benchmark scripts (bench/load.sh, bench/scale.sh). Sourced, not run;
# the caller defines log and die, and sets ROOT to the repository root.

# Builds the release binary and prints its absolute path.
build_recut() {
    log "building: cargo build --release -p recut (may wait on the shared target dir lock)"
    (cd "$ROOT" && cargo build --release -p recut >&2)
    local target_dir
    target_dir=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    echo "$target_dir/release/recut"
}

# The absolute path of an executable, or die.
absolute_bin() {
    [[ -x $1 ]] || die "no executable at $1"
    echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
}

# wrk prints latencies as 12.34us / 1.23ms / 1.50s / 1.00m; this prints milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n = n / 1000; else if (u == "s") n = n * 1000; else if (u == "m") n = n * 60000
        if (n < 1) printf "%.3f", n; else if (n < 100) printf "%.2f", n; else printf "%.0f", n
    }'
}

# CPU ticks (utime + stime) used so far by processes; fields counted after the ") " that ends
# the command name (which may hold spaces).
proc_ticks() {
    local pid s=0 t
    for pid in "$@"; do
        t=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }') || t=0
        s=$((s + ${t:-0}))
    done
    echo "$s"
}

# "total idle irq" jiffies of the whole machine: idle includes iowait; irq is hard + soft
# interrupt time, which is where loopback TCP is mostly processed and which is charged to
# no process.
machine_jiffies() {
    awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print t, $5 + $6, $7 + $8 }' /proc/stat
}

# 12345.6 -> 12,346
fmt_int() {
    awk -v v="$1" 'BEGIN { s = sprintf("%.0f", v); o = ""
        while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) }
        print s o }'
}

json_field() { python3 -c 'import json, sys; print(json.loads(sys.stdin.read())[sys.argv[1]])' "$1"; }

route_label() {
    case $1 in
        healthz) echo 'GET /healthz' ;;
        submit) echo 'POST /v2/videos/upscale' ;;
        job) echo 'GET /v2/jobs/{id}' ;;
    esac
}
