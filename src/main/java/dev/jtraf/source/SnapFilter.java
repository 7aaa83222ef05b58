package dev.jtraf.source;

import com.sun.jna.Function;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Locale;
import org.pcap4j.core.PcapHandle;

/**
 * The live handle's kernel socket filter, a classic BPF program attached to libpcap's socket
 * with {@code setsockopt(SO_ATTACH_FILTER)}. It accepts every frame and does two things with
 * the length it returns:
 * <ul>
 * <li>it keeps only the snap length of each frame in the capture ring (the kernel copies that
 * much), so a ring block holds more frames and the capture thread wakes less often
 * (native-notes/performance.md);</li>
 * <li>it marks each frame that came with a VLAN tag which the kernel moved out of the frame
 * into its metadata (every received 802.1Q/802.1ad frame, and sent ones on devices that insert
 * the tag themselves): such a frame is kept one byte shorter than
 * {@code min(length, snap length)}, which no other frame is.</li>
 * </ul>
 * libpcap puts such a tag back into the frame for an Ethernet capture of one interface, so
 * {@code tcpdump -i IF}, tshark and the kernel's byte counters count its 4 bytes; it does not
 * for the {@code any} device's LINUX_SLL2 framing that jtraf captures in, whose frames start
 * after the tag. {@link #originalLength} adds the 4 bytes back for a marked frame
 * (semantics.md: bytes include 4 per VLAN tag; native-notes/capture-design.md). The byte a
 * marked frame loses is its last captured one: beyond the snap length, or the end of a frame
 * whose headers end earlier (the decoder reads only link and IP headers).
 */
final class SnapFilter {
    private static final int SOL_SOCKET = 1;
    private static final int SO_ATTACH_FILTER = 26;
    /**
     * {@code SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT} (48): 1 if the frame's tag is in its metadata.
     * Not {@code SKF_AD_VLAN_TAG} (44), the tag's value, which is 0 for a priority tag and may be
     * stale on a frame whose tag was taken off.
     */
    private static final int VLAN_TAG_PRESENT = 0xFFFFF000 + 48;
    private static final int VLAN_TAG_BYTES = 4;

    private SnapFilter() {
    }

    /**
     * The filter for captured frames of at most {@code snapshot} bytes in LINUX_SLL2 framing,
     * whose 20-byte cooked header libpcap adds in front of what the kernel keeps.
     */
    static int[][] program(int snapshot) {
        int keep = snapshot - 20;
        return new int[][] {
            // code, jt, jf, k (a jump goes to the next instruction + jt or jf)
            {0x20, 0, 0, VLAN_TAG_PRESENT}, // 0: ld [vlan_avail]
            {0x15, 6, 0, 0},                // 1: jeq #0 -> 8
            {0x80, 0, 0, 0},                // 2: ld len (from the network header)
            {0x25, 3, 0, keep},             // 3: jgt #keep -> 7
            {0x25, 0, 3, 1},                // 4: jgt #1, else -> 8 (a frame of 0 or 1 bytes cannot be marked)
            {0x14, 0, 0, 1},                // 5: sub #1
            {0x16, 0, 0, 0},                // 6: ret a
            {0x06, 0, 0, keep - 1},         // 7: ret #keep-1
            {0x06, 0, 0, keep},             // 8: ret #keep
        };
    }

    /**
     * Attaches the filter to the open handle {@code h} of snap length {@code snapshot}.
     *
     * @return null if attached, else why not (the caller falls back to libpcap's own filter)
     */
    static String attach(PcapHandle h, int snapshot) {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (arch.startsWith("mips") || arch.startsWith("sparc") || arch.startsWith("alpha") || arch.startsWith("parisc")) {
            return "SOL_SOCKET and SO_ATTACH_FILTER differ on " + arch;
        }
        if (snapshot < 64) {
            return "snap length " + snapshot + " too short";
        }
        if (PcapInternals.PROBLEM != null) {
            return PcapInternals.PROBLEM;
        }
        try {
            Pointer pcap = PcapInternals.pcapT(h);
            int fd = Function.getFunction(PcapInternals.LIBRARY, "pcap_fileno").invokeInt(new Object[] {pcap});
            if (fd < 0) {
                return "the handle has no socket";
            }
            int[][] program = program(snapshot);
            Memory insns = new Memory(8L * program.length); // struct sock_filter: u16 code, u8 jt, u8 jf, u32 k
            for (int i = 0; i < program.length; i++) {
                insns.setShort(8L * i, (short) program[i][0]);
                insns.setByte(8L * i + 2, (byte) program[i][1]);
                insns.setByte(8L * i + 3, (byte) program[i][2]);
                insns.setInt(8L * i + 4, program[i][3]);
            }
            int pointer = Native.POINTER_SIZE;
            Memory fprog = new Memory(2L * pointer); // struct sock_fprog: unsigned short len, then the pointer
            fprog.clear();
            fprog.setShort(0, (short) program.length);
            fprog.setPointer(pointer, insns);
            Function.getFunction("c", "setsockopt", Function.THROW_LAST_ERROR)
                    .invokeInt(new Object[] {fd, SOL_SOCKET, SO_ATTACH_FILTER, fprog, 2 * pointer});
            return null;
        } catch (LastErrorException e) {
            return "setsockopt(SO_ATTACH_FILTER) failed: errno " + e.getErrorCode();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "cannot reach libpcap's socket: " + e;
        }
    }

    /**
     * The frame's original length: 4 bytes more if the filter marked it (its VLAN tag is not in
     * the captured bytes). {@code snapshot} is the handle's snap length.
     */
    static int originalLength(int capturedLength, int originalLength, int snapshot) {
        return capturedLength == Math.min(originalLength, snapshot) - 1 ? originalLength + VLAN_TAG_BYTES : originalLength;
    }
}
