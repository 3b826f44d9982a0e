/*
 * jpod-exec: runs a command inside a running container as `runc exec` runs it, for exec probes and exec hooks,
 * without runc's cost (two Go runtimes started and runc's binary copied on every exec: about 80-100 ms of CPU,
 * where this takes a few ms, most of it the kernel's fork and exec; bench/README.md).
 *
 * What to run comes on standard input, NUL-separated pairs of a key and a value, written by jpod
 * (io.jpod.oci.ExecRecipe) from the container's config.json and runc's state:
 *   id ID | pid PID | start TICKS (the init's start time, /proc/PID/stat field 22, checked as runc checks it)
 *   uid N | gid N | group N (repeated) | cwd PATH | env K=V (repeated) | arg A (repeated)
 *   caps "BOUNDING EFFECTIVE PERMITTED INHERITABLE AMBIENT" (hexadecimal masks) | nnp 0|1
 *   rlimit "RESOURCE SOFT HARD" (repeated)
 *   seccomp "DEFAULT-ACTION" | seccomp-flag NAME (repeated) | arch NAME (libseccomp's name, repeated)
 *   rule "ACTION SYSCALL [INDEX OP VALUE VALUE2]..." (repeated; actions and ops as libseccomp's numbers)
 * The command's standard input is /dev/null; its output is this program's. The steps are runc 1.1's for
 * exec (nsexec.c, setns_init_linux.go, init_linux.go finalizeNamespace and setupUser): join the container's
 * cgroups and namespaces (user first), fork into its PID namespace, setsid, join the session keyring
 * "_ses.ID", no_new_privs, seccomp (libseccomp's program behind runc's ENOSYS stub; before the user change
 * without no_new_privs, last with it), the bounding
 * set, groups, gid, uid with the capabilities kept, cwd, the capability sets and ambient ones, the
 * rlimits (and the soft limit of open files raised to the hard one, as runc init's Go runtime does), $PATH lookup as Go's exec.LookPath, execve. A failure is written as runc writes it
 * (level=error msg="exec failed: ...") and exits 255. The exit code is the command's, 128+N for signal N.
 * The command is killed (SIGKILL) if this program dies, so a probe's timeout ends it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_RAISE 2
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif
#define KEYCTL_JOIN_SESSION_KEYRING 1
#define MAX_LIST 4096

struct spec {
    const char *id, *cwd;
    long pid;
    unsigned long long start;
    uid_t uid;
    gid_t gid;
    gid_t groups[256];
    int ngroups;
    const char *env[MAX_LIST];
    int nenv;
    const char *argv[MAX_LIST];
    int nargs;
    unsigned long long caps[5]; /* bounding, effective, permitted, inheritable, ambient */
    int nnp;
    struct { int resource; unsigned long long soft, hard; } rlimits[32];
    int nrlimits;
    int seccomp;
    uint32_t default_action;
    const char *flags[8];
    int nflags;
    const char *arches[16];
    int narches;
    const char *rules[MAX_LIST];
    int nrules;
};

static void fail(const char *fmt, ...) {
    char msg[2048], out[4200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t o = 0;
    for (const char *p = msg; *p && o < sizeof out - 3; p++) {
        if (*p == '"' || *p == '\\') out[o++] = '\\';
        out[o++] = *p;
    }
    out[o] = 0;
    dprintf(2, "level=error msg=\"exec failed: unable to start container process: %s\"\n", out);
    _exit(255);
}

/* strerror as Go spells it (lower case). */
static const char *goerr(int e) {
    static char buf[256];
    snprintf(buf, sizeof buf, "%s", strerror(e));
    if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z')) buf[0] += 'a' - 'A';
    return buf;
}

static char *read_all(int fd, size_t *len) {
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf) fail("out of memory");
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) fail("reading the recipe: %s", goerr(errno));
        if (r == 0) break;
        n += (size_t)r;
        if (n == cap) buf = realloc(buf, (cap *= 2) + 1);
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

static void parse(char *buf, size_t len, struct spec *s) {
    char *p = buf, *end = buf + len;
    while (p < end) {
        char *key = p;
        p += strlen(p) + 1;
        if (p >= end) fail("recipe: no value for %s", key);
        char *val = p;
        p += strlen(p) + 1;
        if (!strcmp(key, "id")) s->id = val;
        else if (!strcmp(key, "pid")) s->pid = atol(val);
        else if (!strcmp(key, "start")) s->start = strtoull(val, NULL, 10);
        else if (!strcmp(key, "uid")) s->uid = (uid_t)strtoul(val, NULL, 10);
        else if (!strcmp(key, "gid")) s->gid = (gid_t)strtoul(val, NULL, 10);
        else if (!strcmp(key, "group") && s->ngroups < 256) s->groups[s->ngroups++] = (gid_t)strtoul(val, NULL, 10);
        else if (!strcmp(key, "cwd")) s->cwd = val;
        else if (!strcmp(key, "env") && s->nenv < MAX_LIST - 2) s->env[s->nenv++] = val;
        else if (!strcmp(key, "arg") && s->nargs < MAX_LIST - 1) s->argv[s->nargs++] = val;
        else if (!strcmp(key, "caps")) {
            if (sscanf(val, "%llx %llx %llx %llx %llx", &s->caps[0], &s->caps[1], &s->caps[2], &s->caps[3], &s->caps[4]) != 5)
                fail("recipe: bad caps %s", val);
        } else if (!strcmp(key, "nnp")) s->nnp = atoi(val);
        else if (!strcmp(key, "rlimit") && s->nrlimits < 32) {
            if (sscanf(val, "%d %llu %llu", &s->rlimits[s->nrlimits].resource, &s->rlimits[s->nrlimits].soft,
                    &s->rlimits[s->nrlimits].hard) != 3)
                fail("recipe: bad rlimit %s", val);
            s->nrlimits++;
        } else if (!strcmp(key, "seccomp")) {
            s->seccomp = 1;
            s->default_action = (uint32_t)strtoul(val, NULL, 10);
        } else if (!strcmp(key, "seccomp-flag") && s->nflags < 8) s->flags[s->nflags++] = val;
        else if (!strcmp(key, "arch") && s->narches < 16) s->arches[s->narches++] = val;
        else if (!strcmp(key, "rule") && s->nrules < MAX_LIST) s->rules[s->nrules++] = val;
        else fail("recipe: unknown key %s", key);
    }
    if (!s->id || s->pid <= 0 || !s->cwd || s->nargs == 0) fail("recipe: id, pid, cwd and arg are required");
}

/* Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot. */
static unsigned long long start_time(long pid) {
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return 0;
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    if (!p) return 0;
    unsigned long long v = 0;
    /* after ")": state is field 3; start time is field 22 */
    for (int field = 2; field < 22 && p; field++) p = strchr(p + 1, ' ');
    if (p) v = strtoull(p + 1, NULL, 10);
    return v;
}

/* Moves this process into the container's cgroups where they differ from its own (runc exec's manager.Apply). */
static void join_cgroups(long pid) {
    char path[64], ours[8192];
    snprintf(path, sizeof path, "/proc/%ld/cgroup", pid);
    FILE *f = fopen(path, "re"), *g = fopen("/proc/self/cgroup", "re");
    if (!f || !g) {
        if (f) fclose(f);
        if (g) fclose(g);
        return;
    }
    size_t no = fread(ours, 1, sizeof ours - 1, g);
    ours[no] = 0;
    fclose(g);
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        if (strstr(ours, line)) continue; /* the same hierarchy and path */
        char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c2) continue;
        *c2 = 0;
        const char *ctrls = c1 + 1, *cg = c2 + 1;
        char file[8192];
        if (!*ctrls) {
            snprintf(file, sizeof file, "/sys/fs/cgroup/unified%s/cgroup.procs", cg);
            if (access(file, W_OK) != 0) snprintf(file, sizeof file, "/sys/fs/cgroup%s/cgroup.procs", cg);
        } else {
            if (!strncmp(ctrls, "name=", 5)) ctrls += 5;
            snprintf(file, sizeof file, "/sys/fs/cgroup/%s%s/cgroup.procs", ctrls, cg);
        }
        int fd = open(file, O_WRONLY | O_CLOEXEC);
        if (fd >= 0) {
            if (write(fd, "0", 1) < 0) { /* as runc rootless: a cgroup it cannot join is not an error */ }
            close(fd);
        }
    }
    fclose(f);
}

static void join_namespaces(long pid, unsigned long long start) {
    static const struct { const char *name; int type; } order[] = {
        {"user", CLONE_NEWUSER}, {"ipc", CLONE_NEWIPC}, {"uts", CLONE_NEWUTS}, {"net", CLONE_NEWNET},
        {"pid", CLONE_NEWPID}, {"mnt", CLONE_NEWNS}, {"cgroup", CLONE_NEWCGROUP}};
    int fds[7];
    for (int i = 0; i < 7; i++) {
        char theirs[64], ours[64];
        struct stat a, b;
        snprintf(theirs, sizeof theirs, "/proc/%ld/ns/%s", pid, order[i].name);
        snprintf(ours, sizeof ours, "/proc/self/ns/%s", order[i].name);
        fds[i] = -1;
        if (stat(theirs, &a) != 0) fail("container's init (pid %ld) is gone: %s", pid, goerr(errno));
        if (stat(ours, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev) continue;
        fds[i] = open(theirs, O_RDONLY | O_CLOEXEC);
        if (fds[i] < 0) fail("open %s: %s", theirs, goerr(errno));
    }
    if (start != 0 && start_time(pid) != start) fail("container's init (pid %ld) is gone", pid);
    for (int i = 0; i < 7; i++) {
        if (fds[i] < 0) continue;
        if (setns(fds[i], order[i].type) != 0) fail("setns %s: %s", order[i].name, goerr(errno));
        close(fds[i]);
    }
}

static int has_key(struct spec *s, const char *key) {
    size_t n = strlen(key);
    for (int i = 0; i < s->nenv; i++)
        if (!strncmp(s->env[i], key, n) && s->env[i][n] == '=') return 1;
    return 0;
}

/* HOME from the container's /etc/passwd when the environment has none (runc's setupUser), else "/". */
static void add_home(struct spec *s) {
    if (has_key(s, "HOME")) return;
    static char home[4200];
    snprintf(home, sizeof home, "HOME=/");
    FILE *f = fopen("/etc/passwd", "re");
    if (f) {
        char line[4096];
        while (fgets(line, sizeof line, f)) {
            char *field[7] = {0}, *p = line;
            int n = 0;
            line[strcspn(line, "\n")] = 0;
            while (n < 7) {
                field[n++] = p;
                p = strchr(p, ':');
                if (!p) break;
                *p++ = 0;
            }
            if (n >= 6 && *field[2] && strtoul(field[2], NULL, 10) == s->uid) {
                snprintf(home, sizeof home, "HOME=%s", field[5]);
                break;
            }
        }
        fclose(f);
    }
    s->env[s->nenv++] = home;
}

static const char *env_get(struct spec *s, const char *key) {
    size_t n = strlen(key);
    for (int i = s->nenv - 1; i >= 0; i--)
        if (!strncmp(s->env[i], key, n) && s->env[i][n] == '=') return s->env[i] + n + 1;
    return NULL;
}

/* Go 1.19's exec.LookPath: a name with a slash as it is, else the first executable file along $PATH. */
static const char *look_path(struct spec *s) {
    const char *file = s->argv[0];
    struct stat st;
    if (strchr(file, '/')) {
        if (stat(file, &st) != 0) fail("exec: \"%s\": stat %s: %s", file, file, goerr(errno));
        if (S_ISDIR(st.st_mode)) fail("exec: \"%s\": stat %s: is a directory", file, file);
        if (!(st.st_mode & 0111)) fail("exec: \"%s\": stat %s: permission denied", file, file);
        return file;
    }
    const char *path = env_get(s, "PATH");
    static char candidate[8192];
    for (const char *p = path ? path : ""; path;) {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        if (n == 0) snprintf(candidate, sizeof candidate, "./%s", file);
        else snprintf(candidate, sizeof candidate, "%.*s/%s", (int)n, p, file);
        if (stat(candidate, &st) == 0 && !S_ISDIR(st.st_mode) && (st.st_mode & 0111)) return candidate;
        if (!colon) break;
        p = colon + 1;
    }
    fail("exec: \"%s\": executable file not found in $PATH", file);
    return NULL;
}

/*
 * runc's ENOSYS stub (libcontainer/seccomp/patchbpf): a syscall numbered above the highest one the profile names
 * for its architecture fails with ENOSYS, not the default action, so that a program tries its older fallback
 * (glibc with clone3, say). Prepended to libseccomp's program, which is then loaded as runc loads it.
 */
#define MAX_GROUPS 8
static void load_with_enosys_stub(scmp_filter_ctx ctx, struct spec *s) {
    struct { uint32_t audit; long max, max_x32; } groups[MAX_GROUPS];
    int ngroups = 0;
    uint32_t tokens[17];
    int ntokens = 0;
    tokens[ntokens++] = seccomp_arch_native();
    for (int i = 0; i < s->narches && ntokens < 17; i++) {
        uint32_t t = seccomp_arch_resolve_name(s->arches[i]);
        if (t != 0 && seccomp_arch_exist(ctx, t) == 0) tokens[ntokens++] = t;
    }
    for (int i = 0; i < ntokens; i++) {
        uint32_t t = tokens[i];
        int x32 = t == SCMP_ARCH_X32;
        uint32_t audit = x32 ? AUDIT_ARCH_X86_64 : t;
        long max = -1;
        for (int r = 0; r < s->nrules; r++) {
            char name[128];
            unsigned long action;
            if (sscanf(s->rules[r], "%lu %127s", &action, name) != 2) continue;
            int nr = seccomp_syscall_resolve_name_arch(t, name);
            if (nr >= 0 && nr > max) max = nr;
        }
        if (max < 0) continue;
        int g = 0;
        while (g < ngroups && groups[g].audit != audit) g++;
        if (g == ngroups) {
            if (ngroups == MAX_GROUPS) continue;
            groups[ngroups].audit = audit;
            groups[ngroups].max = groups[ngroups].max_x32 = -1;
            ngroups++;
        }
        if (x32) groups[g].max_x32 = max;
        else groups[g].max = max;
    }
    int mfd = memfd_create("jpod-exec-bpf", MFD_CLOEXEC);
    if (mfd < 0) fail("seccomp: memfd: %s", goerr(errno));
    int rc = seccomp_export_bpf(ctx, mfd);
    if (rc != 0) fail("seccomp: exporting the filter: %s", goerr(-rc));
    off_t size = lseek(mfd, 0, SEEK_END);
    size_t nprog = (size_t)size / sizeof(struct sock_filter);
    struct sock_filter *out = calloc(nprog + 8 * MAX_GROUPS + 4, sizeof(struct sock_filter));
    if (!out || pread(mfd, out + 8 * MAX_GROUPS + 4, (size_t)size, 0) != size) fail("seccomp: reading the filter back");
    close(mfd);
    /* The stub, built backwards from the program: each section jumps to the program (PROG) or to ENOSYS. */
    struct sock_filter stub[8 * MAX_GROUPS + 4];
    int n = 0;
    stub[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 4); /* arch */
    for (int g = 0; g < ngroups; g++) {
        /* a section: jeq audit (else skip it); ld nr; [jset x32bit]; jgt max -> ENOSYS, else PROG */
        int both = groups[g].max >= 0 && groups[g].max_x32 >= 0;
        int len = both ? 4 : 2; /* the instructions after the jeq */
        stub[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, groups[g].audit, 0, (uint8_t)len);
        stub[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0); /* nr */
        if (both) {
            stub[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x40000000, 1, 0); /* x32's bit */
            stub[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, (uint32_t)groups[g].max, 0xfe, 0xfd);
            stub[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, (uint32_t)groups[g].max_x32, 0xfe, 0xfd);
        } else {
            long max = groups[g].max >= 0 ? groups[g].max : groups[g].max_x32;
            stub[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, (uint32_t)max, 0xfe, 0xfd);
        }
    }
    stub[n++] = (struct sock_filter)BPF_STMT(BPF_JMP | BPF_JA | BPF_K, 1); /* no section: the program */
    stub[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA));
    /* resolve the placeholders: 0xfe is ENOSYS (index n-1), 0xfd is PROG (index n) */
    for (int i = 0; i < n; i++) {
        if (BPF_CLASS(stub[i].code) != BPF_JMP || BPF_OP(stub[i].code) != BPF_JGT) continue;
        stub[i].jt = (uint8_t)(n - 1 - (i + 1));
        stub[i].jf = (uint8_t)(n - (i + 1));
    }
    struct sock_filter *prog = out + 8 * MAX_GROUPS + 4 - n;
    memcpy(prog, stub, (size_t)n * sizeof(struct sock_filter));
    struct sock_fprog fprog = {(unsigned short)(n + (int)nprog), prog};
    unsigned int flags = 0;
    for (int i = 0; i < s->nflags; i++) {
        if (!strcmp(s->flags[i], "SECCOMP_FILTER_FLAG_LOG")) flags |= SECCOMP_FILTER_FLAG_LOG;
        else if (!strcmp(s->flags[i], "SECCOMP_FILTER_FLAG_SPEC_ALLOW")) flags |= SECCOMP_FILTER_FLAG_SPEC_ALLOW;
        else if (!strcmp(s->flags[i], "SECCOMP_FILTER_FLAG_TSYNC")) flags |= SECCOMP_FILTER_FLAG_TSYNC;
    }
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &fprog) != 0) fail("seccomp: loading the filter: %s", goerr(errno));
    free(out);
}

static void load_seccomp(struct spec *s) {
    scmp_filter_ctx ctx = seccomp_init(s->default_action);
    if (!ctx) fail("seccomp: cannot make a filter");
    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
    for (int i = 0; i < s->nflags; i++) {
        if (!strcmp(s->flags[i], "SECCOMP_FILTER_FLAG_LOG")) seccomp_attr_set(ctx, SCMP_FLTATR_CTL_LOG, 1);
        else if (!strcmp(s->flags[i], "SECCOMP_FILTER_FLAG_SPEC_ALLOW")) seccomp_attr_set(ctx, SCMP_FLTATR_CTL_SSB, 1);
        else if (!strcmp(s->flags[i], "SECCOMP_FILTER_FLAG_TSYNC")) seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
    }
    for (int i = 0; i < s->narches; i++) {
        uint32_t arch = seccomp_arch_resolve_name(s->arches[i]);
        if (arch == 0) continue;
        if (seccomp_arch_exist(ctx, arch) == -EEXIST) {
            int rc = seccomp_arch_add(ctx, arch);
            if (rc != 0 && rc != -EEXIST) fail("seccomp: architecture %s: %s", s->arches[i], goerr(-rc));
        }
    }
    for (int i = 0; i < s->nrules; i++) {
        char name[128];
        unsigned long action;
        int used = 0;
        const char *r = s->rules[i];
        if (sscanf(r, "%lu %127s%n", &action, name, &used) != 2) fail("recipe: bad rule %s", r);
        int nr = seccomp_syscall_resolve_name(name);
        if (nr == __NR_SCMP_ERROR) continue; /* unknown here: runc ignores it too */
        struct scmp_arg_cmp conds[6];
        unsigned n = 0;
        r += used;
        unsigned idx, op;
        unsigned long long a, b;
        while (n < 6 && sscanf(r, " %u %u %llu %llu%n", &idx, &op, &a, &b, &used) == 4) {
            conds[n].arg = idx;
            conds[n].op = (enum scmp_compare)op;
            conds[n].datum_a = a;
            conds[n].datum_b = b;
            n++;
            r += used;
        }
        int rc = seccomp_rule_add_array(ctx, (uint32_t)action, nr, n, conds);
        if (rc != 0) fail("seccomp: rule for %s: %s", name, goerr(-rc));
    }
    load_with_enosys_stub(ctx, s);
    seccomp_release(ctx);
}

static int last_cap(void) {
    int last = CAP_LAST_CAP;
    FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
    if (f) {
        if (fscanf(f, "%d", &last) != 1) last = CAP_LAST_CAP;
        fclose(f);
    }
    return last;
}

static int setgroups_allowed(int rootless_euid) {
    if (rootless_euid) return 0;
    char buf[16] = {0};
    int fd = open("/proc/self/setgroups", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        if (read(fd, buf, sizeof buf - 1) < 0) buf[0] = 0;
        close(fd);
    }
    return strncmp(buf, "deny", 4) != 0;
}

static void child(struct spec *s, int rootless_euid) {
    if (setsid() < 0) fail("setsid: %s", goerr(errno));
    char ring[256];
    snprintf(ring, sizeof ring, "_ses.%s", s->id);
    if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, ring, 0, 0, 0) < 0 && errno != ENOSYS)
        fail("unable to join session keyring: %s", goerr(errno));
    add_home(s);
    s->env[s->nenv] = NULL;
    s->argv[s->nargs] = NULL;
    for (int i = 0; i < s->nrlimits; i++) {
        struct rlimit rl = {(rlim_t)s->rlimits[i].soft, (rlim_t)s->rlimits[i].hard};
        if (setrlimit(s->rlimits[i].resource, &rl) != 0) fail("error setting rlimit type %d: %s", s->rlimits[i].resource, goerr(errno));
    }
    /* runc init is a Go (1.19) program, whose runtime raises the soft limit of open files to the hard one after
       runc set the rlimits: what it execs keeps that. */
    struct rlimit nofile;
    if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur != nofile.rlim_max) {
        nofile.rlim_cur = nofile.rlim_max;
        setrlimit(RLIMIT_NOFILE, &nofile);
    }
    if (s->nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("no_new_privs: %s", goerr(errno));
    if (s->seccomp && !s->nnp) load_seccomp(s);
    int last = last_cap();
    unsigned long long known = last >= 63 ? ~0ULL : (1ULL << (last + 1)) - 1;
    for (int i = 0; i < 5; i++) s->caps[i] &= known; /* runc leaves out what this kernel does not know */
    for (int cap = 0; cap <= last; cap++)
        if (!(s->caps[0] & (1ULL << cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL)
            fail("drop bounding capability %d: %s", cap, goerr(errno));
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0) fail("keepcaps: %s", goerr(errno));
    if (setgroups_allowed(rootless_euid) && setgroups((size_t)s->ngroups, s->groups) != 0) fail("setgroups: %s", goerr(errno));
    if (syscall(SYS_setgid, s->gid) != 0) fail("setgid: %s", goerr(errno));
    if (syscall(SYS_setuid, s->uid) != 0) fail("setuid: %s", goerr(errno));
    if (chdir(s->cwd) != 0) fail("chdir to cwd (\"%s\") set in config.json failed: %s", s->cwd, goerr(errno));
    if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) != 0) fail("keepcaps: %s", goerr(errno));
    struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    for (int w = 0; w < 2; w++) {
        data[w].effective = (uint32_t)(s->caps[1] >> (32 * w));
        data[w].permitted = (uint32_t)(s->caps[2] >> (32 * w));
        data[w].inheritable = (uint32_t)(s->caps[3] >> (32 * w));
    }
    if (syscall(SYS_capset, &hdr, data) != 0) fail("capset: %s", goerr(errno));
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) fail("ambient: %s", goerr(errno));
    for (int cap = 0; cap < 64; cap++)
        if ((s->caps[4] & (1ULL << cap)) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) != 0)
            fail("raise ambient capability %d: %s", cap, goerr(errno));
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0); /* after the user change, which clears it */
    const char *path = look_path(s);
    if (syscall(SYS_close_range, 3, ~0U, 4 /* CLOSE_RANGE_CLOEXEC */) != 0)
        for (int fd = 3; fd < 1024; fd++) fcntl(fd, F_SETFD, FD_CLOEXEC);
    if (s->seccomp && s->nnp) load_seccomp(s);
    execve(path, (char *const *)s->argv, (char *const *)s->env);
    fail("exec %s: %s", path, goerr(errno));
}

int main(void) {
    static struct spec s;
    size_t len;
    char *buf = read_all(0, &len);
    parse(buf, len, &s);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull < 0 || dup2(devnull, 0) < 0) fail("/dev/null: %s", goerr(errno));
    if (devnull != 0) close(devnull);
    int rootless_euid = geteuid() != 0;
    join_cgroups(s.pid);
    join_namespaces(s.pid, s.start);
    pid_t pid = fork();
    if (pid < 0) fail("fork: %s", goerr(errno));
    if (pid == 0) child(&s, rootless_euid);
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return 255;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
