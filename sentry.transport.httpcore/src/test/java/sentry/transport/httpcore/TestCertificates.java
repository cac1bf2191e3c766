package sentry.transport.httpcore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for the host name {@code localhost} only (no IP address), made once
 * per test run with the JDK's {@code keytool}, and TLS contexts for a server that presents it and
 * a client that trusts it.
 */
public final class TestCertificates {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static KeyStore keyStore;

  private TestCertificates() {}

  public static synchronized SSLContext server() throws IOException, GeneralSecurityException, InterruptedException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore(), PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  public static synchronized SSLContext trustingClient() throws IOException, GeneralSecurityException, InterruptedException {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("test", keyStore().getCertificate("server"));
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static KeyStore keyStore() throws IOException, GeneralSecurityException, InterruptedException {
    if (keyStore == null) {
      Path dir = Files.createTempDirectory("sentry-transport-tls");
      Path file = dir.resolve("server.p12");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server",
          "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost",
          "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
          "-storepass", "changeit", "-keypass", "changeit"))
          .redirectErrorStream(true)
          .start();
      String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool failed: " + output);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, PASSWORD);
      }
      Files.delete(file);
      Files.delete(dir);
      keyStore = store;
    }
    return keyStore;
  }
}
