#!/bin/sh
# Makes mounts with every odd mountinfo feature in a private mount namespace and prints that
# namespace's /proc/self/mountinfo. Run as root: sh capture-odd-fields.sh > odd-fields.mountinfo
# (it re-runs itself in a private mount namespace; whatever it mounts vanishes with it).
set -eu
if [ -z "${IN_PRIVATE_NS:-}" ]; then
  base=$(mktemp -d /tmp/mountscope-fixture.XXXXXX)
  IN_PRIVATE_NS=1 BASE="$base" unshare -m --propagation private sh "$0"
  rm -rf "$base"
  exit 0
fi
base=$BASE
cd "$base"
mkdir -p "with space" "$(printf 'with\ttab')" "$(printf 'with\nnewline')" 'back\slash' shared slave unbindable
mount -t tmpfs -o size=1m "my src" "with space"
mount -t tmpfs tmpfs "$(printf 'with\ttab')"
mount -t tmpfs tmpfs "$(printf 'with\nnewline')"
mount -t tmpfs tmpfs 'back\slash'
# Propagation: a shared mount, a slave of it (master:N), an unbindable one.
mount -t tmpfs tmpfs shared && mount --make-shared shared
mount --bind shared slave && mount --make-slave slave
mount -t tmpfs tmpfs unbindable && mount --make-unbindable unbindable
# A container-like overlay over many layers: very long options.
# (mount(2) takes at most a page of options: 70 containerd-style snapshot paths.)
mkdir -p run/containerd/io.containerd.runtime.v2.task/k8s.io/0123456789abcdef0123456789abcdef/rootfs up work
lower=""
for i in $(seq 1 70); do
  mkdir -p "snapshots/$((1000 + i))/fs"
  lower="${lower:+$lower:}$base/snapshots/$((1000 + i))/fs"
done
mount -t overlay overlay -o "lowerdir=$lower,upperdir=$base/up,workdir=$base/work" \
  run/containerd/io.containerd.runtime.v2.task/k8s.io/0123456789abcdef0123456789abcdef/rootfs
# containerd's per-layer idmap temp dirs (ovl-idmapped...) and a file bind (root is a file path).
mkdir -p tmp/ovl-idmapped1234567/0 tmp/ovl-idmapped1234567/1
mount --bind -o X-mount.idmap=0:100000:65536 snapshots/1001/fs tmp/ovl-idmapped1234567/0
mount --bind -o X-mount.idmap=0:100000:65536 snapshots/1002/fs tmp/ovl-idmapped1234567/1
touch hosts-src etc-hosts
mount --bind hosts-src etc-hosts
# A pinned namespace, as CNI pins network namespaces under /run/netns.
touch netns-pin
mount --bind /proc/self/ns/net netns-pin
cat /proc/self/mountinfo
