#!/usr/bin/env bash
# build-gpio-vm.sh WORK_DIR -- builds (once per kernel version) what the VM tests boot:
#   WORK_DIR/<KVER>/vmlinuz        Debian's kernel image, downloaded and extracted, never installed
#   WORK_DIR/<KVER>/gpio-sim.ko    the GPIO simulator, built out of tree (Debian's kernel lacks it)
#   WORK_DIR/<KVER>/base.cpio.gz   busybox, the kernel modules, /init and the control agent
# The relaybox binary is not in the base: make-run-initrd.sh appends it per run as a second cpio
# archive, so rebuilding relaybox never rebuilds this. Needs root (apt-get, module build) and a
# Debian 12 x86_64 host. Idempotent: a second run with nothing changed takes about a second.
set -euo pipefail

WORK=${1:?usage: build-gpio-vm.sh WORK_DIR}
# Pinned so every CI run boots the same kernel; linux-source must be the same version, because
# gpio-sim.c includes the kernel's private drivers/gpio/gpiolib.h.
KVER=${KVER:-6.1.0-56-amd64}
KMAJ=$(echo "$KVER" | cut -d. -f1,2)   # 6.1.0-56-amd64 -> 6.1, 6.12.117+deb12-amd64 -> 6.12
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$WORK/$KVER
export DEBIAN_FRONTEND=noninteractive LC_ALL=C

started=$(date +%s.%N)
step() {  # logs a step with the seconds elapsed since the script started
  awk -v a="$started" -v b="$(date +%s.%N)" -v msg="$*" 'BEGIN { printf "[build-gpio-vm at %5.1fs] %s\n", b-a, msg }' >&2
}
die() { echo "build-gpio-vm: $*" >&2; exit 1; }
[ "$(uname -m)" = x86_64 ] || die "x86_64 host expected"
mkdir -p "$OUT"

# ---- 1. host packages: only asks apt when something is missing, so a cached run stays offline
packages=(qemu-system-x86 busybox-static cpio gzip xz-utils gcc make libc6-dev kmod
          "linux-headers-$KVER" "linux-source-$KMAJ")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "needs root to install: ${missing[*]}"
  step "apt-get install ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---- 2. kernel image: apt-get download + dpkg-deb -x (installing it would rewrite the host's /boot)
KDIR=$OUT/kernel
if [ ! -f "$OUT/vmlinuz" ]; then
  step "downloading linux-image-$KVER"
  rm -rf "$KDIR" "$OUT/deb" && mkdir -p "$KDIR" "$OUT/deb"
  (cd "$OUT/deb" && apt-get download -qq "linux-image-$KVER" 2>&1 | grep -v unsandboxed || true)
  dpkg-deb -x "$OUT"/deb/linux-image-"$KVER"_*.deb "$KDIR"
  for opt in CONFIG_GPIOLIB=y CONFIG_GPIO_CDEV=y CONFIG_CONFIGFS_FS=m CONFIG_DEVTMPFS=y CONFIG_SERIAL_8250_CONSOLE=y; do
    grep -q "^$opt" "$KDIR/boot/config-$KVER" || die "kernel $KVER lacks $opt"
  done
  # Keep only the two modules the guest loads; the rest of the 400 MB tree is not needed again.
  mkdir -p "$OUT/modules"
  xz -dc "$(find "$KDIR/lib/modules" -name 'configfs.ko*' | head -1)" > "$OUT/modules/configfs.ko" 2>/dev/null \
    || cp "$(find "$KDIR/lib/modules" -name 'configfs.ko*' | head -1)" "$OUT/modules/configfs.ko"
  cp "$KDIR/boot/vmlinuz-$KVER" "$OUT/vmlinuz.tmp" && mv "$OUT/vmlinuz.tmp" "$OUT/vmlinuz"
  rm -rf "$KDIR" "$OUT/deb"
fi

# ---- 3. gpio-sim.ko: Debian builds neither GPIO_SIM nor the IRQ_SIM it needs, so both sources
# go into one out-of-tree module, from the linux-source of exactly this kernel.
MOD=$OUT/gpio-sim
if [ ! -f "$OUT/gpio-sim.ko" ]; then
  step "building gpio-sim.ko from linux-source-$KMAJ"
  rm -rf "$MOD" && mkdir -p "$MOD"
  tarball=$(ls /usr/src/linux-source-"$KMAJ".tar.* | head -1)
  # Decompressing the whole 140 MB tarball to get three files is the slow part (~20 s).
  tar -xf "$tarball" -C "$MOD" --strip-components=3 "linux-source-$KMAJ/drivers/gpio/gpio-sim.c" \
    "linux-source-$KMAJ/drivers/gpio/gpiolib.h" "linux-source-$KMAJ/kernel/irq/irq_sim.c"
  mv "$MOD/gpio-sim.c" "$MOD/gpio-sim-main.c"
  # irq_to_desc() is not exported to modules; generic_handle_irq() does the same and is.
  sed -i 's/handle_simple_irq(irq_to_desc(irqnum));/generic_handle_irq(irqnum);/' "$MOD/irq_sim.c"
  ! grep -q irq_to_desc "$MOD/irq_sim.c" || die "irq_sim.c patch did not apply"
  printf 'obj-m := gpio-sim.o\ngpio-sim-y := gpio-sim-main.o irq_sim.o\n' > "$MOD/Makefile"
  make -s -C "/lib/modules/$KVER/build" M="$MOD" modules 2>&1 | grep -v -e 'Skipping BTF' -e '^$' >&2 || true
  [ -f "$MOD/gpio-sim.ko" ] || die "gpio-sim.ko build failed"
  strip --strip-debug -o "$OUT/gpio-sim.ko" "$MOD/gpio-sim.ko"
  rm -rf "$MOD"
fi

# ---- 4. base initramfs, rebuilt when the guest scripts or busybox change
# Contents only (no paths), so the key is the same however WORK_DIR was spelt.
key=$(cat "$HERE"/guest/* "$HERE"/tools/* /bin/busybox "$OUT/gpio-sim.ko" "$OUT/modules/configfs.ko" | sha256sum | cut -c1-16)
if [ "$(cat "$OUT/base.key" 2>/dev/null)" != "$key" ] || [ ! -f "$OUT/base.cpio.gz" ]; then
  step "building base initramfs"
  R=$OUT/rootfs
  rm -rf "$R" && mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,run,etc/relaybox,var/lib/relaybox,var/log,lib/modules}
  cp /bin/busybox "$R/bin/busybox"
  for applet in $(/bin/busybox --list); do [ -e "$R/bin/$applet" ] || ln -s busybox "$R/bin/$applet"; done
  cp "$OUT/gpio-sim.ko" "$OUT/modules/configfs.ko" "$R/lib/modules/"
  install -m 0755 "$HERE/guest/init" "$R/init"
  # A static helper so the guest needs no libgpiod (whose bookworm tools speak the old v1 uAPI).
  gcc -O2 -static -o "$R/usr/bin/gpio-lines" "$HERE/tools/gpio-lines.c"
  strip "$R/usr/bin/gpio-lines"
  for f in "$HERE"/guest/*; do [ "$(basename "$f")" = init ] || install -m 0755 "$f" "$R/usr/bin/"; done
  (cd "$R" && find . | cpio -o -H newc --quiet | gzip -6) > "$OUT/base.cpio.gz.tmp"
  mv "$OUT/base.cpio.gz.tmp" "$OUT/base.cpio.gz"
  echo "$key" > "$OUT/base.key"
  rm -rf "$R"
fi

step "done: $OUT"
echo "$OUT"
