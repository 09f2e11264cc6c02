#!/usr/bin/env bash
# Runs before `npm test` (the `pretest` script): the browser tests drive Debian's Chromium, and the
# WebGPU tests run Dawn (npm `webgpu`) on Chromium's SwiftShader Vulkan driver, which needs the
# Vulkan loader (libvulkan1). When either is missing this installs it with apt-get, as root or
# through sudo when sudo needs no password; otherwise it stops with the one command to run.
# Uses only bash built-ins besides id, dpkg-query, apt-get and sudo.
set -euo pipefail

chromium="${BACKSTEP_CHROMIUM:-/usr/bin/chromium}"

missing() {
  local out=()
  [ -x "$chromium" ] || out+=(chromium)
  [ "$(dpkg-query -W -f='${Status}' libvulkan1 2>/dev/null || true)" = "install ok installed" ] || out+=(libvulkan1)
  echo "${out[@]}"
}

if ! command -v dpkg-query >/dev/null 2>&1; then
  if [ -x "$chromium" ]; then exit 0; fi # not Debian: we cannot tell about libvulkan; the tests will say
  echo "npm test needs Chromium at $chromium and the Vulkan loader (Debian: sudo apt-get install -y chromium libvulkan1)." >&2
  exit 1
fi

read -r -a need <<<"$(missing)"
[ ${#need[@]} -eq 0 ] && exit 0

packages=("${need[@]}")
[[ " ${need[*]} " == *" chromium "* ]] && packages+=(fonts-dejavu-core) # text in the screenshots
command_line="sudo apt-get install -y ${need[*]}"

if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "npm test needs ${need[*]} (Debian packages) for the browser and WebGPU tests. Install them with" >&2
  echo "  $command_line" >&2
  echo "and run npm test again." >&2
  exit 1
fi

echo "npm test: installing ${packages[*]} with apt-get (the browser and WebGPU tests need them)" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"

read -r -a still <<<"$(missing)"
if [ ${#still[@]} -ne 0 ]; then
  echo "npm test: ${still[*]} still missing after apt-get; install by hand: $command_line" >&2
  exit 1
fi
