"""docker-py 7.1 against the modern profile: exec framing, detach keys, 126/127 and create/inspect round trips."""
import sys

import docker
from docker.types import LogConfig, Ulimit

client = docker.DockerClient(base_url=sys.argv[1], version="auto")
api = client.api
client.images.pull("busybox", tag="latest")
box = client.containers.run("busybox", ["sleep", "100"], detach=True, name="pyexec", init=True, cpuset_cpus="0",
                            extra_hosts={"a": "1.2.3.4"}, cap_add=["NET_ADMIN"], dns=["1.1.1.1"], shm_size="128m",
                            sysctls={"net.ipv4.ip_forward": "1"}, privileged=True,
                            ulimits=[Ulimit(name="nofile", soft=1024, hard=2048)])
box.reload()
host = box.attrs["HostConfig"]
print("host", host["Init"], host["CpusetCpus"], host["ExtraHosts"], host["CapAdd"], host["Dns"], host["ShmSize"],
      host["Sysctls"], host["Privileged"], host["Ulimits"])

tty = api.exec_create(box.id, ["echo", "hi"], tty=True)
print("framed", api.exec_start(tty["Id"], tty=False))

print("dir", box.exec_run(["/etc"]))
print("missing", box.exec_run(["frobnicate"]))

cat = api.exec_create(box.id, ["cat"], stdin=True, tty=True)
sock = api.exec_start(cat["Id"], tty=True, socket=True)
raw = getattr(sock, "_sock", sock)
raw.sendall(b"\x10\x11")
rest = b""
while True:
    chunk = raw.recv(1024)
    if not chunk:
        break
    rest += chunk
print("detached", rest, api.exec_inspect(cat["Id"])["Running"])

try:
    client.containers.create("busybox", ["true"], log_config=LogConfig(type="x"))
except docker.errors.APIError as e:
    print("log", e.status_code, e.explanation)
box.remove(force=True)
