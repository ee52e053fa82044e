package dev.berth.cli.e2e;

/** Users' own templates (--template) that the tests run, where a test needs a template the proxy rejects. */
public final class UserTemplates {

    /**
     * nginx's ip_hash, which takes no backup server: nginx rejects every group with one ("balancing
     * method does not support parameter "backup"").
     */
    public static final String IP_HASH = """
            {%- for u in upstreams %}
            upstream {{ u.name }} {
                ip_hash;
            {%- for b in u.backends %}
                server {{ b.endpoint }}{% if b.backup %} backup{% endif %};
            {%- endfor %}
            {%- if not u.backends %}
                server 127.0.0.1:1 down;
            {%- endif %}
            }
            {%- endfor %}
            """;

    private UserTemplates() {}
}
