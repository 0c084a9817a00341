#!/usr/bin/env bash
# Captures the demo recording that 'mountscope replay --demo' plays (docs/recording.md): a real
# mount storm on this machine, recorded with the real probes, with real container starts of a
# 50-layer image in a containerd of the script's own that the storm slows down.
#
#   sudo scripts/capture-demo.sh [OUT]     default OUT: src/main/resources/io/mountscope/store/demo.jsonl.gz
#
# Needs root, a built mountscope (target/dist, or MOUNTSCOPE=/path/to/bin/mountscope), containerd,
# ctr, runc and busybox-static (Debian packages). Nothing is left behind: the storm runs in a
# private mount namespace, the containerd is stopped by its pid and its directory removed, and the
# script fails if a mount of it remains.
#
# Timeline (seconds): at 3, 12 container starts of a 50-layer image on a quiet node; at 10 an
# idmap-per-layer storm of 50-layer starts begins, four threads per CPU (containerd before PR
# #12092), for 40 s; at 20, 30 and 40, 12 starts each, slowed by it; at 58, 12 starts on the
# recovered node; the recording ends at 75. DEMO_SECONDS, DEMO_BATCH and DEMO_THREADS change them.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${1:-$ROOT/src/main/resources/io/mountscope/store/demo.jsonl.gz}
MOUNTSCOPE=${MOUNTSCOPE:-$ROOT/target/dist/bin/mountscope}
SECONDS_TOTAL=${DEMO_SECONDS:-75}
LAYERS=50
BATCH=${DEMO_BATCH:-12}
THREADS=${DEMO_THREADS:-$(( $(nproc) * 4 ))}

die() { printf 'capture-demo: %s\n' "$*" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || die "run as root (the probes need perf and tracefs, containerd needs root)"
[ -x "$MOUNTSCOPE" ] || die "no mountscope at $MOUNTSCOPE: run 'mvn -B package -DskipTests' first"
for c in containerd ctr runc busybox sha256sum tar gzip; do
  command -v "$c" >/dev/null || die "'$c' missing (apt-get install containerd runc busybox-static)"
done

WORK=$(mktemp -d /tmp/ms-demo-XXXXXX)
NS=demo
ADDR=$WORK/containerd.sock
CTRD_PID=""
STORM_PID=""
REC_PID=""
ctr_() { ctr --address "$ADDR" --namespace "$NS" "$@"; }

cleanup() {
  set +e
  [ -n "$STORM_PID" ] && kill "$STORM_PID" 2>/dev/null && wait "$STORM_PID" 2>/dev/null
  [ -n "$REC_PID" ] && kill "$REC_PID" 2>/dev/null && wait "$REC_PID" 2>/dev/null
  if [ -n "$CTRD_PID" ]; then
    for id in $(ctr_ tasks list --quiet 2>/dev/null); do ctr_ tasks kill --signal SIGKILL "$id" >/dev/null 2>&1; done
    sleep 1
    for id in $(ctr_ containers list --quiet 2>/dev/null); do
      ctr_ tasks delete "$id" >/dev/null 2>&1; ctr_ containers delete "$id" >/dev/null 2>&1
    done
    kill "$CTRD_PID" 2>/dev/null; wait "$CTRD_PID" 2>/dev/null
  fi
  if grep -q " $WORK/" /proc/self/mountinfo; then
    echo "capture-demo: mounts left below $WORK:" >&2; grep " $WORK/" /proc/self/mountinfo >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

echo "capture-demo: a containerd of our own in $WORK"
cat >"$WORK/config.toml" <<TOML
version = 2
root = "$WORK/root"
state = "$WORK/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$ADDR"
[ttrpc]
  address = "$ADDR.ttrpc"
TOML
containerd --config "$WORK/config.toml" >"$WORK/containerd.log" 2>&1 &
CTRD_PID=$!
for _ in $(seq 100); do ctr --address "$ADDR" version >/dev/null 2>&1 && break; sleep 0.1; done
ctr --address "$ADDR" version >/dev/null || die "containerd did not come up (log: $WORK/containerd.log)"

echo "capture-demo: building a $LAYERS-layer image (busybox, then one small file per layer)"
L=$WORK/layout; mkdir -p "$L/blobs/sha256" "$WORK/l"
blob() { local d; d=$(sha256sum "$1" | cut -d' ' -f1); cp "$1" "$L/blobs/sha256/$d"; echo "$d"; }
layers=""; diffs=""
for i in $(seq 1 $LAYERS); do
  d=$WORK/l/$i; mkdir -p "$d"
  if [ "$i" -eq 1 ]; then mkdir -p "$d/bin"; cp "$(command -v busybox)" "$d/bin/busybox"; ln -s busybox "$d/bin/sh"
  else mkdir -p "$d/layers"; echo "layer $i" >"$d/layers/$i"; fi
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$d" -cf "$WORK/l/$i.tar" .
  diff=$(sha256sum "$WORK/l/$i.tar" | cut -d' ' -f1)
  gzip -n -c "$WORK/l/$i.tar" >"$WORK/l/$i.tar.gz"
  dg=$(blob "$WORK/l/$i.tar.gz"); size=$(stat -c %s "$WORK/l/$i.tar.gz")
  layers="$layers${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$dg\",\"size\":$size}"
  diffs="$diffs${diffs:+,}\"sha256:$diff\""
done
printf '{"architecture":"%s","os":"linux","config":{"Cmd":["/bin/sh"]},"rootfs":{"type":"layers","diff_ids":[%s]}}' \
  "$(dpkg --print-architecture 2>/dev/null || echo amd64)" "$diffs" >"$WORK/config.json"
cd_=$(blob "$WORK/config.json"); cs=$(stat -c %s "$WORK/config.json")
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' \
  "$cd_" "$cs" "$layers" >"$WORK/manifest.json"
md=$(blob "$WORK/manifest.json"); ms=$(stat -c %s "$WORK/manifest.json")
IMAGE=registry.local/shop/checkout:2.14
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"2.14"}}]}' \
  "$md" "$ms" "$IMAGE" >"$L/index.json"
echo '{"imageLayoutVersion":"1.0.0"}' >"$L/oci-layout"
tar -C "$L" -cf "$WORK/image.tar" .
ctr_ images import "$WORK/image.tar" >/dev/null

mkdir -p "$(dirname "$OUT")"
T0=$(date +%s%N)
at() { # waits until $1 seconds after the recording began
  while [ $(( ($(date +%s%N) - T0) / 1000000 )) -lt $(( $1 * 1000 )) ]; do sleep 0.1; done
}
starts() { # $1 container starts of the image at once, named $2-N; returns when all have started
  local pids=()
  for i in $(seq 1 "$1"); do
    ctr_ run -d "$IMAGE" "$2-$i" /bin/busybox sleep 3600 >/dev/null 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}" || true
  echo "capture-demo: $1 starts ($2) done at $(( ($(date +%s%N) - T0) / 1000000000 )) s"
}
echo "capture-demo: recording $SECONDS_TOTAL s to $OUT"
CONTAINERD_ADDRESS=$ADDR MOUNTSCOPE_LOG_DIR=$WORK/log MOUNTSCOPE_STATE_DIR=$WORK/state-ms \
  "$MOUNTSCOPE" record -o "$OUT" --force --seconds "$SECONDS_TOTAL" &
REC_PID=$!
at 3
starts "$BATCH" quiet
at 10
echo "capture-demo: storm: idmap-per-layer, $LAYERS layers, $THREADS threads, 40 s"
MOUNTSCOPE_LOG_DIR=$WORK/log MOUNTSCOPE_STATE_DIR=$WORK/state-ms \
  "$MOUNTSCOPE" stress --pattern idmap-per-layer --layers $LAYERS --threads "$THREADS" --duration 40 >"$WORK/storm.txt" &
STORM_PID=$!
for t in 20 30 40; do
  at $t
  starts "$BATCH" "storm$t"
done
wait "$STORM_PID"; STORM_PID=""
cat "$WORK/storm.txt"
at 58
starts "$BATCH" after
wait "$REC_PID"; REC_PID=""
echo "capture-demo: wrote $OUT ($(stat -c %s "$OUT") bytes)"
MOUNTSCOPE_LOG_DIR=$WORK/log "$MOUNTSCOPE" replay "$OUT" --json | wc -l | sed 's/^/capture-demo: samples: /'
