# docker-py (the Docker SDK for Python) with images named by digest and by ID, and the classic builder's cache_from
# and extra_hosts, against a modern-profile daemon: one line per step, checked by DockerPyImageDigestsTest.
import docker, sys, io, tarfile
c = docker.DockerClient(base_url=sys.argv[1])
img = c.images.pull("busybox", tag="latest")
digest = img.attrs["RepoDigests"][0]
print("digest", digest.startswith("busybox@sha256:"), len(digest))
c.images.remove("busybox")
pulled = c.images.pull(digest)
print("pulled", pulled.id == img.id, pulled.tags, pulled.attrs["RepoDigests"] == [digest])
print("run by digest", c.containers.run(digest, ["echo", "d"], remove=True))
print("run by id", c.containers.run(img.id, ["echo", "i"], remove=True))
try:
    c.images.pull("busybox@sha256:" + "0" * 64)
except docker.errors.NotFound as e:
    print("unknown", e.explanation.endswith("not found: manifest unknown: manifest unknown"))
def context(dockerfile):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as t:
        info = tarfile.TarInfo("Dockerfile"); body = dockerfile.encode(); info.size = len(body)
        t.addfile(info, io.BytesIO(body))
    buf.seek(0)
    return buf
image, logs = c.images.build(fileobj=context("FROM busybox\nRUN cat /etc/hosts\n"), custom_context=True, tag="pyhosts",
                             extra_hosts={"db": "10.0.0.5"})
print("hosts", any("10.0.0.5\tdb\n" in l.get("stream", "") for l in logs))
again, logs = c.images.build(fileobj=context("FROM busybox\nRUN cat /etc/hosts\n"), custom_context=True,
                             extra_hosts={"db": "10.0.0.5"}, cache_from=["pyhosts"])
print("cache_from", again.id == image.id, any("Using cache" in l.get("stream", "") for l in logs))
