#!/usr/bin/env bash
# Regenerates screenshots/*.png (general, filter, detail, docker, help) from a real run of jtraf
# in a real terminal: tmux runs the jar, keys go in with send-keys, `tmux capture-pane -e` takes
# each screen with its colours, and src/screenshots/AnsiToPng.java paints it as a PNG.
#
#   sudo src/screenshots/make-screenshots.sh            # live, on real container traffic (below)
#   src/screenshots/make-screenshots.sh --demo          # replays a generated demo recording
#   src/screenshots/make-screenshots.sh lab.pcapng      # replays a recording of real traffic
#
# Live (the default; root, a Docker engine, the image jtraf-busybox or busybox-static to build
# it): starts four busybox containers and one user-defined network, all labelled
# dev.jtraf.screenshots: web1 (busybox httpd, on the default bridge and on the network
# "backend"), client1 (bridge) and client2 (backend) fetching files from web1 in bounded wget
# loops, and batch (--network none, to show how such a container is listed). The host fetches
# from web1 too (wget, host -> docker0 -> veth) and sends UDP datagrams from inside client1's
# network namespace (nsenter + bash's /dev/udp). Every loop has a count and every container a
# time limit; traffic stays between these containers and the host's docker0 address. jtraf
# runs on every interface that is up; the containers and the network are removed at the end
# (also on Ctrl-C or failure). If no engine answers on /var/run/docker.sock, dockerd is started
# with --iptables=false --ip-masq=false --ip-forward=false and stopped again afterwards.
# The names must be free: the script refuses to start if web1, client1, client2, batch or the
# network backend exist.
#
# Debian packages it needs: tmux fonts-dejavu-core fontconfig openjdk-17-jdk-headless maven,
# and for the live run docker.io (or docker-ce), busybox-static, wget, util-linux (nsenter)
# (the JDK's java runs AnsiToPng.java from source; fontconfig lets headless AWT start).
#
# Environment: COLS/ROWS (terminal size, default 150x34: wide enough for the Container column,
# In/Out and sparklines), JTRAF_BUILD_DIR (default target/; the jar and the test classes are
# built there if missing), SPEED (replay speed of a given file, default 1x), WAIT (seconds to
# count before the first screenshot, default 65, so the 60-second sparklines are full),
# DETAIL_IFACE (the interface detail.png shows; default: web1's veth live, the busiest in a
# replay), OUT (default screenshots/).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."
ROOT=$PWD
COLS=${COLS:-150}
ROWS=${ROWS:-34}
BUILD_DIR=${JTRAF_BUILD_DIR:-$ROOT/target}
OUT=${OUT:-$ROOT/screenshots}
WAIT=${WAIT:-65}
DETAIL_IFACE=${DETAIL_IFACE:-}
SOCKET="jtraf-shots-$$"
WORK=$(mktemp -d)
LABEL=dev.jtraf.screenshots
CONTAINERS=(web1 client1 client2 batch)
NETWORK=backend
IMAGE=jtraf-busybox
tm() { tmux -u -L "$SOCKET" -f /dev/null "$@"; }
SOCKET_PATH=
LOOPS=()          # host-side traffic loops (our own background jobs)
STARTED_DOCKERD=  # pid of a dockerd this script started
LAB=

cleanup() {
    tm kill-server >/dev/null 2>&1 || true
    if [ -n "$SOCKET_PATH" ]; then rm -f "$SOCKET_PATH"; fi   # tmux leaves it behind
    for pid in "${LOOPS[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ -n "$LAB" ]; then
        local ids
        ids=$(docker ps -aq --filter "label=$LABEL=$$" 2>/dev/null || true)
        if [ -n "$ids" ]; then docker rm -f -v $ids >/dev/null 2>&1 || true; fi
        docker network rm "$NETWORK" >/dev/null 2>&1 || true
        echo "make-screenshots: removed the containers and the network"
    fi
    if [ -n "$STARTED_DOCKERD" ]; then
        kill "$STARTED_DOCKERD" 2>/dev/null || true
        wait "$STARTED_DOCKERD" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "make-screenshots: $*" >&2; exit 1; }

for tool in tmux java mvn; do
    command -v "$tool" >/dev/null || die "$tool is missing (see the package list at the top)"
done
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] \
    || die "DejaVu Sans Mono is missing (apt-get install fonts-dejavu-core)"

if [ ! -f "$BUILD_DIR/jtraf.jar" ] || [ ! -d "$BUILD_DIR/test-classes/dev/jtraf/view/tui" ]; then
    echo "make-screenshots: building jtraf into $BUILD_DIR"
    mvn -q -B -Djtraf.buildDir="$BUILD_DIR" -DskipTests package
fi

# ------------------------------------------------------------------------------------------
# The live lab: an engine, the image, the containers and their traffic.

ensure_engine() {
    [ "$(id -u)" -eq 0 ] || die "the live run needs root (capture, nsenter); or use --demo or a recording"
    command -v docker >/dev/null || die "the docker CLI is missing (apt-get install docker.io)"
    if docker info >/dev/null 2>&1; then return; fi
    command -v dockerd >/dev/null || die "no Docker engine answers and dockerd is not installed"
    echo "make-screenshots: starting dockerd (log: $WORK/dockerd.log)"
    dockerd --iptables=false --ip-masq=false --ip-forward=false >"$WORK/dockerd.log" 2>&1 &
    STARTED_DOCKERD=$!
    for _ in $(seq 60); do docker info >/dev/null 2>&1 && return; sleep 0.5; done
    die "dockerd did not come up; see $WORK/dockerd.log"
}

# The lab image, as src/test/java/dev/jtraf/lab/DockerLab builds it: the host's static
# busybox and one symlink per applet.
ensure_image() {
    docker image inspect "$IMAGE" >/dev/null 2>&1 && return
    local bb
    bb=$(command -v busybox) || die "busybox is missing (apt-get install busybox-static)"
    echo "make-screenshots: building the image $IMAGE from $bb"
    mkdir -p "$WORK/rootfs/bin" "$WORK/rootfs/"{tmp,etc,root,proc,sys,dev}
    cp "$bb" "$WORK/rootfs/bin/busybox"
    for applet in $("$bb" --list); do
        [ "$applet" = busybox ] || ln -sf busybox "$WORK/rootfs/bin/$applet"
    done
    tar -C "$WORK/rootfs" -c . | docker import --change 'CMD ["sleep","600"]' \
        --change 'ENV PATH=/bin' - "$IMAGE" >/dev/null
}

run_container() { # name, docker run options..., -- command...
    local name=$1; shift
    local opts=()
    while [ "$1" != "--" ]; do opts+=("$1"); shift; done
    shift
    docker run -d --name "$name" --label "$LABEL=$$" "${opts[@]}" "$IMAGE" "$@" >/dev/null 2>"$WORK/run.err" \
        || { cat "$WORK/run.err" >&2; die "cannot start $name"; }
}

ip_on() { docker inspect -f "{{(index .NetworkSettings.Networks \"$2\").IPAddress}}" "$1"; }

start_lab() {
    ensure_engine
    ensure_image
    for c in "${CONTAINERS[@]}"; do
        if docker inspect "$c" >/dev/null 2>&1; then die "a container named $c exists; remove it or run elsewhere"; fi
    done
    if docker network inspect "$NETWORK" >/dev/null 2>&1; then die "a network named $NETWORK exists"; fi
    local others
    others=$(docker ps --format '{{.Names}}' | tr '\n' ' ')
    if [ -n "$others" ]; then
        echo "make-screenshots: note: other containers are running and will show too: $others" >&2
    fi
    LAB=1
    docker network create --label "$LABEL=$$" "$NETWORK" >/dev/null
    # web1 serves a small page and a 150 kB file for 15 minutes at most
    run_container web1 -- sh -c 'mkdir -p /www && echo "hello from web1" > /www/index.html &&
        head -c 150000 /dev/urandom > /www/blob && exec timeout 900 httpd -f -p 80 -h /www'
    docker network connect "$NETWORK" web1
    WEB1=$(ip_on web1 bridge)
    WEB1_BACKEND=$(ip_on web1 "$NETWORK")
    # client1 fetches the file 420 times, with a pause every 40 (the sparklines get a shape);
    # client2 the page and the file 300 times, on the other network
    run_container client1 -- sh -c "i=0; while [ \$i -lt 420 ]; do wget -q -O /dev/null http://$WEB1/blob;
        i=\$((i + 1)); if [ \$((i % 40)) -eq 0 ]; then sleep 4; else sleep 0.\$((i % 5 + 2)); fi; done"
    run_container client2 --network "$NETWORK" -- sh -c "i=0; while [ \$i -lt 300 ]; do
        wget -q -O /dev/null http://$WEB1_BACKEND/index.html; wget -q -O /dev/null http://$WEB1_BACKEND/blob;
        i=\$((i + 1)); sleep 0.7; done"
    run_container batch --network none -- sleep 900
    # the host fetches the page (host -> docker0 -> veth), 240 times
    bash -c "for i in \$(seq 240); do wget -q -O /dev/null http://$WEB1/index.html; sleep 0.5; done" &
    LOOPS+=($!)
    # UDP from inside client1's namespace to web1, 1200 datagrams of 200 bytes (web1 answers
    # with ICMP port unreachable: nothing listens there); nsenter -n execs the loop itself
    local pid1
    pid1=$(docker inspect -f '{{.State.Pid}}' client1)
    nsenter -t "$pid1" -n bash -c "for i in \$(seq 1200); do printf '%0200d' \$i > /dev/udp/$WEB1/5353;
        sleep 0.1; done" 2>/dev/null &
    LOOPS+=($!)
    # web1's host-side veth on the default bridge: the peer of its eth0
    local pidw iflink
    pidw=$(docker inspect -f '{{.State.Pid}}' web1)
    iflink=$(cat "/proc/$pidw/root/sys/class/net/eth0/iflink")
    WEB1_VETH=$(basename "$(dirname "$(grep -lx "$iflink" /sys/class/net/*/ifindex)")")
    echo "make-screenshots: web1 at $WEB1 (veth $WEB1_VETH) and $WEB1_BACKEND; traffic started"
}

LIVE=
if [ "${1:-}" = "--demo" ]; then
    java -cp "$BUILD_DIR/test-classes" dev.jtraf.view.tui.DemoCapture "$WORK/demo-host.pcapng" 600
    ARGS="-r $WORK/demo-host.pcapng --speed 8x"
    SOURCE="demo recording"
    DETAIL_IFACE=${DETAIL_IFACE:-veth3f2a1b0}
elif [ $# -ge 1 ]; then
    ARGS="-r $(readlink -f "$1") --speed ${SPEED:-1x}"
    SOURCE="replay of $1"
else
    start_lab
    LIVE=1
    ARGS=""
    SOURCE="live, busybox containers"
    DETAIL_IFACE=${DETAIL_IFACE:-$WEB1_VETH}
fi

# Polls the screen until it matches an extended regular expression (never a fixed sleep).
await() {
    local pattern=$1 what=$2 limit=${3:-60}
    local deadline=$((SECONDS + limit))
    until tm capture-pane -p -t shots | grep -Eq -- "$pattern"; do
        if [ $SECONDS -ge $deadline ]; then
            echo "make-screenshots: timed out waiting for $what; the terminal shows:" >&2
            tm capture-pane -p -t shots >&2
            exit 1
        fi
        sleep 0.2
    done
}

shot() {
    local name=$1
    tm capture-pane -e -p -t shots > "$WORK/$name.ansi"
    java "$ROOT/src/screenshots/AnsiToPng.java" "$WORK/$name.ansi" "$OUT/$name.png" "$COLS" "$ROWS" \
        "jtraf — $name ($SOURCE)"
    echo "make-screenshots: wrote $OUT/$name.png"
}

mkdir -p "$OUT"
tm new-session -d -s shots -x "$COLS" -y "$ROWS" "env LANG=C.UTF-8 TERM=xterm-256color PS1='$ ' bash --norc --noprofile"
SOCKET_PATH=$(tm display-message -p -t shots '#{socket_path}')
tm set-option -t shots status off >/dev/null
await '\$' "the shell"
tm send-keys -t shots -l "clear; java -jar $BUILD_DIR/jtraf.jar $ARGS --log-file $WORK/jtraf.log; exit"
tm send-keys -t shots Enter
await 'General interface statistics' "the dashboard"
if [ -n "$LIVE" ]; then
    await 'web1 on bridge' "web1's veth named on the general screen" 20
fi

# Let WAIT seconds of traffic be counted so rates and sparklines have history.
minutes=$((WAIT / 60)); secs=$((WAIT % 60))
until tm capture-pane -p -t shots | grep -Eo 'Elapsed [0-9]+:[0-9]{2}:[0-9]{2}' | awk -v w="$WAIT" \
        '{ split($2, t, ":"); exit !(t[1] * 3600 + t[2] * 60 + t[3] >= w) }'; do
    sleep 0.5
done
echo "make-screenshots: $minutes min $secs s of traffic counted"
if [ -z "$LIVE" ] && [ "${1:-}" = "--demo" ]; then
    tm send-keys -t shots -l -- "---"  # 8x -> 1x, as a person watching would
    await 'playing 1x' "1x"
fi

tm send-keys -t shots r Home           # busiest first, and selected
await 'Activity▼' "the list sorted by rate"
shot general

if [ -n "$LIVE" ]; then                # the filter matches container names too
    tm send-keys -t shots -l "/web1"
    await 'Filter: web1_' "the filter prompt"
else
    tm send-keys -t shots / v e t h
    await 'Filter: veth_' "the filter prompt"
fi
shot filter
tm send-keys -t shots Escape
await 'q Quit' "the list"

if [ -n "$DETAIL_IFACE" ]; then         # that interface's details
    tm send-keys -t shots -l "/$DETAIL_IFACE"
    tm send-keys -t shots Enter
    await "filter: $DETAIL_IFACE]" "the filter"
    tm send-keys -t shots Home Enter
    await "Detailed interface statistics: $DETAIL_IFACE" "the detail screen"
else                                   # the busiest interface's details
    tm send-keys -t shots Home Enter
    await 'Detailed interface statistics' "the detail screen"
fi
shot detail
# Esc and the next key must not arrive together: ESC followed by n reads as Alt-n.
tm send-keys -t shots Escape
await 'General interface statistics' "the list"
if [ -n "$DETAIL_IFACE" ]; then
    tm send-keys -t shots Escape       # clears the filter
    await 'General interface statistics +replay|General interface statistics +live' "the list unfiltered"
fi
tm send-keys -t shots n
await 'Iface▲|Iface/container▲' "the list sorted by name"

if [ -n "$LIVE" ]; then                # the networks, and web1's packet path
    tm send-keys -t shots d
    await 'Packet path to' "the Docker screen"
    for _ in $(seq 30); do            # select web1's veth on the default bridge
        tm capture-pane -p -t shots | grep -q "Packet path to web1" && break
        tm send-keys -t shots Down
        sleep 0.3
    done
    await 'Packet path to web1' "web1 selected on the Docker screen"
    shot docker
    tm send-keys -t shots Escape
    await 'General interface statistics' "the list"
fi

tm send-keys -t shots h
await 'What the numbers mean' "help"
shot help
tm send-keys -t shots Escape
await 'General interface statistics' "the list"
tm send-keys -t shots q
