package io.jpod.oci;

import io.jpod.error.InvalidInputException;
import java.util.List;

/** Resolves an image's USER ("name", "uid", "uid:gid", "name:group") against the container's /etc/passwd and /etc/group. */
public final class Users {
    private Users() {
    }

    /** A resolved user. */
    public record Resolved(long uid, long gid, String home) {
    }

    public static Resolved resolve(String user, List<String> passwd, List<String> group) {
        if (user == null || user.isEmpty()) {
            user = "0";
        }
        String[] parts = user.split(":", 2);
        String u = parts[0];
        Long uid = null;
        Long gid = null;
        String home = null;
        for (String line : passwd) {
            String[] f = line.split(":", -1); // keep empty trailing fields (no home, no shell)
            if (f.length >= 6 && (f[0].equals(u) || f[2].equals(u))) {
                uid = Long.parseLong(f[2]);
                gid = Long.parseLong(f[3]);
                home = f[5];
                break;
            }
        }
        if (uid == null) {
            if (!u.matches("\\d+")) {
                throw new InvalidInputException("USER " + user, "user \"" + u + "\" is not in the container's /etc/passwd");
            }
            uid = Long.parseLong(u);
            gid = 0L;
        }
        if (parts.length == 2) {
            gid = null;
            for (String line : group) {
                String[] f = line.split(":");
                if (f.length >= 3 && (f[0].equals(parts[1]) || f[2].equals(parts[1]))) {
                    gid = Long.parseLong(f[2]);
                    break;
                }
            }
            if (gid == null) {
                if (!parts[1].matches("\\d+")) {
                    throw new InvalidInputException("USER " + user, "group \"" + parts[1] + "\" is not in the container's /etc/group");
                }
                gid = Long.parseLong(parts[1]);
            }
        }
        return new Resolved(uid, gid, home == null || home.isEmpty() ? (uid == 0 ? "/root" : "/") : home);
    }
}
