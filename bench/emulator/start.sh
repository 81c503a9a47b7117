# Sourced by the benchmarks that need aws-emulator: starts it on a free loopback port with a seed file and points
# the AWS SDK environment (and any Terraform run) at it, with static test credentials and no shared config.
#   . bench/emulator/start.sh; start_emulator <emulator-binary> <seed.json> <work-dir>
# Sets emulator_pid and endpoint (http://127.0.0.1:PORT); stop_emulator kills it (call it from the EXIT trap).
emulator_pid=""
endpoint=""

start_emulator() {
  local bin=$1 seed=$2 work=$3
  "$bin" --listen 127.0.0.1:0 --seed "$seed" >"$work/emulator.out" 2>"$work/emulator.err" &
  emulator_pid=$!
  for _ in $(seq 100); do
    grep -q 'http://' "$work/emulator.out" 2>/dev/null && break
    sleep 0.1
  done
  endpoint=$(grep -o 'http://[^ ]*' "$work/emulator.out" | head -1 | sed 's#/*$##')
  if [ -z "$endpoint" ]; then
    echo "emulator did not start:" >&2
    cat "$work/emulator.err" >&2
    return 1
  fi
  export AWS_ENDPOINT_URL="$endpoint" AWS_REGION=us-west-2 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
  export AWS_CONFIG_FILE="$work/none" AWS_SHARED_CREDENTIALS_FILE="$work/none" AWS_EC2_METADATA_DISABLED=true
  unset AWS_PROFILE
}

stop_emulator() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
    emulator_pid=""
  fi
  return 0
}
