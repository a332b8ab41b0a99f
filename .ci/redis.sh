# shellcheck shell=bash
# Redis for the tests and the production-mode stack, sourced by .ci/run and .ci/prod-stack.
#
#   ensure_redis LOG_DIR   # starts one on 127.0.0.1:6379 unless one answers; sets REDIS_STARTED=1
#   stop_redis             # stops it again, only if ensure_redis started it

REDIS_STARTED=0

ensure_redis() {
  local log_dir=$1 _
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    printf '==> Redis is running on 127.0.0.1:6379\n'
    return
  fi
  printf '==> Starting Redis on 127.0.0.1:6379\n'
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir "${TMPDIR:-/tmp}" --logfile "$log_dir/redis.log" --pidfile "$log_dir/redis.pid"
  REDIS_STARTED=1
  for _ in $(seq 1 20); do
    redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return
    sleep 0.5
  done
  echo "Redis did not start on 127.0.0.1:6379 (log: $log_dir/redis.log)." >&2
  return 1
}

stop_redis() {
  [ "$REDIS_STARTED" -eq 1 ] || return 0
  redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1 || true
}
