#!/usr/bin/env bash
# jpod's tests, as root: `scripts/test.sh [maven args]`, e.g. `scripts/test.sh -Dit.test=PodLifecycleIT`.
#
#   unit tests        surefire, src/test/java/io/jpod/**/*Test.java
#   end-to-end tests  failsafe, src/test/java/io/jpod/e2e/*IT.java, in two JVMs at once (JPOD_E2E_FORKS,
#                     default 2): each creates its user jpode2ef<N>, copies the build to
#                     /tmp/jpod-e2e-f<N>-dist and runs bin/jpod as that user
#
# A missing prerequisite fails the run: nothing is skipped. JPOD_TEST_TIMEOUT (default 25m) bounds it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
die() { echo "Error: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run scripts/test.sh as root: the end-to-end tests create the user jpode2e and switch to it"

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }
missing=()
for tool in runc conmon catatonit newuidmap newgidmap unshare nsenter runuser busybox mvn java cc; do
  have "$tool" || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  die "missing prerequisites: ${missing[*]} -- install them with scripts/prepare-host.sh (or apt-get install runc conmon catatonit uidmap util-linux busybox-static maven openjdk-17-jdk-headless gcc)"
fi
if ldd "$(command -v busybox)" >/dev/null 2>&1; then
  die "$(command -v busybox) is dynamically linked; the test image needs the static one (apt-get install busybox-static)"
fi

# The unit tests run in the newest JDK of 22 or later when there is one (as bin/jpod picks it), so that the
# probes' setns through the foreign-function API is tested; Maven itself runs in its own JDK.
test_jvm=()
for j in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
  v=$("$j/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  if [ -n "$v" ] && [ "${v%%.*}" -ge 22 ] 2>/dev/null; then test_jvm=(-Djpod.test.jvm="${j%/}/bin/java"); break; fi
done
if [ ${#test_jvm[@]} -gt 0 ]; then
  echo "==> unit tests in ${test_jvm[0]#-Djpod.test.jvm=}"
else
  echo "==> no JDK 22 or later under /usr/lib/jvm: the unit tests run in Maven's JDK, and setns is tested end to end only"
fi
echo "==> mvn -B verify: unit tests (surefire), then end-to-end tests (failsafe) as user jpode2e"
limit=${JPOD_TEST_TIMEOUT:-25m}
rc=0
timeout --kill-after=30s "$limit" mvn -B -ntp -Dstyle.color=never -De2e.forks="${JPOD_E2E_FORKS:-2}" "${test_jvm[@]}" verify "$@" || rc=$?
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
  echo "Error: the tests did not finish within $limit (JPOD_TEST_TIMEOUT) and were stopped" >&2
fi
exit "$rc"
