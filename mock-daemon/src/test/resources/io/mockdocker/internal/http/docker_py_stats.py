"""docker-py 7.1 against the modern profile: stats once and streamed, update, top with ps_args."""
import sys

import docker

client = docker.DockerClient(base_url=sys.argv[1], version="auto")
client.images.pull("busybox", tag="latest")
box = client.containers.run("busybox", ["sleep", "100"], detach=True, name="pystats")
once = box.stats(stream=False)
print("stats", list(once.keys())[:4], once["memory_stats"]["usage"], once["pids_stats"]["current"],
      once["preread"] != "0001-01-01T00:00:00Z")
frames = box.stats(decode=True)
first = next(frames)
second = next(frames)
print("stream", second["preread"] == first["read"])
print("update", box.update(mem_limit="64m", memswap_limit="128m", restart_policy={"Name": "always"}))
box.reload()
print("inspect", box.attrs["HostConfig"]["Memory"], box.attrs["HostConfig"]["RestartPolicy"]["Name"])
print("top", box.top(ps_args="-o pid,comm")["Titles"])
box.remove(force=True)
