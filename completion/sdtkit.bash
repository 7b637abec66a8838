# SPDX-License-Identifier: MIT
# sdtkit.bash: bash completion for sdtkit (installed as
# share/bash-completion/completions/sdtkit): subcommands, their options and
# option values, provider files (*.d) where a command takes one, objects
# (*.o) after it for object, any file for list, check, diff and --binary.
# Self-contained: it needs none of bash-completion's helpers.

_sdtkit_files() { # _sdtkit_files CUR [GLOB]: files matching GLOB, and directories
	local IFS=$'\n'
	if [ -n "$2" ]; then
		COMPREPLY+=($(compgen -f -X "!$2" -- "$1") $(compgen -d -S / -- "$1"))
	else
		COMPREPLY+=($(compgen -f -- "$1"))
	fi
}

_sdtkit() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local cmd=${COMP_WORDS[1]} opts i nposit=0
	local cmds='header object list check diff bpftrace tapset doc dtrace --help --version'
	local cpp='-C -I -D -U'
	COMPREPLY=()
	compopt +o nospace 2>/dev/null

	if [ "$COMP_CWORD" = 1 ]; then
		COMPREPLY=($(compgen -W "$cmds" -- "$cur"))
		return
	fi

	# the value of the option before the cursor
	case $prev in
	-o) _sdtkit_files "$cur"; return ;;
	-I) local IFS=$'\n'; COMPREPLY=($(compgen -d -- "$cur")); return ;;
	-D | -U | -P | --as) return ;;
	-p) COMPREPLY=($(compgen -W "$(ls /proc 2>/dev/null | grep '^[0-9]*$')" -- "$cur")); return ;;
	--binary) _sdtkit_files "$cur"; return ;;
	-s) _sdtkit_files "$cur" '*.d'; return ;;
	esac
	# --opt=value
	case $cur in
	--format=*)
		case $cmd in
		list) opts='table notes json' ;;
		diff) opts='text json' ;;
		doc) opts='markdown man' ;;
		esac
		COMPREPLY=($(compgen -P --format= -W "$opts" -- "${cur#--format=}"))
		return ;;
	--semaphores=*) COMPREPLY=($(compgen -P --semaphores= -W 'hidden default none' -- "${cur#*=}")); return ;;
	--tracer=*) COMPREPLY=($(compgen -P --tracer= -W 'bpftrace bcc libbpf gdb systemtap' -- "${cur#*=}")); return ;;
	--floats=*) COMPREPLY=($(compgen -P --floats= -W 'native bits' -- "${cur#*=}")); return ;;
	--sites=*) COMPREPLY=($(compgen -P --sites= -W 'sdt fast' -- "${cur#*=}")); return ;;
	--target=*)
		COMPREPLY=($(compgen -P --target= -W 'x86_64 i386 aarch64 arm armhf riscv64 riscv32 ppc64le ppc64 s390x' -- "${cur#*=}"))
		return ;;
	--like=*) local IFS=$'\n'; COMPREPLY=($(compgen -P --like= -f -X '!*.o' -- "${cur#*=}")); return ;;
	--provider-file=*) local IFS=$'\n'; COMPREPLY=($(compgen -P --provider-file= -f -X '!*.d' -- "${cur#*=}")); return ;;
	--macro-prefix=*) return ;;
	--depfile=*) local IFS=$'\n'; COMPREPLY=($(compgen -P --depfile= -f -- "${cur#*=}")); return ;;
	esac

	case $cmd in
	header) opts="-o --disabled --macro-prefix= --floats= --sites= --semaphores= --depfile= $cpp" ;;
	object) opts="-o --libtool --target= --like= --semaphores= --depfile= $cpp" ;;
	list) opts='--format= -P -p --provider-file= -C -I -D -U' ;;
	check) opts="--tracer= $cpp" ;;
	diff) opts="--format= $cpp --" ;;
	bpftrace | tapset) opts="-o --as --binary $cpp" ;;
	doc) opts="--format= -o $cpp" ;;
	dtrace) opts='-h -G -s -o -C -I -D -U' ;;
	*) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi

	# positional: how many come before the cursor (option values skipped)
	for ((i = 2; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-o | -I | -D | -U | -P | -p | --as | --binary | -s) i=$((i + 1)) ;;
		-*) ;;
		*) nposit=$((nposit + 1)) ;;
		esac
	done
	case $cmd:$nposit in
	header:0 | doc:0 | bpftrace:0 | tapset:0 | check:0 | object:0) _sdtkit_files "$cur" '*.d' ;;
	object:*) _sdtkit_files "$cur" '*.o' ;;
	header:* | doc:* | bpftrace:* | tapset:*) ;;
	dtrace:*) _sdtkit_files "$cur" '*.o' ;;
	*) _sdtkit_files "$cur" ;;
	esac
}
complete -F _sdtkit sdtkit
