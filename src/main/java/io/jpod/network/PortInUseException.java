package io.jpod.network;

import io.jpod.error.ConflictException;

/** A port cannot be published on the host: something holds it already, or the user may not bind it. */
public final class PortInUseException extends ConflictException {
    private static final long serialVersionUID = 1L;
    private final transient PortMapping port;

    public PortInUseException(PortMapping port, String why) {
        super(port.hostIp() + ":" + port.hostPort(), "cannot publish port " + port.hostPort() + "/" + port.protocol() + " on "
                + port.hostIp() + " (" + port + "): " + why);
        this.port = port;
    }

    public PortMapping port() {
        return port;
    }
}
