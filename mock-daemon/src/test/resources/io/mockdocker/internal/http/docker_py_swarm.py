import sys

import docker
from docker.errors import APIError, NotFound

client = docker.DockerClient(base_url=sys.argv[1])
print("state", client.info()["Swarm"]["LocalNodeState"])
print("leave --force", client.swarm.leave(force=True))
try:
    client.swarm.leave()
except APIError as e:
    print("leave", e.status_code, e.explanation)
try:
    client.services.list()
except APIError as e:
    print("services", e.status_code, e.explanation)
try:
    client.swarm.reload()
except APIError as e:
    print("swarm", e.status_code, type(e).__name__)
print("plugins", client.plugins.list())
try:
    client.plugins.get("sshfs")
except NotFound as e:
    print("plugin", e.status_code, e.explanation)
d = client.api.inspect_distribution("busybox:latest")
print("distribution", d["Descriptor"]["mediaType"], d["Descriptor"]["digest"].startswith("sha256:"), d["Platforms"])
print("registry data", client.images.get_registry_data("busybox").has_platform("linux/amd64"))
