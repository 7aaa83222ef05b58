package dev.jtraf.lab;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Containers and networks for lab tests, on the local Docker engine.
 *
 * <p>{@link #open()} skips the test (JUnit assumption) without root, without the docker CLI, or
 * if no engine answers on {@code /var/run/docker.sock} and none can be started. If none answers,
 * it starts {@code dockerd --iptables=false --ip-masq=false --ip-forward=false} (logs in
 * {@code target/lab/dockerd.log}) and stops it again at JVM exit. The flags keep dockerd away
 * from the host's firewall and its IP forwarding sysctl; containers on one bridge still reach
 * each other, which is all the lab needs.
 *
 * <p>The image {@value #IMAGE} is built once from the host's static busybox (busybox-static):
 * {@code /bin/busybox} plus one symlink per applet, imported with {@code docker import}.
 *
 * <p>Everything this lab creates is named {@code jtraf-lab-<random>-<name>} and labelled with
 * the owning JVM; {@link #close()} force-removes all of it, tolerating what is already gone.
 * Objects left by a JVM that died without cleaning up are removed by the next {@link #open()}.
 */
public final class DockerLab implements AutoCloseable {
    /** The lab image: the host's static busybox with applet symlinks, CMD {@code sleep 600}. */
    public static final String IMAGE = "jtraf-busybox";
    /** The engine socket probed before anything else. */
    public static final Path SOCKET = Path.of("/var/run/docker.sock");
    /** Default command of {@link #run(String, String...)}: bounds a leaked container's life to 10 minutes. */
    public static final List<String> DEFAULT_COMMAND = List.of("sleep", "600");

    static final String LABEL_OWNER = "dev.jtraf.lab.owner";
    static final String LABEL_RUN = "dev.jtraf.lab.run";
    static final String LABEL_BUSYBOX = "dev.jtraf.lab.busybox-sha256";
    private static final Duration CMD_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(60);

    /** A running container: full name, id, init pid on the host, first IPv4 address, host-side veth of eth0. */
    public record Container(String name, String id, long pid, String ip, String hostVeth) {
        /** False for {@code --network none|host|container:...}: no eth0 of its own, {@code ip}/{@code hostVeth} null. */
        public boolean hasVeth() {
            return hostVeth != null;
        }
    }

    /** A user-defined network and the Linux bridge behind it ({@code br-<id12>} unless named by option). */
    public record Network(String name, String id, String bridge) {}

    private static String engineSkipReason; // set once if the engine could not be had
    private static boolean engineReady;
    private static Process startedDaemon;
    private static boolean imageReady;

    private final String run = "jtraf-lab-" + Lab.randomHex(6);
    private final Set<String> containers = new LinkedHashSet<>();
    private final Set<String> networks = new LinkedHashSet<>();
    private boolean closed;

    private DockerLab() {}

    /**
     * Skips unless root, the docker CLI and an engine are available; makes sure the lab image
     * exists; removes leftovers of dead lab JVMs; and returns a fresh lab that is also closed at
     * JVM exit if the test forgets to.
     */
    public static DockerLab open() {
        Lab.assumeRoot();
        Lab.assumeCommand(docker());
        ensureEngine();
        ensureImage();
        sweepStale();
        DockerLab lab = new DockerLab();
        Lab.closeAtExit(lab);
        Lab.log("docker lab %s open", lab.run);
        return lab;
    }

    /** This lab's name prefix, {@code jtraf-lab-<6 hex>}; it is also the value of its run label. */
    public String prefix() {
        return run;
    }

    // ------------------------------------------------------------------------------------------
    // Containers

    /**
     * Starts a detached container {@code <prefix>-<name>} from {@value #IMAGE} running
     * {@code sleep 600}, with extra {@code docker run} options such as {@code --network x}.
     */
    public Container run(String name, String... extraDockerArgs) {
        return run(name, List.of(extraDockerArgs), DEFAULT_COMMAND);
    }

    /** Starts a detached container running {@code command} (keep its lifetime bounded). */
    public synchronized Container run(String name, List<String> extraDockerArgs, List<String> command) {
        checkOpen();
        String full = run + "-" + name;
        containers.add(full); // before starting: close() must remove it even if `run` half-fails
        List<String> argv = new ArrayList<>(List.of(docker(), "run", "-d", "--name", full,
                "--label", LABEL_OWNER + "=" + Lab.ownerId(), "--label", LABEL_RUN + "=" + run));
        argv.addAll(extraDockerArgs);
        argv.add(IMAGE);
        argv.addAll(command);
        Lab.Result r = Lab.sh(CMD_TIMEOUT, argv).orThrow();
        String id = lastLine(r.stdout());
        return describe(full, id);
    }

    /** Re-reads pid, address and veth of a container (they change if it was restarted). */
    public Container describe(String nameOrId) {
        String id = Lab.shOk(CMD_TIMEOUT, docker(), "inspect", "-f", "{{.Id}}", nameOrId).out();
        return describe(nameOrId, id);
    }

    private Container describe(String name, String id) {
        String fmt = "{{.State.Running}} {{.State.Pid}} {{.Name}} "
                + "{{range .NetworkSettings.Networks}}{{if .IPAddress}}{{.IPAddress}} {{end}}{{end}}";
        String[] f = Lab.shOk(CMD_TIMEOUT, docker(), "inspect", "-f", fmt, id).out().split("\\s+");
        long pid = Long.parseLong(f[1]);
        if (!"true".equals(f[0]) || pid <= 0) {
            throw new IllegalStateException("container " + name + " is not running (pid " + pid + "); logs:\n"
                    + logs(id));
        }
        String fullName = f[2].startsWith("/") ? f[2].substring(1) : f[2];
        String ip = f.length > 3 ? f[3] : null;
        String veth = Files.exists(containerSysClassNet(pid).resolve("eth0")) ? hostVethOf(pid, "eth0") : null;
        return new Container(fullName, id, pid, ip, veth);
    }

    /**
     * The host interface paired with interface {@code ifname} of the network namespace of
     * {@code pid}: the container side's {@code iflink} is the host veth's ifindex, which is
     * unique on the host. (The host side's own iflink is an index in the container's namespace
     * and collides across containers, so it is never used for matching.)
     */
    public static String hostVethOf(long pid, String ifname) {
        Path iflinkFile = containerSysClassNet(pid).resolve(ifname).resolve("iflink");
        String iflink;
        try {
            iflink = new String(Files.readAllBytes(iflinkFile), UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + iflinkFile, e);
        }
        return Lab.awaitValue("host interface with ifindex " + iflink + " (peer of " + ifname + " of pid " + pid + ")",
                Duration.ofSeconds(5), () -> hostInterfaceWithIndex(iflink));
    }

    /** {@code /proc/PID/root/sys/class/net}: the container's own sysfs view of its interfaces. */
    public static Path containerSysClassNet(long pid) {
        return Path.of("/proc", Long.toString(pid), "root", "sys", "class", "net");
    }

    private static Optional<String> hostInterfaceWithIndex(String ifindex) {
        try (Stream<Path> s = Files.list(KernelCounters.SYS_CLASS_NET)) {
            return s.filter(d -> ifindex.equals(readTrimmed(d.resolve("ifindex"))))
                    .map(d -> d.getFileName().toString())
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code docker exec CONTAINER cmd...} (inside the container, with its binaries). */
    public Lab.Result exec(Container c, Duration timeout, String... cmd) {
        List<String> argv = new ArrayList<>(List.of(docker(), "exec", c.id()));
        argv.addAll(List.of(cmd));
        return Lab.sh(timeout, argv);
    }

    /**
     * Runs a host program inside the container's network namespace only
     * ({@code nsenter --target PID --net}): its traffic leaves through the container's eth0
     * exactly as the container's own would. For tools the busybox image lacks.
     */
    public Lab.Result nsenter(Container c, Duration timeout, String... hostCmd) {
        return Lab.sh(timeout, nsenterArgv(c, List.of(hostCmd)));
    }

    /** {@link #nsenter} in the background. */
    public Lab.Background spawnNsenter(Container c, String label, List<String> hostCmd) {
        return Lab.spawn(label, nsenterArgv(c, hostCmd));
    }

    private static List<String> nsenterArgv(Container c, List<String> hostCmd) {
        List<String> argv = new ArrayList<>(List.of(
                Lab.assumeCommand("nsenter").toString(), "--target", Long.toString(c.pid()), "--net", "--"));
        argv.addAll(hostCmd);
        return argv;
    }

    /** {@code docker logs} (stdout and stderr) of a container, or the error. */
    public String logs(String nameOrId) {
        Lab.Result r = Lab.sh(CMD_TIMEOUT, docker(), "logs", nameOrId);
        return (r.stdout() + r.stderr()).strip();
    }

    /** Force-removes one container of this lab now. */
    public synchronized void remove(Container c) {
        Lab.sh(CMD_TIMEOUT, docker(), "rm", "-f", "-v", c.id());
        containers.remove(c.name());
    }

    // ------------------------------------------------------------------------------------------
    // Networks

    /** {@code docker network create <prefix>-<name> [extra args]} (bridge driver unless given). */
    public synchronized Network createNetwork(String name, String... extraArgs) {
        checkOpen();
        String full = run + "-" + name;
        networks.add(full);
        List<String> argv = new ArrayList<>(List.of(docker(), "network", "create",
                "--label", LABEL_OWNER + "=" + Lab.ownerId(), "--label", LABEL_RUN + "=" + run));
        argv.addAll(List.of(extraArgs));
        argv.add(full);
        String id = lastLine(Lab.sh(CMD_TIMEOUT, argv).orThrow().stdout());
        String bridgeOpt = Lab.shOk(CMD_TIMEOUT, docker(), "network", "inspect", "-f",
                "{{index .Options \"com.docker.network.bridge.name\"}}", id).out();
        String bridge = bridgeOpt.isEmpty() || bridgeOpt.equals("<no value>") ? "br-" + id.substring(0, 12) : bridgeOpt;
        return new Network(full, id, bridge);
    }

    /** {@code docker network rm} one network of this lab now (its containers must be gone). */
    public synchronized void removeNetwork(Network n) {
        Lab.sh(CMD_TIMEOUT, docker(), "network", "rm", n.id());
        networks.remove(n.name());
    }

    // ------------------------------------------------------------------------------------------
    // Cleanup

    /**
     * Force-removes every container and network of this lab (by name and by run label, so even
     * half-created ones), then checks that none is left; throws if something could not be removed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Lab.forgetAtExit(this);
        Set<String> ctrs = new LinkedHashSet<>(containers);
        ctrs.addAll(listByLabel("ps", LABEL_RUN + "=" + run));
        if (!ctrs.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of(docker(), "rm", "-f", "-v"));
            argv.addAll(ctrs);
            Lab.sh(CMD_TIMEOUT, argv); // "No such container" for already-gone ones is fine
        }
        Set<String> nets = new LinkedHashSet<>(networks);
        nets.addAll(listByLabel("network", LABEL_RUN + "=" + run));
        for (String n : nets) {
            Lab.sh(CMD_TIMEOUT, docker(), "network", "rm", n);
        }
        List<String> left = new ArrayList<>(listByLabel("ps", LABEL_RUN + "=" + run));
        left.addAll(listByLabel("network", LABEL_RUN + "=" + run));
        containers.clear();
        networks.clear();
        Lab.log("docker lab %s closed", run);
        if (!left.isEmpty()) {
            throw new IllegalStateException("docker lab " + run + " could not remove: " + left);
        }
    }

    @Override
    public String toString() {
        return "DockerLab[" + run + "]";
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    /** Ids of containers ("ps") or networks ("network") with the given label=value. */
    private static List<String> listByLabel(String kind, String labelFilter) {
        List<String> argv = kind.equals("ps")
                ? List.of(docker(), "ps", "-a", "-q", "--no-trunc", "--filter", "label=" + labelFilter)
                : List.of(docker(), "network", "ls", "-q", "--no-trunc", "--filter", "label=" + labelFilter);
        Lab.Result r = Lab.sh(CMD_TIMEOUT, argv);
        return r.ok() ? r.out().lines().filter(l -> !l.isBlank()).toList() : List.of();
    }

    /** Removes containers and networks whose owner JVM has exited (a killed earlier test run). */
    private static void sweepStale() {
        String fmt = "{{.ID}} {{.Label \"" + LABEL_OWNER + "\"}}";
        List<String> deadContainers = staleIds(Lab.sh(CMD_TIMEOUT, docker(), "ps", "-a", "--no-trunc",
                "--filter", "label=" + LABEL_OWNER, "--format", fmt));
        if (!deadContainers.isEmpty()) {
            Lab.log("removing %d container(s) left by dead lab JVMs", deadContainers.size());
            List<String> argv = new ArrayList<>(List.of(docker(), "rm", "-f", "-v"));
            argv.addAll(deadContainers);
            Lab.sh(CMD_TIMEOUT, argv);
        }
        List<String> deadNetworks = staleIds(Lab.sh(CMD_TIMEOUT, docker(), "network", "ls", "--no-trunc",
                "--filter", "label=" + LABEL_OWNER, "--format", fmt));
        for (String n : deadNetworks) {
            Lab.log("removing network %s left by a dead lab JVM", n);
            Lab.sh(CMD_TIMEOUT, docker(), "network", "rm", n);
        }
    }

    private static List<String> staleIds(Lab.Result r) {
        if (!r.ok()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && !Lab.ownerAlive(f[1])) {
                ids.add(f[0]);
            }
        }
        return ids;
    }

    // ------------------------------------------------------------------------------------------
    // Engine

    /** The docker CLI: -Djtraf.lab.docker, else {@code docker} from PATH. */
    static String docker() {
        return System.getProperty("jtraf.lab.docker", "docker");
    }

    /** True if an engine is running (it answers GET /_ping on the socket). */
    public static boolean engineAnswers() {
        return ping(SOCKET, Duration.ofSeconds(2));
    }

    /** True if we started dockerd in this JVM (it will be stopped at JVM exit). */
    public static synchronized boolean startedEngine() {
        return startedDaemon != null;
    }

    private static synchronized void ensureEngine() {
        if (engineReady) {
            return;
        }
        if (engineSkipReason != null) {
            Lab.skip(engineSkipReason);
        }
        if (engineAnswers()) {
            engineReady = true;
            return;
        }
        Optional<Path> dockerd = Lab.which("dockerd");
        if (dockerd.isEmpty()) {
            engineSkipReason = "lab test skipped: no Docker engine answers on " + SOCKET
                    + " and dockerd is not installed (run `bash .ci/lab-setup` as root)";
            Lab.skip(engineSkipReason);
        }
        Path log = Lab.labDir().resolve("dockerd.log");
        List<String> argv = List.of(dockerd.orElseThrow().toString(),
                "--iptables=false", "--ip-masq=false", "--ip-forward=false");
        Lab.log("no engine on %s: starting %s (log %s)", SOCKET, String.join(" ", argv), log);
        long t0 = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            engineSkipReason = "lab test skipped: cannot start dockerd: " + e.getMessage();
            Lab.skip(engineSkipReason);
            return;
        }
        Process daemon = p;
        // Registered before any lab, so at exit it runs after the labs removed their containers
        // (Lab's exit hooks run in one thread, last registered first).
        Lab.closeAtExit(new AutoCloseable() {
            @Override
            public void close() {
                stopDaemon(daemon);
            }

            @Override
            public String toString() {
                return "dockerd[pid " + daemon.pid() + "]";
            }
        });
        startedDaemon = daemon;
        // Poll the socket; give up early if the daemon dies. Another dockerd (a concurrent lab
        // JVM) winning the pidfile race is fine as long as the socket answers.
        long deadline = t0 + ENGINE_TIMEOUT.toNanos();
        while (!engineAnswers()) {
            if (!daemon.isAlive() || System.nanoTime() - deadline >= 0) {
                boolean dead = !daemon.isAlive();
                if (dead && engineAnswers()) {
                    break;
                }
                stopDaemon(daemon);
                engineSkipReason = "lab test skipped: dockerd " + (dead ? "exited (" + daemon.exitValue() + ")"
                        : "did not answer within " + ENGINE_TIMEOUT.toSeconds() + " s")
                        + "; last lines of " + log + ":\n" + tail(log, 15);
                Lab.skip(engineSkipReason);
            }
            Lab.sleep(50);
        }
        if (!daemon.isAlive()) {
            startedDaemon = null; // someone else's daemon answers; not ours to stop
        }
        Lab.log("docker engine answers after %d ms", Lab.since(t0).toMillis());
        engineReady = true;
    }

    /** SIGTERM, wait up to 30 s for a clean shutdown (it also stops its containerd), then SIGKILL. */
    private static void stopDaemon(Process daemon) {
        if (!daemon.isAlive()) {
            return;
        }
        daemon.destroy();
        if (!Lab.waitFor(daemon, Duration.ofSeconds(30))) {
            Lab.killTree(daemon);
        }
    }

    /** GET /_ping over the Unix socket with a deadline; true on "200 ... OK". */
    static boolean ping(Path socket, Duration timeout) {
        if (!Files.exists(socket)) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer req = ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(US_ASCII));
            while (req.hasRemaining()) {
                ch.write(req);
            }
            ch.configureBlocking(false);
            ByteArrayOutputStream resp = new ByteArrayOutputStream();
            try (Selector sel = Selector.open()) {
                ch.register(sel, SelectionKey.OP_READ);
                ByteBuffer buf = ByteBuffer.allocate(4096);
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        return false;
                    }
                    sel.select(left);
                    sel.selectedKeys().clear();
                    int n = ch.read(buf);
                    if (n < 0) {
                        break; // HTTP/1.0: the server closes after the body
                    }
                    resp.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
            }
            String s = resp.toString(US_ASCII);
            return s.startsWith("HTTP/1.") && s.contains(" 200 ") && s.strip().endsWith("OK");
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Image

    private static synchronized void ensureImage() {
        if (imageReady) {
            return;
        }
        Path busybox = Stream.of("/bin/busybox", "/usr/bin/busybox").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (busybox == null) {
            Lab.skip("lab test skipped: /bin/busybox not found (apt-get install busybox-static)");
            return;
        }
        if (hasInterpreter(busybox)) {
            Lab.skip("lab test skipped: " + busybox + " is dynamically linked and cannot run alone in an "
                    + "image; install busybox-static");
        }
        String sha = sha256(busybox);
        Lab.Result have = Lab.sh(CMD_TIMEOUT, docker(), "image", "inspect", "-f",
                "{{index .Config.Labels \"" + LABEL_BUSYBOX + "\"}}", IMAGE);
        if (have.ok() && have.out().equals(sha)) {
            imageReady = true;
            return;
        }
        long t0 = System.nanoTime();
        Path root = Lab.labDir().resolve("busybox-rootfs-" + ProcessHandle.current().pid());
        try {
            deleteTree(root);
            Path bin = Files.createDirectories(root.resolve("bin"));
            for (String d : List.of("tmp", "etc", "root", "proc", "sys", "dev")) {
                Files.createDirectories(root.resolve(d));
            }
            Files.copy(busybox, bin.resolve("busybox"));
            bin.resolve("busybox").toFile().setExecutable(true, false);
            String list = Lab.shOk(CMD_TIMEOUT, busybox.toString(), "--list").stdout();
            for (String applet : list.lines().map(String::strip).toList()) {
                if (!applet.isEmpty() && !applet.equals("busybox") && !applet.contains("/")) {
                    Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build busybox rootfs in " + root, e);
        }
        // tar -C dir -c . | docker import - jtraf-busybox, with pipefail so either failure counts.
        Lab.Result r = Lab.sh(Duration.ofMinutes(2), "bash", "-o", "pipefail", "-c",
                "tar -C \"$1\" -c . | \"$2\" import"
                        + " --change \"LABEL " + LABEL_BUSYBOX + "=$3\""
                        + " --change 'CMD [\"sleep\", \"600\"]'"
                        + " --change 'ENV PATH=/bin'"
                        + " - " + IMAGE,
                "build-image", root.toString(), docker(), sha);
        try {
            deleteTree(root);
        } catch (IOException e) {
            // best effort: it is under target/
        }
        r.orThrow();
        Lab.log("built image %s from %s in %d ms", IMAGE, busybox, Lab.since(t0).toMillis());
        imageReady = true;
    }

    /** True if the ELF file has a PT_INTERP program header, i.e. is dynamically linked. */
    static boolean hasInterpreter(Path elf) {
        try (InputStream in = Files.newInputStream(elf)) {
            byte[] head = in.readNBytes(64 * 1024);
            ByteBuffer b = ByteBuffer.wrap(head);
            if (head.length < 64 || b.getInt(0) != 0x7f454c46 || head[4] != 2) {
                return false; // not a 64-bit ELF: do not guess
            }
            b.order(head[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            long phoff = b.getLong(0x20);
            int phentsize = Short.toUnsignedInt(b.getShort(0x36));
            int phnum = Short.toUnsignedInt(b.getShort(0x38));
            for (int i = 0; i < phnum; i++) {
                long off = phoff + (long) i * phentsize;
                if (off + 4 > head.length) {
                    return false;
                }
                if (b.getInt((int) off) == 3) { // PT_INTERP
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path p) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String tail(Path file, int lines) {
        List<String> all = Lab.read(file).lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static String readTrimmed(Path p) {
        try {
            return new String(Files.readAllBytes(p), UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLine(String s) {
        List<String> l = s.strip().lines().toList();
        if (l.isEmpty()) {
            throw new IllegalStateException("no output where an id was expected");
        }
        return l.get(l.size() - 1).strip();
    }
}
