package dev.jtraf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.lab.Lab;
import dev.jtraf.view.tui.DemoCapture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher the build puts beside the jar ({@code jtraf}, src/main/sh): it runs the same
 * jtraf as {@code java -jar} (same output, same exit code), its class-data archive is really
 * used, and it is not named where it would not fit (the files moved, the jar replaced), nor
 * where it is missing: a static archive that does not fit turns off all class sharing. Runs
 * after package (failsafe), on {@code ${jtraf.buildDir}}.
 */
@Tag("e2e")
class LauncherIT {
    @TempDir
    static Path dir;
    private static Path build;
    private static Path capture;

    @BeforeAll
    static void prepare() throws IOException {
        Path jar = Lab.packagedJar();
        build = jar.getParent();
        assertTrue(Files.isExecutable(build.resolve("jtraf")), "no launcher beside " + jar
                + ": run this test in the integration-test phase (mvn verify)");
        capture = dir.resolve("launcher-demo.pcapng");
        DemoCapture.write(capture, 5);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_HOME"); // the launcher's default: the build's JVM
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jtraf did not end within 60 s: " + List.of(command));
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] replay(Path program, String... first) {
        List<String> c = new ArrayList<>(List.of(first));
        c.add(program.toString());
        c.addAll(List.of("-r", capture.toString(), "--dump", "csv", "--log-file", dir.resolve("jtraf.log").toString()));
        return c.toArray(String[]::new);
    }

    /** How -Xlog:class+load names a class that came from a class-data archive. */
    private static final String SHARED = "source: shared objects file";

    @Test
    void runsTheSameJtrafAsJavaJarWithItsArchive() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Run plain = run(Map.of(), replay(build.resolve("jtraf.jar"), java, "-jar"));
        Path classes = dir.resolve("classes.log");
        Run launched = run(Map.of("JTRAF_JAVA_OPTS", "-Xlog:class+load:file=" + classes), replay(build.resolve("jtraf")));
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().contains(",total,"), plain.out());
        assertEquals(plain, launched);
        List<String> loaded = Files.readAllLines(classes);
        long archived = loaded.stream().filter(l -> l.contains(" dev.jtraf.") && l.contains(SHARED)).count();
        assertTrue(archived > 50, "only " + archived + " of jtraf's classes came from the launcher's archive");
        // picocli's class files are Java 5's: a dynamic archive (JDK 17) leaves all of them out
        long picocli = loaded.stream().filter(l -> l.contains(" picocli.") && l.contains(SHARED)).count();
        long all = loaded.stream().filter(l -> l.contains(" picocli.")).count();
        assertTrue(picocli > all * 9 / 10, "only " + picocli + " of picocli's " + all + " classes came from the archive");
    }

    /**
     * The archive also holds the dashboard's classes (Lanterna's screen, jtraf's general screen),
     * from the build's second training run in a pseudo-terminal: without them the first screen
     * came ~0.1 s later. Read from the archive's own dictionary (a diagnostic listing of the JVM).
     */
    @Test
    void theArchiveHoldsTheDashboardsClasses() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Run listed = run(Map.of(), java, "-XX:SharedArchiveFile=" + build.resolve("jtraf.jsa"), "-XX:+UseSerialGC",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintSharedArchiveAndExit", "-XX:+PrintSharedDictionary",
                "-cp", build.resolve("jtraf.jar").toString());
        assertTrue(listed.out().contains("archive is valid"), listed.out() + listed.err());
        for (String cls : List.of(" com.googlecode.lanterna.screen.TerminalScreen ", " dev.jtraf.view.tui.GeneralScreen ",
                " dev.jtraf.view.tui.Renderer ")) {
            assertTrue(listed.out().contains(cls), cls.strip() + " is not in the launcher's archive");
        }
    }

    /**
     * SIGQUIT (Ctrl-\\) makes the JVM print a thread dump; through the launcher it goes to stderr,
     * and a JSON dump's stdout stays JSON lines (error audit: 129 lines of thread dump among the
     * records, through `java -jar`).
     */
    @Test
    void aThreadDumpDoesNotGoIntoTheDumpsData() throws Exception {
        Path out = dir.resolve("quit.out");
        Path err = dir.resolve("quit.err");
        Path longer = dir.resolve("quit-demo.pcapng");
        DemoCapture.write(longer, 120); // at 1x it outlasts any machine's delay before the signal
        Process p = new ProcessBuilder(build.resolve("jtraf").toString(), "-r", longer.toString(), "--speed", "1x",
                "--dump", "json", "--log-file", dir.resolve("quit.log").toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            // the first block: started, signal handlers in place
            Lab.await("a first block", Duration.ofSeconds(30), () -> read(out).length() > 0);
            assertEquals(0, new ProcessBuilder("kill", "-QUIT", Long.toString(p.pid())).start().waitFor());
            Lab.await("a thread dump on stderr", Duration.ofSeconds(30), () -> read(err).contains("Full thread dump"));
        } finally {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "jtraf did not end after SIGTERM");
        }
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(lines.size() - 1).contains("\"final\":true"), "no final block after SIGTERM");
        for (String line : lines) {
            assertTrue(line.startsWith("{\"time\":") && line.endsWith("}"), "not a JSON record in stdout: " + line);
        }
    }

    /** Classes loaded by a run whose {@code -Xlog:class+load} went to {@code log}: how many came from an archive. */
    private static long shared(Path log, String prefix) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains(" " + prefix) && l.contains(SHARED)).count();
    }

    /**
     * Moved elsewhere, the launcher names no archive: a static archive that does not fit would
     * turn off the JDK's own class sharing too, and start jtraf slower than {@code java -jar}.
     */
    @Test
    void aMovedLauncherRunsWithoutItsArchive() throws Exception {
        Path moved = Files.createDirectories(dir.resolve("moved"));
        for (String f : List.of("jtraf", "jtraf.jar", "jtraf.jsa")) {
            Files.copy(build.resolve(f), moved.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path classes = dir.resolve("moved-classes.log");
        Run expected = run(Map.of(), replay(build.resolve("jtraf")));
        Run launched = run(Map.of("JTRAF_JAVA_OPTS", "-Xlog:class+load:file=" + classes), replay(moved.resolve("jtraf")));
        assertEquals(expected, launched, "the moved launcher must run the same jtraf, without a word about an archive");
        assertEquals(0, shared(classes, "dev.jtraf."), "the moved launcher named the archive made for the build's directory");
        assertEquals(1, shared(classes, "java.lang.Object "),
                "no class came from the JDK's archive: the moved launcher named an archive that does not fit");
    }

    /**
     * The documented way to install a copy (native-notes/metrics.md): make-launcher.sh run again
     * where the jar now is gives an archive that fits there, also through a JAVA_HOME that names
     * the build's JDK by another path; once the jar is replaced (its time changes) or the archive
     * is gone, the launcher runs without it and the JDK's own class sharing stays on.
     */
    @Test
    void anInstalledCopyUsesItsOwnArchiveUntilTheJarChanges() throws Exception {
        Path opt = Files.createDirectories(dir.resolve("opt-jtraf"));
        Files.copy(build.resolve("jtraf.jar"), opt.resolve("jtraf.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        Path javaHome = Path.of(System.getProperty("java.home"));
        Run made = run(Map.of(), "sh", Path.of("src/main/sh/make-launcher.sh").toAbsolutePath().toString(),
                javaHome.toString(), opt.toString());
        assertEquals(0, made.code(), made.err());
        assertTrue(made.out().contains("with the class-data archive"), made.out() + made.err());
        Run expected = run(Map.of(), replay(build.resolve("jtraf")));

        Path installed = dir.resolve("installed-classes.log");
        assertEquals(expected, run(Map.of("JTRAF_JAVA_OPTS", "-Xlog:class+load:file=" + installed), replay(opt.resolve("jtraf"))));
        assertTrue(shared(installed, "dev.jtraf.") > 50, "the installed launcher did not use the archive made for it");

        Path link = Files.createSymbolicLink(dir.resolve("jdk-link"), javaHome);
        Path linked = dir.resolve("linked-classes.log");
        assertEquals(expected, run(Map.of("JAVA_HOME", link.toString(), "JTRAF_JAVA_OPTS", "-Xlog:class+load:file=" + linked),
                replay(opt.resolve("jtraf"))));
        assertTrue(shared(linked, "dev.jtraf.") > 50, "JAVA_HOME naming the build's JDK through a link lost the archive");

        Files.setLastModifiedTime(opt.resolve("jtraf.jar"), FileTime.fromMillis(
                Files.getLastModifiedTime(opt.resolve("jtraf.jar")).toMillis() + 86_400_000L));
        Path replaced = dir.resolve("replaced-classes.log");
        assertEquals(expected, run(Map.of("JTRAF_JAVA_OPTS", "-Xlog:class+load:file=" + replaced), replay(opt.resolve("jtraf"))));
        assertEquals(0, shared(replaced, "dev.jtraf."), "the archive was named for a jar that changed after it was made");
        assertEquals(1, shared(replaced, "java.lang.Object "),
                "no class came from the JDK's archive: the launcher named an archive that no longer fits its jar");

        Files.delete(opt.resolve("jtraf.jsa"));
        Files.setLastModifiedTime(opt.resolve("jtraf.jar"), Files.getLastModifiedTime(build.resolve("jtraf.jar")));
        Path without = dir.resolve("without-classes.log");
        assertEquals(expected, run(Map.of("JTRAF_JAVA_OPTS", "-Xlog:class+load:file=" + without), replay(opt.resolve("jtraf"))));
        assertEquals(1, shared(without, "java.lang.Object "),
                "no class came from the JDK's archive: a missing archive named on the command line turns it off");
    }
}
