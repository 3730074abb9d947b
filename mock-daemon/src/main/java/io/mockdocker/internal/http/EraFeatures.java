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
    BuildText buildOutput,
    ProgressSink.Sizes progressSizes,
    ProgressAction progressAction,
    RawStream rawStream,
    TagPath pushTagPath) {

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

  /** The text of a build. */
  public enum BuildText {
    /**
     * {@code INSTRUCTION arguments (image before it)} for each instruction, {@code ===> image} after it (full IDs),
     * {@code Skipping unknown instruction X}, and {@code Build successful.} then {@code ===> image} at the end;
     * nothing for a cache hit or a step's container (before 0.4.3's "nicer output").
     */
    IMAGE_IDS,
    /**
     * {@code Step N : INSTRUCTION arguments}, {@code  ---> Running in …}, {@code  ---> Using cache},
     * {@code  ---> short ID}, {@code Successfully built short ID}.
     */
    STEPS
  }

  /** How a progress message names its action ({@code Downloading}, {@code Importing}, {@code Pushing}). */
  public enum ProgressAction {
    /** Raw text only (API 1.0): the action word, none at all for a push (0.3.3). */
    WORD_EXCEPT_PUSH,
    /**
     * A JSON message holds only {@code progress}, no {@code status}; raw text has the word, and an empty one for a push
     * (so a leading space) (0.4.0).
     */
    PROGRESS_ONLY,
    /** JSON {@code {"status":"Downloading","progress":…}}; raw text {@code Downloading …} (0.4.1 and later). */
    STATUS;

    /** The raw text of a progress update, before its {@code \r}. */
    public String raw(String action, String progress) {
      if (action.equals("Pushing") && this != STATUS) {
        return this == WORD_EXCEPT_PUSH ? progress : " " + progress;
      }
      return action + " " + progress;
    }

    /** Whether a JSON progress message carries the action as its {@code status}. */
    public boolean jsonStatus() {
      return this == STATUS;
    }
  }

  /** The raw text (API 1.0) of a pull, push, import or insert. */
  public enum RawStream {
    /**
     * Written straight to the response (0.3.3): {@code Pulling repository …}, {@code Pulling <id> metadata},
     * {@code Pulling <id> fs layer}, {@code Pushing repository …} and {@code Pushing <id>} end in {@code \r\n}, every
     * other line in {@code \n}; a progress reader ends with {@code \n}; an error after the first line is the bare
     * message and {@code \n}; insert ends with the new image's ID alone, and fails before its first line as any
     * request does.
     */
    AS_WRITTEN,
    /**
     * Through the stream formatter (0.4.0 and later): every line ends in {@code \r\n}, a progress reader too, an
     * error is {@code Error: message}; insert appends {@code {"Id":…}} and swallows an error before its first line.
     */
    FORMATTED;

    private static final java.util.regex.Pattern CRLF_LINES = java.util.regex.Pattern.compile(
        "(Pulling repository |Pushing repository ).*|Pulling [0-9a-f]{64} (metadata|fs layer)|Pushing [0-9a-f]{64}");

    /** The end of a status line. */
    public String lineEnd(String status) {
      return this == FORMATTED || CRLF_LINES.matcher(status).matches() ? "\r\n" : "\n";
    }

    /** What ends a progress reader's updates. */
    public String endOfTransfer() {
      return this == FORMATTED ? "\r\n" : "\n";
    }

    /** An error after the stream started. */
    public String error(String message) {
      return this == FORMATTED ? "Error: " + message + "\r\n" : message + "\n";
    }

    /** Whether insert ends with {@code {"Id":…}} and answers an early failure with {@code {"Id":""}}. */
    public boolean insertTrailer() {
      return this == FORMATTED;
    }
  }

  /** Where a push's {@code Pushing tags for rev [ID] on {…}} says it puts a tag, after the endpoint. */
  public enum TagPath {
    /** {@code /users/NAME/TAG} (before 0.4.3). */
    USERS,
    /** {@code /repositories/NAME/tags/TAG}. */
    REPOSITORIES;

    /** The path for {@code repository} and {@code tag}. */
    public String of(String repository, String tag) {
      return this == USERS ? "/users/" + repository + "/" + tag : "/repositories/" + repository + "/tags/" + tag;
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
      BuildText.IMAGE_IDS, ProgressSink.Sizes.BYTES, ProgressAction.WORD_EXCEPT_PUSH, RawStream.AS_WRITTEN,
      TagPath.USERS);

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
      .with(f -> f.progressAction = ProgressAction.PROGRESS_ONLY)
      .with(f -> f.rawStream = RawStream.FORMATTED);

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
      .with(f -> f.progressAction = ProgressAction.STATUS);

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
      .with(f -> f.buildOutput = BuildText.STEPS)
      .with(f -> f.progressSizes = ProgressSink.Sizes.HUMAN)
      .with(f -> f.pushTagPath = TagPath.REPOSITORIES);

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
    BuildText buildOutput;
    ProgressSink.Sizes progressSizes;
    ProgressAction progressAction;
    RawStream rawStream;
    TagPath pushTagPath;

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
