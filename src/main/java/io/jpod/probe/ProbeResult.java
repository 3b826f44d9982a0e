package io.jpod.probe;

/**
 * The outcome of one network probe: whether it succeeded, and why, in the kubelet's words
 * ("HTTP probe failed with statuscode: 500", "dial tcp 127.0.0.1:8080: connect: connection refused").
 */
public record ProbeResult(boolean success, String message) {
    public static ProbeResult success(String message) {
        return new ProbeResult(true, message);
    }

    public static ProbeResult failure(String message) {
        return new ProbeResult(false, message);
    }
}
