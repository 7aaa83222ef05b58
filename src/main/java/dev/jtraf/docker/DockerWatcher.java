package dev.jtraf.docker;

import dev.jtraf.stats.InterfaceLabel;
import dev.jtraf.stats.InterfaceLabels;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link DockerView} of this host up to date and answers {@link InterfaceLabels}
 * lookups from it.
 *
 * <p><b>Single writer:</b> the refresher thread {@code jtraf-docker} builds every view, the
 * first one included, and publishes it through a volatile reference; <b>readers</b> (views, the
 * dump, metrics) read that reference and never wait ({@link #start} waits for the first view).
 *
 * <p>Following changes: the thread {@code jtraf-docker-events} reads the engine's
 * {@code /events} stream (container create/start/die/destroy/rename/pause/unpause, network
 * connect/disconnect) in windows of {@value #EVENT_WINDOW_SECONDS} s that join without a gap,
 * and wakes the refresher, which waits {@value #DEBOUNCE_MILLIS} ms for the rest of a burst and
 * then re-lists. Besides, the refresher looks at the host's interfaces every second (a sysfs
 * directory listing, a stat per interface and a listing per bridge, {@link LinkChanges}; they
 * are read in full only when that shows a change, and with every engine refresh), re-maps when
 * they changed, and re-lists everything every {@value #HEAL_SECONDS} s to heal anything an
 * event stream may have missed. A new container is therefore named within a few hundred ms
 * of its start event. Without an engine it tries again within a second of its socket
 * appearing, and every {@value #RETRY_SECONDS} s while nobody answers on a socket that is
 * there, quietly: the reason is logged once per change, and offered by {@link #problem()} for
 * the caller to tell the user once. Meanwhile the event thread sleeps until a connection wakes
 * it.
 *
 * <p>A hung engine (a stopped dockerd) is found without asking it anything more: a refresh that
 * has waited on it for the stall threshold, or an event window it has not ended by the stall
 * threshold after the window's end, makes {@link #problem()} say it does not answer, within
 * one window and the threshold (15 s) of its hanging.
 */
public final class DockerWatcher implements InterfaceLabels, AutoCloseable {
    static final long EVENT_WINDOW_SECONDS = 10;
    static final long DEBOUNCE_MILLIS = 50;
    static final long HEAL_SECONDS = 30;
    static final long RETRY_SECONDS = 10;
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * The longest {@link #start} waits for the first view of an engine that keeps answering (a
     * host with very many containers); a silent engine ends the wait after the stall threshold.
     */
    static final Duration FIRST_VIEW_PATIENCE = Duration.ofMinutes(2);
    static final String NO_ANSWER = "does not answer (no reply within " + RESPONSE_TIMEOUT.toSeconds()
            + " s; is the engine hung?)";
    /** Labels of vanished interfaces kept for their rows: a bound for hosts with endless churn. */
    static final int REMEMBER_LIMIT = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(DockerWatcher.class);
    private static final long TICK_NANOS = 1_000_000_000L;

    private final DockerHost host;
    private final File socket;
    private final NetSysfs sysfs;
    private final LinkChanges linkChanges;
    private final ConcurrentLinkedQueue<String> invalidated = new ConcurrentLinkedQueue<>();
    private volatile DockerView view = DockerView.empty(null);
    private volatile EngineApi api;
    private volatile boolean dirty;
    private volatile boolean streamBroken;
    private volatile boolean closed;
    private volatile Thread refresher;
    private volatile Thread eventReader;
    private volatile long eventsSinceNanos;
    private final CountDownLatch firstView = new CountDownLatch(1);
    /** When the refresh under way began or last had an answer ({@code System.nanoTime}, never 0); 0 between refreshes. */
    private volatile long refreshSince;
    /**
     * When the open {@code /events} request should have ended at the latest: the end of its
     * window plus the stall threshold ({@code System.nanoTime}, never 0); 0 while none is open.
     * Single writer: the event thread.
     */
    private volatile long eventsDueNanos;
    /** When the engine last answered a call of the refresher ({@code System.nanoTime}). Single writer: the refresher. */
    private volatile long answeredNanos = System.nanoTime();
    /**
     * How long a refresh may wait on the engine, and an event window stay open past its end,
     * before {@link #problem()} says it does not answer.
     */
    long stallNanos = RESPONSE_TIMEOUT.toNanos();
    /** How long an event window is; shorter only in tests. */
    long eventWindowNanos = EVENT_WINDOW_SECONDS * 1_000_000_000L;

    // Owned by the refresher.
    private final Map<String, ContainerInfo> inspected = new HashMap<>();
    private final LinkedHashMap<String, InterfaceLabel> remembered = new LinkedHashMap<>();
    private List<ContainerInfo> containers = List.of();
    private List<NetworkInfo> networks = List.of();
    private List<HostLink> lastLinks;
    private Map<Integer, InterfaceLabel> lastLabels = Map.of();
    private String engineProblem;
    private String loggedProblem;
    private long nextHealNanos;
    private long nextRetryNanos;
    private boolean socketMissing;

    DockerWatcher(DockerHost host, NetSysfs sysfs) {
        this.host = host;
        this.socket = host.socket() == null ? null : host.socket().toFile();
        this.sysfs = sysfs;
        this.linkChanges = new LinkChanges(sysfs);
        this.nextHealNanos = System.nanoTime();
        this.nextRetryNanos = nextHealNanos;
    }

    /**
     * Connects, builds the first view (waiting while the engine answers, at most
     * {@link #FIRST_VIEW_PATIENCE}), and starts following changes. Never fails: without an engine
     * the view is empty and {@link #problem()} says why (a silent one: after the stall threshold).
     */
    public static DockerWatcher start(DockerHost host) {
        DockerWatcher w = startInBackground(host);
        w.awaitFirstView(FIRST_VIEW_PATIENCE);
        return w;
    }

    /**
     * Starts following Docker and returns at once: the refresher thread connects and builds
     * the first view (the dashboard draws its first screen meanwhile, and names the containers
     * when the view comes; docker-java's classes alone take a core ~0.2 s to load). Until then
     * {@link #view()} is empty, without a problem.
     */
    public static DockerWatcher startInBackground(DockerHost host) {
        DockerWatcher w = new DockerWatcher(host, NetSysfs.host());
        w.startThreads();
        return w;
    }

    /**
     * Waits until the refresher has built the first view, for as long as the engine keeps
     * answering (at most {@code timeout}): the transport's response timeout does not hold on a
     * Unix socket (docker-java reads it without one), so an engine that accepts and never
     * answers would keep the caller forever; it ends the wait once it has been silent for the
     * stall threshold, and {@link #problem()} then says so.
     *
     * @return whether the first view came (if not, it comes when the engine answers)
     */
    public boolean awaitFirstView(Duration timeout) {
        boolean interrupted = false;
        boolean came = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!came && stalled() == null && deadline - System.nanoTime() > 0) {
            try {
                came = firstView.await(Math.min(100_000_000L, Math.max(0, deadline - System.nanoTime())),
                        TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        came |= firstView.getCount() == 0;
        if (!came && stalled() == null) { // a stall was logged by stalled(); an engine that answers, slowly, is not
            LOG.warn("Docker's first view did not come within {} s; going on without container names until it does",
                    timeout.toSeconds());
        }
        return came;
    }

    void startThreads() {
        eventsSinceNanos = wallNanos();
        Thread r = new Thread(this::refreshLoop, "jtraf-docker");
        r.setDaemon(true);
        refresher = r;
        eventReader = new Thread(this::eventLoop, "jtraf-docker-events");
        eventReader.setDaemon(true);
        r.start();
        eventReader.start();
    }

    /**
     * The current view. Any thread. While the engine has owed an answer past the stall
     * threshold (a refresh waiting on it, or an event window it has not ended), the last view
     * (its names kept) with that as its problem.
     */
    public DockerView view() {
        DockerView v = view;
        String stalled = stalled();
        return stalled == null ? v : v.withProblem(stalled);
    }

    /** Why containers are not named now (see {@link DockerView#problem()}), or null. Any thread. */
    public String problem() {
        String stalled = stalled();
        return stalled != null ? stalled : view.problem();
    }

    /**
     * Why names are missing or may be stale while the engine owes an answer and is silent, or
     * null: a refresh has waited on it for the stall threshold, or an event window is still open
     * the threshold after its end (where the engine ends it). The window is what finds an engine
     * that hangs between refreshes, at no cost to a healthy one: otherwise only the next full
     * re-listing, up to {@value #HEAL_SECONDS} s later, would wait on it and tell.
     */
    private final AtomicBoolean stallLogged = new AtomicBoolean();

    private String stalled() {
        long now = System.nanoTime();
        long since = refreshSince;
        long due = eventsDueNanos;
        boolean refreshStalled = since != 0 && now - since >= stallNanos;
        // an answer to the refresher since then: the engine is not hung, whatever holds the window
        boolean eventsOverdue = due != 0 && now - due >= 0 && answeredNanos - due < 0;
        String stall = refreshStalled || eventsOverdue ? "Docker at " + host.socket() + " " + NO_ANSWER : null;
        // into the log file once per stall and once when it ends, by whichever thread asks first:
        // the refresher, which would log it, is the thread that waits on the engine
        if (stallLogged.get() != (stall != null) && stallLogged.compareAndSet(stall == null, stall != null)) {
            if (stall != null) {
                LOG.warn("{}; container names may be missing or out of date until it answers", stall);
            } else {
                LOG.info("Docker at {} answers again", host.socket());
            }
        }
        return stall;
    }

    @Override
    public InterfaceLabel labelOf(String name, int key) {
        return view.labelOf(name, key);
    }

    // ------------------------------------------------------------------------------------------
    // Refresher thread

    private void refreshLoop() {
        try {
            tick(true);
        } catch (RuntimeException e) {
            LOG.warn("Docker's first view failed", e);
        } finally {
            firstView.countDown();
        }
        while (!closed) {
            LockSupport.parkNanos(this, TICK_NANOS);
            if (closed) {
                break;
            }
            if (dirty) {
                LockSupport.parkNanos(DEBOUNCE_MILLIS * 1_000_000L); // the rest of a burst of events
            }
            try {
                tick(false);
            } catch (RuntimeException e) {
                LOG.warn("Docker refresh failed", e);
            }
        }
    }

    /**
     * One round: a look at the host interfaces always (read in full if they changed, and with
     * every engine refresh: a veth's iflink changes when Docker moves its peer into the
     * container, which no look sees), the engine when due, and a new view if anything changed.
     */
    void tick(boolean force) {
        long now = System.nanoTime();
        refreshSince = now == 0 ? 1 : now; // the wait for an answer starts; not one itself
        try {
            refresh(force, now);
        } finally {
            refreshSince = 0;
        }
    }

    /**
     * Notes an answer of the engine: a stall is a refresh without an answer for the stall
     * threshold, not a long refresh (the first view of a host with hundreds of containers
     * inspects each, one call after the other).
     */
    private void answered() {
        long now = System.nanoTime();
        answeredNanos = now;
        refreshSince = now == 0 ? 1 : now;
    }

    private void refresh(boolean force, long now) {
        boolean due = api == null ? force || retryDue(now)
                : force || dirty || streamBroken || now - nextHealNanos >= 0;
        boolean looked = linkChanges.look(); // first: a change while reading below shows next time
        List<HostLink> links = lastLinks;
        if (force || looked || due || links == null) {
            links = sysfs.hostLinks();
            linkChanges.bridgesAfterRead(links);
        }
        boolean linksChanged = !links.equals(lastLinks);
        boolean dockerChanged = due && refreshDocker(now);
        if (force || linksChanged || dockerChanged) {
            publish(links);
        }
    }

    /** Lists networks and containers (inspecting those not known or changed); true if it may have changed anything. */
    private boolean refreshDocker(long now) {
        dirty = false;
        if (api == null) {
            try {
                api = EngineApi.connect(host, RESPONSE_TIMEOUT, Duration.ofSeconds(EVENT_WINDOW_SECONDS));
                answered();
                LOG.info("Docker engine at {} answers; API {}", host.socket(), api.version());
                nextHealNanos = now; // a full listing now
                socketMissing = false;
                wakeEvents();
            } catch (EngineException e) {
                nextRetryNanos = now + RETRY_SECONDS * 1_000_000_000L;
                socketMissing = socket != null && !socket.exists();
                return setEngineProblem(host.socket() == null ? host.problem()
                        : "cannot reach Docker at " + host.socket() + " (" + e.getMessage() + ")");
            }
        }
        boolean heal = now - nextHealNanos >= 0 || streamBroken;
        streamBroken = false;
        if (heal) {
            nextHealNanos = now + HEAL_SECONDS * 1_000_000_000L;
        }
        Set<String> stale = new HashSet<>();
        for (String id; (id = invalidated.poll()) != null;) {
            stale.add(id);
        }
        try {
            List<NetworkInfo> nets = new ArrayList<>();
            List<Object> listed = api.getList("/networks");
            answered();
            for (Object n : listed) {
                nets.add(EngineModel.network(n));
            }
            nets.sort(Comparator.comparing(NetworkInfo::name, Comparator.nullsLast(Comparator.naturalOrder())));
            List<Object> list = api.getList("/containers/json?all=1");
            answered();
            Map<String, String> namesById = new HashMap<>();
            for (Object c : list) {
                ContainerInfo base = EngineModel.container(c, Map.of());
                namesById.put(base.id(), base.name());
            }
            List<ContainerInfo> next = new ArrayList<>(list.size());
            Map<String, ContainerInfo> nextInspected = new HashMap<>();
            for (Object c : list) {
                ContainerInfo base = EngineModel.container(c, namesById);
                if (!base.running()) {
                    next.add(base);
                    continue;
                }
                ContainerInfo full = heal || stale.contains(base.id()) ? null : inspected.get(base.id());
                if (full == null) {
                    try {
                        full = EngineModel.container(api.getMap("/containers/" + base.id() + "/json"), namesById);
                        answered();
                    } catch (EngineException e) {
                        if (e.status() == 404) {
                            continue; // removed between the listing and now
                        }
                        throw e;
                    }
                }
                nextInspected.put(base.id(), full);
                next.add(full);
            }
            next.sort(Comparator.comparing(ContainerInfo::name, Comparator.nullsLast(Comparator.naturalOrder())));
            inspected.clear();
            inspected.putAll(nextInspected);
            boolean changed = !next.equals(containers) || !nets.equals(networks);
            containers = List.copyOf(next);
            networks = List.copyOf(nets);
            return setEngineProblem(null) || changed;
        } catch (EngineException e) {
            api.close();
            api = null;
            nextRetryNanos = now + RETRY_SECONDS * 1_000_000_000L;
            // a dockerd that exits removes its socket: then connect as soon as it is back (a
            // restart takes seconds), not RETRY_SECONDS later with the new containers unnamed
            socketMissing = socket != null && !socket.exists();
            // the last known containers stay: with live-restore they outlive the engine
            return setEngineProblem("lost the connection to Docker at " + host.socket() + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Without an engine: whether to try again now. While the socket is missing a connection
     * cannot succeed, so it waits for the socket to appear (one stat a second) and tries at
     * once; a socket nobody answers on is tried every {@value #RETRY_SECONDS} s.
     */
    private boolean retryDue(long now) {
        if (socket == null) {
            return false; // DOCKER_HOST names no local socket: said once, nothing to retry
        }
        return socketMissing ? socket.exists() : now - nextRetryNanos >= 0;
    }

    /** Records the engine's state (logged once per change when published). True if it changed. */
    private boolean setEngineProblem(String problem) {
        boolean changed = !java.util.Objects.equals(problem, engineProblem);
        engineProblem = problem;
        return changed;
    }

    private void publish(List<HostLink> links) {
        VethMapper.Result r = VethMapper.map(containers, networks, links, sysfs);
        Map<Integer, InterfaceLabel> labels = new HashMap<>(r.labels());
        Map<Integer, String> names = new HashMap<>();
        for (HostLink h : links) {
            names.put(h.ifindex(), h.name());
        }
        if (lastLinks != null) {
            for (HostLink old : lastLinks) {
                InterfaceLabel was = lastLabels.get(old.ifindex());
                if (was == null) {
                    continue;
                }
                if (old.name().equals(names.get(old.ifindex()))) {
                    // A veth belongs to one container for its whole life: when the container
                    // stops, the engine forgets it a moment before the kernel deletes the veth,
                    // and the row must keep the name (and the role it had) to the end.
                    InterfaceLabel now = labels.get(old.ifindex());
                    if (was.container() != null && (now == null || now.container() == null)) {
                        labels.put(old.ifindex(), was);
                    }
                } else if (was != InterfaceLabel.NONE) {
                    remembered.remove(DockerView.rememberKey(old.name(), old.ifindex()));
                    remembered.put(DockerView.rememberKey(old.name(), old.ifindex()), was);
                }
            }
        }
        for (HostLink h : links) {
            remembered.remove(DockerView.rememberKey(h.name(), h.ifindex()));
        }
        for (Iterator<String> it = remembered.keySet().iterator(); remembered.size() > REMEMBER_LIMIT;) {
            it.next();
            it.remove();
        }
        String problem = engineProblem != null ? engineProblem : r.problem();
        if (!java.util.Objects.equals(problem, loggedProblem)) {
            if (problem != null) {
                LOG.warn("no container names: {}", problem);
            } else {
                LOG.info("container names available again");
            }
            loggedProblem = problem;
        }
        EngineApi a = api;
        view = new DockerView(problem, a != null, a == null ? null : a.version(), System.currentTimeMillis(),
                r.containers(), r.networks(), links, labels, remembered);
        lastLinks = links;
        lastLabels = labels;
    }

    // ------------------------------------------------------------------------------------------
    // Event thread

    private void eventLoop() {
        while (!closed) {
            EngineApi a = api;
            if (a == null) {
                // without an engine nothing to read: sleep until the refresher connects (the
                // timeout only bounds a missed wake-up)
                LockSupport.parkNanos(this, RETRY_SECONDS * 1_000_000_000L);
                continue;
            }
            if (streamBroken) {
                LockSupport.parkNanos(500_000_000L); // the refresher heals, or finds the engine gone
                continue;
            }
            long window = eventWindowNanos;
            long until = wallNanos() + window;
            // the engine ends the window by a timer it sets when the request arrives (moby's
            // getEvents: until minus its now), so the monotonic clock tells when that is due,
            // whatever the wall clock does meanwhile
            long due = System.nanoTime() + window + stallNanos;
            try {
                eventsDueNanos = due == 0 ? 1 : due;
                try {
                    a.events(seconds(eventsSinceNanos), seconds(until), this::onEvent);
                } finally {
                    eventsDueNanos = 0;
                }
                long now = wallNanos();
                // the next window starts a second before this one ended: no gap, and a repeated
                // event only causes one more refresh
                eventsSinceNanos = Math.min(until, now) - 1_000_000_000L;
                if (until - now > 1_000_000_000L) {
                    LockSupport.parkNanos(1_000_000_000L); // the engine ended the window early: do not spin
                }
            } catch (EngineException e) {
                if (!closed) {
                    LOG.debug("Docker event stream ended: {}", e.getMessage());
                    streamBroken = true;
                    wake();
                    LockSupport.parkNanos(1_000_000_000L);
                }
            }
        }
    }

    private void onEvent(Map<String, Object> event) {
        String type = Json.str(event, "Type");
        String id = "container".equals(type) ? Json.str(event, "Actor", "ID")
                : Json.str(event, "Actor", "Attributes", "container");
        if (id != null) {
            invalidated.add(id);
        }
        dirty = true;
        wake();
    }

    private void wake() {
        Thread r = refresher;
        if (r != null) {
            LockSupport.unpark(r);
        }
    }

    /** Tells the event thread that there is an engine to follow now. */
    private void wakeEvents() {
        Thread e = eventReader;
        if (e != null) {
            LockSupport.unpark(e);
        }
    }

    /** Epoch seconds with nanoseconds, as the events API takes them. */
    static String seconds(long epochNanos) {
        return Math.floorDiv(epochNanos, 1_000_000_000L) + "." + String.format(java.util.Locale.ROOT, "%09d", Math.floorMod(epochNanos, 1_000_000_000L));
    }

    private static long wallNanos() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    /** Stops both threads and closes the connection. */
    @Override
    public void close() {
        closed = true;
        Thread r = refresher;
        if (r != null) {
            LockSupport.unpark(r);
            try {
                // a refresher waiting on the engine is not waited for long: nothing wakes it but
                // the engine (a daemon thread, it dies with the JVM); an idle one ends at once
                r.join(refreshSince == 0 ? 2000 : 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (eventReader != null) {
            LockSupport.unpark(eventReader);
        }
        EngineApi a = api;
        if (a != null) {
            a.close(); // also ends a blocked event read, or leaves it to die with the JVM (daemon thread)
        }
    }
}
