package dev.jtraf.capture;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Which interfaces to count: those matching any include pattern (all when there is none)
 * and no exclude pattern. Patterns are shell globs ({@code veth*}, {@code br-?????}).
 */
public final class InterfaceFilter {
    private final List<String> includes;
    private final List<PathMatcher> includeMatchers = new ArrayList<>();
    private final List<PathMatcher> excludeMatchers = new ArrayList<>();

    public InterfaceFilter(List<String> includes, List<String> excludes) {
        this.includes = List.copyOf(includes);
        for (String p : includes) {
            includeMatchers.add(glob(p));
        }
        for (String p : excludes) {
            excludeMatchers.add(glob(p));
        }
    }

    /** Accepts everything. */
    public static InterfaceFilter all() {
        return new InterfaceFilter(List.of(), List.of());
    }

    /** A name as the matchers see it: see {@link #matchable}. */
    private static Path pathOf(String name) {
        return Path.of(matchable(name.isEmpty() ? "?" : name));
    }

    /** A pattern as a matcher of {@link #pathOf} paths. */
    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + matchable(pattern));
    }

    /**
     * A name or pattern as one path element ('/' is allowed in a pcapng if_name), encodable in
     * the platform's file-name charset, as a path must be: under LANG=C, ASCII. There a name
     * with other characters (a pcapng if_name in UTF-8) is matched with '?' for each of them,
     * which '*' and '?' in a pattern match, as a pattern typed under LANG=C reads them.
     */
    private static String matchable(String s) {
        String p = s.replace('/', '_');
        try {
            Path.of(p);
            return p;
        } catch (InvalidPathException e) {
            CharsetEncoder enc = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).newEncoder();
            StringBuilder b = new StringBuilder(p.length());
            p.codePoints().forEach(c -> b.append(c != 0 && enc.canEncode(Character.toString(c)) ? Character.toString(c) : "?"));
            return b.toString();
        }
    }

    /** Why {@code pattern} is not a glob (an unclosed '[' or '{', a trailing '\\'), or null if it is one. */
    public static String globProblem(String pattern) {
        try {
            glob(pattern);
            return null;
        } catch (PatternSyntaxException e) {
            String d = e.getDescription(); // "Missing ']": close the quote
            d = d.chars().filter(c -> c == '\'').count() % 2 == 1 ? d + "'" : d;
            return d.isEmpty() ? d : Character.toLowerCase(d.charAt(0)) + d.substring(1);
        }
    }

    public boolean accepts(String name) {
        Path p = pathOf(name);
        boolean in = includeMatchers.isEmpty();
        for (PathMatcher m : includeMatchers) {
            in |= m.matches(p);
        }
        if (!in) {
            return false;
        }
        for (PathMatcher m : excludeMatchers) {
            if (m.matches(p)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Include patterns without glob characters (names the user expects to exist) that match
     * none of {@code names}, matched as {@link #accepts} matches.
     */
    public List<String> literalIncludesMatchingNone(Collection<String> names) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < includes.size(); i++) {
            String p = includes.get(i);
            if (p.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
                continue;
            }
            PathMatcher m = includeMatchers.get(i);
            if (names.stream().noneMatch(n -> m.matches(pathOf(n)))) {
                missing.add(p);
            }
        }
        return missing;
    }
}
