#!/usr/bin/env bash
# Runs every relaybox test: unit, integration with real clients, and the end-to-end tests against the
# native-AOT binary. Installs what it needs first (Debian packages, NuGet restore), so it works on a
# fresh Debian 12 machine with the .NET 10 SDK. Ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

# Real clients and a real upstream for the integration tests. Debian's python3-* modules import only
# under /usr/bin/python3, which the tests call explicitly. dnsmasq-base is the real DNS server the resolver
# tests start on a loopback port.
packages=(swaks msmtp gsasl curl openssl python3-aiosmtpd libnet-ssleay-perl libio-socket-ssl-perl
          libauthen-sasl-perl libdigest-hmac-perl dnsmasq-base postfix)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  # Postfix only for its smtp-sink test upstream: installed unconfigured, so no mail daemon starts.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet restore Appliance.sln
dotnet build Appliance.sln --no-restore -c Release

# The native-AOT release binary; the end-to-end tests run against it.
dotnet publish src/Appliance -r linux-x64 -c Release -o "$root/artifacts/aot"

status=0
run_tests() { # project, results-name, binary for the integration tests (may be empty), extra dotnet test args...
  local project=$1 name=$2 binary=$3; shift 3
  RELAYBOX_BINARY="$binary" dotnet test "$project" --no-build -c Release \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
      --results-directory "$results" "$@" || status=1
}
run_tests tests/Relaybox.Smtp.Tests smtp ""
run_tests tests/Relaybox.Appliance.Tests appliance ""
run_tests tests/Relaybox.Hardware.Tests hardware ""
run_tests tests/Relaybox.Integration.Tests integration "$root/src/Appliance/bin/Release/net10.0/relaybox" --filter "Category!=Vm"
# The end-to-end subset again, against the native-AOT binary that ships.
run_tests tests/Relaybox.Integration.Tests e2e-aot "$root/artifacts/aot/relaybox" --filter "Category=EndToEnd"
# LEDs and button against a real kernel: the AOT binary in a qemu VM with gpio-sim (image/vm; first run builds it).
run_tests tests/Relaybox.Integration.Tests vm "$root/artifacts/aot/relaybox" --filter "Category=Vm"

# One closing line over every run: counters from each TRX file.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    root = ET.parse(path).getroot()
    c = root.find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed")); failed += int(c.get("failed"))
    skipped += int(c.get("notExecuted")) + int(c.get("inconclusive", 0))
    # The names and first message of failed tests last, where a log's tail shows them: every outcome that
    # is neither a pass nor a skip (Failed, Timeout, Aborted, Error), and a run that ended without
    # finishing (a crashed test host counts as failed with no test named).
    for r in root.iterfind("t:Results/t:UnitTestResult", ns):
        if r.get("outcome") in ("Passed", "NotExecuted"):
            continue
        message = r.find("t:Output/t:ErrorInfo/t:Message", ns)
        first = (message.text or "").strip().splitlines()[:3] if message is not None else []
        print(f"{r.get('outcome').upper()} {r.get('testName')}: " + " | ".join(first))
    summary = root.find("t:ResultSummary", ns)
    if summary.get("outcome") not in ("Completed", "Passed", "Failed"):
        infos = [(i.findtext("t:Text", "", ns) or "").strip().splitlines()[:2] for i in summary.iterfind("t:RunInfos/t:RunInfo", ns)]
        print(f"RUN {summary.get('outcome')} in {path.rsplit('/', 1)[-1]}: " + " | ".join(" ".join(i) for i in infos))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
