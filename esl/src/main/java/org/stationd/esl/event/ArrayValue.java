package org.stationd.esl.event;

import java.util.ArrayList;
import java.util.List;

/** FreeSWITCH's array header encoding: {@code ARRAY::first|:second|:third}. */
final class ArrayValue {
    static final String PREFIX = "ARRAY::";
    private static final String SEPARATOR = "|:";

    private ArrayValue() {}

    static List<String> split(String value) {
        if (!value.startsWith(PREFIX)) {
            return List.of(value);
        }
        List<String> parts = new ArrayList<>();
        String rest = value.substring(PREFIX.length());
        int from = 0;
        int sep;
        while ((sep = rest.indexOf(SEPARATOR, from)) >= 0) {
            parts.add(rest.substring(from, sep));
            from = sep + SEPARATOR.length();
        }
        parts.add(rest.substring(from));
        return List.copyOf(parts);
    }
}
