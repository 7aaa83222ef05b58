package dev.jtraf.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-wise IPv4 header checksum equals the textbook 16-bit one's-complement sum. */
class ChecksumTest {
    @Test
    void sameAsSixteenBitSum() {
        Random rnd = new Random(1);
        for (int n = 0; n < 100_000; n++) {
            int len = 20 + 4 * rnd.nextInt(11);
            byte[] b = new byte[len + 8];
            int p = rnd.nextInt(8);
            if (n % 10 == 0) {
                java.util.Arrays.fill(b, (byte) (n % 20 == 0 ? 0 : 0xff));
            } else {
                rnd.nextBytes(b);
            }
            assertEquals(reference(b, p, len), FrameDecoder.checksum(b, p, len), "header of " + len + " bytes at " + p);
        }
    }

    private static int reference(byte[] b, int p, int len) {
        int sum = 0;
        for (int i = 0; i < len; i += 2) {
            sum += ((b[p + i] & 0xff) << 8) | (b[p + i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return sum;
    }
}
