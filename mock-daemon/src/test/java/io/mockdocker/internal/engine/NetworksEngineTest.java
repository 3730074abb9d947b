package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.VirtualClock;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.RemoteImage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Networks in the engine: predefined ones, subnets and addresses, refusals, events. No HTTP. */
class NetworksEngineTest {
  static final String IMAGE = "b".repeat(64);
  final VirtualClock clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  final Engine engine = Engine.builder().clock(clock).random(new Random(7)).build();
  final Networks networks = engine.networks();

  NetworksEngineTest() {
    engine.load(List.of(RemoteImage.builder(IMAGE).build()));
    engine.tag(IMAGE, "busybox", "latest");
    clock.runInstantly();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  String container(String name) {
    return engine.containers().create(Config.builder().image("busybox").cmd("true").build(), name,
        HostConfig.DEFAULT).fullId();
  }

  /** A container whose cat runs until it is stopped. */
  String running(String name) {
    String id = engine.containers().create(Config.builder().image("busybox").cmd("cat").openStdin(true).build(),
        name, HostConfig.DEFAULT).fullId();
    engine.containers().start(id);
    return id;
  }

  NetworkCreate request(String name, String subnet, String gateway) {
    List<String[]> pools = subnet == null ? List.of() : List.<String[]>of(new String[] {subnet, gateway});
    return new NetworkCreate(name, "", false, false, false, Map.of(), Map.of(), pools);
  }

  @Test
  void the_predefined_networks_come_first_with_the_fake_bridge_subnet() {
    List<Network> all = networks.list();
    assertThat(all).extracting(Network::name).containsExactly("bridge", "host", "none");
    assertThat(all).extracting(Network::driver).containsExactly("bridge", "host", "null");
    assertThat(all.get(0).subnet()).isEqualTo("172.16.42.0/24");
    assertThat(all.get(0).gateway()).isEqualTo("172.16.42.1");
  }

  @Test
  void subnets_come_from_the_default_pools_in_order_skipping_taken_ones() {
    assertThat(networks.create(request("one", null, null)).subnet()).isEqualTo("172.17.0.0/16");
    assertThat(networks.create(request("given", "172.18.5.0/24", "")).gateway()).isEqualTo("172.18.5.1");
    Network three = networks.create(request("three", null, null));
    assertThat(three.subnet()).isEqualTo("172.19.0.0/16");
    assertThat(three.gateway()).isEqualTo("172.19.0.1");
    assertThat(three.driver()).isEqualTo("bridge");
  }

  @Test
  void containers_get_addresses_after_the_gateway_and_freed_ones_are_reused() {
    networks.create(request("net", "10.9.0.0/24", "10.9.0.1"));
    String a = running("a");
    String b = running("b");
    NetworkEndpoint ea = networks.connect("net", a, List.of("db"), "").orElseThrow();
    NetworkEndpoint eb = networks.connect("net", "b", List.of(), "").orElseThrow();
    assertThat(ea.ipAddress()).isEqualTo("10.9.0.2");
    assertThat(ea.macAddress()).isEqualTo("02:42:0a:09:00:02");
    assertThat(ea.endpointId()).hasSize(64);
    assertThat(ea.dnsNames()).containsExactly("a", "db", a.substring(0, 12));
    assertThat(eb.ipAddress()).isEqualTo("10.9.0.3");
    networks.disconnect("net", a);
    String c = running("c");
    assertThat(networks.connect("net", c, List.of(), "").orElseThrow().ipAddress()).isEqualTo("10.9.0.2");
    assertThat(networks.connect("net", a, List.of(), "10.9.0.77").orElseThrow().ipAddress()).isEqualTo("10.9.0.77");
    assertThatThrownBy(() -> networks.connect("net", b, List.of(), ""))
        .hasMessage("endpoint with name b already exists in network net");
  }

  @Test
  void a_network_with_endpoints_is_not_removed_until_its_containers_go() {
    Network net = networks.create(request("busy", null, null));
    String a = running("web");
    NetworkEndpoint e = networks.connect(net.id().substring(0, 6), a, List.of(), "").orElseThrow();
    assertThatThrownBy(() -> networks.remove("busy"))
        .isInstanceOfSatisfying(NetworkRefused.class,
            r -> assertThat(r.kind()).isEqualTo(NetworkRefused.Kind.FORBIDDEN))
        .hasMessage("error while removing network: network busy has active endpoints (name:\"web\" id:\""
            + e.endpointId().substring(0, 12) + "\")");
    engine.containers().remove(a, true);
    assertThat(networks.inspect("busy").endpoints()).isEmpty();
    networks.remove("busy");
    assertThatThrownBy(() -> networks.inspect("busy")).hasMessage("network busy not found");
  }

  @Test
  void duplicates_and_predefined_names_are_refused_as_the_daemon_refused_them() {
    networks.create(request("twin", null, null));
    assertThatThrownBy(() -> networks.create(request("twin", null, null)))
        .hasMessage("network with name twin already exists");
    assertThatThrownBy(() -> networks.create(request("host", null, null)))
        .hasMessage("operation is not permitted on predefined host network ");
    assertThatThrownBy(() -> networks.remove("bridge"))
        .hasMessage("bridge is a pre-defined network and cannot be removed");
  }

  @Test
  void prune_removes_unused_created_networks_only_and_events_are_logged() {
    networks.create(request("idle", null, null));
    Network used = networks.create(request("used", null, null));
    String a = running("a");
    networks.connect("used", a, List.of(), "");
    assertThat(networks.prune(n -> true)).containsExactly("idle");
    networks.disconnect("used", a);
    List<String> actions = engine.events().history().stream().filter(ev -> ev.type().equals("network"))
        .map(ev -> ev.action() + " " + ev.attributes().get("name")).toList();
    assertThat(actions).containsExactly("create idle", "create used", "connect used", "destroy idle",
        "prune null", "disconnect used");
    assertThat(engine.events().history().stream().filter(ev -> ev.action().equals("connect")).findFirst()
        .orElseThrow().attributes()).containsEntry("container", a).containsEntry("type", "bridge");
    assertThat(used.id()).hasSize(64);
  }

  @Test
  void a_start_with_a_network_that_does_not_exist_fails_and_joins_once_it_does() {
    String a = container("late");
    networks.want(a, List.of(new Networks.Wanted("later", List.of("x"), "")));
    assertThatThrownBy(() -> networks.join(a))
        .hasMessage("failed to set up container networking: network later not found");
    networks.create(request("later", null, null));
    networks.join(a);
    assertThat(networks.endpointsOf(a)).extracting(NetworkEndpoint::aliases).containsExactly(List.of("x"));
    assertThat(networks.wantedBy(a)).isEmpty();
  }

  @Test
  void endpoints_live_while_the_container_runs_and_come_back_at_its_next_start() {
    networks.create(request("svc", "10.30.0.0/24", ""));
    String a = running("svc1");
    String idle = container("idle");
    assertThat(networks.connect("svc", idle, List.of("later"), "")).isEmpty();
    assertThat(networks.wantedBy(idle)).extracting(Networks.Wanted::aliases).containsExactly(List.of("later"));
    networks.connect("svc", a, List.of("api"), "").orElseThrow();
    engine.containers().stop(a, 1);
    assertThat(networks.endpointsOf(a)).isEmpty();
    assertThat(networks.inspect("svc").endpoints()).isEmpty();
    networks.remove("svc");
    networks.create(request("svc", "10.30.0.0/24", ""));
    assertThatThrownBy(() -> networks.join(a)).hasMessageStartingWith("failed to set up container networking: "
        + "network ").hasMessageEndingWith(" not found");
  }
}
