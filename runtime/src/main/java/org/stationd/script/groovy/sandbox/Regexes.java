package org.stationd.script.groovy.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * The regular-expression entry points of texts ({@code matches}, {@code replaceAll},
 * {@code replaceFirst}, {@code split}, {@code find}, {@code findAll}, {@code =~}, {@code ==~}),
 * run on {@link LimitedChars}. The variants that take closures go to Groovy on the same limited
 * text.
 */
final class Regexes {
    private static final Set<String> NAMES = Set.of("matches", "replaceAll", "replaceFirst", "split", "find", "findAll",
            "eachMatch");

    private Regexes() {}

    static boolean handles(String name) {
        return NAMES.contains(name);
    }

    static Object call(String text, String name, Object[] args) {
        if (args.length == 0 || !(args[0] instanceof CharSequence || args[0] instanceof Pattern)) {
            return InvokerHelper.invokeMethod(text, name, args);  // split() on blanks, findAll { closure }…
        }
        Pattern p = pattern(args[0]);
        CharSequence in = new LimitedChars(text);
        switch (name) {
            case "matches":
                if (args.length == 1) return p.matcher(in).matches();
                break;
            case "replaceAll":
                if (args.length == 2 && args[1] instanceof CharSequence r) return p.matcher(in).replaceAll(r.toString());
                break;
            case "replaceFirst":
                if (args.length == 2 && args[1] instanceof CharSequence r) return p.matcher(in).replaceFirst(r.toString());
                break;
            case "split":
                if (args.length == 1) return p.split(in);
                if (args.length == 2 && args[1] instanceof Integer n) return p.split(in, n);
                break;
            case "find":
                if (args.length == 1) {
                    Matcher m = p.matcher(in);
                    return m.find() ? m.group() : null;
                }
                break;
            case "findAll":
                if (args.length == 1) {
                    Matcher m = p.matcher(in);
                    List<String> out = new ArrayList<>();
                    while (m.find()) out.add(m.group());
                    return out;
                }
                break;
            default:
                break;
        }
        return InvokerHelper.invokeMethod(in, name, args);  // the closure variants, on the limited text
    }

    static Matcher find(Object left, Object right) {
        return pattern(right).matcher(new LimitedChars(String.valueOf(left)));
    }

    static boolean match(Object left, Object right) {
        return pattern(right).matcher(new LimitedChars(String.valueOf(left))).matches();
    }

    private static Pattern pattern(Object p) {
        return p instanceof Pattern pattern ? pattern : Pattern.compile(String.valueOf(p));
    }
}
