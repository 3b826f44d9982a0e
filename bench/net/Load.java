import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A small HTTP load client for bench/network-bench.sh: {@code java Load.java HOST PORT SECONDS THREADS}.
 * Each thread sends HTTP/1.0 GET / on a new connection (busybox httpd closes it after each answer), reads the
 * whole answer, and records the time; prints "requests/s p50_ms p99_ms" over the run (the first second not counted).
 */
public class Load {
    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        int threads = Integer.parseInt(args[3]);
        byte[] request = ("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        List<long[]> perThread = new ArrayList<>();
        List<Thread> all = new ArrayList<>();
        int[] errors = new int[threads];
        for (int t = 0; t < threads; t++) {
            long[] samples = new long[2_000_000];
            perThread.add(samples);
            int id = t;
            Thread th = new Thread(() -> {
                int n = 0;
                byte[] buf = new byte[8192];
                while (running.get()) {
                    long start = System.nanoTime();
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(host, port), 2000);
                        s.setSoTimeout(5000);
                        OutputStream out = s.getOutputStream();
                        out.write(request);
                        out.flush();
                        InputStream in = s.getInputStream();
                        while (in.read(buf) >= 0) {
                            // the whole answer
                        }
                    } catch (Exception e) {
                        errors[id]++;
                        continue;
                    }
                    if (counting.get() && n < samples.length - 1) {
                        samples[++n] = System.nanoTime() - start;
                    }
                }
                samples[0] = n;
            });
            th.start();
            all.add(th);
        }
        Thread.sleep(1000);
        counting.set(true);
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000);
        counting.set(false);
        long elapsed = System.nanoTime() - t0;
        running.set(false);
        for (Thread th : all) {
            th.join();
        }
        int total = 0;
        for (long[] s : perThread) {
            total += (int) s[0];
        }
        long[] lat = new long[total];
        int i = 0;
        for (long[] s : perThread) {
            System.arraycopy(s, 1, lat, i, (int) s[0]);
            i += (int) s[0];
        }
        Arrays.sort(lat);
        int errs = Arrays.stream(errors).sum();
        if (total == 0) {
            System.out.println("0 - - errors=" + errs);
            return;
        }
        System.out.printf("%.0f %.3f %.3f%s%n", total / (elapsed / 1e9), lat[total / 2] / 1e6, lat[(int) (total * 0.99)] / 1e6,
                errs > 0 ? " errors=" + errs : "");
    }
}
