package io.jpod.kube;

import java.util.Optional;

/**
 * The name a mistyped one was most likely meant to be, for "did you mean": the nearest by edit
 * distance (insertions, deletions, substitutions and swaps of two neighbours each count one), when it
 * is near enough for the length of what was typed. Pure.
 */
final class NearestName {
    private NearestName() {
    }

    /** The name of {@code names} nearest to {@code typed} (the first of equals), if one is near enough. */
    static Optional<String> among(String typed, Iterable<String> names) {
        int allowed = Math.max(1, Math.min(3, typed.length() / 4));
        String best = null;
        int bestDistance = allowed + 1;
        for (String name : names) {
            int d = distance(typed, name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The optimal string alignment distance between {@code a} and {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
