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
 *
 * It does not link against libpcap: the pcap_t* comes from pcap4j's PcapHandle and the address
 * of pcap_dispatch (and pcap_stats) from JNA, which loaded libpcap for pcap4j (the same library instance), so no
 * libpcap headers or -dev package are needed to build it, only a C compiler and jni.h.
 */
#include <jni.h>
#include <stdint.h>
#include <string.h>
#include <sys/time.h>

#define JTRAF_ABI 2
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

JNIEXPORT jint JNICALL Java_dev_jtraf_source_NativeBatch_abi(JNIEnv *env, jclass cls) {
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
