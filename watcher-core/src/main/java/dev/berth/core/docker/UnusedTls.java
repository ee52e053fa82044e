package dev.berth.core.docker;

import com.github.dockerjava.transport.SSLConfig;
import java.net.URI;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS set-up handed to docker-java for a Docker host on a Unix socket or named pipe, where no
 * connection ever uses TLS. Without one, docker-java's transport builds the JDK's default
 * SSLContext, which reads and parses the system's trust store: a large part of Berth's start-up,
 * for nothing. (A tcp:// host keeps the default: there, any TLS set-up makes docker-java use https.)
 */
final class UnusedTls implements SSLConfig {

    static boolean fits(URI dockerHost) {
        return "unix".equals(dockerHost.getScheme()) || "npipe".equals(dockerHost.getScheme());
    }

    @Override
    public SSLContext getSSLContext() {
        return new SSLContext(new Refusing(), null, "none") {
        };
    }

    /** Fails any use: none is expected on a socket without TLS. */
    private static final class Refusing extends SSLContextSpi {

        private static UnsupportedOperationException unused() {
            return new UnsupportedOperationException("no TLS on a Docker Unix socket or named pipe");
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) throws KeyManagementException {
            throw unused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw unused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw unused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw unused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw unused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw unused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw unused();
        }
    }
}
