package dev.jtraf.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtraf.capture.CaptureRun;
import dev.jtraf.capture.FileInterfaces;
import dev.jtraf.capture.FrameCounter;
import dev.jtraf.capture.InterfaceFilter;
import dev.jtraf.source.PcapFileSource;
import dev.jtraf.source.SourceException;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.InterfaceTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays every capture of the tcpdump test suite (../shared/corpus/tcpdump-tests, see its
 * README) through the real replay path - {@link PcapFileSource}, {@link FrameCounter},
 * {@link FileInterfaces}, {@link InterfaceTable}, driven by {@link CaptureRun} - and checks it
 * against an oracle nobody on this project wrote: the manifest made with capinfos and tshark.
 *
 * <p>For every file: no hang (each replay must end within {@value #TIME_LIMIT_SECONDS} s), no
 * crash (only a {@link SourceException} may end a replay), and a failure message that is one
 * line naming the file. For every Ethernet file tshark read cleanly: frames, wire bytes, outer
 * IPv4 and outer IPv6 frames summed over all interfaces equal tshark's, except for the few
 * fields listed in {@link #EXCEPTIONS}, each with the reason jtraf's documented semantics
 * (semantics.md) differ from tshark's dissection there.
 *
 * <p>All files are replayed once, before the tests; each test then reports every offending
 * file at once, and a summary (slowest file, outcomes of non-Ethernet link types) is printed.
 */
class TcpdumpCorpusTest {
    private static final long TIME_LIMIT_SECONDS = 10;
    private static final Path CORPUS = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("../shared/corpus/tcpdump-tests").normalize();
    private static final Set<String> NOT_CAPTURES = Set.of("manifest.jsonl", "README.md", "LICENSE");

    /** Fields compared against tshark for Ethernet files. */
    private static final String FRAMES = "frames";
    private static final String BYTES = "bytes";
    private static final String IPV4 = "ipv4";
    private static final String IPV6 = "ipv6";

    /**
     * Files (and only the named fields of them) where tshark's count differs from jtraf's by
     * design. Every entry must still differ, so that a stale entry is noticed.
     */
    private static final Map<String, Exemption> EXCEPTIONS = exceptions();

    private static Map<String, Exemption> exceptions() {
        Map<String, Exemption> m = new TreeMap<>();
        // Frames 2 and 4 have ethertype 0x86DD but version nibble 0. semantics.md classes by
        // ethertype and counts a wrong version as BadIP, a subset of IPv6 (jtraf: IPv6 4, BadIP 2);
        // tshark will not dissect them as IPv6 at all ("eth:ethertype:data"), so it says 2.
        m.put("ipv6-bad-version.pcap", new Exemption(Set.of(IPV6),
                "ethertype IPv6 with version 0: IPv6 + BadIP in jtraf, undissected data in tshark"));
        return m;
    }

    private record Exemption(Set<String> fields, String reason) {
    }

    /** What one replay did. */
    private record Outcome(String file, long millis, boolean hung, SourceException failure, Throwable crash,
            IfaceSnapshot total) {
        long packets(int category) {
            return total == null ? 0 : total.packets(category);
        }

        long frames() {
            return packets(IfaceCounters.TOTAL);
        }

        long bytes() {
            return total == null ? 0 : total.get(IfaceCounters.TOTAL, IfaceCounters.ALL, IfaceCounters.BYTES);
        }

        long ipv4() {
            return packets(IfaceCounters.IPV4);
        }

        long ipv6() {
            return packets(IfaceCounters.IPV6);
        }

        String status() {
            if (hung) {
                return "hung";
            }
            if (crash != null) {
                return "crashed";
            }
            if (failure == null) {
                return "counted";
            }
            switch (failure.kind()) {
                case UNSUPPORTED_LINK_TYPE: return "unsupported link type";
                case DAMAGED_FILE: return "damaged";
                case UNREADABLE_FILE: return "unreadable";
                default: return failure.kind().toString();
            }
        }
    }

    private static Map<String, Map<String, String>> manifest;
    private static Map<String, Outcome> outcomes;

    private static final String ABSENT = "tcpdump corpus not found at " + CORPUS
            + " (expected next to the repository as ../shared/corpus/tcpdump-tests); corpus tests skipped";

    @BeforeAll
    static void replayCorpus() throws IOException, InterruptedException {
        if (!Files.isDirectory(CORPUS)) {
            System.out.println(ABSENT); // surefire shows no reason for a class skipped in @BeforeAll
            return;
        }
        manifest = readManifest(CORPUS.resolve("manifest.jsonl"));
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !NOT_CAPTURES.contains(p.getFileName().toString()))
                    .sorted().collect(Collectors.toList());
        }
        outcomes = new LinkedHashMap<>();
        for (Path f : files) {
            outcomes.put(f.getFileName().toString(), replay(f));
        }
        printSummary();
    }

    @BeforeEach
    void requireCorpus() {
        assumeTrue(outcomes != null, ABSENT);
    }

    private static Outcome replay(Path file) throws InterruptedException {
        String name = file.getFileName().toString();
        InterfaceTable table = new InterfaceTable();
        PcapFileSource source = new PcapFileSource(file, 0);
        FrameCounter counter = new FrameCounter(table, new FileInterfaces(table, InterfaceFilter.all(), 5),
                1_000_000_000L, null, 0, source::stop);
        CaptureRun run = new CaptureRun(source, counter, table, null, 5);
        long start = System.nanoTime();
        run.start();
        boolean ended = run.awaitEnd(Duration.ofSeconds(TIME_LIMIT_SECONDS));
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!ended) {
            run.stop(); // the daemon capture thread is abandoned if it does not notice
            return new Outcome(name, millis, true, null, null, null);
        }
        run.close();
        SourceException failure = run.failure();
        Throwable crash = null;
        if (failure != null && failure.kind() == SourceException.Kind.CAPTURE_FAILED && failure.getCause() != null) {
            crash = failure.getCause(); // CaptureRun wraps anything but a SourceException this way
            failure = null;
        }
        return new Outcome(name, millis, false, failure, crash, run.snapshot(false).total());
    }

    @Test
    void everyFileEndsWithinTheTimeLimitWithoutCrashing() {
        List<String> bad = new ArrayList<>();
        for (Outcome o : outcomes.values()) {
            if (o.hung()) {
                bad.add(o.file() + ": still running after " + TIME_LIMIT_SECONDS + " s");
            } else if (o.crash() != null) {
                StackTraceElement[] st = o.crash().getStackTrace();
                bad.add(o.file() + ": " + o.crash() + (st.length > 0 ? " at " + st[0] : ""));
            }
        }
        assertTrue(bad.isEmpty(), bad.size() + " file(s) hung or crashed:\n  " + String.join("\n  ", bad));
    }

    @Test
    void everyFailureIsOneLineNamingTheFile() {
        List<String> bad = new ArrayList<>();
        for (Outcome o : outcomes.values()) {
            SourceException e = o.failure();
            if (e == null) {
                continue;
            }
            String msg = String.valueOf(e.getMessage());
            if (msg.isBlank() || msg.contains("\n") || msg.contains("\r") || !msg.contains(o.file())) {
                bad.add(o.file() + ": " + msg.replace("\n", "\\n").replace("\r", "\\r"));
            }
        }
        assertTrue(bad.isEmpty(), bad.size() + " failure message(s) are not one line naming the file:\n  "
                + String.join("\n  ", bad));
    }

    @Test
    void everyCaptureFileHasAManifestEntry() {
        List<String> missing = outcomes.keySet().stream().filter(f -> !manifest.containsKey(f))
                .collect(Collectors.toList());
        List<String> absent = manifest.keySet().stream().filter(f -> !outcomes.containsKey(f))
                .collect(Collectors.toList());
        assertTrue(missing.isEmpty() && absent.isEmpty(),
                "not in the manifest: " + missing + "; in the manifest but not in the folder: " + absent);
    }

    @Test
    void aFileCutShortIsDamagedAfterCountingWhatPrecedesTheCut(@TempDir Path tmp)
            throws IOException, InterruptedException {
        // The corpus files are all readable to the end, so the damaged-file path is exercised on
        // copies (outside the repository) cut one byte short, which loses at most the last
        // frame, and cut in half, which may lose anything but must still end cleanly.
        List<String> bad = new ArrayList<>();
        int cut = 0;
        for (Outcome full : outcomes.values()) {
            if (!"counted".equals(full.status())) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(CORPUS.resolve(full.file()));
            for (int length : new int[] {bytes.length - 1, bytes.length / 2}) {
                Path copy = tmp.resolve(full.file());
                Files.write(copy, Arrays.copyOf(bytes, length));
                Outcome o = replay(copy);
                cut++;
                String problem = null;
                if (o.hung() || o.crash() != null) {
                    problem = o.status() + (o.crash() != null ? ": " + o.crash() : "");
                } else if (length == bytes.length - 1 && (o.failure() == null
                        || o.failure().kind() != SourceException.Kind.DAMAGED_FILE
                        || o.frames() < full.frames() - 1)) {
                    problem = "expected damaged after at least " + (full.frames() - 1) + " frames, got " + o.status()
                            + " after " + o.frames() + (o.failure() != null ? ": " + o.failure().getMessage() : "");
                } else if (o.failure() != null && (o.failure().getMessage().contains("\n")
                        || !o.failure().getMessage().contains(full.file()))) {
                    problem = "message is not one line naming the file: " + o.failure().getMessage();
                } else if (o.frames() > full.frames()) {
                    problem = o.frames() + " frames, more than the whole file's " + full.frames();
                }
                if (problem != null) {
                    bad.add(full.file() + " cut to " + length + " of " + bytes.length + " bytes: " + problem);
                }
            }
        }
        assertTrue(cut > 0, "no readable corpus file to cut");
        assertTrue(bad.isEmpty(),
                bad.size() + " of " + cut + " cut copies misbehaved:\n  " + String.join("\n  ", bad));
    }

    @Test
    void countsObeyTheClassAndProtocolIdentitiesInEveryFile() {
        // semantics.md: Total = IPv4 + IPv6 + NonIP; TCP + UDP + ICMP + Other IP = IPv4 + IPv6 - BadIP.
        List<String> bad = new ArrayList<>();
        for (Outcome o : outcomes.values()) {
            if (o.total() == null) {
                continue;
            }
            long ip = o.ipv4() + o.ipv6();
            long classes = ip + o.packets(IfaceCounters.NONIP);
            long transports = o.packets(IfaceCounters.TCP) + o.packets(IfaceCounters.UDP)
                    + o.packets(IfaceCounters.ICMP) + o.packets(IfaceCounters.OTHER_IP);
            long badIp = o.total().badIp();
            if (classes != o.frames() || transports != ip - badIp || badIp > ip) {
                bad.add(String.format("%s: total %d, IPv4 %d, IPv6 %d, NonIP %d, BadIP %d, TCP+UDP+ICMP+Other %d",
                        o.file(), o.frames(), o.ipv4(), o.ipv6(), o.packets(IfaceCounters.NONIP), badIp,
                        transports));
            }
        }
        assertTrue(bad.isEmpty(),
                bad.size() + " file(s) break the counting identities:\n  " + String.join("\n  ", bad));
    }

    @Test
    void everyCountedFileHasTsharksFrameCount() {
        // Link-type independent, so it holds for the cooked, raw-IP and loopback files too.
        List<String> bad = new ArrayList<>();
        for (Outcome o : outcomes.values()) {
            Map<String, String> m = manifest.get(o.file());
            if (m != null && num(m, "tshark_rc") == 0 && "counted".equals(o.status())
                    && o.frames() != num(m, "tshark_frames")) {
                bad.add(o.file() + ": jtraf " + o.frames() + " tshark " + num(m, "tshark_frames"));
            }
        }
        assertTrue(bad.isEmpty(),
                bad.size() + " file(s) count other frames than tshark:\n  " + String.join("\n  ", bad));
    }

    @Test
    void ethernetTotalsEqualTsharks() {
        List<String> mismatches = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        int checked = 0;
        int matched = 0;
        for (Outcome o : outcomes.values()) {
            Map<String, String> m = manifest.get(o.file());
            if (!isCleanEthernet(m)) {
                continue;
            }
            checked++;
            Map<String, long[]> fields = new LinkedHashMap<>();
            fields.put(FRAMES, new long[] {o.frames(), num(m, "tshark_frames")});
            fields.put(BYTES, new long[] {o.bytes(), num(m, "tshark_wire_bytes")});
            fields.put(IPV4, new long[] {o.ipv4(), num(m, "tshark_outer_ipv4_frames")});
            fields.put(IPV6, new long[] {o.ipv6(), num(m, "tshark_outer_ipv6_frames")});
            Exemption ex = EXCEPTIONS.get(o.file());
            List<String> diffs = new ArrayList<>();
            boolean exemptDiffers = false;
            for (Map.Entry<String, long[]> e : fields.entrySet()) {
                long jtraf = e.getValue()[0];
                long tshark = e.getValue()[1];
                if (jtraf == tshark) {
                    continue;
                }
                if (ex != null && ex.fields().contains(e.getKey())) {
                    exemptDiffers = true;
                    System.out.printf("corpus: %s: %s jtraf %d tshark %d, listed exception: %s%n", o.file(),
                            e.getKey(), jtraf, tshark, ex.reason());
                } else {
                    diffs.add(e.getKey() + " jtraf " + jtraf + " tshark " + tshark);
                }
            }
            if (o.failure() != null || o.hung() || o.crash() != null) {
                diffs.add(0, o.status() + ": " + (o.failure() != null ? o.failure().getMessage() : o.crash()));
            }
            if (diffs.isEmpty()) {
                matched++;
            } else {
                mismatches.add(o.file() + ": " + String.join(", ", diffs));
            }
            if (ex != null && !exemptDiffers) {
                stale.add(o.file() + " (now equal in " + ex.fields() + "; listed because: " + ex.reason() + ")");
            }
        }
        List<String> unknown = EXCEPTIONS.keySet().stream()
                .filter(f -> !outcomes.containsKey(f) || !isCleanEthernet(manifest.get(f)))
                .collect(Collectors.toList());
        System.out.printf("corpus: %d Ethernet files checked against tshark, %d matched (%d with listed exceptions)%n",
                checked, matched, EXCEPTIONS.size());
        assertTrue(mismatches.isEmpty() && stale.isEmpty() && unknown.isEmpty(),
                mismatches.size() + " of " + checked + " Ethernet files differ from tshark:\n  "
                + String.join("\n  ", mismatches)
                + (stale.isEmpty() ? "" : "\nexceptions that no longer differ (remove them): " + stale)
                + (unknown.isEmpty() ? "" : "\nexceptions for files that are not clean Ethernet files: " + unknown));
    }

    private static boolean isCleanEthernet(Map<String, String> m) {
        return m != null && "ether".equals(m.get("encapsulation")) && num(m, "tshark_rc") == 0;
    }

    // ---------------------------------------------------------------- summary

    private static void printSummary() {
        Outcome slowest = outcomes.values().stream().max((a, b) -> Long.compare(a.millis(), b.millis())).orElse(null);
        long totalMillis = outcomes.values().stream().mapToLong(Outcome::millis).sum();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("corpus: %d files replayed in %d ms; slowest %s (%d ms)%n", outcomes.size(),
                totalMillis, slowest == null ? "-" : slowest.file(), slowest == null ? 0 : slowest.millis()));
        Map<String, Map<String, Integer>> byEncap = new TreeMap<>();
        Map<String, int[]> classMatch = new TreeMap<>();
        List<String> classDiffs = new ArrayList<>();
        for (Outcome o : outcomes.values()) {
            Map<String, String> m = manifest.getOrDefault(o.file(), Map.of());
            String encap = m.getOrDefault("encapsulation", "(unknown to tshark)");
            byEncap.computeIfAbsent(encap, k -> new TreeMap<>()).merge(o.status(), 1, Integer::sum);
            if (!"ether".equals(encap) && "counted".equals(o.status()) && num(m, "tshark_rc") == 0) {
                // Informational: cooked links rebuild bytes (semantics.md), so only classes compare.
                int[] c = classMatch.computeIfAbsent(encap, k -> new int[2]);
                c[0]++;
                if (o.frames() == num(m, "tshark_frames") && o.ipv4() == num(m, "tshark_outer_ipv4_frames")
                        && o.ipv6() == num(m, "tshark_outer_ipv6_frames")) {
                    c[1]++;
                } else {
                    classDiffs.add(String.format("%s (%s): frames/IPv4/IPv6 jtraf %d/%d/%d tshark %d/%d/%d", o.file(),
                            encap, o.frames(), o.ipv4(), o.ipv6(), num(m, "tshark_frames"),
                            num(m, "tshark_outer_ipv4_frames"), num(m, "tshark_outer_ipv6_frames")));
                }
            }
        }
        sb.append("corpus: outcomes by tshark encapsulation:\n");
        for (Map.Entry<String, Map<String, Integer>> e : byEncap.entrySet()) {
            sb.append(String.format("  %-22s %s", e.getKey(), e.getValue()));
            int[] c = classMatch.get(e.getKey());
            if (c != null) {
                sb.append(String.format("  (frames/IPv4/IPv6 equal to tshark in %d of %d)", c[1], c[0]));
            }
            sb.append('\n');
        }
        for (String d : classDiffs) {
            sb.append("  differs (not asserted): ").append(d).append('\n');
        }
        System.out.print(sb);
    }

    // ---------------------------------------------------------------- manifest

    private static long num(Map<String, String> m, String key) {
        String v = m.get(key);
        return v == null || v.isEmpty() ? -1 : Long.parseLong(v);
    }

    /** Reads manifest.jsonl: one flat JSON object per line, keyed by its "file" field. */
    static Map<String, Map<String, String>> readManifest(Path path) throws IOException {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                Map<String, String> o = parseFlatObject(line);
                out.put(o.get("file"), o);
            }
        }
        return out;
    }

    /** Parses {@code {"k": "string" | number | true | false | null, ...}} into strings. */
    static Map<String, String> parseFlatObject(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int[] i = {skip(s, 0)};
        expect(s, i, '{');
        if (s.charAt(skip(s, i[0])) == '}') {
            return out;
        }
        while (true) {
            i[0] = skip(s, i[0]);
            String key = string(s, i);
            i[0] = skip(s, i[0]);
            expect(s, i, ':');
            i[0] = skip(s, i[0]);
            String value;
            if (s.charAt(i[0]) == '"') {
                value = string(s, i);
            } else {
                int start = i[0];
                while (i[0] < s.length() && ",} \t".indexOf(s.charAt(i[0])) < 0) {
                    i[0]++;
                }
                value = s.substring(start, i[0]);
            }
            out.put(key, value);
            i[0] = skip(s, i[0]);
            char c = s.charAt(i[0]++);
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw new IllegalArgumentException("manifest: expected ',' or '}' at " + (i[0] - 1) + ": " + s);
            }
        }
    }

    private static int skip(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void expect(String s, int[] i, char c) {
        if (i[0] >= s.length() || s.charAt(i[0]) != c) {
            throw new IllegalArgumentException("manifest: expected '" + c + "' at " + i[0] + ": " + s);
        }
        i[0]++;
    }

    private static String string(String s, int[] i) {
        expect(s, i, '"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = s.charAt(i[0]++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(i[0]++);
            switch (e) {
                case 'n': sb.append('\n'); break;
                case 't': sb.append('\t'); break;
                case 'r': sb.append('\r'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'u': sb.append((char) Integer.parseInt(s.substring(i[0], i[0] + 4), 16)); i[0] += 4; break;
                default: sb.append(e); break; // \" \\ \/
            }
        }
    }
}
