# Sourced by ./ferry, ./build and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME if new enough, then the newest JDK under /usr/lib/jvm, then `java` on PATH.

ferry_java_major() { # prints the feature version of the java binary given, or nothing
  # A JDK's release file names its version: reading it is much cheaper than starting a JVM.
  local release version
  release="$(dirname "$(dirname "$1")")/release"
  if [ -r "$release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release" | head -n 1)
    if [ -n "$version" ]; then echo "$version"; return 0; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

ferry_select_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(ferry_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 21 ]; then return 0; fi
    echo "ferry: JAVA_HOME=$JAVA_HOME is Java ${major:-unknown}; looking for a JDK 21+ under /usr/lib/jvm" >&2
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(ferry_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(ferry_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ]; then best=$candidate; fi
  fi
  if [ -z "$best" ]; then
    echo "ferry: no JDK 21 or newer found (checked JAVA_HOME, /usr/lib/jvm/*, PATH)." >&2
    echo "ferry: install one (for example 'apt-get install openjdk-21-jdk-headless') or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME=$best
}

ferry_select_jdk && export PATH="$JAVA_HOME/bin:$PATH"
