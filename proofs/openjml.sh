#!/usr/bin/env bash
# OpenJML as a second prover, run by the Maven profile 'openjml' (see README.md):
#   1. openjml -esc on the kernel sources (static checking of every JML contract);
#   2. openjml -rac compiles the kernel with runtime assertion checks into target/openjml-rac,
#      against which the profile then runs the kernel's unit tests.
# Usage: openjml.sh <repository root> <proofs target folder> <checker-qual jar>
set -euo pipefail
root=$1
out=$2
checker_qual=$3

if [ -z "${OPENJML_HOME:-}" ] || [ ! -x "${OPENJML_HOME}/openjml" ]; then
  cat >&2 <<'MSG'
openjml: OPENJML_HOME must point to an unpacked OpenJML release (the folder with the 'openjml' script).
  Install: download the release zip for your platform from the OpenJML releases page on GitHub
  (repository OpenJML/OpenJML; it bundles its own JDK), then
      unzip openjml-<platform>-<version>.zip -d /opt/openjml
      export OPENJML_HOME=/opt/openjml
      mvn -B -pl proofs -am verify -Popenjml
MSG
  exit 1
fi

src="$root/kernel/src/main/java"
cp="$root/hw/src/main/java:$checker_qual"
mapfile -t files < <(find "$src" -name '*.java' | sort)
mkdir -p "$out"

echo "openjml: -esc on ${#files[@]} kernel files (log: $out/openjml-esc.txt)"
status=0
"$OPENJML_HOME/openjml" -esc -progress -cp "$cp" -sourcepath "$src" "${files[@]}" > "$out/openjml-esc.txt" 2>&1 || status=$?
cat "$out/openjml-esc.txt"
# OpenJML reports an unproved contract as a warning; any warning or error fails this check.
problems=$(grep -cE '(warning|error):' "$out/openjml-esc.txt" || true)
if [ "$status" -ne 0 ] || [ "$problems" -ne 0 ]; then
  echo "openjml: FAILED: -esc exit code $status, $problems warning(s)/error(s); see $out/openjml-esc.txt" >&2
  exit 1
fi

echo "openjml: -rac compiling the kernel into $out/openjml-rac"
rm -rf "$out/openjml-rac"
mkdir -p "$out/openjml-rac"
"$OPENJML_HOME/openjml" -rac -cp "$cp" -sourcepath "$src" -d "$out/openjml-rac" "${files[@]}"
echo "openjml: -esc clean; the kernel tests now run against the RAC-compiled classes"
