/*
 * libjtrafpcap: jtraf's batching capture shim (issue 6, native-notes/performance.md).
 *
 * pcap4j delivers each frame through a JNA upcall that allocates a byte[], a Timestamp and a
 * boxed length (~0.7 us per frame). This shim drains libpcap's buffer with ONE pcap_dispatch
 * call per batch, copying every frame into a direct ByteBuffer owned by Java:
 *
 *   offset 0:  int32 frames, int32 end (offset after the last record), int32 overflow, int32 rc
 *   offset 16: records, each 8-byte aligned:
 *              int64 timestamp (epoch ns), int32 caplen, int32 origlen, caplen bytes, padding
 *
 * all in native byte order. Java then parses the batch without allocating. It also reads
 * pcap_stats' drop counters, without the JNA Structure pcap4j makes for every call (ABI 2).
 * For replay it reads a file straight into a Java array with pread(2), one copy like cat's (ABI 3);
 * build.sh compiles it with 64-bit file offsets, so files over 2 GiB work on 32-bit targets too.
 *
 * It does not link against libpcap: the pcap_t* comes from pcap4j's PcapHandle and the address
 * of pcap_dispatch (and pcap_stats) from JNA, which loaded libpcap for pcap4j (the same library instance), so no
 * libpcap headers or -dev package are needed to build it, only a C compiler and jni.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <stdint.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/time.h>
#include <sys/types.h>
#include <unistd.h>

#define JTRAF_ABI 3
#define HEADER 16
#define RECORD_HEADER 16

/* libpcap's ABI (pcap/pcap.h), declared here so that no libpcap headers are needed. */
struct pcap_pkthdr {
    struct timeval ts;
    uint32_t caplen;
    uint32_t len;
};
typedef void (*pcap_handler)(unsigned char *, const struct pcap_pkthdr *, const unsigned char *);
typedef int (*pcap_dispatch_fn)(void *, int, pcap_handler, unsigned char *);
struct pcap_stat {
    unsigned int ps_recv;
    unsigned int ps_drop;
    unsigned int ps_ifdrop;
};
typedef int (*pcap_stats_fn)(void *, struct pcap_stat *);

struct batch {
    unsigned char *base;
    size_t capacity;
    size_t end;
    int32_t frames;
    int32_t overflow;
    int64_t fraction_to_nanos;
};

static void put32(unsigned char *p, int32_t v) { memcpy(p, &v, 4); }
static void put64(unsigned char *p, int64_t v) { memcpy(p, &v, 8); }

static void on_frame(unsigned char *user, const struct pcap_pkthdr *h, const unsigned char *bytes) {
    struct batch *b = (struct batch *) user;
    size_t room = b->capacity - b->end;
    uint32_t caplen = h->caplen;
    if (room < RECORD_HEADER) {
        /* Cannot happen when Java sizes the batch by the snap length; counted, never silent. */
        b->overflow++;
        return;
    }
    if (caplen > room - RECORD_HEADER) {
        caplen = (uint32_t) (room - RECORD_HEADER); /* keep the frame (and its length), cut its bytes */
        b->overflow++;
    }
    unsigned char *r = b->base + b->end;
    put64(r, (int64_t) h->ts.tv_sec * 1000000000LL + (int64_t) h->ts.tv_usec * b->fraction_to_nanos);
    put32(r + 8, (int32_t) caplen);
    put32(r + 12, (int32_t) h->len);
    memcpy(r + RECORD_HEADER, bytes, caplen);
    size_t size = (RECORD_HEADER + (size_t) caplen + 7) & ~(size_t) 7;
    b->end = b->end + size > b->capacity ? b->capacity : b->end + size;
    b->frames++;
}

JNIEXPORT jint JNICALL Java_dev_jtraf_source_NativeLib_abi(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return JTRAF_ABI;
}

/*
 * One pcap_dispatch(pcap, maxFrames) into buffer. Returns pcap_dispatch's result (frames, 0,
 * -1 error, -2 pcap_breakloop); the batch header says what was written, also when it is -2
 * (libpcap returns -2 after frames it already delivered in the same call).
 */
JNIEXPORT jint JNICALL Java_dev_jtraf_source_NativeBatch_dispatch(JNIEnv *env, jclass cls, jlong dispatchFn,
        jlong pcap, jobject buffer, jint maxFrames, jint fractionToNanos) {
    (void) cls;
    unsigned char *base = (unsigned char *) (*env)->GetDirectBufferAddress(env, buffer);
    jlong capacity = (*env)->GetDirectBufferCapacity(env, buffer);
    if (base == NULL || capacity < HEADER + RECORD_HEADER || dispatchFn == 0 || pcap == 0) {
        return -1000;
    }
    struct batch b;
    b.base = base;
    b.capacity = (size_t) capacity;
    b.end = HEADER;
    b.frames = 0;
    b.overflow = 0;
    b.fraction_to_nanos = fractionToNanos;
    pcap_dispatch_fn dispatch = (pcap_dispatch_fn) (intptr_t) dispatchFn;
    int rc = dispatch((void *) (intptr_t) pcap, maxFrames, on_frame, (unsigned char *) &b);
    put32(base, b.frames);
    put32(base + 4, (int32_t) b.end);
    put32(base + 8, b.overflow);
    put32(base + 12, rc);
    return rc;
}

/*
 * pcap_stats(pcap): ps_drop + ps_ifdrop (each unsigned 32-bit, so the sum may pass 2^32), or
 * pcap_stats' negative result. pcap4j reads the same through JNA with a new Structure each time;
 * jtraf samples it twice a second for as long as it runs.
 */
JNIEXPORT jlong JNICALL Java_dev_jtraf_source_NativeBatch_drops(JNIEnv *env, jclass cls, jlong statsFn, jlong pcap) {
    (void) env;
    (void) cls;
    if (statsFn == 0 || pcap == 0) {
        return -1000;
    }
    struct pcap_stat s;
    memset(&s, 0, sizeof s);
    pcap_stats_fn stats = (pcap_stats_fn) (intptr_t) statsFn;
    int rc = stats((void *) (intptr_t) pcap, &s);
    if (rc < 0) {
        return rc;
    }
    return (jlong) s.ps_drop + (jlong) s.ps_ifdrop;
}

/* An instance field of o's class, or NULL (with the exception cleared). */
static jfieldID field_of(JNIEnv *env, jobject o, const char *name, const char *signature) {
    jfieldID f = (*env)->GetFieldID(env, (*env)->GetObjectClass(env, o), name, signature);
    if (f == NULL) {
        (*env)->ExceptionClear(env); /* NoSuchFieldError: another JDK; the caller falls back */
    }
    return f;
}

/*
 * A duplicate (close-on-exec) of the file descriptor of a JDK FileChannel
 * (sun.nio.ch.FileChannelImpl.fd, a FileDescriptor, whose int field is fd), INT32_MIN if this
 * JDK has no such fields (or the channel is closed), or -errno if dup fails. JNI reads private
 * fields without access checks, so no --add-opens is needed. The caller owns the duplicate
 * (closeFd), so closing the channel can never leave a reading thread with a descriptor number
 * that was reused for another file.
 */
JNIEXPORT jint JNICALL Java_dev_jtraf_source_NativeRead_fd(JNIEnv *env, jclass cls, jobject channel) {
    (void) cls;
    jfieldID f = channel == NULL ? NULL : field_of(env, channel, "fd", "Ljava/io/FileDescriptor;");
    jobject descriptor = f == NULL ? NULL : (*env)->GetObjectField(env, channel, f);
    jfieldID i = descriptor == NULL ? NULL : field_of(env, descriptor, "fd", "I");
    int fd = i == NULL ? -1 : (*env)->GetIntField(env, descriptor, i);
    if (fd < 0) {
        return INT32_MIN;
    }
    int copy = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    return copy >= 0 ? copy : -errno; /* e.g. EMFILE */
}

/* Closes a descriptor from fd(). */
JNIEXPORT void JNICALL Java_dev_jtraf_source_NativeRead_closeFd(JNIEnv *env, jclass cls, jint fd) {
    (void) env;
    (void) cls;
    if (fd >= 0) {
        close(fd);
    }
}

/*
 * pread(2) of len bytes at position into array[off, off + len), repeated until len bytes or the
 * end of the file: the bytes read, -errno, or INT64_MIN for arguments out of range. The array is
 * pinned (GetPrimitiveArrayCritical) for the call: one read from the page cache, no JNI calls
 * in between.
 */
JNIEXPORT jlong JNICALL Java_dev_jtraf_source_NativeRead_pread(JNIEnv *env, jclass cls, jint fd, jbyteArray array,
        jint off, jint len, jlong position) {
    (void) cls;
    if (array == NULL || off < 0 || len < 0 || position < 0 || off > (*env)->GetArrayLength(env, array) - len) {
        return INT64_MIN;
    }
    jbyte *a = (*env)->GetPrimitiveArrayCritical(env, array, NULL);
    if (a == NULL) {
        return -ENOMEM;
    }
    size_t done = 0;
    int err = 0;
    while (done < (size_t) len) {
        ssize_t r = pread(fd, a + off + done, (size_t) len - done, (off_t) position + (off_t) done);
        if (r < 0) {
            if (errno == EINTR) {
                continue;
            }
            err = errno;
            break;
        }
        if (r == 0) {
            break;
        }
        done += (size_t) r;
    }
    (*env)->ReleasePrimitiveArrayCritical(env, array, a, 0);
    return err != 0 ? -(jlong) err : (jlong) done;
}

/* fstatfs(fd).f_type (the file system's magic number, linux/magic.h), or -errno. */
JNIEXPORT jlong JNICALL Java_dev_jtraf_source_NativeRead_fileSystemType(JNIEnv *env, jclass cls, jint fd) {
    (void) env;
    (void) cls;
    struct statfs s;
    if (fstatfs(fd, &s) != 0) {
        return -(jlong) errno;
    }
    return (jlong) (uint32_t) s.f_type; /* the magic numbers are 32-bit; f_type is a signed int on some ABIs */
}
