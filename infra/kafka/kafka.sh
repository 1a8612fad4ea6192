#!/usr/bin/env bash
# Single-node Apache Kafka 3.9.1 (KRaft, broker+controller) on 127.0.0.1,
# run straight from Maven Central jars: no Docker, no Kafka tarball.
#
#   kafka.sh fetch    copy the broker's jars into the cache (once per pom.xml)
#   kafka.sh start    fetch, format storage once, start, wait until it is ready
#   kafka.sh stop     stop the broker started by `start`
#   kafka.sh status   exit 0 if the broker is up, 1 otherwise
#   kafka.sh reset    stop and delete the run dir (data, config, log)
#
# Progress goes to stderr; on success `start` prints KAFKA_BROKERS=127.0.0.1:<port>
# as the last (and only) line on stdout. See README.md for the environment variables.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$SCRIPT_DIR/pom.xml"

KAFKA_HOME_DIR="${JINDU_KAFKA_HOME:-$HOME/.cache/jindu/kafka}"
LIBS_DIR="$KAFKA_HOME_DIR/libs"
RUN_DIR="$KAFKA_HOME_DIR/run"
DATA_DIR="$RUN_DIR/data"
PID_FILE="$RUN_DIR/kafka.pid"
LOG_FILE="$RUN_DIR/kafka.log"
SERVER_PROPS="$RUN_DIR/server.properties"
LOG4J_PROPS="$RUN_DIR/log4j.properties"
STAMP_FILE="$LIBS_DIR/.jindu-fetch.stamp"
LOCK_FILE="$KAFKA_HOME_DIR/.lock"

HOST=127.0.0.1
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT=20
# Any 22-character base64url id; fixed so the data dir stays valid across runs.
CLUSTER_ID="4L6g3nShT-eMCtK--X86sw"
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JVM_OPTS=(-Xms256m -Xmx512m -XX:+UseSerialGC -Djava.awt.headless=true)

log() { printf 'kafka.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- helpers

check_settings() {
  local setting
  for setting in "KAFKA_PORT=$PORT" "KAFKA_CONTROLLER_PORT=$CONTROLLER_PORT" \
    "KAFKA_START_TIMEOUT=$START_TIMEOUT"; do
    [[ "${setting#*=}" =~ ^[0-9]+$ ]] || die "${setting%%=*} must be a number, got '${setting#*=}'"
  done
  [[ "$PORT" != "$CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"
}

check_java() {
  command -v "$JAVA_BIN" >/dev/null || die "java not found (need Java 11+; set JAVA_HOME or PATH)"
}

# Serialise start/stop/reset/fetch so parallel callers do not race.
# fd 9 must not leak into the broker (see launch_broker).
take_lock() {
  mkdir -p "$KAFKA_HOME_DIR"
  exec 9>"$LOCK_FILE"
  flock -w 300 9 || die "could not take the lock $LOCK_FILE"
}

pom_hash() { sha256sum "$POM" | cut -d' ' -f1; }

port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

read_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(<"$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  printf '%s\n' "$pid"
}

# True if $1 is alive and is the broker we started from this run dir
# (guards against a stale pid file whose pid was reused).
is_our_broker() {
  local args
  args="$(ps -p "$1" -o args= 2>/dev/null)" || return 1
  [[ "$args" == *kafka.Kafka* && "$args" == *"$SERVER_PROPS"* ]]
}

# Prints the pid of our running broker, or fails (and drops a stale pid file).
running_pid() {
  local pid
  pid="$(read_pid)" || return 1
  if is_our_broker "$pid"; then
    printf '%s\n' "$pid"
  else
    rm -f "$PID_FILE"
    return 1
  fi
}

# A running broker keeps the port it was started with, whatever KAFKA_PORT says now.
use_running_port() {
  local port
  port="$(sed -n 's|^advertised.listeners=PLAINTEXT://.*:\([0-9]*\)$|\1|p' "$SERVER_PROPS")"
  if [[ -n "$port" && "$port" != "$PORT" ]]; then
    log "note: the running broker uses port $port (KAFKA_PORT=$PORT ignored until a restart)"
    PORT="$port"
  fi
}

ready() {
  grep -q "Kafka Server started" "$LOG_FILE" 2>/dev/null && port_open "$PORT"
}

print_log_tail() {
  [[ -f "$LOG_FILE" ]] || return 0
  log "last lines of $LOG_FILE:"
  tail -n 40 "$LOG_FILE" >&2
}

# ---------------------------------------------------------------- fetch

fetch_done() {
  [[ -f "$STAMP_FILE" && "$(<"$STAMP_FILE")" == "$(pom_hash)" ]]
}

fetch() {
  if fetch_done; then
    log "jars already in $LIBS_DIR"
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found (needed once to fetch the Kafka jars)"
  local tmp="$LIBS_DIR.tmp.$$"
  rm -rf "$tmp"
  log "fetching Kafka jars (Maven Central, cached in ~/.m2) into $LIBS_DIR (once per pom.xml)..."
  # mvn -q still prints stray colour resets; keep its output for failures only.
  if ! mvn -B -q -f "$POM" \
    org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp" >"$tmp.mvn.log" 2>&1; then
    cat "$tmp.mvn.log" >&2
    rm -rf "$tmp" "$tmp.mvn.log"
    die "mvn copy-dependencies failed"
  fi
  rm -f "$tmp.mvn.log"
  pom_hash >"$tmp/.jindu-fetch.stamp"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  log "fetched $(find "$LIBS_DIR" -name '*.jar' | wc -l) jars"
}

# ---------------------------------------------------------------- config

write_server_properties() {
  cat >"$SERVER_PROPS" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR
num.partitions=3
auto.create.topics.enable=false
delete.topic.enable=true
log.retention.hours=24
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=2
log.cleaner.dedupe.buffer.size=16777216
EOF
}

write_log4j_properties() {
  cat >"$LOG4J_PROPS" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaRaftServer=INFO
EOF
}

format_storage_once() {
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    return 0
  fi
  log "formatting storage in $DATA_DIR"
  "$JAVA_BIN" -Xmx256m -XX:+UseSerialGC -Dlog4j.configuration="file:$LOG4J_PROPS" \
    -cp "$LIBS_DIR/*" kafka.tools.StorageTool format \
    -t "$CLUSTER_ID" -c "$SERVER_PROPS" >&2 9>&- ||
    die "formatting storage failed"
}

# ---------------------------------------------------------------- start

check_ports_free() {
  local p
  for p in "$PORT" "$CONTROLLER_PORT"; do
    if port_open "$p"; then
      die "port $HOST:$p is already in use by another process" \
        "(not the broker from $RUN_DIR); free it or set KAFKA_PORT / KAFKA_CONTROLLER_PORT"
    fi
  done
}

launch_broker() {
  [[ ! -f "$LOG_FILE" ]] || mv -f "$LOG_FILE" "$LOG_FILE.prev"
  # setsid + nohup: survive the caller's terminal/process group going away.
  # 9>&- : do not hand our lock fd to the broker, or it would hold the lock forever.
  setsid nohup "$JAVA_BIN" "${JVM_OPTS[@]}" \
    -Dlog4j.configuration="file:$LOG4J_PROPS" \
    -cp "$LIBS_DIR/*" kafka.Kafka "$SERVER_PROPS" \
    </dev/null >"$LOG_FILE" 2>&1 9>&- &
  printf '%s\n' "$!" >"$PID_FILE"
  log "started broker pid $! (log: $LOG_FILE)"
}

wait_ready() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
  until ready; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      print_log_tail
      die "broker process $pid exited during startup (if its data dir is broken: kafka.sh reset)"
    fi
    if ((SECONDS >= deadline)); then
      print_log_tail
      die "broker not ready after ${START_TIMEOUT}s (pid $pid still running; try: kafka.sh stop)"
    fi
    sleep 0.5
  done
}

start() {
  local pid started=$SECONDS
  if pid="$(running_pid)"; then
    use_running_port
    if ready; then
      log "already running (pid $pid) on $HOST:$PORT"
    else
      log "broker pid $pid is running but not ready yet; waiting"
      wait_ready "$pid"
    fi
    echo "KAFKA_BROKERS=$HOST:$PORT"
    return 0
  fi
  check_ports_free
  check_java
  fetch
  mkdir -p "$RUN_DIR" "$DATA_DIR"
  write_server_properties
  write_log4j_properties
  format_storage_once
  launch_broker
  wait_ready "$(read_pid)"
  log "ready on $HOST:$PORT after $((SECONDS - started))s"
  echo "KAFKA_BROKERS=$HOST:$PORT"
}

# ---------------------------------------------------------------- stop / status / reset

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    log "not running"
    return 0
  fi
  log "stopping broker pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after ${STOP_TIMEOUT}s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

status() {
  local pid
  if ! pid="$(running_pid)"; then
    echo "not running"
    return 1
  fi
  use_running_port
  if ready; then
    echo "running pid $pid on $HOST:$PORT"
    return 0
  fi
  echo "pid $pid is alive but $HOST:$PORT is not ready"
  return 1
}

reset() {
  stop
  if [[ -d "$RUN_DIR" ]]; then
    rm -rf "$RUN_DIR"
    log "deleted $RUN_DIR"
  fi
}

usage() {
  sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

main() {
  local cmd="${1:-}"
  case "$cmd" in
  fetch | start | stop | status | reset) ;;
  *) usage ;;
  esac
  check_settings
  if [[ "$cmd" != status ]]; then take_lock; fi
  "$cmd"
}

main "$@"
