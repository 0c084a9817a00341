#!/usr/bin/env bash
# mountscope installer for Debian and Ubuntu nodes. Run as root from a source checkout.
#
#   ./install.sh                  install what is missing, build, install under /opt/mountscope
#   ./install.sh --prefix DIR     install under DIR (no /usr/local/bin link)
#   ./install.sh --dist DIR       install an already built dist (DIR/bin, DIR/lib): no Maven
#   ./install.sh --uninstall      remove exactly what an earlier install put in place
#   ./install.sh --test           install the test prerequisites and run the whole test suite
#
# Re-running is safe: files are replaced, nothing is installed twice.
set -euo pipefail

PREFIX=/opt/mountscope
DEFAULT_PREFIX=/opt/mountscope
LINK=/usr/local/bin/mountscope
MODE=install
DIST=""
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Test prerequisites, one place: the integration tests fail (never skip) when one is missing.
TEST_PACKAGES=(tmux containerd runc busybox-static util-linux ncurses-bin procps numactl prometheus chromium)

say() { printf 'install.sh: %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$1" >&2; exit "${2:-2}"; }

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

ORIG_ARGS="$*"  # for the sudo line a non-root user is shown
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; PREFIX=$(realpath -m "$2"); shift 2 ;;
    --prefix=*) PREFIX=$(realpath -m "${1#--prefix=}"); shift ;;
    --dist) [ $# -ge 2 ] || die "--dist needs a directory"; DIST=$(realpath -m "$2"); shift 2 ;;
    --uninstall) MODE=uninstall; shift ;;
    --test) MODE=test; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see ./install.sh --help)" ;;
  esac
done

if [ "$(id -u)" -ne 0 ]; then
  die "must run as root: it installs packages and writes $PREFIX (try: sudo $0${ORIG_ARGS:+ $ORIG_ARGS})" 3
fi

MANIFEST="$PREFIX/.install-manifest"

apt_install() {
  # Installs the packages of "$@" that are missing; records the ones it added in $APT_ADDED.
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "apt-get not found: install ${missing[*]} by hand (Debian or Ubuntu expected)" 3
  say "installing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq >/dev/null; APT_UPDATED=1; fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  APT_ADDED="${APT_ADDED:-} ${missing[*]}"
}

java_major() {
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1
}

find_java() {
  # A JDK 17+ java binary: JAVA_HOME, then the default java, then any under /usr/lib/jvm.
  local c
  for c in ${JAVA_HOME:+$JAVA_HOME/bin/java} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    local v; v=$(java_major "$c")
    if [ -n "$v" ] && [ "$v" -ge 17 ]; then readlink -f "$c"; return 0; fi
  done
  return 1
}

ensure_java() {
  JAVA=$(find_java || true)
  if [ -z "$JAVA" ]; then
    apt_install openjdk-17-jdk-headless
    JAVA=$(find_java) || die "no JDK 17+ found after installing openjdk-17-jdk-headless" 3
  fi
  JAVA_HOME_FOUND=$(dirname "$(dirname "$JAVA")")
}

build() {
  command -v mvn >/dev/null || apt_install maven
  say "building with Maven (first build downloads dependencies)"
  (cd "$SRC" && JAVA_HOME="$JAVA_HOME_FOUND" mvn -B -q -DskipTests package) || die "build failed" 1
  DIST="$SRC/target/dist"
}

install_files() {
  [ -f "$DIST/lib/mountscope.jar" ] || die "$DIST/lib/mountscope.jar missing: not a built dist"
  local old_dirs=""
  if [ -f "$MANIFEST" ]; then
    old_dirs=$(grep '^dir ' "$MANIFEST" || true)
    remove_manifest_files quiet
  fi
  local created=()
  for d in "$PREFIX" "$PREFIX/bin" "$PREFIX/lib" "$PREFIX/recipes" "$PREFIX/plugins"; do
    [ -d "$d" ] || created+=("$d")
    mkdir -p "$d"
  done
  local files=()
  cp "$DIST"/lib/*.jar "$PREFIX/lib/"
  for f in "$DIST"/lib/*.jar; do files+=("$PREFIX/lib/$(basename "$f")"); done
  if [ -d "$DIST/lib/native" ]; then
    # JNA's native stub, so that a start loads it instead of extracting it from the jar.
    while IFS= read -r d; do
      [ -d "$PREFIX/lib/native/$d" ] || created+=("$PREFIX/lib/native/$d")
    done < <(cd "$DIST/lib/native" && find . -type d | sed 's|^\./\?||' | sort)
    cp -r "$DIST/lib/native" "$PREFIX/lib/"
    while IFS= read -r f; do files+=("$PREFIX/lib/native/${f#"$DIST/lib/native/"}"); done < <(find "$DIST/lib/native" -type f)
  fi
  # The launcher runs the JDK found now, whatever PATH says later.
  sed "s|^java=\${MOUNTSCOPE_JAVA:-}\$|java=\${MOUNTSCOPE_JAVA:-$JAVA}|" "$DIST/bin/mountscope" >"$PREFIX/bin/mountscope"
  chmod 0755 "$PREFIX/bin/mountscope"
  files+=("$PREFIX/bin/mountscope")
  if [ -d "$SRC/recipes" ]; then
    cp -r "$SRC/recipes/." "$PREFIX/recipes/"
    while IFS= read -r f; do files+=("$f"); done < <(find "$PREFIX/recipes" -type f)
  fi
  if [ -d "$DIST/plugins" ]; then
    # Only the example plugins are ours: a site's own jars in plugins/ stay on uninstall.
    cp -r "$DIST/plugins/." "$PREFIX/plugins/"
    while IFS= read -r f; do files+=("$PREFIX/plugins/${f#"$DIST/plugins/"}"); done < <(find "$DIST/plugins" -type f)
    # Root loads plugins only from paths no one else can write (docs/plugins.md).
    chown -R root:root "$PREFIX/plugins"
  fi
  chmod -R go-w "$PREFIX"

  say "creating the class-data-sharing archive"
  rm -f "$PREFIX/lib/mountscope.jsa"
  if MOUNTSCOPE_JAVA_OPTS="-XX:ArchiveClassesAtExit=$PREFIX/lib/mountscope.jsa" \
      MOUNTSCOPE_LOG_DIR=/tmp/mountscope-install-log.$$ "$PREFIX/bin/mountscope" cds-training >/dev/null 2>&1 \
      && [ -f "$PREFIX/lib/mountscope.jsa" ]; then
    files+=("$PREFIX/lib/mountscope.jsa")
  else
    say "warning: no CDS archive (the console starts slower, works the same)"
  fi
  rm -rf "/tmp/mountscope-install-log.$$"

  local link=""
  if [ "$PREFIX" = "$DEFAULT_PREFIX" ]; then
    ln -sfn "$PREFIX/bin/mountscope" "$LINK"
    link="$LINK"
  fi
  {
    echo "# written by mountscope install.sh; --uninstall removes what is listed here"
    for f in "${files[@]}"; do echo "file $f"; done
    [ -n "$link" ] && echo "link $link"
    [ -n "$old_dirs" ] && echo "$old_dirs"
    for d in "${created[@]}"; do echo "dir $d"; done
    for p in ${APT_ADDED:-}; do echo "package $p"; done
    if [ -f "$MANIFEST.packages" ]; then cat "$MANIFEST.packages"; fi
  } >"$MANIFEST.new"
  # Packages are remembered across re-installs, so uninstall can name them all.
  grep '^package ' "$MANIFEST.new" | sort -u >"$MANIFEST.packages" || true
  mv "$MANIFEST.new" "$MANIFEST"
  say "installed $("$PREFIX/bin/mountscope" --version | head -n1) in $PREFIX${link:+ (command: $link)}"
}

remove_manifest_files() {
  local quiet=${1:-}
  [ -f "$MANIFEST" ] || die "nothing to uninstall: no $MANIFEST" 1
  while read -r kind path; do
    case "$kind" in
      file) rm -f "$path" ;;
      link) [ -L "$path" ] && rm -f "$path" ;;
    esac
  done <"$MANIFEST"
  # Recipe and plugin subdirectories are ours too once their files are gone.
  find "$PREFIX/recipes" "$PREFIX/plugins" -depth -type d -empty -delete 2>/dev/null || true
  if [ -z "$quiet" ]; then
    tac "$MANIFEST" | while read -r kind path; do
      [ "$kind" = dir ] && rmdir "$path" 2>/dev/null || true
    done
  fi
}

uninstall() {
  local packages
  packages=$(grep '^package ' "$MANIFEST.packages" 2>/dev/null | awk '{print $2}' | sort -u | tr '\n' ' ' || true)
  remove_manifest_files
  rm -f "$MANIFEST" "$MANIFEST.packages"
  rmdir "$PREFIX" 2>/dev/null || true
  say "removed mountscope from $PREFIX"
  if [ -n "$packages" ]; then
    say "packages this installer added (kept, others may use them): $packages"
    say "remove them with: apt-get remove $packages"
  fi
  say "kept: logs in /var/log/mountscope, state (change journal, history) in /var/lib/mountscope"
}

run_tests() {
  ensure_java
  command -v mvn >/dev/null || apt_install maven
  apt_install "${TEST_PACKAGES[@]}"
  # perf: Debian ships it as linux-perf, Ubuntu per kernel in linux-tools.
  if ! command -v perf >/dev/null || ! perf --version >/dev/null 2>&1; then
    if apt-cache show linux-perf >/dev/null 2>&1; then apt_install linux-perf;
    else apt_install linux-tools-common "linux-tools-$(uname -r)"; fi
  fi
  say "running the test suite (unit and integration)"
  cd "$SRC"
  JAVA_HOME="$JAVA_HOME_FOUND" mvn -B -ntp verify
}

case "$MODE" in
  uninstall) uninstall ;;
  test) run_tests ;;
  install)
    ensure_java
    if [ -z "$DIST" ]; then
      if [ -f "$SRC/lib/mountscope.jar" ]; then DIST="$SRC"; else build; fi
    fi
    install_files
    ;;
esac
