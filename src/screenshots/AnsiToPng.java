import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Renders a terminal screen captured with {@code tmux capture-pane -e -p} (text with SGR colour
 * sequences) to a PNG, the way a dark terminal emulator would show it: DejaVu Sans Mono, the 16
 * ANSI colours plus the 256-colour and true-colour forms, bold, reverse. Block elements
 * (U+2580-U+2588) are painted as rectangles so sparklines fill their cells exactly.
 *
 * <pre>java src/screenshots/AnsiToPng.java SCREEN.ansi OUT.png COLUMNS ROWS [TITLE]</pre>
 *
 * A single-file program (JDK 11+ runs it from source); not part of the jtraf build.
 */
public final class AnsiToPng {
    private static final String FONT_DIR = "/usr/share/fonts/truetype/dejavu/";
    private static final int FONT_SIZE = 15;
    private static final int PAD = 14;
    private static final int TITLE_BAR = 30;
    private static final Color DEFAULT_FG = new Color(0xd0, 0xd0, 0xd0);
    private static final Color DEFAULT_BG = new Color(0x1c, 0x1e, 0x22);
    private static final Color[] ANSI = {
        new Color(0x2e, 0x34, 0x36), new Color(0xcc, 0x33, 0x33), new Color(0x4e, 0x9a, 0x06), new Color(0xc4, 0xa0, 0x00),
        new Color(0x34, 0x65, 0xa4), new Color(0x75, 0x50, 0x7b), new Color(0x06, 0x98, 0x9a), new Color(0xd3, 0xd7, 0xcf),
        new Color(0x55, 0x57, 0x53), new Color(0xef, 0x29, 0x29), new Color(0x8a, 0xe2, 0x34), new Color(0xfc, 0xe9, 0x4f),
        new Color(0x72, 0x9f, 0xcf), new Color(0xad, 0x7f, 0xa8), new Color(0x34, 0xe2, 0xe2), new Color(0xee, 0xee, 0xec),
    };

    /** One screen cell. */
    private static final class Cell {
        String text = " ";
        Color fg;
        Color bg;
        boolean bold;
    }

    /** The SGR state while parsing. */
    private static final class Pen {
        Color fg;
        Color bg;
        boolean bold;
        boolean reverse;

        void reset() {
            fg = null;
            bg = null;
            bold = false;
            reverse = false;
        }
    }

    private AnsiToPng() {
    }

    public static void main(String[] args) throws IOException, FontFormatException {
        if (args.length < 4) {
            System.err.println("usage: java AnsiToPng.java SCREEN.ansi OUT.png COLUMNS ROWS [TITLE]");
            System.exit(2);
        }
        int columns = Integer.parseInt(args[2]);
        int rows = Integer.parseInt(args[3]);
        String title = args.length > 4 ? args[4] : "";
        Cell[][] cells = parse(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8), columns, rows);
        ImageIO.write(render(cells, columns, rows, title), "png", Path.of(args[1]).toFile());
    }

    static Cell[][] parse(String screen, int columns, int rows) {
        Cell[][] cells = new Cell[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                cells[r][c] = new Cell();
            }
        }
        Pen pen = new Pen();
        String[] lines = screen.split("\n", -1);
        for (int r = 0; r < Math.min(rows, lines.length); r++) {
            String line = lines[r];
            int col = 0;
            for (int i = 0; i < line.length(); ) {
                char ch = line.charAt(i);
                if (ch == 0x1b && i + 1 < line.length() && line.charAt(i + 1) == '[') {
                    int end = i + 2;
                    while (end < line.length() && !Character.isLetter(line.charAt(end))) {
                        end++;
                    }
                    if (end < line.length() && line.charAt(end) == 'm') {
                        sgr(line.substring(i + 2, end), pen);
                    }
                    i = end + 1;
                    continue;
                }
                int cp = line.codePointAt(i);
                i += Character.charCount(cp);
                if (col < columns) {
                    Cell cell = cells[r][col];
                    cell.text = new String(Character.toChars(cp));
                    Color fg = pen.fg == null ? DEFAULT_FG : pen.fg;
                    Color bg = pen.bg == null ? DEFAULT_BG : pen.bg;
                    cell.fg = pen.reverse ? bg : fg;
                    cell.bg = pen.reverse ? fg : bg;
                    cell.bold = pen.bold;
                }
                col++;
            }
        }
        return cells;
    }

    private static void sgr(String params, Pen pen) {
        String[] p = params.isEmpty() ? new String[] {"0"} : params.split("[;:]");
        for (int i = 0; i < p.length; i++) {
            int n = p[i].isEmpty() ? 0 : Integer.parseInt(p[i]);
            if (n == 0) {
                pen.reset();
            } else if (n == 1) {
                pen.bold = true;
            } else if (n == 22) {
                pen.bold = false;
            } else if (n == 7) {
                pen.reverse = true;
            } else if (n == 27) {
                pen.reverse = false;
            } else if (n >= 30 && n <= 37) {
                pen.fg = ANSI[n - 30];
            } else if (n >= 90 && n <= 97) {
                pen.fg = ANSI[n - 90 + 8];
            } else if (n == 39) {
                pen.fg = null;
            } else if (n >= 40 && n <= 47) {
                pen.bg = ANSI[n - 40];
            } else if (n >= 100 && n <= 107) {
                pen.bg = ANSI[n - 100 + 8];
            } else if (n == 49) {
                pen.bg = null;
            } else if ((n == 38 || n == 48) && i + 1 < p.length) {
                Color c;
                if (p[i + 1].equals("5") && i + 2 < p.length) {
                    c = indexed(Integer.parseInt(p[i + 2]));
                    i += 2;
                } else if (p[i + 1].equals("2") && i + 4 < p.length) {
                    c = new Color(Integer.parseInt(p[i + 2]), Integer.parseInt(p[i + 3]), Integer.parseInt(p[i + 4]));
                    i += 4;
                } else {
                    continue;
                }
                if (n == 38) {
                    pen.fg = c;
                } else {
                    pen.bg = c;
                }
            }
        }
    }

    private static Color indexed(int n) {
        if (n < 16) {
            return ANSI[n];
        }
        if (n < 232) {
            int i = n - 16;
            int[] level = {0, 95, 135, 175, 215, 255};
            return new Color(level[i / 36], level[(i / 6) % 6], level[i % 6]);
        }
        int g = 8 + (n - 232) * 10;
        return new Color(g, g, g);
    }

    static BufferedImage render(Cell[][] cells, int columns, int rows, String title)
            throws IOException, FontFormatException {
        Font regular = Font.createFont(Font.TRUETYPE_FONT, Path.of(FONT_DIR, "DejaVuSansMono.ttf").toFile())
                .deriveFont(Font.PLAIN, FONT_SIZE);
        Font bold = Font.createFont(Font.TRUETYPE_FONT, Path.of(FONT_DIR, "DejaVuSansMono-Bold.ttf").toFile())
                .deriveFont(Font.PLAIN, FONT_SIZE);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        FontMetrics fm = probe.createGraphics().getFontMetrics(regular);
        int cw = fm.charWidth('M');
        int ch = fm.getAscent() + fm.getDescent() + 2;
        int width = columns * cw + 2 * PAD;
        int height = rows * ch + 2 * PAD + TITLE_BAR;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_LCD_HRGB);
        g.setColor(new Color(0x2b, 0x2d, 0x33));
        g.fillRect(0, 0, width, TITLE_BAR);
        Color[] lights = {new Color(0xff, 0x5f, 0x57), new Color(0xfe, 0xbc, 0x2e), new Color(0x28, 0xc8, 0x40)};
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int i = 0; i < lights.length; i++) {
            g.setColor(lights[i]);
            g.fillOval(PAD + i * 20, TITLE_BAR / 2 - 6, 12, 12);
        }
        g.setFont(regular.deriveFont(13f));
        g.setColor(new Color(0xa0, 0xa4, 0xab));
        int tw = g.getFontMetrics().stringWidth(title);
        g.drawString(title, (width - tw) / 2, TITLE_BAR / 2 + 5);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(DEFAULT_BG);
        g.fillRect(0, TITLE_BAR, width, height - TITLE_BAR);
        int top = TITLE_BAR + PAD;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                Cell cell = cells[r][c];
                int x = PAD + c * cw;
                int y = top + r * ch;
                Color bg = cell.bg == null ? DEFAULT_BG : cell.bg;
                Color fg = cell.fg == null ? DEFAULT_FG : cell.fg;
                g.setColor(bg);
                g.fillRect(x, y, cw, ch);
                g.setColor(fg);
                int cp = cell.text.codePointAt(0);
                if (cp >= 0x2581 && cp <= 0x2588) {
                    int h = Math.round(ch * (cp - 0x2580) / 8f);
                    g.fillRect(x, y + ch - h, cw, h);
                } else if (cp != ' ') {
                    g.setFont(cell.bold ? bold : regular);
                    g.drawString(cell.text, x, y + 1 + fm.getAscent());
                }
            }
        }
        g.dispose();
        return img;
    }
}
