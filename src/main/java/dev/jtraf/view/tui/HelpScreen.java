package dev.jtraf.view.tui;

import dev.jtraf.stats.Snapshot;

/** Help: every key, and what each number means (docs/semantics in a nutshell). Static text. */
final class HelpScreen {
    static final String TITLE = "Help";

    private static final String[][] KEYS = {
        {"Up/Down PgUp/PgDn", "select an interface"},
        {"Home / End", "first / last"},
        {"Enter", "detailed statistics"},
        {"d", "Docker screen"},
        {"Esc", "back, clear, quit"},
        {"/", "filter (text, * ?)"},
        {"s", "cycle sort order"},
        {"n / t / r", "by name/total/rate"},
        {"u", "cycle rate units"},
        {"p  space", "pause / resume"},
        {"+ / -", "replay speed"},
        {"h  ?", "this help"},
        {"Ctrl-L", "redraw the screen"},
        {"Ctrl-Z, fg", "to the shell and back"},
        {"q  Ctrl-C", "quit"},
    };

    private static final String[] MEANINGS = {
        "Packets: Total = IPv4 + IPv6 + NonIP.",
        "NonIP: ARP, LLDP, all other non-IP.",
        "BadIP: IP frames whose header is",
        "  invalid (a part of IPv4 + IPv6).",
        "Bytes: whole frames, link header in.",
        "Activity: bytes/s averaged over the",
        "  last N complete seconds of packet",
        "  time (--window, default 5) as bit/s.",
        "pps: frames/s, the same average.",
        "In: received by the interface; out:",
        "  sent. On a container's veth, what",
        "  the container sends is in.",
        "Capture drops: frames the kernel lost",
        "  before jtraf read them.",
    };

    private HelpScreen() {
    }

    static void draw(Canvas c, Snapshot snap, RunStatus st, UiState ui) {
        Chrome.title(c, TITLE, snap, st);
        int keysAt = 1;
        int meaningsAt = Math.max(42, c.columns() / 2 + 2);
        c.text(keysAt, 2, "Keys", Theme.Role.HEADER);
        c.text(meaningsAt, 2, "What the numbers mean", Theme.Role.HEADER);
        for (int i = 0; i < KEYS.length; i++) {
            c.text(keysAt + 1, 4 + i, KEYS[i][0], Theme.Role.KEY);
            c.text(keysAt + 20, 4 + i, KEYS[i][1], Theme.Role.NORMAL);
        }
        for (int i = 0; i < MEANINGS.length; i++) {
            c.text(meaningsAt, 4 + i, MEANINGS[i], Theme.Role.NORMAL);
        }
        c.text(keysAt, 19, "Counted by packet timestamp, the same live and in replay. Interfaces that go",
                Theme.Role.NORMAL);
        c.text(keysAt, 20, "away are marked gone and leave the list a minute later.", Theme.Role.NORMAL);
        Chrome.message(c, snap, st, ui);
        Chrome.legend(c, Chrome.keysFor(ui, st, c.theme()));
    }
}
