package io.mockdocker.internal.http;

import io.mockdocker.internal.engine.ProgressSink;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a docker release of the era (0.3.3, 0.4.0 … 0.4.4) changes in the era view, as data: one row per release,
 * each derived from the one before it, and each field answers one question the endpoints ask. Endpoints switch on
 * these fields; they never compare release numbers. The API version rows ({@link ApiVersion}) still decide what a
 * {@code /vX.Y} prefix changes; a release only bounds which of them are served.
 *
 * @param release the release's version string, as {@code /version} reports it
 * @param newestApi the newest API version served; also what a path without a prefix means
 * @param gitCommit the short commit {@code /version} reports (the release tag's)
 * @param goVersion the Go version the release binaries were built with
 * @param versionJson the key set of {@code /version}
 * @param infoJson the key set of {@code /info}
 * @param absentRoutes routes the release did not have yet ({@code "GET /containers/json"}), answered with mux's 404
 * @param names the capitalisation of {@code ID}, {@code IPAddress} and {@code IPPrefixLen} in a container inspect
 * @param containerSizes whether container lists carry {@code SizeRw} and {@code SizeRootFs}
 * @param imageSizes whether image lists carry {@code Size} and {@code VirtualSize}
 * @param imageJsonSize whether an image inspect carries {@code "Size"}
 * @param imageArchitecture whether an image inspect carries {@code architecture}
 * @param historyTags whether history entries carry {@code Tags}
 * @param historyCreatedBy whether history entries omit an empty {@code CreatedBy}
 * @param createWarnings what a create without warnings says about them
 * @param conflictStatus the status of an error whose text starts with {@code Conflict}
 * @param impossibleStatus the status of an error whose text starts with {@code Impossible}
 * @param cors whether {@code OPTIONS} is answered on any path and {@code -api-enable-cors} exists
 * @param removeRunning what removing a running container does
 * @param stoppedAttach what an attach with {@code stream=1} does on a container that is not running
 * @param dnsWarning whether a create without {@code Dns}, on a daemon whose {@code resolv.conf} names a local DNS
 *     server, gets the public servers and a warning saying so
 * @param portSpecs the forms of a {@code PortSpecs} entry a start accepts
 * @param buildOutput the text of a build's steps and result
 * @param progressSizes how a progress message writes its byte counts
 * @param progressAction how a progress message names what it does ({@code Downloading} …)
 * @param rawStream how the raw text of an API 1.0 stream (pull, push, import, insert) ends its lines and errors
 * @param pushTagPath where a push says it puts a tag
 */
public record EraFeatures(
    String release,
    String newestApi,
    String gitCommit,
    String goVersion,
    VersionJson versionJson,
    InfoJson infoJson,
    Set<String> absentRoutes,
    InspectNames names,
    boolean containerSizes,
    boolean imageSizes,
    boolean imageJsonSize,
    boolean imageArchitecture,
    boolean historyTags,
    OmitEmpty historyCreatedBy,
    CreateWarnings createWarnings,
    int conflictStatus,
    int impossibleStatus,
    boolean cors,
    RemoveRunning removeRunning,
    StoppedAttach stoppedAttach,
    boolean dnsWarning,
    PortSpecs portSpecs,
    EraBuildText buildOutput,
    ProgressSink.Sizes progressSizes,
    EraProgressAction progressAction,
    EraRawStream rawStream,
    EraTagPath pushTagPath) {

  /** The keys of {@code /version}. */
  public enum VersionJson {
    /** {@code Version}, {@code GitCommit}, {@code MemoryLimit}, {@code SwapLimit}, none omitted (0.3.3). */
    WITH_LIMITS,
    /** {@code Version}, then {@code GitCommit} and {@code GoVersion} when not empty. */
    WITH_GO_VERSION
  }

  /** The keys of {@code /info}. */
  public enum InfoJson {
    /**
     * {@code Containers}, {@code Version}, {@code Images}, {@code Debug}, {@code GoVersion}, then {@code NFd} and
     * {@code NGoroutines}, which are only counted in debug mode (0.3.3).
     */
    WITH_VERSION,
    /** {@code Debug}, {@code Containers}, {@code Images}, {@code NFd}, {@code NGoroutines} and the limits. */
    WITH_LIMITS
  }

  /** How a container inspect spells its ID and address keys. */
  public enum InspectNames {
    /** {@code Id}, {@code IpAddress}, {@code IpPrefixLen} (before the linted names). */
    MIXED_CASE("Id", "IpAddress", "IpPrefixLen"),
    /** {@code ID}, {@code IPAddress}, {@code IPPrefixLen}. */
    LINTED("ID", "IPAddress", "IPPrefixLen");

    private final String id;
    private final String ipAddress;
    private final String ipPrefixLen;

    InspectNames(String id, String ipAddress, String ipPrefixLen) {
      this.id = id;
      this.ipAddress = ipAddress;
      this.ipPrefixLen = ipPrefixLen;
    }

    public String id() {
      return id;
    }

    public String ipAddress() {
      return ipAddress;
    }

    public String ipPrefixLen() {
      return ipPrefixLen;
    }
  }

  /** Whether an empty value is written or left out. */
  public enum OmitEmpty { WRITTEN, OMITTED }

  /** What a create answer without warnings carries. */
  public enum CreateWarnings {
    /** {@code "Warnings":null}. */
    NULL,
    /** No {@code Warnings} key. */
    OMITTED
  }

  /** What {@code DELETE /containers/(id)} does with a running container. */
  public enum RemoveRunning {
    /** Stops it (3 seconds' grace) and removes it: 204. */
    STOP_AND_REMOVE,
    /** Refuses: 406 {@code Impossible to remove a running container, please stop it first}. */
    REFUSE
  }

  /** What an attach with {@code stream=1} does on a stopped container. */
  public enum StoppedAttach {
    /** Waits for its next run and follows it. */
    FOLLOW_NEXT_RUN,
    /** After the logs, writes {@code Error: Impossible to attach to a stopped container, start it first} and ends. */
    REFUSE_IN_STREAM
  }

  /** The forms of a {@code PortSpecs} entry. */
  public enum PortSpecs {
    /**
     * Only {@code private} or {@code :private} (the same public port): anything else fails the start with
     * {@code Error starting container NAME: strconv.ParseUint: parsing "…": invalid syntax} (or
     * {@code value out of range} above 65535).
     */
    PRIVATE_ONLY,
    /** Also {@code public:private}; a third part is {@code Invalid port format.} */
    PUBLIC_PRIVATE;

    /**
     * Why a start of a container with these entries fails before it runs (the caller prefixes {@code Error starting
     * container NAME: }), or {@code null} when this form takes every entry: the release read each entry, after a
     * leading {@code :}, as a 16-bit unsigned number.
     */
    public String refusal(List<String> specs) {
      if (this == PUBLIC_PRIVATE || specs == null) {
        return null;
      }
      for (String spec : specs) {
        String port = spec.startsWith(":") ? spec.substring(1) : spec;
        if (port.isEmpty() || !port.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
          return "strconv.ParseUint: parsing \"" + port + "\": invalid syntax";
        }
        if (new java.math.BigInteger(port).compareTo(java.math.BigInteger.valueOf(65535)) > 0) {
          return "strconv.ParseUint: parsing \"" + port + "\": value out of range";
        }
      }
      return null;
    }
  }





  public EraFeatures {
    Objects.requireNonNull(release, "release");
    absentRoutes = Set.copyOf(absentRoutes);
  }

  /** 0.3.3: API 1.0 only, no {@code /containers/json}, {@code /build} or resize; the first names and key sets. */
  static final EraFeatures V0_3_3 = new EraFeatures("0.3.3", "1.0", "8220560", "go1.0.3",
      VersionJson.WITH_LIMITS, InfoJson.WITH_VERSION,
      Set.of("GET /containers/json", "POST /build", "POST /containers/{name:.*}/resize"),
      InspectNames.MIXED_CASE, false, false, false, false, false, OmitEmpty.WRITTEN, CreateWarnings.NULL,
      500, 500, false, RemoveRunning.STOP_AND_REMOVE, StoppedAttach.FOLLOW_NEXT_RUN, false, PortSpecs.PRIVATE_ONLY,
      EraBuildText.IMAGE_IDS, ProgressSink.Sizes.BYTES, EraProgressAction.WORD_EXCEPT_PUSH, EraRawStream.AS_WRITTEN,
      EraTagPath.USERS);

  /**
   * 0.4.0: API 1.1, the build and resize routes, 406 for {@code Impossible}, the refused stopped attach, the stream
   * formatter (JSON progress without a status).
   */
  static final EraFeatures V0_4_0 = V0_3_3.next("0.4.0", "a8ae398").withApi("1.1")
      .with(f -> f.versionJson = VersionJson.WITH_GO_VERSION)
      .with(f -> f.infoJson = InfoJson.WITH_LIMITS)
      .with(f -> f.absentRoutes = Set.of())
      .with(f -> f.imageArchitecture = true)
      .with(f -> f.historyCreatedBy = OmitEmpty.OMITTED)
      .with(f -> f.createWarnings = CreateWarnings.OMITTED)
      .with(f -> f.impossibleStatus = 406)
      .with(f -> f.stoppedAttach = StoppedAttach.REFUSE_IN_STREAM)
      .with(f -> f.progressAction = EraProgressAction.PROGRESS_ONLY)
      .with(f -> f.rawStream = EraRawStream.FORMATTED);

  /**
   * 0.4.1: API 1.2, Go 1.1, linted names, sizes, 409 for {@code Conflict}, CORS, the local DNS warning,
   * {@code public:private} port specs.
   */
  static final EraFeatures V0_4_1 = V0_4_0.next("0.4.1", "7b6f507").withApi("1.2")
      .with(f -> f.goVersion = "go1.1.1")
      .with(f -> f.names = InspectNames.LINTED)
      .with(f -> f.containerSizes = true)
      .with(f -> f.imageSizes = true)
      .with(f -> f.imageJsonSize = true)
      .with(f -> f.conflictStatus = 409)
      .with(f -> f.cors = true)
      .with(f -> f.dnsWarning = true)
      .with(f -> f.portSpecs = PortSpecs.PUBLIC_PRIVATE)
      .with(f -> f.progressAction = EraProgressAction.STATUS);

  /** 0.4.2: a packaging bump; the daemon is 0.4.1's. */
  static final EraFeatures V0_4_2 = V0_4_1.next("0.4.2", "2e7649b");

  /**
   * 0.4.3: history tags, running containers are not removed, a stopped attach follows the next run, the "nicer"
   * build output, human-readable progress sizes, tags pushed under {@code /repositories/}.
   */
  static final EraFeatures V0_4_3 = V0_4_2.next("0.4.3", "da5bb4d")
      .with(f -> f.historyTags = true)
      .with(f -> f.removeRunning = RemoveRunning.REFUSE)
      .with(f -> f.stoppedAttach = StoppedAttach.FOLLOW_NEXT_RUN)
      .with(f -> f.buildOutput = EraBuildText.STEPS)
      .with(f -> f.progressSizes = ProgressSink.Sizes.HUMAN)
      .with(f -> f.pushTagPath = EraTagPath.REPOSITORIES);

  /** 0.4.4: a builder fix; the API is 0.4.3's. */
  static final EraFeatures V0_4_4 = V0_4_3.next("0.4.4", "02f0c1e");

  /** Every release, oldest first. */
  public static final List<EraFeatures> ALL = List.of(V0_3_3, V0_4_0, V0_4_1, V0_4_2, V0_4_3, V0_4_4);

  /** The default release. */
  public static final EraFeatures DEFAULT = V0_4_4;

  /** The row of a release name, or {@code null}. */
  public static EraFeatures forRelease(String name) {
    return ALL.stream().filter(f -> f.release.equals(name)).findFirst().orElse(null);
  }

  /** The release names, oldest first. */
  public static List<String> releases() {
    return ALL.stream().map(EraFeatures::release).toList();
  }

  /** The newest API row this release serves. */
  public ApiVersion newestApiVersion() {
    return ApiVersion.forPrefix(newestApi);
  }

  /** Whether the release had the route ({@code method} and its pattern as registered). */
  public boolean hasRoute(String method, String pattern) {
    return !absentRoutes.contains(method + " " + pattern);
  }

  /** The status of a failure with this message: the daemon's prefix mapping, as far as this release had it. */
  public int statusFor(String message) {
    int status = Responses.statusFor(message);
    if (status == 409) {
      return conflictStatus;
    }
    return status == 406 ? impossibleStatus : status;
  }

  private EraFeatures next(String name, String commit) {
    return with(f -> {
      f.release = name;
      f.gitCommit = commit;
    });
  }

  private EraFeatures withApi(String api) {
    return with(f -> f.newestApi = api);
  }

  private EraFeatures with(java.util.function.Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** A mutable copy, for deriving one row from another. */
  private static final class Draft {
    String release;
    String newestApi;
    String gitCommit;
    String goVersion;
    VersionJson versionJson;
    InfoJson infoJson;
    Set<String> absentRoutes;
    InspectNames names;
    boolean containerSizes;
    boolean imageSizes;
    boolean imageJsonSize;
    boolean imageArchitecture;
    boolean historyTags;
    OmitEmpty historyCreatedBy;
    CreateWarnings createWarnings;
    int conflictStatus;
    int impossibleStatus;
    boolean cors;
    RemoveRunning removeRunning;
    StoppedAttach stoppedAttach;
    boolean dnsWarning;
    PortSpecs portSpecs;
    EraBuildText buildOutput;
    ProgressSink.Sizes progressSizes;
    EraProgressAction progressAction;
    EraRawStream rawStream;
    EraTagPath pushTagPath;

    Draft(EraFeatures f) {
      release = f.release;
      newestApi = f.newestApi;
      gitCommit = f.gitCommit;
      goVersion = f.goVersion;
      versionJson = f.versionJson;
      infoJson = f.infoJson;
      absentRoutes = f.absentRoutes;
      names = f.names;
      containerSizes = f.containerSizes;
      imageSizes = f.imageSizes;
      imageJsonSize = f.imageJsonSize;
      imageArchitecture = f.imageArchitecture;
      historyTags = f.historyTags;
      historyCreatedBy = f.historyCreatedBy;
      createWarnings = f.createWarnings;
      conflictStatus = f.conflictStatus;
      impossibleStatus = f.impossibleStatus;
      cors = f.cors;
      removeRunning = f.removeRunning;
      stoppedAttach = f.stoppedAttach;
      dnsWarning = f.dnsWarning;
      portSpecs = f.portSpecs;
      buildOutput = f.buildOutput;
      progressSizes = f.progressSizes;
      progressAction = f.progressAction;
      rawStream = f.rawStream;
      pushTagPath = f.pushTagPath;
    }

    EraFeatures build() {
      return new EraFeatures(release, newestApi, gitCommit, goVersion, versionJson, infoJson, absentRoutes, names,
          containerSizes, imageSizes, imageJsonSize, imageArchitecture, historyTags, historyCreatedBy, createWarnings,
          conflictStatus, impossibleStatus, cors, removeRunning, stoppedAttach, dnsWarning, portSpecs, buildOutput,
          progressSizes, progressAction, rawStream, pushTagPath);
    }
  }

  @Override
  public String toString() {
    return "docker " + release;
  }
}
