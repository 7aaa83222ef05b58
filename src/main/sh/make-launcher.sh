#!/bin/sh
# Puts jtraf's launcher beside the jar and gives it a class-data archive, during the Maven build
# (exec-maven-plugin, package phase, after the shade plugin made the jar):
#   make-launcher.sh JAVA_HOME BUILD_DIR
#   -> BUILD_DIR/jtraf (src/main/sh/jtraf) and BUILD_DIR/jtraf.jsa
# The archive holds the classes two training runs load, on a small capture written here (IPv4
# TCP, IPv6 UDP, ARP over three seconds): a replay with a text dump, and the dashboard replaying
# it for two seconds in a pseudo-terminal (script(1), when there is one). Classes they do not
# hold (the live capture's, Docker's) load from the jar as usual. If the archive cannot be made, the launcher runs without one and
# the build says why; it does not fail. The archive fits only this JVM and this jar, at the path
# and with the size and time they have now: the launcher checks all of that and otherwise runs
# without it. Run this again after copying or replacing jtraf.jar, or upgrading the JDK.
set -eu
java_home=$1
dir=$(cd "$2" && pwd -P)
here=$(cd "$(dirname "$0")" && pwd -P)
java=$(readlink -f "$java_home/bin/java")
jvm_lib=$(dirname "$(dirname "$java")")/lib/server/libjvm.so
# size and modification time of the JVM and the jar: a JDK upgraded in place, or a jar replaced
# without running this again, no longer fits the archive
stamp=$(stat -L --printf '%s %Y ' "$jvm_lib" "$dir/jtraf.jar" 2>/dev/null || true)

# the build's JVM, directory and stamp, as single-quoted words for the shell (a ' as '\''),
# escaped for sed's replacement (\, & and the | delimiter)
sed_word() {
    printf '%s' "'$(printf '%s' "$1" | sed "s/'/'\\\\''/g")'" | sed 's/[\\&|]/\\&/g'
}
sed -e "s|@BUILD_JAVA@|$(sed_word "$java")|" -e "s|@BUILD_DIR@|$(sed_word "$dir")|" \
    -e "s|@BUILD_JVM_LIB@|$(sed_word "$jvm_lib")|" -e "s|@STAMP@|$(sed_word "$stamp")|" \
    "$here/jtraf" > "$dir/jtraf.tmp"
chmod 755 "$dir/jtraf.tmp"
mv "$dir/jtraf.tmp" "$dir/jtraf"

# bytes given in hex, written as octal escapes (POSIX printf has no \x)
bytes() {
    for b in "$@"; do
        # shellcheck disable=SC2059 # the format is the escape
        printf "\\$(printf %03o "0x$b")"
    done
}
le32() {
    bytes "$(printf %02x $(($1 & 255)))" "$(printf %02x $((($1 >> 8) & 255)))" \
        "$(printf %02x $((($1 >> 16) & 255)))" "$(printf %02x $((($1 >> 24) & 255)))"
}
record() { # seconds microseconds length
    le32 "$1"; le32 "$2"; le32 "$3"; le32 "$3"
}
mac_a="02 00 00 00 00 01"; mac_b="02 00 00 00 00 02"
tcp4() {
    record "$1" "$2" 54
    bytes $mac_b $mac_a 08 00 \
        45 00 00 28 00 01 00 00 40 06 66 cd 0a 00 00 01 0a 00 00 02 \
        30 39 00 50 00 00 00 01 00 00 00 00 50 02 ff ff 00 00 00 00
}
udp6() {
    record "$1" "$2" 62
    bytes $mac_a $mac_b 86 dd \
        60 00 00 00 00 08 11 40 fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 02 \
        fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 \
        00 35 c0 00 00 08 00 00
}
arp() {
    record "$1" "$2" 42
    bytes ff ff ff ff ff ff $mac_a 08 06 \
        00 01 08 00 06 04 00 01 $mac_a 0a 00 00 01 00 00 00 00 00 00 0a 00 00 02
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
training=$work/training.pcap
{
    bytes d4 c3 b2 a1 02 00 04 00 00 00 00 00 00 00 00 00 ff ff 00 00 01 00 00 00
    for s in 1700000000 1700000001 1700000002; do
        for us in 100000 400000 700000; do
            tcp4 $s $us; udp6 $s $((us + 1000)); arp $s $((us + 2000))
        done
    done
} > "$training"

# A static archive (-Xshare:dump with the list of classes the training runs loaded), not a dynamic
# one (-XX:ArchiveClassesAtExit): on JDK 17 only the static dump stores classes of the old class
# file versions that picocli is compiled for (Java 5); a dynamic archive left out all of its 170
# classes, which then loaded from the jar at every start (native-notes/performance.md, "Start-up").
rm -f "$dir/jtraf.jsa"
problem=
# (JDK 17 also leaves jtraf's classes out, and keeps only the JDK's, where the path has a blank)
case $dir in
    *:*) problem="the directory's path has a ':', which -XX:SharedArchiveFile cannot take" ;;
esac
if [ -z "$problem" ] && [ -z "$stamp" ]; then
    problem="no $jvm_lib to tell this JVM's build by"
fi
if [ -z "$problem" ] && ! "$java" -XX:DumpLoadedClassList="$work/classes.lst" -XX:+UseSerialGC -XX:-UsePerfData \
        -jar "$dir/jtraf.jar" -r "$training" --dump text --log-file "$work/training.log" >/dev/null; then
    problem="the training run failed (its message is above)"
fi
# The dashboard's classes (Lanterna, the screens): its first screen comes ~0.1 s sooner. At
# 120x40 (a pseudo-terminal without a size gets no screen drawn); stopped after 2 s by SIGTERM,
# which it handles. Best effort: without script(1), or if this fails, the archive holds the
# replay's classes only.
if [ -z "$problem" ] && command -v script >/dev/null 2>&1; then
    JT_JAVA=$java JT_LIST=$work/dashboard.lst JT_JAR=$dir/jtraf.jar JT_CAPTURE=$training \
        JT_LOG=$work/dashboard.log TERM=xterm-256color timeout 60 script -qec 'stty cols 120 rows 40
        exec timeout -s TERM 2 "$JT_JAVA" -XX:DumpLoadedClassList="$JT_LIST" -XX:+UseSerialGC \
            -XX:-UsePerfData -jar "$JT_JAR" -r "$JT_CAPTURE" --log-file "$JT_LOG"' /dev/null \
        </dev/null >/dev/null 2>&1 || true
    if [ -s "$work/dashboard.lst" ]; then
        cat "$work/classes.lst" "$work/dashboard.lst" | awk '!seen[$0]++' > "$work/all.lst"
        mv "$work/all.lst" "$work/classes.lst"
    fi
fi
if [ -z "$problem" ] && { ! "$java" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" \
        -XX:SharedArchiveFile="$dir/jtraf.jsa" -XX:+UseSerialGC -cp "$dir/jtraf.jar" > "$work/dump.log" 2>&1 \
        || [ ! -f "$dir/jtraf.jsa" ]; }; then
    problem="-Xshare:dump failed: $(tail -n 1 "$work/dump.log")"
fi
if [ -z "$problem" ]; then
    echo "[jtraf-launcher] $dir/jtraf, with the class-data archive $dir/jtraf.jsa"
else
    rm -f "$dir/jtraf.jsa"
    echo "[jtraf-launcher] WARNING: no class-data archive ($problem); $dir/jtraf starts without one" >&2
fi
