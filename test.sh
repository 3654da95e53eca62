#!/usr/bin/env bash
# The one test command: installs what the tests need, builds everything, runs every test project.
# Exits non-zero on any failure. CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")"
started=$SECONDS

# --- tools the tests use (Debian packages) --------------------------------------------------
need=()
[ -x "$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | tail -n1)" ] || need+=(postgresql)
command -v wast2json >/dev/null || need+=(wabt)
command -v clang >/dev/null     || need+=(clang)
command -v wasm-ld >/dev/null   || need+=(lld)
command -v zstd >/dev/null      || need+=(zstd)
command -v chromium >/dev/null  || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "test.sh: installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "test.sh: missing ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
    exit 2
  fi
fi
# The Debian package starts a cluster of its own; our tests start a throwaway one instead.

# --- docker-compose.yml is checked when a docker client is present (no engine is needed) ----
# `docker compose` (v2 plugin) when present, else Debian's docker-compose, installed for the check.
if command -v docker >/dev/null; then
  if docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
  else
    if ! command -v docker-compose >/dev/null && [ "$(id -u)" -eq 0 ]; then
      apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
    fi
    compose=(docker-compose)
  fi
  if command -v "${compose[0]}" >/dev/null; then
    "${compose[@]}" -f docker-compose.yml config -q
    echo "test.sh: docker-compose.yml is valid (${compose[*]})"
  fi
fi

# --- build and test -------------------------------------------------------------------------
dotnet build Replay.sln -c Release -warnaserror -p:ReplayAnalyze=true -nologo -v quiet
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
dotnet test Replay.sln -c Release --no-build -nologo -v quiet \
  --logger "console;verbosity=minimal" --logger trx --results-directory "$results" || status=$?

# One closing line for the whole run, summed over every project's TRX counters.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${total:-0} - ${p:-0} - ${f:-0}))
done
echo "test.sh: finished in $((SECONDS - started)) s"
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
