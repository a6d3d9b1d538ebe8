#!/usr/bin/env bash
# The HTTP figures of docs/PERFORMANCE.md in one run: starts the server jar on a fresh data directory
# with the echo endpoint on, measures launch -> ready (GET /health = 200), runs the load generator's
# compare mode against it, then stops the server it started (by its PID) and removes the directory.
#
# Build first:  ./mvnw -q -DskipTests package -pl risk-server,benchmarks -am
# Run:          benchmarks/scripts/http-benchmark.sh [LoadGenerator options, e.g. --duration 20s --concurrency 32]
set -euo pipefail
cd "$(dirname "$0")/../.."

SERVER_JAR=risk-server/target/risk-server.jar
BENCH_JAR=benchmarks/target/benchmarks.jar
for jar in "$SERVER_JAR" "$BENCH_JAR"; do
  [[ -f $jar ]] || { echo "missing $jar: run ./mvnw -q -DskipTests package -pl risk-server,benchmarks -am" >&2; exit 2; }
done

PORT=${PORT:-$(( 20000 + RANDOM % 20000 ))}
TOKEN=bench-$(od -An -N16 -tx1 /dev/urandom | tr -d " \n")
DATA_DIR=$(mktemp -d -t woolguard-bench-XXXXXX)
LOG=$DATA_DIR/../$(basename "$DATA_DIR").log
SERVER_PID=
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT

# as the README's run command starts it: ZGC and the build's class-data-sharing archive (CDS=off: without
# the archive). GC_OPTS replaces the collector option (e.g. GC_OPTS=-XX:+UseG1GC CDS=off: the archive
# was dumped with ZGC; naming a second collector in SERVER_JAVA_OPTS makes the JVM refuse to start)
CDS_ARCHIVE=risk-server/target/risk-server.jsa
RUN_OPTS="${GC_OPTS:--XX:+UseZGC}"
if [[ ${CDS:-on} != off && -f $CDS_ARCHIVE ]]; then
  RUN_OPTS="$RUN_OPTS -XX:SharedArchiveFile=$CDS_ARCHIVE"
  # The JVM uses the archive only with the very jar it was dumped from (same size and modification
  # time) and otherwise starts without it, warning only in the server's log: a jar copied over the
  # built one (cp without -p) or touched starts ~40% slower, which the launch -> ready figure must not hide.
  if ! java $RUN_OPTS -Xshare:on -cp "$SERVER_JAR" -version >/dev/null 2>&1; then
    echo "warning: $CDS_ARCHIVE was not dumped from this $SERVER_JAR (rebuilt, copied or touched since), so the JVM" \
      "ignores it and launch -> ready below is without it; rebuild both with ./mvnw -q -DskipTests package -pl risk-server -am" >&2
  fi
fi
echo "server: port $PORT, data dir $DATA_DIR, log $LOG, JVM options $RUN_OPTS"
launched=$(date +%s%N)
MICRONAUT_SERVER_PORT=$PORT WOOLGUARD_DATA_DIR=$DATA_DIR WOOLGUARD_AUTH_TOKENS="$TOKEN:decide,analyst,admin" \
  WOOLGUARD_BENCH_ECHO_ENABLED=true java $RUN_OPTS ${SERVER_JAVA_OPTS:-} -jar "$SERVER_JAR" >"$LOG" 2>&1 &
SERVER_PID=$!

ready=
for _ in $(seq 1 1200); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "the server exited during start-up; last log lines:" >&2; tail -20 "$LOG" >&2; exit 1
  fi
  if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health" || true) == 200 ]]; then
    ready=$(date +%s%N)
    # user + system CPU of all the server's threads until ready (USER_HZ ticks of 10 ms): unlike the
    # wall time, it hardly moves with what else runs on the machine
    ready_cpu_ms=$(awk '{ sub(/^.*\) /, ""); print ($12 + $13) * 10 }' "/proc/$SERVER_PID/stat" 2>/dev/null || echo "?")
    break
  fi
  sleep 0.05
done
[[ -n $ready ]] || { echo "not ready within 60 s" >&2; tail -20 "$LOG" >&2; exit 1; }
awk -v ms=$(( (ready - launched) / 1000000 )) 'BEGIN { printf "launch -> ready (GET /health = 200): %.2f s (target <= 6 s)\n", ms / 1000 }'
echo "server CPU until ready: ${ready_cpu_ms} ms (user + system, all threads; load average $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo ?))"

echo "load average at the start of the load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
java ${LOADGEN_JAVA_OPTS:-} -cp "$BENCH_JAR" io.woolguard.benchmarks.load.LoadGenerator \
  --target "http://127.0.0.1:$PORT" --token "$TOKEN" --mode compare --server-pid "$SERVER_PID" "$@"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
