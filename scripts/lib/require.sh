# Sourced by Pacte's set-up scripts: make sure a system command is there, installing its Debian
# package when this machine can (root with apt-get), or stop with the one command to run.
#   require_command COMMAND DEBIAN_PACKAGE "what it is for"
# apt-get's package lists are refreshed once per script run, before the first install.

_pacte_apt_updated=""

# `require_package PACKAGE "what it is for"`: installs a Debian package that no single command
# stands for (a server of a given major version, say), or stops with the command to run.
require_package() {
  local package=$1 why=$2
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    printf '[pacte setup] the Debian package %s is missing (%s): installing it\n' "$package" "$why"
    if [[ -z $_pacte_apt_updated ]]; then
      timeout 600 apt-get update -qq || { printf '[pacte setup] apt-get update failed: cannot install %s\n' "$package" >&2; exit 1; }
      _pacte_apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq "$package" >/dev/null ||
      { printf '[pacte setup] apt-get install %s failed: it is needed for %s\n' "$package" "$why" >&2; exit 1; }
    return 0
  fi
  printf '[pacte setup] the package %s is missing; it is needed for %s. Install it with:\n  sudo apt-get update && sudo apt-get install -y %s\n' "$package" "$why" "$package" >&2
  exit 1
}

require_command() {
  local cmd=$1 package=$2 why=$3
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    printf '[pacte setup] %s is missing (%s): installing the Debian package %s\n' "$cmd" "$why" "$package"
    if [[ -z $_pacte_apt_updated ]]; then
      timeout 600 apt-get update -qq || { printf '[pacte setup] apt-get update failed: cannot install %s\n' "$package" >&2; exit 1; }
      _pacte_apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq "$package" >/dev/null ||
      { printf '[pacte setup] apt-get install %s failed: %s is needed for %s\n' "$package" "$cmd" "$why" >&2; exit 1; }
    command -v "$cmd" >/dev/null 2>&1 && return 0
    printf '[pacte setup] %s is still missing after installing %s\n' "$cmd" "$package" >&2
    exit 1
  fi
  printf '[pacte setup] %s is missing; it is needed for %s. Install it with:\n  sudo apt-get update && sudo apt-get install -y %s\n' "$cmd" "$why" "$package" >&2
  exit 1
}
