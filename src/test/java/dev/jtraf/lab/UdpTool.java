package dev.jtraf.lab;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A tiny UDP sender and sink, run as its own JVM inside a container's or namespace's network
 * namespace ({@code nsenter --net} / {@code ip netns exec}) via {@link Lab#javaCommand}.
 * The lab's busybox (Debian's busybox-static) has no UDP-capable {@code nc}, so this provides
 * deterministic UDP traffic: exactly COUNT datagrams, and a receiver that never answers.
 *
 * <pre>
 *   sink PORT COUNT TIMEOUT_MS     bind 0.0.0.0:PORT, print "ready PORT", read until COUNT
 *                                  datagrams or TIMEOUT_MS; print "received N payload-bytes B";
 *                                  exit 0 if N == COUNT
 *   send HOST PORT COUNT PAYLOAD   send COUNT datagrams of PAYLOAD (UTF-8); print "sent COUNT"
 * </pre>
 */
public final class UdpTool {
    private UdpTool() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 4 && args[0].equals("sink")) {
            System.exit(sink(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3])));
        } else if (args.length == 5 && args[0].equals("send")) {
            send(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4]);
            System.exit(0);
        } else {
            System.err.println("usage: sink PORT COUNT TIMEOUT_MS | send HOST PORT COUNT PAYLOAD; got "
                    + Arrays.toString(args));
            System.exit(2);
        }
    }

    private static int sink(int port, int count, long timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        int n = 0;
        long bytes = 0;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("0.0.0.0", port))) {
            s.setReceiveBufferSize(1 << 20);
            System.out.println("ready " + s.getLocalPort());
            System.out.flush();
            byte[] buf = new byte[65536];
            while (n < count) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                s.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    s.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                n++;
                bytes += p.getLength();
            }
        }
        System.out.println("received " + n + " payload-bytes " + bytes);
        return n == count ? 0 : 1;
    }

    private static void send(String host, int port, int count, String payload) throws IOException {
        byte[] data = payload.getBytes(UTF_8);
        InetAddress to = InetAddress.getByName(host);
        try (DatagramSocket s = new DatagramSocket()) {
            for (int i = 0; i < count; i++) {
                s.send(new DatagramPacket(data, data.length, to, port));
            }
        }
        System.out.println("sent " + count);
    }
}
