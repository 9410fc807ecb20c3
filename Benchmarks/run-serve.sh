#!/usr/bin/env bash
# `ahsct serve` under load beside nginx serving the same feed bytes as a static file, in one run:
# wrk against each, for the full answer (200) and the revalidation (If-None-Match -> 304), then a table with
# requests per second, p99 latency, ahsct/nginx per path, ahsct's peak RSS and the targets (PASS/MISS).
# ahsct runs twice side by side: as it comes (access log on standard error, here to a file) and --no-access-log.
#
#   bash Benchmarks/run-serve.sh                      # wrk -t2 -c32 -d20s per server and path
#   SERVE_SECONDS=5 bash Benchmarks/run-serve.sh      # a short run
#   AHSCT=path/to/ahsct bash Benchmarks/run-serve.sh  # use that binary instead of building one
#
# Other knobs: THREADS (2), CONNECTIONS (32), NGINX_WORKERS (auto), FEED_PATIENT (P-0001), NOW (2026-11-22),
# COHORT (calendars/cohort.yaml; copied with the files it names into a temporary folder, never written to).
# nginx is the machine's practical limit: a minimal static-file setup (sendfile, no access log, ETag on,
# keep-alive not capped at nginx's default of 1,000 requests a connection), the same Content-Type as ahsct.
# Targets (reported, never fatal): ahsct >= 25 % of nginx's rate on both paths, p99 <= 10 ms, peak RSS <= 100 MB.
# The script fails only on errors: a server that does not start, a wrong status, wrk failing.
# On 2 CPUs wrk and the server share them, and nginx's figure varies by up to a third from run to run; the "noise"
# line says how much CPU other processes took meanwhile (a few % on a quiet machine).
#
# Loopback only (127.0.0.1). Installs wrk, nginx-light and curl with apt-get when missing.
# Builds into .build-bench/ (never .build/).
set -euo pipefail
cd "$(dirname "$0")/.."
SERVE_SECONDS="${SERVE_SECONDS:-20}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
NGINX_WORKERS="${NGINX_WORKERS:-auto}"
FEED_PATIENT="${FEED_PATIENT:-P-0001}"
NOW="${NOW:-2026-11-22}"
COHORT="${COHORT:-calendars/cohort.yaml}"
VERIFY_SECONDS=2          # the short run before each measurement that checks every status (and warms up)
SCRATCH=".build-bench"

# --- tools -------------------------------------------------------------------------------------------------------
PATH="$PATH:/usr/sbin:/sbin"
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || need+=(nginx-light)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "installing: ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -n "${AHSCT:-}" ]; then
    BIN="$AHSCT"
else
    echo "building ahsct (release, --scratch-path $SCRATCH) ..." >&2
    swift build -c release --product ahsct --scratch-path "$SCRATCH" >&2
    BIN="$(swift build -c release --product ahsct --scratch-path "$SCRATCH" --show-bin-path)/ahsct"
fi
[ -x "$BIN" ] || { echo "no ahsct binary at $BIN" >&2; exit 1; }

# --- temporary folder, cleanup -----------------------------------------------------------------------------------
TMP="$(mktemp -d "${TMPDIR:-/tmp}/ahsct-serve-bench.XXXXXX")"
declare -A PID=() URL=() ETAG=()   # per server: ahsct, ahsct-nolog, nginx
SERVERS=(ahsct ahsct-nolog)         # nginx is added once it runs
stop() {  # stop PID: TERM, up to 5 s, then KILL
    local pid="$1"
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    for pid in "${PID[@]}"; do stop "$pid"; done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

die() {
    echo "error: $*" >&2
    exit 1
}

free_port() {  # a loopback port nobody listens on now
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# --- the cohort, a feed, the ahsct server ------------------------------------------------------------------------
DATA="$TMP/data"
STATE="$TMP/state"
mkdir -p "$DATA"
cp "$COHORT" "$DATA/cohort.yaml"
cohort_dir="$(dirname "$COHORT")"
# Files the cohort names (closures, absences, a protocol file), relative to the cohort file.
for ref in $(sed 's/#.*//' "$COHORT" | grep -oE '[A-Za-z0-9_][A-Za-z0-9_./-]*\.(ics|ya?ml)' | sort -u); do
    case "$ref" in /* | *..*) continue ;; esac
    [ -f "$cohort_dir/$ref" ] || continue
    mkdir -p "$DATA/$(dirname "$ref")"
    cp "$cohort_dir/$ref" "$DATA/$ref"
done

issued="$("$BIN" feeds issue "$DATA/cohort.yaml" --patient "$FEED_PATIENT" --state "$STATE" --format json)" ||
    die "ahsct feeds issue failed"
FEED_PATH="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["path"])' "$issued")" ||
    die "no path in: $issued"
case "$FEED_PATH" in /feeds/*.ics) ;; *) die "unexpected feed path: $FEED_PATH" ;; esac

header() {  # header NAME FILE: the value of a response header (the last response in FILE), without CR
    tr -d '\r' <"$2" | awk -v name="$(tr 'A-Z' 'a-z' <<<"$1")" '
        /^HTTP\// { value = "" }
        { split($0, kv, ":"); if (tolower(kv[1]) == name) { sub(/^[^:]*:[ \t]*/, ""); value = $0 } }
        END { print value }'
}

# Each ahsct server has a copy of the state folder (the registry with the feed just issued) to itself.
cp -a "$STATE" "$TMP/state-nolog"
start_ahsct() {  # start_ahsct NAME STATE [OPTION...]: starts `ahsct serve`, waits for its port, sets PID and URL
    local name="$1" state="$2" port="" line
    shift 2
    "$BIN" serve "$DATA/cohort.yaml" --host 127.0.0.1 --port 0 --state "$state" --now "$NOW" "$@" \
        >"$TMP/$name.out" 2>"$TMP/$name.log" &
    PID[$name]=$!
    for _ in $(seq 300); do  # up to 30 s
        line="$(head -n 1 "$TMP/$name.out" 2>/dev/null || true)"
        if [[ "$line" =~ ^listening\ on\ http://127\.0\.0\.1:([0-9]+)$ ]]; then
            port="${BASH_REMATCH[1]}"
            break
        fi
        kill -0 "${PID[$name]}" 2>/dev/null || { tail -n 20 "$TMP/$name.log" >&2; die "$name: ahsct serve exited"; }
        sleep 0.1
    done
    [ -n "$port" ] || { tail -n 20 "$TMP/$name.log" >&2; die "$name: no 'listening on' line in 30 s"; }
    URL[$name]="http://127.0.0.1:$port$FEED_PATH"
}
start_ahsct ahsct "$STATE"
start_ahsct ahsct-nolog "$TMP/state-nolog" --no-access-log

mkdir -p "$TMP/www$(dirname "$FEED_PATH")"
BODY="$TMP/www$FEED_PATH"
for name in ahsct ahsct-nolog; do
    code="$(curl -sS --max-time 10 -D "$TMP/$name.headers" -o "$TMP/$name.body" -w '%{http_code}' "${URL[$name]}")" ||
        die "curl ${URL[$name]} failed"
    [ "$code" = 200 ] || die "$name answered $code to GET $FEED_PATH"
    ETAG[$name]="$(header ETag "$TMP/$name.headers")"
    case "${ETAG[$name]}" in \"*\") ;; *) die "$name's ETag '${ETAG[$name]}' is not a strong entity tag" ;; esac
done
cmp -s "$TMP/ahsct.body" "$TMP/ahsct-nolog.body" || die "the two ahsct servers answer different feeds"
cp "$TMP/ahsct.body" "$BODY"
SIZE="$(stat -c %s "$BODY")"
[ "$SIZE" -gt 0 ] || die "ahsct's feed is empty"
CTYPE="$(header Content-Type "$TMP/ahsct.headers")"
case "$CTYPE" in text/calendar*) ;; *) die "ahsct's Content-Type is '$CTYPE', not text/calendar" ;; esac
chmod -R a+rX "$TMP/www"

# --- nginx on the same bytes -------------------------------------------------------------------------------------
NGX="$TMP/nginx"
mkdir -p "$NGX"
nginx_user=""
if [ "$(id -u)" -eq 0 ]; then nginx_user="user $(id -un) $(id -gn);"; fi  # else workers would switch to nobody
NGINX_PORT=""
for _ in 1 2 3 4 5; do
    port="$(free_port)"
    cat >"$NGX/nginx.conf" <<EOF
$nginx_user
daemon off;
worker_processes $NGINX_WORKERS;
pid $NGX/nginx.pid;
error_log $NGX/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $NGX/client_body;
    proxy_temp_path $NGX/proxy;
    fastcgi_temp_path $NGX/fastcgi;
    uwsgi_temp_path $NGX/uwsgi;
    scgi_temp_path $NGX/scgi;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$port;
        root $TMP/www;
        etag on;
        location / {
            types { }
            default_type "$CTYPE";
        }
    }
}
EOF
    nginx -p "$NGX/" -c "$NGX/nginx.conf" -e "$NGX/error.log" 2>>"$NGX/error.log" &
    PID[nginx]=$!
    for _ in $(seq 50); do  # up to 5 s
        if curl -s --max-time 1 -o /dev/null "http://127.0.0.1:$port/"; then NGINX_PORT="$port"; break; fi
        kill -0 "${PID[nginx]}" 2>/dev/null || break
        sleep 0.1
    done
    [ -n "$NGINX_PORT" ] && break
    stop "${PID[nginx]}"
    unset 'PID[nginx]'
done
[ -n "$NGINX_PORT" ] || { tail -n 20 "$NGX/error.log" >&2; die "nginx did not start"; }
URL[nginx]="http://127.0.0.1:$NGINX_PORT$FEED_PATH"
SERVERS+=(nginx)

code="$(curl -sS --max-time 10 -D "$TMP/nginx.headers" -o "$TMP/nginx.body" -w '%{http_code}' "${URL[nginx]}")" ||
    die "curl ${URL[nginx]} failed"
[ "$code" = 200 ] || die "nginx answered $code"
cmp -s "$BODY" "$TMP/nginx.body" || die "nginx's body differs from ahsct's"
[ "$(header Content-Type "$TMP/nginx.headers")" = "$CTYPE" ] || die "nginx's Content-Type differs from ahsct's"
ETAG[nginx]="$(header ETag "$TMP/nginx.headers")"
[ -n "${ETAG[nginx]}" ] || die "nginx sent no ETag"

# Every revalidation answers 304 before anything is measured.
for name in "${SERVERS[@]}"; do
    code="$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -H "If-None-Match: ${ETAG[$name]}" "${URL[$name]}")" ||
        die "curl ${URL[$name]} failed"
    [ "$code" = 304 ] || die "$name: GET with If-None-Match: ${ETAG[$name]} answered $code, not 304"
done

# --- wrk ---------------------------------------------------------------------------------------------------------
# Counts every status in the short verification run (a response hook costs wrk time, so not in the measured runs).
cat >"$TMP/statuses.lua" <<'EOF'
counts = {}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function response(status, headers, body) counts[status] = (counts[status] or 0) + 1 end
function done(summary, latency, requests)
    local total = {}
    for _, thread in ipairs(threads) do
        for status, n in pairs(thread:get("counts")) do total[status] = (total[status] or 0) + n end
    end
    for status, n in pairs(total) do io.write(string.format("status %d %d\n", status, n)) end
end
EOF

to_ms() {  # wrk's time (12.34us, 1.23ms, 1.02s, 1.00m) in milliseconds
    awk -v t="$1" 'BEGIN {
        n = t + 0; u = t; sub(/^[0-9.]+/, "", u)
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
        if (f < 0) exit 1
        printf "%.3f", n * f }'
}
to_bytes() {  # wrk's size (123.00B, 1.23KB, 4.56MB, 7.89GB; powers of 1024) in bytes
    awk -v s="$1" 'BEGIN {
        n = s + 0; u = s; sub(/^[0-9.]+/, "", u)
        f = (u == "B") ? 1 : (u == "KB") ? 1024 : (u == "MB") ? 1048576 : (u == "GB") ? 1073741824 : (u == "TB") ? 1099511627776 : -1
        if (f < 0) exit 1
        printf "%.0f", n * f }'
}

# measure NAME PATH: a verification run (every status must be the expected one), then the measured run; appends
# "name path req/s p99-ms socket-errors bytes-a-response statuses" to $TMP/rows.
measure() {
    local name="$1" kind="$2" url="${URL[$1]}" etag="${ETAG[$1]}" expected hdr=() out vout statuses
    if [ "$kind" = 304 ]; then expected=304; hdr=(-H "If-None-Match: $etag"); else expected=200; fi
    vout="$TMP/wrk-$name-$kind-verify.txt"
    timeout $((VERIFY_SECONDS + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${VERIFY_SECONDS}s" "${hdr[@]}" \
        -s "$TMP/statuses.lua" "$url" >"$vout" 2>&1 || { cat "$vout" >&2; die "wrk (verification) failed on $name"; }
    statuses="$(awk '$1 == "status" { printf "%s%s x%s", sep, $2, $3; sep = ", " }' "$vout")"
    [ -n "$statuses" ] || { cat "$vout" >&2; die "$name $kind: no responses in the verification run"; }
    [ "$(awk -v e="$expected" '$1 == "status" && $2 != e' "$vout")" = "" ] ||
        die "$name, path $kind: expected only $expected, got $statuses"

    out="$TMP/wrk-$name-$kind.txt"
    echo "wrk $name $kind (${SERVE_SECONDS}s) ..." >&2
    timeout $((SERVE_SECONDS + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SERVE_SECONDS}s" --latency "${hdr[@]}" \
        "$url" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed on $name"; }
    local rps p99 errors non23 requests bytes per
    rps="$(awk '/^Requests\/sec:/ { print $2 }' "$out")"
    p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")" || { cat "$out" >&2; die "no p99 in wrk's output"; }
    [ -n "$rps" ] || { cat "$out" >&2; die "no Requests/sec in wrk's output"; }
    non23="$(awk -F: '/Non-2xx or 3xx responses/ { gsub(/ /, "", $2); print $2 }' "$out")"
    [ -z "$non23" ] || [ "$non23" = 0 ] || { cat "$out" >&2; die "$name $kind: $non23 responses not 2xx/3xx"; }
    errors="$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out")"
    # Bytes per response tell a 200 (the body and headers) from a 304 (headers only), which wrk does not count.
    requests="$(awk '/ requests in / { print $1 }' "$out")"
    bytes="$(to_bytes "$(awk '/ requests in / { print $NF == "read" ? $(NF - 1) : "" }' "$out")")"
    per="$(awk -v b="$bytes" -v r="$requests" 'BEGIN { printf "%.0f", (r > 0 ? b / r : 0) }')"
    if [ "$kind" = 304 ] && [ "$per" -ge "$SIZE" ]; then die "$name $kind: $per bytes a response, not 304s"; fi
    if [ "$kind" = 200 ] && [ "$per" -lt "$SIZE" ]; then die "$name $kind: $per bytes a response, short of the feed"; fi
    printf '%s %s %s %s %s %s %s\n' "$name" "$kind" "$rps" "$p99" "${errors:-0}" "$per" "$statuses" >>"$TMP/rows"
}

: >"$TMP/rows"
# The figures mean little on a busy machine: the CPU time the rest of the machine took while wrk ran is reported.
cpu_jiffies() {  # "busy total" over all CPUs; busy is user, nice, system and steal: interrupts are left out, as
    # the loopback traffic's softirq time (10-15 % here) is nobody's process time
    awk '/^cpu / { print $2 + $3 + $4 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat
}
own_jiffies() {  # CPU time of the servers (nginx's workers too) and of this script's finished children (wrk);
    local pids=("${PID[@]}") clk  # needs `times >"$TMP/times"` just before, in this shell (a subshell counts none)
    pids+=($(pgrep -P "${PID[nginx]}" || true))
    clk="$(getconf CLK_TCK)"
    {
        for pid in "${pids[@]}"; do sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }'; done
        tail -n 1 "$TMP/times" | tr ' ' '\n' | sed 's/m/ /; s/s$//' | awk -v c="$clk" '{ print ($1 * 60 + $2) * c }'
    } | awk '{ s += $1 } END { printf "%.0f", s }'
}
LOAD_START="$(cut -d' ' -f1 /proc/loadavg)"
read -r busy0 total0 < <(cpu_jiffies)
times >"$TMP/times"
own0="$(own_jiffies)"
for kind in 200 304; do
    for name in "${SERVERS[@]}"; do measure "$name" "$kind"; done
done
read -r busy1 total1 < <(cpu_jiffies)
times >"$TMP/times"
own1="$(own_jiffies)"
OTHERS="$(awk -v b=$((busy1 - busy0)) -v t=$((total1 - total0)) -v o=$((own1 - own0)) \
    'BEGIN { x = (t > 0 ? 100 * (b - o) / t : 0); printf "%.1f", (x < 0 ? 0 : x) }')"

declare -A RSS_MB=()
for name in ahsct ahsct-nolog; do
    hwm_kb="$(awk '/^VmHWM:/ { print $2 }' "/proc/${PID[$name]}/status" 2>/dev/null)" || true
    [ -n "$hwm_kb" ] || die "$name is gone (no /proc/${PID[$name]}/status)"
    RSS_MB[$name]="$(awk -v k="$hwm_kb" 'BEGIN { printf "%.1f", k / 1024 }')"
done
log_lines="$(wc -l <"$TMP/ahsct.log")"
log_mb="$(awk -v b="$(stat -c %s "$TMP/ahsct.log")" 'BEGIN { printf "%.1f", b / 1048576 }')"

# --- the table ---------------------------------------------------------------------------------------------------
wrk_version="$(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }' || true)"
nginx_version="$(nginx -v 2>&1 | sed 's/^nginx version: //')"
declare -A LABEL=([ahsct]="ahsct" [ahsct-nolog]="ahsct --no-access-log" [nginx]="nginx")
echo
echo "machine: $(nproc) CPUs ($(uname -sr)); $wrk_version; $nginx_version (worker_processes $NGINX_WORKERS)"
echo "noise:   load average $LOAD_START at the start; other processes took $OTHERS % of the CPUs while wrk ran"
echo "load:    wrk -t$THREADS -c$CONNECTIONS -d${SERVE_SECONDS}s --latency, keep-alive; feed $FEED_PATIENT, $SIZE bytes, $CTYPE"
echo "ahsct:   $BIN; the access log went to a file: $log_lines lines, $log_mb MB"
echo
printf '%-22s %-20s %10s %8s %7s %11s %12s\n' server path req/s "p99 ms" errors bytes/resp "% of nginx"
while read -r name kind rps p99 errors per _; do
    if [ "$kind" = 304 ]; then label="304 (If-None-Match)"; else label="200 (full feed)"; fi
    share="$(awk -v n="$name" -v k="$kind" -v r="$rps" '$1 == "nginx" && $2 == k { printf "%.1f", 100 * r / $3 }' "$TMP/rows")"
    printf '%-22s %-20s %10.0f %8.2f %7s %11s %12s\n' "${LABEL[$name]}" "$label" "$rps" "$p99" "$errors" "$per" "$share"
done < <(sort -k2,2 -s "$TMP/rows")
echo
echo "peak RSS (VmHWM): ahsct ${RSS_MB[ahsct]} MB, ahsct --no-access-log ${RSS_MB[ahsct-nolog]} MB"
echo

field() { awk -v n="$1" -v k="$2" -v f="$3" '$1 == n && $2 == k { print $f }' "$TMP/rows"; }
share() { awk -v a="$(field "$1" "$2" 3)" -v b="$(field nginx "$2" 3)" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }'; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo PASS; else echo MISS; fi; }
target() {  # target NAME WHAT: "value verdict" of one target for one ahsct server
    local v
    case "$2" in
        rate-200 | rate-304) v="$(share "$1" "${2#rate-}")"; echo "$v % $(verdict "$v >= 25")" ;;
        p99-200 | p99-304) v="$(printf '%.2f' "$(field "$1" "${2#p99-}" 4)")"; echo "$v ms $(verdict "$v <= 10")" ;;
        rss) v="${RSS_MB[$1]}"; echo "$v MB $(verdict "$v <= 100")" ;;
    esac
}
printf '%-34s %-18s %-18s\n' targets ahsct "ahsct --no-access-log"
for t in "rate-200:rate >= 25 % of nginx's, 200" "rate-304:rate >= 25 % of nginx's, 304" \
         "p99-200:p99 <= 10 ms, 200" "p99-304:p99 <= 10 ms, 304" "rss:peak RSS <= 100 MB"; do
    printf '  %-32s %-18s %-18s\n' "${t#*:}" "$(target ahsct "${t%%:*}")" "$(target ahsct-nolog "${t%%:*}")"
done
