#!/usr/bin/env bash
# compare.sh - jtraf against the C tools of its kind, side by side on this machine (issue 6).
#
# Prints ONE table: replay frames/s (jtraf --dump vs cat, tcpdump -r, capinfos, tshark; end
# to end, and after start-up from the difference between the two file sizes), live
# CPU-seconds per million frames and capture drops at the same offered rates (jtraf's native
# batch path and its plain pcap4j path vs tcpdump -w /dev/null and iptraf-ng), where
# drops start, time to the first dump line / first drawn screen, and RSS with 200 interfaces.
#
# Usage:
#   src/bench/compare.sh [--smoke] [--jar JTRAF_JAR] [--cp CLASSPATH] [--out FILE]
#                        [--big-frames N] [--frames N] [--live-frames N] [--rates "R1 R2 max"]
#                        [--repeat N] [--keep]
#   --smoke        tiny sizes, one run each (< 60 s): CI runs this (CompareScriptSmokeTest)
#   --jar          jtraf's shaded jar (default: built with mvn into a temporary build directory);
#                  run through the launcher beside it (jtraf) when there is one, as the README runs it
#   --cp           a classpath holding jtraf and dev.jtraf.bench.CaptureGen (the test classpath
#                  or benchmarks.jar); used for jtraf too when --jar is not given
#   --out FILE     also write the table (and the machine description) to FILE
#   --big-frames   frames in the multi-GB replay file (default 8000000, about 5.9 GB per format)
#   --frames       frames in the regular replay file (default 1000000, about 740 MB)
#   --live-frames  frames offered per live run (default 2000000)
#   --rates        offered live rates in frames/s, "max" = tcpreplay --topspeed, "flood" and "flood2" =
#                  trafgen (netsniff-ng) on one and on two CPUs, faster than tcpreplay: where drops
#                  start (default "100000 200000 max flood flood2")
#   --repeat       runs per measurement (default 5; ranges are min-max, the value the median)
#   --sections     which parts to run (default "replay live startup footprint")
#   --keep         keep the work directory (captures, outputs, logs)
#
# What it creates, all removed on exit (trap), whatever happens:
#   a work directory under ${TMPDIR:-/tmp}; network namespaces jtb<PID>g (generator),
#   jtb<PID>c (capture) and jtb<PID>m (100 veth pairs: 200 interfaces), one veth pair between the first
#   two; a tmux session jtb<PID>. Live traffic is the generated capture replayed by tcpreplay
#   (or its first 512 frames cycled by trafgen, --no-sock-mem: no sysctl is touched) inside
#   jtb<PID>g onto the veth: it never leaves these namespaces (no addresses, no routes; the
#   host's interfaces, routes and firewall are not touched). Each live run is bounded by its
#   frame count and a timeout.
#
# Needs: java, and for the full comparison tcpdump, capinfos, tshark (tshark package),
# tcpreplay, trafgen (netsniff-ng), iptraf-ng, tmux, iproute2, root. A missing tool or no root
# makes its rows "n/a".
# Live and footprint rows need root (namespaces, capture).
#
# Measurement notes: page cache warm (each file is read again right before every timed run);
# replay runs of cat, tcpdump and jtraf take turns (run 1 of each, then run 2, ...); wall
# time from bash's EPOCHREALTIME; CPU from /proc/PID/stat (utime+stime of the capture tool's
# process, all threads), read after a warm-up load at the same rate (a fifth of the frames, and at least
# 10 s: the JVM has compiled its packet path and its once-a-second paths; the C tools are
# unaffected) and again 1.5 s after the load ended, so startup is excluded; missed = frames offered (warm-up included) minus
# frames the tool counted, beside the tool's own drop report where it has one.
set -euo pipefail

SMOKE=0
JAR=""
CP=""
OUT=""
KEEP=0
FRAMES=1000000
BIG_FRAMES=8000000
LIVE_FRAMES=2000000
RATES="100000 200000 max flood flood2"
REPEAT=5
WARM_SECONDS=10
SECTIONS="replay live startup footprint"
while [ $# -gt 0 ]; do
    case "$1" in
        --smoke) SMOKE=1 ;;
        --jar) JAR=$2; shift ;;
        --cp) CP=$2; shift ;;
        --out) OUT=$2; shift ;;
        --big-frames) BIG_FRAMES=$2; shift ;;
        --frames) FRAMES=$2; shift ;;
        --live-frames) LIVE_FRAMES=$2; shift ;;
        --rates) RATES=$2; shift ;;
        --repeat) REPEAT=$2; shift ;;
        --sections) SECTIONS=$2; shift ;;
        --keep) KEEP=1 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ "$SMOKE" = 1 ]; then
    FRAMES=20000
    BIG_FRAMES=0
    LIVE_FRAMES=20000
    RATES="max"
    REPEAT=1
    WARM_SECONDS=0
fi

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jtraf-bench.XXXXXX")
PFX="jtb$$"
NS_GEN="${PFX}g"
NS_CAP="${PFX}c"
NS_MANY="${PFX}m"
VETH_GEN="${PFX}a"
VETH_CAP="${PFX}b"
TMUX_SESSION="$PFX"
CREATED_NS=()
BG_PIDS=()
ROWS=()
CLK_TCK=$(getconf CLK_TCK)

log() { printf '[compare %s] %s\n' "$(date +%T)" "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

cleanup() {
    local rc=$?
    set +e
    for p in "${BG_PIDS[@]}"; do
        kill -TERM "$p" 2>/dev/null
    done
    if have tmux; then
        tmux kill-session -t "$TMUX_SESSION" 2>/dev/null
    fi
    for ns in "${CREATED_NS[@]}"; do
        for p in $(ip netns pids "$ns" 2>/dev/null); do
            kill -KILL "$p" 2>/dev/null
        done
        ip netns del "$ns" 2>/dev/null
    done
    for ns in "${CREATED_NS[@]}"; do
        if ip netns list 2>/dev/null | grep -qw "$ns"; then
            echo "compare.sh: could not remove network namespace $ns" >&2
        fi
    done
    if [ "$KEEP" = 1 ]; then
        echo "compare.sh: kept $WORK" >&2
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }
# CPU ticks (utime + stime, all threads) of a process
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) print "nan"; else print v[int((NR + 1) / 2)]}'; }
range() { sort -g | awk -v u="${1:-}" 'NR==1{lo=$1} {hi=$1} END {if (NR > 1) printf "%s-%s%s", lo, hi, u; else printf "-"}'; }
fmt_rate() { awk -v r="$1" 'BEGIN { if (r == "" || r == "nan") print "n/a"; else if (r >= 1e6) printf "%.2f M/s", r / 1e6; else printf "%.0f k/s", r / 1e3 }'; }
row() { ROWS+=("$1|$2|$3|$4|$5"); }   # section | tool | value | range | note

# ------------------------------------------------------------------------------------------ jtraf

if [ -z "$JAR" ] && [ -z "$CP" ]; then
    have mvn || { echo "compare.sh: give --jar/--cp, or install maven to build jtraf" >&2; exit 2; }
    log "building jtraf and the benchmarks (mvn, build dir $WORK/build)"
    (cd "$ROOT" && mvn -q -B -DskipTests -Djtraf.buildDir="$WORK/build" package >&2 \
        && mvn -q -B -DskipTests -Pbench -Djtraf.buildDir="$WORK/build-bench" package >&2)
    JAR="$WORK/build/jtraf.jar"
    CP="$WORK/build-bench/benchmarks.jar"
fi
[ -n "$CP" ] || CP="$JAR"
if [ -n "$JAR" ] && [ -x "$(dirname "$JAR")/jtraf" ] && [ "$(basename "$JAR")" = jtraf.jar ]; then
    JTRAF=("$(dirname "$JAR")/jtraf")   # the build's launcher (README): as users run jtraf
elif [ -n "$JAR" ]; then
    JTRAF=(java -jar "$JAR")
else
    JTRAF=(java -cp "$CP" dev.jtraf.cli.Main)
fi
GEN=(java -cp "$CP" dev.jtraf.bench.CaptureGen)

# ------------------------------------------------------------------------------------------ replay

# reads FILE into the page cache again: some kernels reclaim cold page-cache pages within
# seconds (this machine kind runs DAMON with a pageout scheme), so every timed replay run,
# of every tool, starts from a freshly read file (not timed)
warm() { cat "$1" > /dev/null; }

# times "$@" RUNS times (page cache warmed before each run from WARM_FILE); prints the wall
# seconds of each run, one per line
time_runs() {
    local out=$1 runs=$2; shift 2
    local i t0 t1
    for ((i = 0; i < runs; i++)); do
        warm "$WARM_FILE"
        t0=$(now_us)
        "$@" > "$out" 2>>"$WORK/replay.err"
        t1=$(now_us)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", (b - a) / 1e6 }'
    done
}

jtraf_total() { awk '/totals at end/ {f = 1} f && $1 == "total" {print $2}' "$1" | tail -1; }

# one timed jtraf replay of FILE (N frames expected): appends its wall time to t.jtraf.J and its
# max RSS to rss.jtraf.J, and stops the script if jtraf's total differs from N
jtraf_run() {   # FILE N J
    local f=$1 n=$2 j=$3 t0 t1 counted
    warm "$f"
    t0=$(now_us)
    /usr/bin/time -f '%M' -o "$WORK/rss.one" "${JTRAF[@]}" -r "$f" --dump text --log-file "$WORK/jtraf-replay.log" \
        > "$WORK/replay.out" 2>>"$WORK/replay.err"
    t1=$(now_us)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", (b - a) / 1e6 }' >> "$WORK/t.jtraf.$j"
    cat "$WORK/rss.one" >> "$WORK/rss.jtraf.$j"
    counted=$(jtraf_total "$WORK/replay.out")
    if [ "$counted" != "$n" ]; then
        echo "compare.sh: jtraf counted '$counted' frames in $f, expected $n" >&2
        exit 1
    fi
}

frames_label() { awk -v n="$1" 'BEGIN {print (n >= 1e6 ? n / 1e6 "M" : n / 1e3 "k")}'; }

# The replay rows of one format: the regular file (every tool) and, unless BIG_FRAMES is 0, the
# multi-GB one. cat, tcpdump and jtraf take turns on both files, run after run: this machine
# kind's speed drifts by up to 50 % within minutes (a shared host), and turns put every tool and
# both files in the same moments, which the "after start-up" row (a difference of the two
# files' times) needs most.
replay_format() {   # FORMAT
    local fmt=$1
    local ns=("$FRAMES") files=() secs=() j
    [ "$BIG_FRAMES" -gt 0 ] && ns+=("$BIG_FRAMES")
    for j in "${!ns[@]}"; do
        local f="$WORK/replay-$(frames_label "${ns[$j]}").$fmt" size
        log "generating $(basename "$f") (${ns[$j]} frames)"
        "${GEN[@]}" "$fmt" "${ns[$j]}" "$f" 100000 > "$WORK/gen.out"
        size=$(stat -c %s "$f")
        files+=("$f")
        secs+=("replay $(frames_label "${ns[$j]}") $fmt ($(awk -v s="$size" 'BEGIN {printf "%.2f GB", s / 1e9}'))")
        : > "$WORK/t.cat.$j"; : > "$WORK/t.tcpdump.$j"; : > "$WORK/t.jtraf.$j"; : > "$WORK/rss.jtraf.$j"
    done
    log "replay $fmt: cat, tcpdump and jtraf on ${#files[@]} file(s), $REPEAT runs each, in turns"
    local i
    for ((i = 0; i < REPEAT; i++)); do
        for j in "${!files[@]}"; do
            WARM_FILE=${files[$j]}
            time_runs /dev/null 1 cat "${files[$j]}" >> "$WORK/t.cat.$j"
            if have tcpdump; then
                time_runs /dev/null 1 tcpdump -r "${files[$j]}" -w /dev/null >> "$WORK/t.tcpdump.$j"
            fi
            jtraf_run "${files[$j]}" "${ns[$j]}" "$j"
        done
    done
    local tcpd=() jt=()
    for j in "${!files[@]}"; do
        local n=${ns[$j]} f=${files[$j]} sec=${secs[$j]} cat_t tcpd_t="" jt_t cap_t="" tsh_t="" rss note
        cat_t=$(median < "$WORK/t.cat.$j")
        row "$sec" "cat (I/O floor)" "$(fmt_rate "$(awk -v n="$n" -v t="$cat_t" 'BEGIN {print n / t}')")" \
            "$(range " s" < "$WORK/t.cat.$j")" "${cat_t} s"
        if have tcpdump; then
            tcpd_t=$(median < "$WORK/t.tcpdump.$j")
            row "$sec" "tcpdump -r F -w /dev/null" "$(fmt_rate "$(awk -v n="$n" -v t="$tcpd_t" 'BEGIN {print n / t}')")" \
                "$(range " s" < "$WORK/t.tcpdump.$j")" "${tcpd_t} s"
        else
            row "$sec" "tcpdump -r F -w /dev/null" "n/a" "-" "tcpdump not installed"
        fi
        if [ "$j" = 0 ]; then   # the slow anchors, once, on the regular file only
            WARM_FILE=$f
            if have capinfos; then
                log "$sec: capinfos"
                time_runs /dev/null 1 capinfos "$f" > "$WORK/t.capinfos"
                cap_t=$(median < "$WORK/t.capinfos")
                row "$sec" "capinfos F" "$(fmt_rate "$(awk -v n="$n" -v t="$cap_t" 'BEGIN {print n / t}')")" \
                    "-" "${cap_t} s (one run: a slow anchor)"
            fi
            if have tshark; then
                log "$sec: tshark"
                time_runs /dev/null 1 tshark -r "$f" -q -z io,stat,0 > "$WORK/t.tshark"
                tsh_t=$(median < "$WORK/t.tshark")
                row "$sec" "tshark -q -z io,stat,0" "$(fmt_rate "$(awk -v n="$n" -v t="$tsh_t" 'BEGIN {print n / t}')")" \
                    "-" "${tsh_t} s (one run: a slow anchor)"
            fi
        fi
        jt_t=$(median < "$WORK/t.jtraf.$j")
        rss=$(median < "$WORK/rss.jtraf.$j")
        note="${jt_t} s = $(awk -v a="$jt_t" -v b="$cat_t" 'BEGIN {printf "%.2f", a / b}')x cat's time"
        [ -n "$tcpd_t" ] && note="$note, $(awk -v a="$tcpd_t" -v b="$jt_t" 'BEGIN {printf "%.2f", a / b}')x tcpdump's frames/s"
        [ -n "$cap_t" ] && note="$note, $(awk -v a="$cap_t" -v b="$jt_t" 'BEGIN {printf "%.1f", a / b}')x capinfos"
        [ -n "$tsh_t" ] && note="$note, $(awk -v a="$tsh_t" -v b="$jt_t" 'BEGIN {printf "%.1f", a / b}')x tshark"
        note="$note; max RSS $((rss / 1024)) MiB"
        row "$sec" "jtraf -r F --dump text" "$(fmt_rate "$(awk -v n="$n" -v t="$jt_t" 'BEGIN {print n / t}')")" \
            "$(range " s" < "$WORK/t.jtraf.$j")" "$note"
        tcpd+=("$tcpd_t"); jt+=("$jt_t")
        rm -f "$f"
    done
    [ "${#files[@]}" = 2 ] && marginal_row "$fmt" "${ns[0]}" "${ns[1]}" "${tcpd[0]}" "${tcpd[1]}" "${jt[0]}" "${jt[1]}"
    return 0
}

# The rate after start-up: (frames of the big file - frames of the regular one) / (difference
# of their median times), for tcpdump and jtraf; jtraf's start-up (JVM, CLI, JIT warm-up) is the
# same for both files and cancels out, as tcpdump's (~0) does.
marginal_row() {   # FORMAT SMALL_FRAMES BIG_FRAMES TCPDUMP_SMALL TCPDUMP_BIG JTRAF_SMALL JTRAF_BIG (median seconds)
    local fmt=$1 a=$2 b=$3 ta=$4 tb=$5 ja=$6 jb=$7
    local jr tr note
    jr=$(awk -v n=$((b - a)) -v x="$ja" -v y="$jb" 'BEGIN {print (y > x) ? n / (y - x) : ""}')
    note="frames/s after start-up: ($b - $a frames) / (difference of the median times)"
    if [ -n "$ta" ] && [ -n "$tb" ]; then
        tr=$(awk -v n=$((b - a)) -v x="$ta" -v y="$tb" 'BEGIN {print (y > x) ? n / (y - x) : ""}')
        row "replay $fmt, after start-up" "tcpdump -r F -w /dev/null" "$(fmt_rate "$tr")" "-" "$note"
        if [ -n "$jr" ] && [ -n "$tr" ]; then
            note="$note; $(awk -v a="$jr" -v b="$tr" 'BEGIN {printf "%.2f", a / b}')x tcpdump's"
        fi
    fi
    row "replay $fmt, after start-up" "jtraf -r F --dump text" "$(fmt_rate "$jr")" "-" "$note"
}

section() { case " $SECTIONS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

have /usr/bin/time || { echo "compare.sh: /usr/bin/time is needed (Debian package time)" >&2; exit 2; }
if section replay; then
    replay_format pcap
    replay_format pcapng
fi

# ------------------------------------------------------------------------------------------ live

new_ns() {
    local ns
    for ns in "${CREATED_NS[@]}"; do
        [ "$ns" != "$1" ] || return 0
    done
    ip netns add "$1"
    CREATED_NS+=("$1")
    ip netns exec "$1" sh -c 'for f in /proc/sys/net/ipv6/conf/all/disable_ipv6 /proc/sys/net/ipv6/conf/default/disable_ipv6; do [ -e $f ] && echo 1 > $f; done; true'
    ip -n "$1" link set lo up
}

wait_for() {   # SECONDS COMMAND...: polls every 50 ms
    local deadline=$(( $(now_us) + $1 * 1000000 )); shift
    while ! "$@"; do
        [ "$(now_us)" -lt "$deadline" ] || return 1
        sleep 0.05
    done
}

LOAD="$WORK/load.pcap"
LOAD_FRAMES=20000
TOOLS_LIVE=()

# starts TOOL in the capture namespace; sets TOOL_PID
start_tool() {
    local tool=$1
    rm -f "$WORK/tool.out" "$WORK/tool.err"
    case "$tool" in
        jtraf-native|jtraf-pcap4j)
            local mode=auto
            [ "$tool" = jtraf-pcap4j ] && mode=pcap4j
            local cmd=(java "-Djtraf.capture=$mode" "${JTRAF[@]:1}")
            if [ "${JTRAF[0]}" != java ]; then   # the launcher: JVM options through its variable (env execs: same PID)
                cmd=(env "JTRAF_JAVA_OPTS=-Djtraf.capture=$mode" "${JTRAF[@]}")
            fi
            ip netns exec "$NS_CAP" "${cmd[@]}" --dump text --interval 1 \
                --log-file "$WORK/jtraf-$tool.log" > "$WORK/tool.out" 2> "$WORK/tool.err" &
            TOOL_PID=$!
            BG_PIDS+=("$TOOL_PID")
            wait_for 30 grep -q '^== ' "$WORK/tool.out" || { echo "compare.sh: $tool did not start" >&2; cat "$WORK/tool.err" >&2; return 1; }
            ;;
        tcpdump)
            ip netns exec "$NS_CAP" tcpdump -n -q -i "$VETH_CAP" -w /dev/null > "$WORK/tool.out" 2> "$WORK/tool.err" &
            TOOL_PID=$!
            BG_PIDS+=("$TOOL_PID")
            wait_for 10 grep -q 'listening on' "$WORK/tool.err" || { echo "compare.sh: tcpdump did not start" >&2; return 1; }
            ;;
        iptraf-ng)
            tmux new-session -d -s "$TMUX_SESSION" -x 120 -y 40 "ip netns exec $NS_CAP iptraf-ng -g"
            wait_for 10 sh -c "tmux capture-pane -p -t '$TMUX_SESSION' | grep -q '$VETH_CAP'" \
                || { echo "compare.sh: iptraf-ng did not start" >&2; return 1; }
            TOOL_PID=$(ip netns pids "$NS_CAP" | head -1)
            ;;
    esac
    sleep 0.5
}

# stops the tool; sets TOOL_COUNT (frames counted on the veth) and TOOL_DROPS (own report or "-")
stop_tool() {
    local tool=$1
    TOOL_DROPS="-"
    case "$tool" in
        jtraf-*)
            kill -TERM "$TOOL_PID"
            wait "$TOOL_PID" || true
            TOOL_COUNT=$(awk -v v="$VETH_CAP" '/totals at end/ {f = 1} f && $1 == v {print $3}' "$WORK/tool.out" | tail -1)
            TOOL_DROPS=$(awk '/totals at end/ {f = 1} f && /^capture drops:/ {print $3}' "$WORK/tool.out" | tail -1)
            [ -n "$TOOL_DROPS" ] || TOOL_DROPS=0
            ;;
        tcpdump)
            kill -TERM "$TOOL_PID"
            wait "$TOOL_PID" || true
            TOOL_COUNT=$(awk '/packets captured/ {print $1}' "$WORK/tool.err")
            TOOL_DROPS=$(awk '/dropped by kernel/ {print $1}' "$WORK/tool.err")
            ;;
        iptraf-ng)
            sleep 1
            tmux capture-pane -p -t "$TMUX_SESSION" > "$WORK/tool.out"
            TOOL_COUNT=$(awk -v v="$VETH_CAP" '{for (i = 1; i < NF; i++) if ($i == v) {print $(i + 1); exit}}' "$WORK/tool.out")
            tmux send-keys -t "$TMUX_SESSION" x
            wait_for 5 sh -c "! tmux has-session -t '$TMUX_SESSION' 2>/dev/null" || tmux kill-session -t "$TMUX_SESSION"
            ;;
    esac
    [ -n "$TOOL_COUNT" ] || TOOL_COUNT=0
}

# sends FRAMES frames at RATE from the generator namespace; sets SENT and PPS (achieved)
send_load() {   # RATE FRAMES
    local rate=$1 frames=$2
    case "$rate" in
        flood|flood2)
            local cpus=1 t0 t1
            [ "$rate" = flood2 ] && cpus=2
            t0=$(now_us)
            timeout 300 ip netns exec "$NS_GEN" trafgen --dev "$VETH_GEN" --conf "$WORK/load.cfg" -n "$frames" \
                --cpus "$cpus" --no-sock-mem > "$WORK/send.out" 2>&1 || { cat "$WORK/send.out" >&2; return 1; }
            t1=$(now_us)
            SENT=$(tr '\r' '\n' < "$WORK/send.out" | awk '/packets outgoing/ {print $1; exit}')
            PPS=$(awk -v n="$SENT" -v us=$((t1 - t0)) 'BEGIN {printf "%.0f", n / (us / 1e6)}')
            ;;
        *)
            local rate_arg=--topspeed
            [ "$rate" = max ] || rate_arg="--pps=$rate"
            timeout 300 ip netns exec "$NS_GEN" tcpreplay -i "$VETH_GEN" -K $rate_arg \
                --loop="$(( (frames + LOAD_FRAMES - 1) / LOAD_FRAMES ))" "$LOAD" > "$WORK/send.out" 2>&1 \
                || { cat "$WORK/send.out" >&2; return 1; }
            SENT=$(awk '/Actual:/ {print $2; exit}' "$WORK/send.out")
            PPS=$(awk '/Rated:/ {for (i = 1; i <= NF; i++) if ($i == "pps") print $(i - 1)}' "$WORK/send.out" | head -1)
            ;;
    esac
    case "$SENT" in
        ''|*[!0-9]*) echo "compare.sh: no count of frames sent at $rate:" >&2; cat "$WORK/send.out" >&2; return 1 ;;
    esac
}

# one live run: TOOL RATE -> appends "tool rate achieved_pps sent counted missed own_drops cpu_s_per_M" to live.tsv
live_run() {
    local tool=$1 rate=$2
    start_tool "$tool" || return 1
    # warm-up at the same rate, at least WARM_SECONDS: a fresh JVM compiles its packet path in
    # the first ~0.5 M frames and its once-a-second paths over ~15 s; what is measured below is
    # the steady state of a monitor that has been running, for every tool alike
    local per_s=$rate
    case "$rate" in max) per_s=400000 ;; flood|flood2) per_s=600000 ;; esac
    local warm_frames=$(( LIVE_FRAMES / 5 ))
    [ $(( per_s * WARM_SECONDS )) -gt "$warm_frames" ] && warm_frames=$(( per_s * WARM_SECONDS ))
    send_load "$rate" "$warm_frames" || return 1
    sleep 0.5
    local warm_sent=$SENT
    local c0 c1
    c0=$(cpu_ticks "$TOOL_PID")
    send_load "$rate" "$LIVE_FRAMES" || return 1
    sleep 1.5 # longer than any tool's buffer timeout (tcpdump: 1 s): the last frames are read
    c1=$(cpu_ticks "$TOOL_PID")
    stop_tool "$tool"
    local sent=$SENT pps=$PPS
    local missed=$(( sent + warm_sent - TOOL_COUNT ))
    local cpu
    cpu=$(awk -v d=$((c1 - c0)) -v hz="$CLK_TCK" -v n="$sent" 'BEGIN {printf "%.3f", d / hz / (n / 1e6)}')
    log "live $tool @ $rate: sent $warm_sent + $sent at $pps pps, counted $TOOL_COUNT, missed $missed, own drops $TOOL_DROPS, $cpu CPU-s/M"
    printf '%s %s %s %s %s %s %s %s\n' "$tool" "$rate" "$pps" "$sent" "$TOOL_COUNT" "$missed" "$TOOL_DROPS" "$cpu" >> "$WORK/live.tsv"
}

live_section() {
    if ! is_root; then
        row "live" "all tools" "n/a" "-" "needs root (network namespaces, capture)"
        return
    fi
    if ! have tcpreplay; then
        row "live" "all tools" "n/a" "-" "tcpreplay not installed (apt-get install tcpreplay)"
        return
    fi
    TOOLS_LIVE=(jtraf-native jtraf-pcap4j)
    have tcpdump && TOOLS_LIVE+=(tcpdump)
    if have iptraf-ng && have tmux; then TOOLS_LIVE+=(iptraf-ng); fi
    log "live: namespaces $NS_GEN -> $NS_CAP, veth $VETH_GEN/$VETH_CAP"
    new_ns "$NS_GEN"
    new_ns "$NS_CAP"
    ip link add "$VETH_GEN" netns "$NS_GEN" type veth peer name "$VETH_CAP" netns "$NS_CAP"
    ip -n "$NS_GEN" link set "$VETH_GEN" up
    ip -n "$NS_CAP" link set "$VETH_CAP" up
    # no VLAN tags in the live load: iptraf-ng does not count tagged frames, so all tools count the same
    "${GEN[@]}" pcap "$LOAD_FRAMES" "$LOAD" 100000 7 iponly > /dev/null
    # trafgen's configuration: the load's first 512 frames, byte by byte (cycled)
    tcpdump -r "$LOAD" -c 512 -xx -nn 2> /dev/null | awk '
        /^[^ \t]/ { if (open) print "}"; print "{"; open = 1; next }
        /^[ \t]+0x/ { for (i = 2; i <= NF && i <= 9; i++) { if ($i !~ /^[0-9a-f]+$/) break
                     for (j = 1; j < length($i); j += 2) printf "0x%s,", substr($i, j, 2) } print "" }
        END { if (open) print "}" }' > "$WORK/load.cfg"
    : > "$WORK/live.tsv"
    local rate tool i
    for rate in $RATES; do
        case "$rate" in
            flood|flood2)
                if ! have trafgen; then
                    row "live @ $rate" "all tools" "n/a" "-" "trafgen not installed (apt-get install netsniff-ng)"
                    continue
                fi ;;
        esac
        local reps=1
        case "$rate" in max|flood|flood2) reps=$REPEAT ;; esac
        for ((i = 0; i < reps; i++)); do
            for tool in "${TOOLS_LIVE[@]}"; do
                live_run "$tool" "$rate" || row "live @ $rate" "$tool" "failed" "-" "see the log above"
            done
        done
    done
    # one row per tool and rate: median CPU-s per million (range), drops, achieved rate
    for rate in $RATES; do
        local sec
        case "$rate" in
            max) sec="live @ tcpreplay --topspeed" ;;
            flood) sec="live @ trafgen, 1 CPU" ;;
            flood2) sec="live @ trafgen, 2 CPUs" ;;
            *) sec="live @ $rate fps offered" ;;
        esac
        local ref=""
        ref=$(awk -v r="$rate" '$1 == "iptraf-ng" && $2 == r {print $8}' "$WORK/live.tsv" | median)
        for tool in "${TOOLS_LIVE[@]}"; do
            awk -v t="$tool" -v r="$rate" '$1 == t && $2 == r' "$WORK/live.tsv" > "$WORK/live.one"
            [ -s "$WORK/live.one" ] || continue
            local cpu cpur pps missed drops note
            cpu=$(awk '{print $8}' "$WORK/live.one" | median)
            cpur=$(awk '{print $8}' "$WORK/live.one" | range)
            pps=$(awk '{print $3}' "$WORK/live.one" | median)
            missed=$(awk '{s += $6} END {print s}' "$WORK/live.one")
            drops=$(awk '{print $7}' "$WORK/live.one" | paste -sd, -)
            note="$(fmt_rate "$pps") achieved; missed $missed (own drop report: $drops)"
            if [ -n "$ref" ] && [ "$ref" != nan ] && [ "$tool" != iptraf-ng ] && awk -v r="$ref" 'BEGIN {exit !(r > 0)}'; then
                note="$note; $(awk -v a="$cpu" -v b="$ref" 'BEGIN {printf "%.2f", a / b}')x iptraf-ng's CPU"
            fi
            row "$sec" "$tool" "$cpu CPU-s/M" "$cpur" "$note"
        done
    done
    # idle cost: CPU while no traffic flows, after 15 s of running (full mode only)
    if [ "$WARM_SECONDS" -gt 0 ]; then
        for tool in "${TOOLS_LIVE[@]}"; do
            start_tool "$tool" || continue
            sleep 15
            local i0 i1
            i0=$(cpu_ticks "$TOOL_PID")
            sleep 10
            i1=$(cpu_ticks "$TOOL_PID")
            stop_tool "$tool"
            row "live: idle" "$tool" "$(awk -v d=$((i1 - i0)) -v hz="$CLK_TCK" 'BEGIN {printf "%.1f %%", d / hz / 10 * 100}')" "-" \
                "CPU of one core with no traffic, measured 15-25 s after start"
        done
    fi
    # where drops start: the lowest offered rate at which a tool missed frames
    for tool in "${TOOLS_LIVE[@]}"; do
        local first
        first=$(awk -v t="$tool" '$1 == t && $6 > 0 {print ($2 ~ /^[0-9]+$/ ? $2 : $3)}' "$WORK/live.tsv" | sort -g | head -1)
        local top
        top=$(awk -v t="$tool" '$1 == t {print $3}' "$WORK/live.tsv" | sort -g | tail -1)
        if [ -n "$first" ]; then
            row "live: drops start" "$tool" "$(fmt_rate "$first")" "-" "lowest rate with missed frames (offered; achieved for tcpreplay --topspeed and trafgen)"
        else
            row "live: drops start" "$tool" "none" "-" "0 missed up to $(fmt_rate "$top") (the highest rate generated)"
        fi
    done
}
if section live; then live_section; fi

# ------------------------------------------------------------------------------------------ startup and footprint

startup_section() {
    local tiny="$WORK/tiny.pcap"
    "${GEN[@]}" pcap 100 "$tiny" > /dev/null
    local t0 t1 i
    : > "$WORK/t.first"
    for ((i = 0; i < REPEAT; i++)); do
        t0=$(now_us)
        "${JTRAF[@]}" -r "$tiny" --dump text --log-file "$WORK/jtraf-startup.log" > "$WORK/first.out"
        t1=$(now_us)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e6 }' >> "$WORK/t.first"
    done
    row "startup" "jtraf -r tiny.pcap --dump (whole run)" "$(median < "$WORK/t.first") s" "$(range " s" < "$WORK/t.first")" \
        "JVM start to exit, 100 frames"
    if ! is_root; then
        row "startup" "live" "n/a" "-" "needs root"
        return
    fi
    new_ns "$NS_CAP"
    : > "$WORK/t.first"
    for ((i = 0; i < REPEAT; i++)); do
        rm -f "$WORK/first.out"
        t0=$(now_us)
        ip netns exec "$NS_CAP" "${JTRAF[@]}" --dump text --interval 1 --log-file "$WORK/jtraf-startup.log" \
            > "$WORK/first.out" 2>/dev/null &
        local pid=$!
        BG_PIDS+=("$pid")
        wait_for 30 grep -q . "$WORK/first.out" || true
        t1=$(now_us)
        kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e6 }' >> "$WORK/t.first"
    done
    row "startup" "jtraf --dump text (live)" "$(median < "$WORK/t.first") s" "$(range " s" < "$WORK/t.first")" \
        "to the first dump line: includes waiting for the first 1 s boundary + 0.25 s grace"
    if have tmux; then
        screen_time "jtraf (dashboard)" "General interface statistics" "${JTRAF[*]} --log-file $WORK/jtraf-tui.log"
        have iptraf-ng && screen_time "iptraf-ng -g" "Iface" "iptraf-ng -g"
    fi
}

screen_time() {   # LABEL MARKER COMMAND: time until MARKER is on the tmux screen
    local label=$1 marker=$2 cmd=$3 i t0 t1
    : > "$WORK/t.screen"
    for ((i = 0; i < REPEAT; i++)); do
        t0=$(now_us)
        tmux new-session -d -s "$TMUX_SESSION" -x 120 -y 40 "ip netns exec $NS_CAP $cmd"
        wait_for 30 sh -c "tmux capture-pane -p -t '$TMUX_SESSION' | grep -q '$marker'" || true
        t1=$(now_us)
        tmux kill-session -t "$TMUX_SESSION" 2>/dev/null || true
        sleep 0.3
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e6 }' >> "$WORK/t.screen"
    done
    row "startup" "$label, first screen" "$(median < "$WORK/t.screen") s" "$(range " s" < "$WORK/t.screen")" \
        "tmux 120x40, polled every 50 ms"
}

rss_section() {
    if ! is_root; then
        row "footprint" "200 interfaces" "n/a" "-" "needs root"
        return
    fi
    new_ns "$NS_MANY"
    local i
    for ((i = 0; i < 100; i++)); do
        echo "link add m$i type veth peer name n$i"
        echo "link set m$i up"
        echo "link set n$i up"
    done > "$WORK/many.batch"
    ip -n "$NS_MANY" -batch "$WORK/many.batch"
    new_ns "$NS_CAP"
    local hold=4
    [ "$SMOKE" = 1 ] && hold=2
    local ns label rss rows pid
    for ns in "$NS_CAP" "$NS_MANY"; do
        label="1 interface + lo"
        [ "$ns" = "$NS_MANY" ] && label="200 veths"
        ip netns exec "$ns" "${JTRAF[@]}" --dump text --interval 1 --log-file "$WORK/jtraf-many.log" \
            > "$WORK/many.out" 2>&1 &
        pid=$!
        BG_PIDS+=("$pid")
        wait_for 30 grep -q '^== ' "$WORK/many.out" || true
        sleep "$hold"
        rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
        local detail
        detail=$(awk '/RssAnon|RssFile/ {printf "%s %d MiB, ", $1, $2 / 1024}' "/proc/$pid/status")
        rows=$(awk '/^== / {n = 0} / up / {n++} END {print n}' "$WORK/many.out")
        kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
        row "footprint" "jtraf --dump (live), $label" "$((rss / 1024)) MiB RSS" "-" \
            "${detail}$rows interface rows; JVM defaults, 16 MiB capture ring (--buffer)"
        if have iptraf-ng && have tmux; then
            tmux new-session -d -s "$TMUX_SESSION" -x 120 -y 40 "ip netns exec $ns iptraf-ng -g"
            wait_for 10 sh -c "tmux capture-pane -p -t '$TMUX_SESSION' | grep -q 'Iface'" || true
            sleep "$hold"
            local ipid
            ipid=$(ip netns pids "$ns" | head -1)
            rss=$(awk '/VmRSS/ {print $2}' "/proc/$ipid/status" 2>/dev/null || echo 0)
            tmux kill-session -t "$TMUX_SESSION" 2>/dev/null || true
            sleep 0.3
            row "footprint" "iptraf-ng -g, $label" "$((rss / 1024)) MiB RSS" "-" "ncurses, tmux 120x40"
        fi
    done
}

if section startup; then startup_section; fi
if section footprint; then rss_section; fi

# ------------------------------------------------------------------------------------------ the table

machine() {
    echo "machine: $(nproc) CPUs, $(lscpu 2>/dev/null | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}'), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), kernel $(uname -r), $(java -version 2>&1 | head -1)"
    echo "mode: $([ "$SMOKE" = 1 ] && echo smoke || echo full); runs per measurement: $REPEAT; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
}

print_table() {
    echo "== jtraf performance comparison ($(date -u +%Y-%m-%dT%H:%MZ)) =="
    machine
    printf '%s\n' "${ROWS[@]}" | awk -F'|' '
        { sec[NR] = $1; tool[NR] = $2; val[NR] = $3; rng[NR] = $4; note[NR] = $5
          if (length($1) > w1) w1 = length($1); if (length($2) > w2) w2 = length($2)
          if (length($3) > w3) w3 = length($3); if (length($4) > w4) w4 = length($4) }
        END {
          fmt = "%-" w1 "s  %-" w2 "s  %" w3 "s  %-" w4 "s  %s\n"
          printf fmt, "TEST", "TOOL", "VALUE", "RANGE", "NOTES"
          for (i = 1; i <= NR; i++) {
            if (i > 1 && sec[i] != sec[i - 1]) print ""
            printf fmt, sec[i], tool[i], val[i], rng[i], note[i]
          }
        }'
}

print_table
if [ -n "$OUT" ]; then
    print_table > "$OUT"
fi
