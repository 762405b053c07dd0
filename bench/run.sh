#!/usr/bin/env bash
# Load benchmark: relaybox (native-AOT binary) against the reference Postfix + Dovecot SASL set-up, same
# machine, same load generator, same run. Prints a table of figures and ratios and writes the raw
# JSON under bench/results/. Usage: bash bench/run.sh [--no-postfix] [--reps N]
# Delivery (accepted -> upstream 250, also against Postfix): bash bench/run.sh delivery [--no-postfix] [--reps N]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${RELAYBOX_SHARED:-$root/../shared}
if [ ! -x artifacts/aot/relaybox ]; then
  dotnet publish src/Appliance -r linux-x64 -c Release -o artifacts/aot
fi
script=bench/bench.py
if [ "${1:-}" = delivery ]; then script=bench/delivery.py; shift; fi
exec /usr/bin/python3 "$script" --binary artifacts/aot/relaybox \
     --anchors "$shared/anchors/postfix" --out bench/results "$@"
