#!/usr/bin/env bash
# Install everything Nianbao needs on a fresh machine (idempotent).
#   scripts/setup.sh          -> .venv with the project and its pinned dependencies
#   scripts/setup.sh --test   -> also the test extras, Chromium + ChromeDriver and CJK fonts
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
extras=""
[ "$want_test" = 1 ] && extras="[test]"
stamp=".venv/.installed$extras-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/pip install -q --disable-pip-version-check -e ".$extras"
  touch "$stamp"
fi

# apt_install [OPTIONS] PACKAGE...: install Debian packages (none given: nothing), never
# starting their services (nginx would otherwise start on port 80 where no policy forbids it).
apt_install() {
  local packages=() arg
  for arg in "$@"; do [ "${arg#-}" = "$arg" ] && packages+=("$arg"); done
  [ "${#packages[@]}" -gt 0 ] || return 0
  local SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "setup.sh: installing Debian packages: ${packages[*]}" >&2
  local policy=/usr/sbin/policy-rc.d added=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod +x "$policy" && added=1
  fi
  local rc=0
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null || rc=$?
  if [ "$added" = 1 ]; then $SUDO rm -f "$policy"; fi
  return "$rc"
}

# LibreOffice (headless, no GUI toolkits) converts legacy .doc/.wps/.xls/.et files;
# OpenCV (pulled in by rapidocr-onnxruntime for OCR) loads libGL and GLib.
missing=()
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui libreoffice-calc-nogui)
# python3-uno: one LibreOffice kept running per process converts each file in ~0.3 s (office.py)
/usr/bin/python3 -c 'import uno' 2>/dev/null || missing+=(python3-uno)
ldconfig -p | grep -q 'libGL.so.1 ' || missing+=(libgl1)
ldconfig -p | grep -q 'libglib-2.0.so.0 ' || missing+=(libglib2.0-0)
apt_install --no-install-recommends "${missing[@]}"

if [ "$want_test" = 1 ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
  command -v unzip >/dev/null || missing+=(unzip)
  [ -x /usr/sbin/nginx ] || missing+=(nginx)  # tests/portal/test_proxy.py runs deploy/nginx.conf
  apt_install "${missing[@]}"
fi

# axe-core, the accessibility rules tests/browser runs inside Chromium: a pinned version
# from the npm registry (tarball checked against its published integrity) into .cache/axe-core/.
AXE_VERSION=4.10.3
AXE_INTEGRITY="sha512-Xm7bpRXnDSX2YE2YFfBk2FnF0ep6tmG7xPh8iHee8MIcrgq762Nkce856dYtJYLkuIoYZvGfTs/PbZhideTcEg=="
if [ "$want_test" = 1 ] && [ "$(cat .cache/axe-core/VERSION 2>/dev/null)" != "$AXE_VERSION" ]; then
  command -v npm >/dev/null || apt_install --no-install-recommends npm
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent "axe-core@$AXE_VERSION" >/dev/null)
  got="sha512-$(openssl dgst -sha512 -binary "$work/axe-core-$AXE_VERSION.tgz" | base64 -w0)"
  if [ "$got" != "$AXE_INTEGRITY" ]; then
    echo "setup.sh: axe-core-$AXE_VERSION.tgz does not match its pinned integrity" >&2; rm -rf "$work"; exit 1
  fi
  mkdir -p .cache/axe-core
  tar -xzf "$work/axe-core-$AXE_VERSION.tgz" -C .cache/axe-core --strip-components=1 package/axe.min.js package/LICENSE
  echo "$AXE_VERSION" > .cache/axe-core/VERSION
  rm -rf "$work"
fi
