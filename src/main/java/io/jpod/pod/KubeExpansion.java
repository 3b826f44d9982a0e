package io.jpod.pod;

import java.util.Map;

/** Kubernetes' {@code $(VAR)} expansion in command, args and env values ({@code $$} escapes a {@code $}). */
public final class KubeExpansion {
    private KubeExpansion() {
    }

    public static String expand(String s, Map<String, String> vars) {
        if (s.indexOf('$') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '$' && i + 1 < s.length()) {
                char next = s.charAt(i + 1);
                if (next == '$') {
                    out.append('$');
                    i += 2;
                    continue;
                }
                if (next == '(') {
                    int close = s.indexOf(')', i + 2);
                    if (close > 0) {
                        String name = s.substring(i + 2, close);
                        String value = vars.get(name);
                        out.append(value != null ? value : s, value != null ? 0 : i, value != null ? value.length() : close + 1);
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
