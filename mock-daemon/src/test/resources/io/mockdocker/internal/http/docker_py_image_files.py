# docker-py (the Docker SDK for Python) saving, loading, importing and pruning against a modern-profile daemon: one
# line per step, checked by DockerPyImageFilesTest.
import docker, sys, io, tarfile
c = docker.DockerClient(base_url=sys.argv[1])
img = c.images.pull("busybox", tag="latest")
data = b"".join(img.save(named=True))
c.images.remove("busybox")
loaded = c.images.load(data)
print("loaded", [i.tags for i in loaded], loaded[0].id == img.id)
by_id = c.images.load(b"".join(img.save()))
print("by id", [i.id == img.id for i in by_id])
rootfs = io.BytesIO()
with tarfile.open(fileobj=rootfs, mode="w") as t:
    info = tarfile.TarInfo("etc/motd"); body = b"imported\n"; info.size = len(body)
    t.addfile(info, io.BytesIO(body))
c.api.import_image_from_data(rootfs.getvalue(), repository="pyimported", tag="1", changes=["CMD [\"cat\", \"/etc/motd\"]"])
print("imported", c.containers.run("pyimported:1", remove=True))
c.containers.create("busybox", ["true"], name="stopped")
pruned = c.containers.prune()
print("containers pruned", len(pruned["ContainersDeleted"]), pruned["SpaceReclaimed"])
images = c.images.prune(filters={"dangling": False})
print("images pruned", sorted(d["Untagged"] for d in images["ImagesDeleted"] if "Untagged" in d))
df = c.df()
print("df", sorted(df.keys()), df["Images"], df["BuildCache"])
try:
    c.images.load(b"not a tar" * 100)
except docker.errors.ImageLoadError as e:
    print("bad load", e)
print("ping", c.ping())
