package io.jpod.error;

/** A registry refused access to an image: it needs credentials, or refused the ones given. */
public class AuthenticationException extends ImageException {
    private static final long serialVersionUID = 1L;
    private final String registry;
    private final boolean anonymous;

    /**
     * @param registry  host[:port] of the registry, as in image names
     * @param anonymous whether no credentials were sent (so logging in may help)
     */
    public AuthenticationException(String image, String registry, boolean anonymous, String message) {
        super(image, message);
        this.registry = registry;
        this.anonymous = anonymous;
    }

    /** The registry, host[:port] as in image names. */
    public String registry() {
        return registry;
    }

    /** Whether no credentials were sent. */
    public boolean anonymous() {
        return anonymous;
    }
}
