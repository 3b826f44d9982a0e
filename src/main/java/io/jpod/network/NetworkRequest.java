package io.jpod.network;

import java.util.Map;

/** What {@code network create} asks for: a null name, subnet or gateway is chosen ({@link NetworkStore#create}). */
public record NetworkRequest(String name, String subnet, String gateway, boolean internal, Map<String, String> labels) {
    public NetworkRequest {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
