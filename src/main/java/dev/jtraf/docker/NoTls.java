package dev.jtraf.docker;

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
 * The TLS context handed to docker-java's transport, which wants one even for a Unix socket:
 * without it the transport builds the JVM's default context, which loads and parses the
 * system's trust store (about 140 certificates, 400 classes: ~0.1-0.25 s of CPU at start, on
 * the dashboard's path to its first screen when Docker runs). jtraf talks to the engine only
 * over its Unix socket ({@link DockerHost}), so this context is never used; if it were, it
 * would fail at once rather than talk TLS without verifying anything.
 */
final class NoTls {
    private NoTls() {
    }

    static SSLContext context() {
        return new SSLContext(new Unsupported(), null, "none") {
        };
    }

    private static final class Unsupported extends SSLContextSpi {
        private static UnsupportedOperationException unsupported() {
            return new UnsupportedOperationException("jtraf talks to Docker only over its Unix socket, never TLS");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) {
            throw unsupported();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw unsupported();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw unsupported();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw unsupported();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw unsupported();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw unsupported();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw unsupported();
        }
    }
}
