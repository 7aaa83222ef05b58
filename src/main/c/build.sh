#!/bin/sh
# Builds libjtrafpcap.so, jtraf's batching capture shim (jtrafpcap.c), during the Maven build
# (exec-maven-plugin, process-classes phase), and puts it where the jar picks it up:
#   build.sh JAVA_HOME OS_ARCH NATIVE_DIR CLASSES_DIR
#   -> NATIVE_DIR/libjtrafpcap.so, copied to CLASSES_DIR/native/linux-OS_ARCH/libjtrafpcap.so
# Without a C compiler (or without jni.h) it builds nothing and says so: jtraf then captures
# through pcap4j's loop alone (slower, same counts). A compiler error is a bug: the build fails.
# CC chooses the compiler (default gcc, then cc).
set -eu
java_home=$1
arch=$2
native_dir=$3
classes_dir=$4
src="$(cd "$(dirname "$0")" && pwd)/jtrafpcap.c"

cc=${CC:-}
if [ -z "$cc" ]; then
    for c in gcc cc; do
        if command -v "$c" >/dev/null 2>&1; then cc=$c; break; fi
    done
fi
skip() {
    echo "[jtraf-native] WARNING: $1: building jtraf WITHOUT its native capture fast path;" \
         "live capture will use pcap4j's loop (same counts, ~4x the CPU per frame)." >&2
    rm -f "$classes_dir/native/linux-$arch/libjtrafpcap.so"
    exit 0
}
[ "$(uname -s)" = Linux ] || skip "not Linux"
[ -n "$cc" ] && command -v "$cc" >/dev/null 2>&1 || skip "no C compiler (gcc or cc; set CC)"
[ -f "$java_home/include/jni.h" ] || skip "no jni.h under $java_home/include (a JRE, not a JDK?)"

mkdir -p "$native_dir" "$classes_dir/native/linux-$arch"
out="$native_dir/libjtrafpcap.so"
if [ -f "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt "$0" ]; then
    echo "[jtraf-native] $out is up to date"
else
    "$cc" -O2 -fPIC -shared -std=c99 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 -Wall -Wextra -Werror -fvisibility=default \
        -I"$java_home/include" -I"$java_home/include/linux" -Wl,-z,noexecstack \
        -o "$out.tmp" "$src"
    mv "$out.tmp" "$out"
    echo "[jtraf-native] built $out with $cc"
fi
cp "$out" "$classes_dir/native/linux-$arch/libjtrafpcap.so"
