# Shared by scripts/run, scripts/test and scripts/bench. Source it.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Packages every build needs; each board adds its own in boards/<b>/packages.
# g++ builds the stack-check plugin (tools/goro-check) for every target;
# cmake and pkg-config build the outside projects that use an installed goro;
# gdb-multiarch runs tools/gdb/goro.py's checks on every board.
base_packages=(meson ninja-build python3 clang-format git g++ cmake pkg-config gdb-multiarch)

die() {
	echo "$(basename "$0"): $*" >&2
	exit 1
}

# Every board: host plus each boards/<b>/ with a cross file.
all_boards() {
	echo host
	for f in "$root"/boards/*/cross.ini; do
		basename "$(dirname "$f")"
	done
}

board_packages() {
	local f="$root/boards/$1/packages"
	[ -f "$f" ] || die "unknown board '$1' (no boards/$1/packages)"
	grep -v '^#' "$f"
}

# Install from Debian whatever of the named packages is missing. Quick and
# silent when all are present; needs root (or sudo) otherwise.
ensure_packages() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "== installing from Debian: ${missing[*]}"
	local sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq || die "apt-get update failed"
	$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
		die "apt-get install ${missing[*]} failed"
}

ensure_board_packages() {
	local pkgs=("${base_packages[@]}") b
	for b in "$@"; do
		mapfile -t -O ${#pkgs[@]} pkgs < <(board_packages "$b")
	done
	ensure_packages "${pkgs[@]}"
}

cross_args() {
	[ "$1" = host ] || echo "--cross-file=$root/boards/$1/cross.ini"
}

# board_cap DIR KEY: what the board configured in DIR has (emulator,
# hosted, flash, size, examples), from the goro-board.txt meson writes
# there from the board's board_caps (scripts/board.txt.in).
board_cap() {
	sed -n "s/^$2=//p" "$1/goro-board.txt" 2>/dev/null
}

# setup_build DIR BOARD [meson options...]: configure DIR for BOARD, or
# reconfigure it with these options if it exists. A build whose board's
# cross file has changed since it was set up is set up afresh: meson keeps
# the built-in options (c_link_args) a cross file had at the first setup.
setup_build() {
	local dir=$1 board=$2 sum=none
	shift 2
	[ "$board" = host ] || sum=$(sha1sum <"$root/boards/$board/cross.ini")
	if [ -f "$dir/build.ninja" ] && [ "$(cat "$dir/goro-cross.sum" 2>/dev/null)" != "$sum" ]; then
		rm -rf "$dir"
	fi
	if [ -f "$dir/build.ninja" ]; then
		meson setup --reconfigure "$dir" "$@" >/dev/null
	else
		rm -rf "$dir"
		# shellcheck disable=SC2046
		meson setup "$dir" $(cross_args "$board") "$@" >/dev/null || return 1
		echo "$sum" >"$dir/goro-cross.sum"
	fi
}
