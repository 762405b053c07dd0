#!/usr/bin/env bash
# make-run-initrd.sh BASE_CPIO RELAYBOX_BINARY OUT [CONFIG_INI]
# Writes OUT = BASE_CPIO followed by a small second cpio archive holding the relaybox binary, the
# shared libraries it needs (ldd, plus the OpenSSL libraries .NET loads at run time with dlopen,
# which ldd cannot see) and optionally /etc/relaybox/relaybox.ini. The kernel unpacks concatenated
# archives in order, so the base is reused untouched. Needs no root.
set -euo pipefail
base=${1:?usage: make-run-initrd.sh BASE_CPIO RELAYBOX_BINARY OUT [CONFIG_INI]}
binary=${2:?}; out=${3:?}; config=${4:-}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage/usr/bin" "$stage/etc/relaybox"
cp -L "$binary" "$stage/usr/bin/relaybox"
copy_lib() { mkdir -p "$stage$(dirname "$1")" && cp -L "$1" "$stage$1"; }
for lib in $(ldd "$binary" | grep -o '/[^ ]*'); do copy_lib "$lib"; done
# .NET's crypto shim dlopens libssl.so.3 (TLS, certificates); its dependencies come along via ldd.
for name in libssl.so.3 libcrypto.so.3; do
  lib=$(ldconfig -p | awk -v n="$name" '$1 == n && /x86-64/ { print $NF; exit }')
  [ -n "$lib" ] || { echo "make-run-initrd: $name not found on the host" >&2; exit 1; }
  copy_lib "$lib"
  for dep in $(ldd "$lib" | grep -o '/[^ ]*'); do [ -e "$stage$dep" ] || copy_lib "$dep"; done
done
[ -f /usr/lib/ssl/openssl.cnf ] && copy_lib /usr/lib/ssl/openssl.cnf
[ -n "$config" ] && cp "$config" "$stage/etc/relaybox/relaybox.ini"

(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) > "$stage.app.gz"
cat "$base" "$stage.app.gz" > "$out.tmp" && mv "$out.tmp" "$out"
rm -f "$stage.app.gz"
