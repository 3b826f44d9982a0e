package io.jpod.host;

/**
 * One process as its {@code /proc/PID/stat} line gives it (proc(5)); times in clock ticks ({@link #TICKS_PER_SECOND}).
 *
 * @param pid       its pid, as the reader's PID namespace numbers it
 * @param comm      its command name (at most 15 characters, as the kernel keeps it)
 * @param state     its state letter (R, S, D, Z, T…)
 * @param ppid      its parent's pid
 * @param ttyNr     its controlling terminal's device number, 0 when none
 * @param utime     CPU time in user mode
 * @param stime     CPU time in kernel mode
 * @param cutime    user-mode CPU time of its children it has waited for
 * @param cstime    kernel-mode CPU time of its children it has waited for
 * @param nice      its nice value
 * @param threads   how many threads it has
 * @param startTime when it started, in ticks after boot
 * @param vsize     its virtual memory size, in bytes
 * @param rssPages  its resident set, in pages
 */
public record ProcStat(long pid, String comm, char state, long ppid, long ttyNr, long utime, long stime, long cutime, long cstime,
        long nice, long threads, long startTime, long vsize, long rssPages) {
    /** Linux's USER_HZ, which /proc counts times in: 100 on every architecture jpod runs on. */
    public static final long TICKS_PER_SECOND = 100;

    /**
     * Reads a {@code /proc/PID/stat} line. The command name is between the first '(' and the last ')', since it may hold
     * spaces and parentheses itself.
     *
     * @throws IllegalArgumentException when the line is not one
     */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 > line.length()) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + line);
        }
        String[] f = line.substring(close + 2).trim().split(" +");
        if (f.length < 22) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + line);
        }
        // f[0] is field 3 of proc(5), the state
        return new ProcStat(Long.parseLong(line.substring(0, open).trim()), line.substring(open + 1, close), f[0].charAt(0),
                Long.parseLong(f[1]), Long.parseLong(f[4]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                Long.parseLong(f[14]), Long.parseLong(f[16]), Long.parseLong(f[17]), Long.parseLong(f[19]), Long.parseLong(f[20]),
                Long.parseLong(f[21]));
    }

    /** Its own CPU time, user and kernel, in ticks. */
    public long cpuTicks() {
        return utime + stime;
    }

    /**
     * Its terminal as ps names it: {@code pts/N} for a pseudo-terminal (major 136 to 143), {@code ttyN} for a console
     * (major 4), {@code ?} when it has none.
     */
    public String tty() {
        if (ttyNr == 0) {
            return "?";
        }
        long major = (ttyNr >> 8) & 0xfff;
        long minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
        if (major >= 136 && major <= 143) {
            return "pts/" + ((major - 136) * 256 + minor);
        }
        return major == 4 ? "tty" + minor : "?";
    }
}
