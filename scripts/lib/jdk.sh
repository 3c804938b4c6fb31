# Sourced by the scripts: finds a JDK 25 or newer and exports JAVA_HOME and PATH for it.
# Order: JAVA_HOME if it is a JDK 25+, then the newest JDK 25+ under /usr/lib/jvm.

cantrip_java_major() {
  # Prints the feature version of the java binary $1 ("25"), or nothing.
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

cantrip_find_jdk() {
  local min=25 candidate major best="" best_major=0 looked=()
  if [ -n "${JAVA_HOME:-}" ]; then
    looked+=("JAVA_HOME=$JAVA_HOME")
    if [ -x "$JAVA_HOME/bin/javac" ]; then
      major=$(cantrip_java_major "$JAVA_HOME/bin/java")
      if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
        export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
        return 0
      fi
    fi
  fi
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    [ -L "$candidate" ] && continue
    looked+=("$candidate")
    major=$(cantrip_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    {
      echo "error: Cantrip needs a JDK $min or newer (with javac), and none was found."
      echo "  looked at: ${looked[*]:-JAVA_HOME (unset) and /usr/lib/jvm (no JDKs)}"
      echo "  fix: install a JDK $min+ under /usr/lib/jvm (for example Temurin $min or openjdk-$min-jdk),"
      echo "       or set JAVA_HOME to one."
    } >&2
    return 1
  fi
  export JAVA_HOME=$best PATH="$best/bin:$PATH"
}

# Maven 3.9's own libraries call sun.misc.Unsafe, which JDK 25 warns about on every build; the
# warning is about Maven, not Cantrip, so it is silenced for the wrapper's JVM only.
cantrip_quiet_maven() {
  case " ${MAVEN_OPTS:-} " in
    *"--sun-misc-unsafe-memory-access"*) ;;
    *) export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}" ;;
  esac
}
