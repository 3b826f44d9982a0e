/*
 * jpod's native thin client: what io.jpod.client.Client does, without a JVM (about 2 ms to start where the
 * Java client takes about 110). bin/jpod runs it, when the user's command service listens, as
 *
 *     jpod-client SOCKET ARGS...
 *
 * It speaks the service's protocol (io.jpod.client.Frames, ARCHITECTURE.md "The command service"): one request
 * (protocol version, arguments, working directory, environment, which of its streams are terminals), then frames
 * from the service (a type byte, a 4-byte big-endian length, that many bytes) of standard output and error, asks
 * for standard input, and the exit code. Its exit codes are the Java client's: 254 when the service declined the
 * command before doing anything, 253 when no service of this build and environment listens; bin/jpod then runs
 * jpod itself. SIGINT, SIGTERM and SIGHUP are forwarded to the service (a 'S' frame), which stops the command as
 * the signal would stop its own process and ends it with 128 + the signal's number; a second SIGINT ends the client
 * at once. Keep it in step with Frames.java: NativeClientTest runs it against a service.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define PROTOCOL_VERSION 2
#define NOT_SERVED 254
#define NO_SERVICE 253
#define MAX_FRAME (1 << 20)

extern char **environ;

/* The signals received and not yet forwarded, one bit each (the handler only records them); the socket. */
static volatile sig_atomic_t pending_int, pending_term, pending_hup, interrupts, first_signal;
static int service_fd = -1;

static void on_signal(int sig) {
    if (!first_signal) {
        first_signal = sig;
    }
    if (sig == SIGINT) {
        if (interrupts++ > 0) {
            _exit(128 + SIGINT); /* a second Ctrl-C: at once */
        }
        pending_int = 1;
    } else if (sig == SIGTERM) {
        pending_term = 1;
    } else {
        pending_hup = 1;
    }
}

/* The request, built in one buffer and sent in one write. */
struct buf {
    char *data;
    size_t len, cap;
};

static void put(struct buf *b, const void *p, size_t n) {
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n) {
            cap *= 2;
        }
        b->data = realloc(b->data, cap);
        if (!b->data) {
            exit(NOT_SERVED);
        }
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void put_u32(struct buf *b, uint32_t v) {
    unsigned char c[4] = {v >> 24, v >> 16, v >> 8, v};
    put(b, c, 4);
}

static void put_bytes(struct buf *b, const char *s, size_t n) {
    put_u32(b, (uint32_t) n);
    put(b, s, n);
}

static void put_string(struct buf *b, const char *s) {
    put_bytes(b, s, strlen(s));
}

/* Writes all n bytes. To the socket (sock) through send(MSG_NOSIGNAL): a service gone is an error to handle, not a
 * SIGPIPE, which stays the default for our standard output: `jpod ps | head -1` ends the client as it ends any filter. */
static int write_all(int fd, const void *p, size_t n, int sock) {
    const char *c = p;
    while (n > 0) {
        ssize_t w = sock ? send(fd, c, n, MSG_NOSIGNAL) : write(fd, c, n);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        c += w;
        n -= (size_t) w;
    }
    return 0;
}

static int frame(int fd, char type, const void *data, size_t n);

/* Sends the signals received since the last call as 'S' frames; returns how many. */
static int forward_signals(void) {
    int sent = 0;
    int sigs[3] = {SIGINT, SIGTERM, SIGHUP};
    volatile sig_atomic_t *flags[3] = {&pending_int, &pending_term, &pending_hup};
    for (int i = 0; i < 3; i++) {
        if (*flags[i] && service_fd >= 0) {
            *flags[i] = 0;
            unsigned char c[4] = {0, 0, 0, (unsigned char) sigs[i]};
            frame(service_fd, 'S', c, 4);
            sent++;
        }
    }
    return sent;
}

/* 1 when all n bytes were read, 0 at the end of the stream before any, -1 otherwise. */
static int read_all(int fd, void *p, size_t n) {
    char *c = p;
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, c + got, n - got);
        if (r < 0 && errno == EINTR) {
            forward_signals();
            continue;
        }
        if (r <= 0) {
            return got == 0 && r == 0 ? 0 : -1;
        }
        got += (size_t) r;
    }
    return 1;
}

static uint32_t u32(const unsigned char *c) {
    return ((uint32_t) c[0] << 24) | ((uint32_t) c[1] << 16) | ((uint32_t) c[2] << 8) | c[3];
}

static int frame(int fd, char type, const void *data, size_t n) {
    unsigned char head[5] = {(unsigned char) type, n >> 24, n >> 16, n >> 8, n};
    return write_all(fd, head, 5, 1) == 0 && write_all(fd, data, n, 1) == 0 ? 0 : -1;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        return NOT_SERVED;
    }
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (fd < 0 || strlen(argv[1]) >= sizeof(addr.sun_path)) {
        return NO_SERVICE;
    }
    strcpy(addr.sun_path, argv[1]);
    if (connect(fd, (struct sockaddr *) &addr, sizeof(addr)) < 0) {
        return NO_SERVICE;
    }

    struct buf req = {0};
    put_u32(&req, PROTOCOL_VERSION);
    put_u32(&req, (uint32_t) (argc - 2));
    for (int i = 2; i < argc; i++) {
        put_string(&req, argv[i]);
    }
    char *cwd = getcwd(NULL, 0);
    put_string(&req, cwd ? cwd : "/");
    uint32_t pairs = 0;
    for (char **e = environ; *e; e++) {
        if (strchr(*e, '=')) {
            pairs++;
        }
    }
    put_u32(&req, pairs * 2);
    for (char **e = environ; *e; e++) {
        char *eq = strchr(*e, '=');
        if (eq) {
            put_bytes(&req, *e, (size_t) (eq - *e));
            put_string(&req, eq + 1);
        }
    }
    char ttys[3] = {isatty(0) ? 1 : 0, isatty(1) ? 1 : 0, isatty(2) ? 1 : 0};
    put(&req, ttys, 3);
    if (write_all(fd, req.data, req.len, 1) < 0) {
        return NOT_SERVED;
    }
    free(req.data);

    /* Without SA_RESTART: a read waiting for the service or for standard input returns EINTR, and the signal goes on.
     * A signal ignored from the start stays ignored (nohup), as the JVM leaves it. */
    struct sigaction sa = {.sa_handler = on_signal}, old;
    sigemptyset(&sa.sa_mask);
    int caught[3] = {SIGINT, SIGTERM, SIGHUP};
    for (int i = 0; i < 3; i++) {
        if (sigaction(caught[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN) {
            sigaction(caught[i], &sa, NULL);
        }
    }

    char *data = malloc(MAX_FRAME);
    if (!data) {
        return NOT_SERVED;
    }
    int accepted = 0;
    for (;;) {
        unsigned char head[5];
        int r = read_all(fd, head, 5);
        if (r <= 0) {
            break;
        }
        uint32_t n = u32(head + 1);
        if (n > MAX_FRAME || (n > 0 && read_all(fd, data, n) <= 0)) {
            break;
        }
        switch (head[0]) {
        case 'A':
            accepted = 1;
            service_fd = fd;
            forward_signals(); /* any received since the handlers were installed */
            break;
        case 'N':
        case 'R':
            if (!accepted) {
                /* declined, and the user asked to stop meanwhile: the launcher must not run it after all */
                return first_signal ? 128 + first_signal : head[0] == 'R' ? NO_SERVICE : NOT_SERVED;
            }
            break;
        case 'O':
            if (write_all(1, data, n, 0) < 0) {
                return 125;
            }
            break;
        case 'E':
            write_all(2, data, n, 0);
            break;
        case 'W': {
            size_t want = n >= 4 ? u32((unsigned char *) data) : 1;
            if (want < 1) {
                want = 1;
            }
            if (want > 1 << 16) {
                want = 1 << 16;
            }
            ssize_t got = 0;
            forward_signals();
            while (!first_signal) { /* once stopped, the command's input has ended */
                got = read(0, data, want);
                if (got >= 0 || errno != EINTR || forward_signals()) {
                    break;
                }
            }
            /* stopped by a signal while it waited for input: the command ends, its input with it. The service may have
             * ended the command and closed its end already (its exit frame is waiting to be read): a failed write
             * then says nothing; the next read tells. */
            if ((got <= 0 ? frame(fd, 'Z', data, 0) : frame(fd, 'I', data, (size_t) got)) && !first_signal) {
                goto ended;
            }
            break;
        }
        case 'X':
            return n >= 4 ? (int) u32((unsigned char *) data) : 125;
        default:
            goto ended;
        }
    }
ended:
    if (!accepted) {
        return NOT_SERVED;
    }
    static const char msg[] = "Error: the jpod command service ended before the command did\n";
    write_all(2, msg, sizeof(msg) - 1, 0);
    return 125;
}
