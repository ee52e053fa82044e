package dev.berth.core.model;

/** Container ids as Docker shows them to people. */
public final class ContainerIds {

    private ContainerIds() {
    }

    /** The twelve-character id `docker ps` shows. */
    public static String shorten(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
