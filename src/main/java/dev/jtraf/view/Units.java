package dev.jtraf.view;

/**
 * Formats rates for people: bit/s with SI prefixes (1 kbit/s = 1000 bit/s), or a fixed unit.
 */
public enum Units {
    AUTO("auto"), BITS("bit/s"), KBITS("kbit/s"), MBITS("Mbit/s"), GBITS("Gbit/s"),
    BYTES("B/s"), KBYTES("kB/s"), MBYTES("MB/s");

    private final String label;

    Units(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The next unit in the cycle the dashboard's {@code u} key walks through. */
    public Units next() {
        Units[] all = values();
        return all[(ordinal() + 1) % all.length];
    }

    /** Parses a label or enum name ({@code kbit/s}, {@code kbits}, {@code auto}). */
    public static Units parse(String s) {
        for (Units u : values()) {
            if (u.label.equalsIgnoreCase(s) || u.name().equalsIgnoreCase(s)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown unit '" + s + "'; one of auto, bit/s, kbit/s, Mbit/s, Gbit/s, B/s, kB/s, MB/s");
    }

    /** A rate given in bytes per second, e.g. {@code "12.3 Mbit/s"}. */
    public String format(double bytesPerSecond) {
        double bits = bytesPerSecond * 8;
        switch (this) {
            case BITS: return fixed(bits, label);
            case KBITS: return fixed(bits / 1e3, label);
            case MBITS: return fixed(bits / 1e6, label);
            case GBITS: return fixed(bits / 1e9, label);
            case BYTES: return fixed(bytesPerSecond, label);
            case KBYTES: return fixed(bytesPerSecond / 1e3, label);
            case MBYTES: return fixed(bytesPerSecond / 1e6, label);
            default:
                if (bits < 1e3) {
                    return fixed(bits, "bit/s");
                } else if (bits < 1e6) {
                    return fixed(bits / 1e3, "kbit/s");
                } else if (bits < 1e9) {
                    return fixed(bits / 1e6, "Mbit/s");
                }
                return fixed(bits / 1e9, "Gbit/s");
        }
    }

    private static String fixed(double v, String unit) {
        if (v > 0 && v < 0.05) {
            return "<0.1 " + unit; // traffic, too little for this unit: not "0.0", which reads as none
        }
        return Decimal.fixed(v, v >= 100 || v == 0 ? 0 : 1) + " " + unit;
    }
}
