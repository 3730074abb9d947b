package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.TransferHook;
import io.mockdocker.internal.http.era.EraApi;
import io.mockdocker.internal.http.modern.ModernApi;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.StreamConnection;

/**
 * The Remote API as an Undertow handler over an {@link Engine}: v1.0–v1.2 (the era view), 1.24–1.50 (the modern
 * view) or both, as its {@link ApiProfile} says. Closing it ends the threads that serve
 * hijacked connections (attach).
 */
public final class DockerApi implements AutoCloseable {
  /** Put on an exchange that no route matched (answered with mux's {@code 404 page not found}). */
  public static final AttachmentKey<Boolean> UNMATCHED = AttachmentKey.create(Boolean.class);
  /**
   * Put on an exchange whose connection was hijacked: the status of the head written by hand, which the client read
   * (Undertow's own status for the upgrade, 101, never reaches the wire).
   */
  public static final AttachmentKey<Integer> HIJACKED_STATUS = AttachmentKey.create(Integer.class);
  /** A hook an outer handler puts on an exchange: the streamed transfers the request causes report to it. */
  public static final AttachmentKey<TransferHook> TRANSFER_HOOK = AttachmentKey.create(TransferHook.class);
  /** A wrapper an outer handler puts on an exchange: a hijacked (attach) stream writes through it, after its head. */
  public static final AttachmentKey<RawStreamWrapper> RAW_STREAM = AttachmentKey.create(RawStreamWrapper.class);

  /** Wraps the output of a hijacked connection. */
  public interface RawStreamWrapper {
    /** The stream the session writes to instead of {@code out}; {@code connection} is the taken-over one. */
    OutputStream wrap(OutputStream out, StreamConnection connection);
  }

  private final ExecutorService sessions;
  private final HttpHandler handler;

  /** The request body limit {@link #create(Engine, boolean)} uses: 512 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 512L << 20;

  private DockerApi(Engine engine, boolean cors, long maxBodyBytes, ApiProfile profile, EraFeatures release) {
    AtomicInteger n = new AtomicInteger();
    this.sessions = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "mock-docker-session-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    HttpHandler era = !profile.servesEra() ? null
        : HandlerChain.view(EraView.of(release), EraApi.routes(engine, sessions, release), cors && release.cors(),
            maxBodyBytes);
    HttpHandler modern = !profile.servesModern() ? null
        : HandlerChain.view(new ModernView(ApiProfile.MODERN_MAX),
            ModernApi.routes(engine, sessions, ApiProfile.MODERN_MAX), cors, maxBodyBytes);
    HttpHandler views = era == null ? modern : modern == null ? era
        : ex -> (RequestVersion.of(ex).modern() ? modern : era).handleRequest(ex);
    this.handler = new ResolveVersion(profile, views);
  }

  /** The whole era API; with {@code cors}, routed responses carry the headers of {@code -api-enable-cors}. */
  public static DockerApi create(Engine engine, boolean cors) {
    return create(engine, cors, DEFAULT_MAX_BODY_BYTES);
  }

  /**
   * The API with a request body limit: a body declared or found to be longer than {@code maxBodyBytes} is refused
   * with a 500 and {@code request body too large: more than N bytes, the daemon's limit} (the era had no 413), and
   * the connection is closed.
   */
  public static DockerApi create(Engine engine, boolean cors, long maxBodyBytes) {
    return create(engine, cors, maxBodyBytes, ApiProfile.era());
  }

  /** The API with a body limit, serving the versions of {@code profile}. */
  public static DockerApi create(Engine engine, boolean cors, long maxBodyBytes, ApiProfile profile) {
    return create(engine, cors, maxBodyBytes, profile, EraFeatures.DEFAULT);
  }

  /**
   * The API with a body limit, serving the versions of {@code profile}; the era view behaves as {@code release} did
   * (which also bounds its versions, and leaves out CORS before 0.4.1).
   */
  public static DockerApi create(Engine engine, boolean cors, long maxBodyBytes, ApiProfile profile,
      EraFeatures release) {
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes must not be negative: " + maxBodyBytes);
    }
    return new DockerApi(engine, cors, maxBodyBytes, java.util.Objects.requireNonNull(profile, "profile"),
        java.util.Objects.requireNonNull(release, "release"));
  }

  /** The status the daemon answered a failure message with, by its prefix ({@code No such} is 404, and so on). */
  public static int statusFor(String message) {
    return Responses.statusFor(message);
  }

  /** The views' steps of the {@link HandlerChain}; resolves the request's version when no outer step did. */
  public HttpHandler handler() {
    return handler;
  }

  @Override
  public void close() {
    sessions.shutdownNow();
  }
}
