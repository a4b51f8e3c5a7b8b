# Shared by scripts/run and scripts/test: find Go and install the Debian
# packages Fyne needs to build (cgo, OpenGL and X11 headers) when missing.

# The packages a Fyne desktop build needs on Debian and Ubuntu.
BUILD_PACKAGES="gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev"

GO_MIN_MINOR=26 # go.mod says go 1.26

die() { printf '%s\n' "$*" >&2; exit 1; }

# need_packages installs whichever of the given Debian packages are missing.
need_packages() {
	missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	command -v apt-get >/dev/null || die "Please install these packages:$missing"
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	echo "Installing:$missing" >&2
	$sudo apt-get update -qq >&2 || die "apt-get update failed; install by hand:$missing"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >&2 || die "Could not install:$missing"
}

# need_go makes sure Go 1.26 or newer is on PATH.
need_go() {
	[ -x /usr/local/go/bin/go ] && PATH="/usr/local/go/bin:$PATH"
	command -v go >/dev/null || die "Go 1.$GO_MIN_MINOR or newer is needed: https://go.dev/dl/"
	minor=$(go env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')
	[ "${minor:-0}" -ge "$GO_MIN_MINOR" ] || die "Go 1.$GO_MIN_MINOR or newer is needed (found $(go env GOVERSION)): https://go.dev/dl/"
	export CGO_ENABLED=1
}
