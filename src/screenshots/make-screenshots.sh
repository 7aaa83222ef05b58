#!/usr/bin/env bash
# Regenerates screenshots/*.png (general, filter, detail, help) from a real run of jtraf in a
# real terminal: tmux runs the jar, keys go in with send-keys, `tmux capture-pane -e` takes each
# screen with its colours, and src/screenshots/AnsiToPng.java paints it as a PNG.
#
#   src/screenshots/make-screenshots.sh                 # replays a generated demo recording
#   src/screenshots/make-screenshots.sh lab.pcapng      # replays a recording of real traffic,
#                                                       # e.g. `tcpdump -i any -w lab.pcapng`
#   JTRAF_ARGS="-i docker0 -i 'veth*'" src/screenshots/make-screenshots.sh   # live (root)
#
# Debian packages it needs: tmux fonts-dejavu-core fontconfig openjdk-17-jdk-headless maven
# (the JDK's java runs AnsiToPng.java from source; fontconfig lets headless AWT start).
#
# Environment: COLS/ROWS (terminal size, default 140x32), JTRAF_BUILD_DIR (default target/;
# the jar and the test classes are built there if missing), SPEED (replay speed of a given
# file, default 1x), WAIT (seconds of packet time to play before the first screenshot, default
# 65, so the 60-second sparklines are full), DETAIL_IFACE (the interface detail.png shows;
# default: the busiest), OUT (default screenshots/).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."
ROOT=$PWD
COLS=${COLS:-140}
ROWS=${ROWS:-32}
BUILD_DIR=${JTRAF_BUILD_DIR:-$ROOT/target}
OUT=${OUT:-$ROOT/screenshots}
WAIT=${WAIT:-65}
DETAIL_IFACE=${DETAIL_IFACE:-}
SOCKET="jtraf-shots-$$"
WORK=$(mktemp -d)
tm() { tmux -u -L "$SOCKET" -f /dev/null "$@"; }
SOCKET_PATH=
cleanup() {
    tm kill-server >/dev/null 2>&1 || true
    if [ -n "$SOCKET_PATH" ]; then rm -f "$SOCKET_PATH"; fi   # tmux leaves it behind
    rm -rf "$WORK"
}
trap cleanup EXIT

for tool in tmux java mvn; do
    command -v "$tool" >/dev/null || { echo "make-screenshots: $tool is missing (see the package list at the top)" >&2; exit 1; }
done
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] \
    || { echo "make-screenshots: DejaVu Sans Mono is missing (apt-get install fonts-dejavu-core)" >&2; exit 1; }

if [ ! -f "$BUILD_DIR/jtraf.jar" ] || [ ! -d "$BUILD_DIR/test-classes/dev/jtraf/view/tui" ]; then
    echo "make-screenshots: building jtraf into $BUILD_DIR"
    mvn -q -B -Djtraf.buildDir="$BUILD_DIR" -DskipTests package
fi

if [ -n "${JTRAF_ARGS:-}" ]; then
    ARGS="$JTRAF_ARGS"
    SOURCE="live"
elif [ $# -ge 1 ]; then
    ARGS="-r $(readlink -f "$1") --speed ${SPEED:-1x}"
    SOURCE="replay of $1"
else
    java -cp "$BUILD_DIR/test-classes" dev.jtraf.view.tui.DemoCapture "$WORK/demo-host.pcapng" 600
    ARGS="-r $WORK/demo-host.pcapng --speed 8x"
    SOURCE="demo recording"
    DETAIL_IFACE=${DETAIL_IFACE:-veth3f2a1b0}
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

# Let WAIT seconds of traffic be counted so rates and sparklines have history.
minutes=$((WAIT / 60)); secs=$((WAIT % 60))
until tm capture-pane -p -t shots | grep -Eo 'Elapsed [0-9]+:[0-9]{2}:[0-9]{2}' | awk -v w="$WAIT" \
        '{ split($2, t, ":"); exit !(t[1] * 3600 + t[2] * 60 + t[3] >= w) }'; do
    sleep 0.5
done
echo "make-screenshots: $minutes min $secs s of traffic counted"
if [ -z "${JTRAF_ARGS:-}" ] && [ $# -eq 0 ]; then
    tm send-keys -t shots -l -- "---"  # 8x -> 1x, as a person watching would
    await 'playing 1x' "1x"
fi

shot general

tm send-keys -t shots / v e t h
await 'Filter: veth_' "the filter prompt"
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
    tm send-keys -t shots r Home Enter
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
await 'Iface▲' "the list sorted by name"

tm send-keys -t shots h
await 'What the numbers mean' "help"
shot help
tm send-keys -t shots Escape
await 'General interface statistics' "the list"
tm send-keys -t shots q
