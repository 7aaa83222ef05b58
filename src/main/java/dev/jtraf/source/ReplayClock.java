package dev.jtraf.source;

/**
 * Where a paced replay is in recorded time. It is anchored at a frame: recorded time
 * {@code frameNanos} was reached at wall time {@code wallNanos} (System.nanoTime), and runs on
 * at {@code speed} times the recorded pace, or stands still while frozen (paused). A pause or a
 * speed change re-anchors at the position reached, so a gap in the recording is neither
 * skipped nor counted twice: what is left of it is waited for afterwards, at the new speed.
 *
 * <p>The replay thread calls {@link #due} and {@link #reset}; whoever pauses calls
 * {@link #setPaused}, which takes effect at once (a pause just before the process is stopped,
 * Ctrl-Z, must hold even if the replay thread never ran in between, and a {@link #due} that
 * raced with it cannot start the clock again); any thread may call {@link #position}. The
 * writers synchronise; anchors are immutable and change only on a pause, a speed change or a
 * jump back in recorded time, so nothing is allocated per frame, and at full speed
 * {@link #reset} takes no lock.
 */
final class ReplayClock {
    private record Anchor(long frameNanos, long wallNanos, double speed, boolean frozen) {
        long at(long wall) {
            return frozen ? frameNanos : frameNanos + (long) ((wall - wallNanos) * speed);
        }
    }

    /** Null while not paced (as fast as possible, or before the first paced frame). */
    private volatile Anchor anchor;
    /** Paused: {@link #due} says "not yet" whatever the anchor. Guarded by this. */
    private boolean paused;

    /**
     * The wall time at which the frame stamped {@code frameNanos} is due at {@code speed} (> 0);
     * {@code now} for the first paced frame, and for a frame from before the anchor (the
     * recording's clock jumped back), where the clock starts again.
     */
    synchronized long due(long frameNanos, double speed, long now) {
        if (paused) {
            return Long.MAX_VALUE; // decided under the lock: a pause taken meanwhile is never undone here
        }
        Anchor a = anchor;
        if (a == null || frameNanos < a.frameNanos) {
            anchor = new Anchor(frameNanos, now, speed, false);
            return now;
        }
        if (a.frozen || a.speed != speed) {
            a = new Anchor(a.at(now), now, speed, false);
            anchor = a;
        }
        return a.wallNanos + (long) ((frameNanos - a.frameNanos) / speed);
    }

    /**
     * Pauses ({@code true}: the clock stands still where it is at {@code now}, and {@link #due}
     * answers {@code Long.MAX_VALUE}) or resumes (the next {@link #due} goes on from there). Any
     * thread.
     */
    synchronized void setPaused(boolean pause, long now) {
        if (pause) {
            freeze(now);
        }
        paused = pause;
    }

    synchronized boolean isPaused() {
        return paused;
    }

    /** Stops the clock where it is at {@code now}; the next {@link #due} starts it again from there. */
    synchronized void freeze(long now) {
        Anchor a = anchor;
        if (a != null && !a.frozen) {
            anchor = new Anchor(a.at(now), now, a.speed, true);
        }
    }

    /** Stops pacing (as fast as possible): the next paced frame anchors again. */
    void reset() {
        if (anchor != null) {
            synchronized (this) {
                anchor = null;
            }
        }
    }

    /** Recorded time reached at {@code now}, or {@code Long.MIN_VALUE} while not paced. */
    long position(long now) {
        Anchor a = anchor;
        return a == null ? Long.MIN_VALUE : a.at(now);
    }
}
