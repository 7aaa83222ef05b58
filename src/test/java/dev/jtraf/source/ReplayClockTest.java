package dev.jtraf.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The paced replay's clock, on a wall clock the test sets: gaps are waited for once, whatever pauses and speed changes come. */
class ReplayClockTest {
    private static final long S = 1_000_000_000L;
    private static final long W = 5_000 * S; // an arbitrary System.nanoTime() origin

    @Test
    void aGapInTheRecordingIsWaitedForAtTheRecordedPace() {
        ReplayClock c = new ReplayClock();
        assertEquals(Long.MIN_VALUE, c.position(W));
        assertEquals(W, c.due(100 * S, 1.0, W)); // the first paced frame anchors the clock
        assertEquals(W + 3 * S, c.due(103 * S, 1.0, W + S / 10));
        assertEquals(102 * S, c.position(W + 2 * S)); // the clock goes on between frames
        assertEquals(W + 3 * S / 2, c.due(103 * S, 2.0, W)); // a speed change before it ran: same anchor, faster
    }

    @Test
    void aPauseInAGapKeepsWhatIsLeftOfTheGap() {
        // was: resuming delivered the frame after the gap at once (the anchor moved to it)
        ReplayClock c = new ReplayClock();
        c.due(100 * S, 1.0, W);
        c.freeze(W + S); // paused 1 s into a 180 s gap
        assertEquals(101 * S, c.position(W + 60 * S)); // and stays there while paused
        assertEquals(W + 60 * S + 179 * S, c.due(280 * S, 1.0, W + 60 * S)); // resumed at W + 60 s: 179 s left
    }

    @Test
    void aSpeedChangeInAGapGoesOnFromThePositionReached() {
        // was: slowing down from 1x to 0.5x in a gap jumped to the frame after it
        ReplayClock c = new ReplayClock();
        c.due(100 * S, 1.0, W);
        assertEquals(W + 180 * S, c.due(280 * S, 1.0, W + 5 * S));
        assertEquals(W + 5 * S + 2 * 175 * S, c.due(280 * S, 0.5, W + 5 * S)); // 175 s left, at half speed
        assertEquals(105 * S + 5 * S, c.position(W + 15 * S)); // 10 s of wall time at 0.5x
    }

    @Test
    void aJumpBackInRecordedTimeStartsTheClockAgainAndMaxSpeedStopsIt() {
        ReplayClock c = new ReplayClock();
        c.due(100 * S, 1.0, W);
        assertEquals(W + 2 * S, c.due(50 * S, 1.0, W + 2 * S)); // earlier than the anchor: due now, anchored there
        assertEquals(51 * S, c.position(W + 3 * S));
        c.reset();
        assertEquals(Long.MIN_VALUE, c.position(W + 4 * S));
    }

    @Test
    void aDueThatRacesWithAPauseDoesNotStartTheClockAgain() {
        // the replay thread had seen "not paused" and then asked when its frame was due, after the
        // dashboard had paused (right before Ctrl-Z): due() re-anchored the frozen clock, running
        ReplayClock c = new ReplayClock();
        c.due(100 * S, 1.0, W);
        c.setPaused(true, W + S);
        assertEquals(Long.MAX_VALUE, c.due(105 * S, 1.0, W + S)); // not due while paused
        assertEquals(101 * S, c.position(W + 60 * S), "stands still");
        c.setPaused(false, W + 60 * S);
        assertEquals(W + 60 * S + 4 * S, c.due(105 * S, 1.0, W + 60 * S)); // 4 s left after the pause
    }
}
