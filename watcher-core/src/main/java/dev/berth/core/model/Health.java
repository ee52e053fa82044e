package dev.berth.core.model;

/** A container's health as Docker reports it; NONE when the image has no HEALTHCHECK. */
public enum Health {
    NONE, STARTING, HEALTHY, UNHEALTHY;

    /** Maps Docker's status string ("healthy", "unhealthy", "starting", or none). */
    public static Health fromDocker(String status) {
        if (status == null || status.isBlank() || status.equals("none")) {
            return NONE;
        }
        return switch (status) {
            case "starting" -> STARTING;
            case "healthy" -> HEALTHY;
            case "unhealthy" -> UNHEALTHY;
            default -> NONE;
        };
    }
}
