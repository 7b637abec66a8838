# SPDX-License-Identifier: FSFAP
# Copyright (C) 2026 The sdtkit authors
#
# Copying and distribution of this file, with or without modification, are
# permitted in any medium without royalty provided the copyright notice and
# this notice are preserved. This file is offered as-is, without any warranty.
#
# SdtkitProbes.cmake: USDT probes from a DTrace provider file (provider.d) for CMake
#
# One file, three ways to get it:
#
#   find_package(sdtkit 1.0)       the installed package (lib/cmake/sdtkit) loads
#                                  this file and defines sdtkit::sdtkit
#   add_subdirectory(sdtkit)       sdtkit's source tree (or FetchContent of it)
#                                  builds the tool as part of your build
#   include(cmake/SdtkitProbes.cmake)   a copy of this file in your project; it
#                                  looks for an installed `sdtkit` program
#
# Functions
#
#   sdtkit_add_probes(<target> <provider.d>
#                     [HEADER <name.h>]
#                     [ENABLE AUTO|ON|OFF]
#                     [MACRO_PREFIX <pfx>]
#                     [SEMAPHORES hidden|default|none]
#                     [SITES sdt|fast]
#                     [CPP] [INCLUDE_DIRECTORIES <dir>...] [COMPILE_DEFINITIONS <def>...]
#                     [DISABLED_HEADER <file.h>])
#
#     Generates the probe header <name.h> (default: <provider>_probes.h, from
#     the .d file's name) under ${CMAKE_CURRENT_BINARY_DIR}/sdtkit/<target>/,
#     puts that directory on <target>'s (private) include path, and, when
#     tracing is enabled, links the semaphore object (`sdtkit object`) into
#     <target>. Call it in the directory that creates <target>.
#
#       add_library(minipy SHARED lib/eval.c lib/gc.c lib/parse.c)
#       sdtkit_add_probes(minipy minipy.d HEADER minipy_probes.h)
#       # lib/eval.c: #include "minipy_probes.h"  ... MINIPY_GC_START(gen);
#
#     <target> may be an executable, or a SHARED, MODULE, STATIC or OBJECT
#     library. A STATIC library carries its semaphore object in the archive:
#     an executable or shared library that links the archive gets working
#     probes (the archive must be POSITION_INDEPENDENT_CODE for the latter).
#     An OBJECT library hands the object to the targets that link it with
#     target_link_libraries(); one that takes $<TARGET_OBJECTS:lib> instead
#     also links the object itself:
#       target_link_libraries(prog PRIVATE $<TARGET_PROPERTY:lib,SDTKIT_OBJECT>)
#
#     ENABLE (default: the cache variable SDTKIT_DTRACE):
#       AUTO  probes when sdtkit is found and a real probe compiles and links
#             with <sys/sdt.h> and this compiler; else the no-op header
#       ON    the same, but configuring fails with the reason when it cannot
#       OFF   the no-op header (`sdtkit header --disabled`): the same macros,
#             compiled to nothing; no object is linked, <sys/sdt.h> is not needed
#
#     MACRO_PREFIX, SEMAPHORES: `sdtkit header --macro-prefix`, `--semaphores`
#     (SEMAPHORES none: no object, ENABLED() is always 1).
#     SITES (default: the cache variable SDTKIT_SITES): `sdtkit header --sites`.
#     With fast, on an x86-64 compiler the target is also compiled with
#     -mno-red-zone and SDTKIT_NO_RED_ZONE defined (the fast site's call
#     writes below %rsp when traced); elsewhere the sites are the standard ones.
#     CPP, INCLUDE_DIRECTORIES, COMPILE_DEFINITIONS: run the C preprocessor on
#     the .d file first (`sdtkit -C -I <dir> -D <def>`; relative directories
#     are taken from CMAKE_CURRENT_SOURCE_DIR). Every file the preprocessor
#     reads is a dependency of the generated files (`sdtkit --depfile`, a
#     DEPFILE: with Ninja, and with Makefiles from CMake 3.20).
#
#     DISABLED_HEADER: a copy of `sdtkit header --disabled [--macro-prefix=..]
#     provider.d` kept in your source tree. It is used only when tracing is off
#     and no sdtkit is found, so that your project still configures and builds
#     on a machine without sdtkit; without it, that case is a configure error.
#     When an installed sdtkit is found at configure time, the copy is compared
#     with what sdtkit writes and a warning says how to refresh it. (Why a
#     kept copy: the no-op header is sdtkit's output, type checks included; a
#     second generator written in CMake would drift from it.)
#
#     The check behind AUTO and ON links a small program with the project's
#     compiler and flags (C, else CXX), once per build tree; the semaphore
#     object is made for that program's target (`sdtkit object --like`), so a
#     cross build gets an object for its machine. A target whose own options
#     change the machine or ABI (-m32 on one target only) is not supported.
#
#     After the call, <target>'s properties SDTKIT_ENABLED (ON or OFF),
#     SDTKIT_HEADER (the generated header's path) and SDTKIT_OBJECT (the
#     semaphore object's path, or empty) tell what was done:
#
#       get_target_property(on minipy SDTKIT_ENABLED)
#       if(on)
#         message(STATUS "minipy has probes")
#       endif()
#
#   sdtkit_add_tracers(<target> <provider.d>
#                      [DESTINATION <dir>]
#                      [TAPSET_DESTINATION <dir>] [BPFTRACE_DESTINATION <dir>]
#                      [NAME <name>]
#                      [CPP] [INCLUDE_DIRECTORIES <dir>...] [COMPILE_DEFINITIONS <def>...])
#
#     The tracer-side files for the probes <target> carries, made once it is
#     built and installed with it, when tracing is on for it (it has probes
#     from sdtkit_add_probes(), or links a library that has them; otherwise
#     nothing is made):
#
#       <name>.stp  a SystemTap tapset (`sdtkit tapset`), installed to
#                   TAPSET_DESTINATION (default ${CMAKE_INSTALL_DATADIR}/systemtap/tapset)
#       <name>.bt   a bpftrace script (`sdtkit bpftrace`), installed as a
#                   program to BPFTRACE_DESTINATION (default
#                   ${CMAKE_INSTALL_DATADIR}/bpftrace/tools)
#
#     Both name <target>'s installed file, ${CMAKE_INSTALL_PREFIX}/<DESTINATION>/
#     <its file name>: give as DESTINATION where your install(TARGETS) puts
#     <target> (default ${CMAKE_INSTALL_BINDIR} for an executable,
#     ${CMAKE_INSTALL_LIBDIR} for a library). The prefix is the configured
#     one: `cmake --install --prefix` elsewhere leaves them naming it. <name>
#     defaults to the .d file's (minipy.d: minipy.stp, minipy.bt). <target>
#     is the executable, shared or module library the probes are linked into:
#     with a static libminipy, the program; with a shared one, the library.
#     CPP, INCLUDE_DIRECTORIES, COMPILE_DEFINITIONS: as for sdtkit_add_probes().
#
#       install(TARGETS libminipy minipy ...)
#       sdtkit_add_tracers(libminipy minipy.d)   # share/systemtap/tapset/minipy.stp
#
# Variables
#
#   SDTKIT_DTRACE       cache, AUTO (default), ON or OFF: the ENABLE of every
#                       sdtkit_add_probes() that does not give one, like
#                       --enable-dtrace:   cmake -DSDTKIT_DTRACE=ON ..
#   SDTKIT_SITES        cache, sdt (default) or fast: the SITES of every
#                       sdtkit_add_probes() that does not give one:
#                         cmake -DSDTKIT_SITES=fast ..
#   SDTKIT_EXECUTABLE   cache: the sdtkit program, looked up on PATH (and the
#                       CMake search paths) when no sdtkit::sdtkit target
#                       exists, that is, when this file was copied into a
#                       project:   cmake -DSDTKIT_EXECUTABLE=/opt/sdtkit/bin/sdtkit ..
#   SDTKIT_HAVE_SDT     cache (internal): the result of the probe check, done
#                       once per build tree; remove it (cmake -USDTKIT_HAVE_SDT)
#                       to check again after changing the compiler flags:
#                         if(SDTKIT_HAVE_SDT) ... endif()
#   SDTKIT_PROBES_VERSION  the version of this file, "1.2" (1.1: sdtkit_add_tracers;
#                         1.2: SITES): if(SDTKIT_PROBES_VERSION VERSION_LESS 1.2) ... endif()
#
# Targets
#
#   sdtkit::sdtkit      the sdtkit program (imported from the installed package
#                       or from SDTKIT_EXECUTABLE, or an alias of the target
#                       that builds it in-tree):
#                         add_custom_command(OUTPUT x.h COMMAND sdtkit::sdtkit header -o x.h x.d ...)

include_guard(GLOBAL)
# the functions keep these policies whatever the including project asks for
cmake_policy(PUSH)
cmake_policy(VERSION 3.16...3.25)

set(SDTKIT_PROBES_VERSION 1.2)

set(SDTKIT_DTRACE AUTO CACHE STRING
  "USDT probes from sdtkit_add_probes(): AUTO (when <sys/sdt.h> works), ON (required) or OFF")
set_property(CACHE SDTKIT_DTRACE PROPERTY STRINGS AUTO ON OFF)
set(SDTKIT_SITES sdt CACHE STRING
  "Probe sites from sdtkit_add_probes(): sdt (<sys/sdt.h>'s) or fast (x86-64: a 5-byte nop that Linux 6.18 traces without a trap; adds -mno-red-zone)")
set_property(CACHE SDTKIT_SITES PROPERTY STRINGS sdt fast)

# _sdtkit_tool(<var>): sdtkit::sdtkit when the tool exists, else an empty string
function(_sdtkit_tool var)
  if(NOT TARGET sdtkit::sdtkit)
    find_program(SDTKIT_EXECUTABLE sdtkit DOC "The sdtkit program")
    if(NOT SDTKIT_EXECUTABLE)
      set(${var} "" PARENT_SCOPE)
      return()
    endif()
    add_executable(sdtkit::sdtkit IMPORTED)
    set_target_properties(sdtkit::sdtkit PROPERTIES IMPORTED_LOCATION "${SDTKIT_EXECUTABLE}")
  endif()
  set(${var} sdtkit::sdtkit PARENT_SCOPE)
endfunction()

# _sdtkit_check_sdt(<ok> <why> <ref>): whether a program with a real probe
# (with a semaphore, as sdtkit's headers use them) compiles and links with
# this compiler and its flags; <ref> names that program, which tells
# `sdtkit object --like` the target (machine, class, ABI flags) when
# cross-compiling. Cached in SDTKIT_HAVE_SDT.
function(_sdtkit_check_sdt ok why ref)
  set(dir "${CMAKE_BINARY_DIR}/CMakeFiles/sdtkit")
  set(exe "${dir}/sdt-check")
  set(${ref} "${exe}" PARENT_SCOPE)
  set(${why} "" PARENT_SCOPE)
  if(DEFINED SDTKIT_HAVE_SDT AND (NOT SDTKIT_HAVE_SDT OR EXISTS "${exe}"))
    set(${ok} "${SDTKIT_HAVE_SDT}" PARENT_SCOPE)
    if(NOT SDTKIT_HAVE_SDT)
      set(${why} "${_SDTKIT_SDT_WHY}" PARENT_SCOPE)
    endif()
    return()
  endif()

  get_property(languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  if("C" IN_LIST languages)
    set(src "${dir}/sdt-check.c")
  elseif("CXX" IN_LIST languages)
    set(src "${dir}/sdt-check.cpp")
  else()
    set(${ok} FALSE PARENT_SCOPE)
    set(${why} "the project enables neither C nor CXX" PARENT_SCOPE)
    return()
  endif()
  file(WRITE "${src}" [=[
/* written by SdtkitProbes.cmake: does a probe with a semaphore compile and link? */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>
__extension__ unsigned short sdtkit_check_probe_semaphore
	__attribute__((__section__(".probes"), __visibility__("hidden")));
int
main(int argc, char **argv)
{
	if (sdtkit_check_probe_semaphore)
		STAP_PROBE2(sdtkit_check, probe, argc, argv[0]);
	return 0;
}
]=])
  message(STATUS "Checking whether <sys/sdt.h> probes compile and link")
  # an executable, whatever the toolchain file says: `--like` reads its ELF header
  set(CMAKE_TRY_COMPILE_TARGET_TYPE EXECUTABLE)
  file(REMOVE "${exe}")
  try_compile(works "${dir}/check" SOURCES "${src}"
    OUTPUT_VARIABLE out COPY_FILE "${exe}" COPY_FILE_ERROR copy_error)
  if(works AND copy_error)
    set(works FALSE)
    set(out "${copy_error}")
  endif()
  set(reason "")
  if(works)
    message(STATUS "Checking whether <sys/sdt.h> probes compile and link - yes")
  else()
    # the compiler's first error says it best ("sys/sdt.h: No such file or directory")
    string(REGEX MATCH "error: [^\r\n]*" reason "${out}")
    string(REGEX REPLACE "^error: " "" reason "${reason}")
    if(reason STREQUAL "")
      set(reason "see ${CMAKE_BINARY_DIR}/CMakeFiles/CMakeError.log")
    endif()
    set(reason "a probe does not compile and link with <sys/sdt.h> and this compiler "
      "(${reason}): install systemtap-sdt-dev, or make <sys/sdt.h> visible to the compiler")
    string(CONCAT reason ${reason})
    message(STATUS "Checking whether <sys/sdt.h> probes compile and link - no")
    file(APPEND "${CMAKE_BINARY_DIR}/CMakeFiles/CMakeError.log"
      "Checking whether <sys/sdt.h> probes compile and link failed:\n${out}\n\n")
  endif()
  set(SDTKIT_HAVE_SDT "${works}" CACHE INTERNAL "Whether <sys/sdt.h> probes compile and link")
  set(_SDTKIT_SDT_WHY "${reason}" CACHE INTERNAL "Why they do not")
  set(${ok} "${works}" PARENT_SCOPE)
  set(${why} "${reason}" PARENT_SCOPE)
endfunction()

# _sdtkit_check_fast(<ok>): whether this compiler makes x86-64 (LP64) code and
# takes -mno-red-zone: there a fast site is the 5-byte nop that Linux 6.18
# traces with a call instead of a trap, and that call writes below %rsp, so
# the files that hold sites are built without the red zone. Cached in
# SDTKIT_FAST_X86_64.
function(_sdtkit_check_fast ok)
  if(NOT DEFINED SDTKIT_FAST_X86_64)
    set(dir "${CMAKE_BINARY_DIR}/CMakeFiles/sdtkit")
    get_property(languages GLOBAL PROPERTY ENABLED_LANGUAGES)
    if("C" IN_LIST languages)
      set(src "${dir}/fast-check.c")
    else()
      set(src "${dir}/fast-check.cpp")
    endif()
    file(WRITE "${src}" [=[
/* written by SdtkitProbes.cmake: x86-64 (LP64) code, and -mno-red-zone taken? */
#if !defined __x86_64__ || defined __ILP32__
#error "not x86-64: fast sites are the standard ones here"
#endif
int main(void) { return 0; }
]=])
    try_compile(works "${dir}/fast-check" SOURCES "${src}" COMPILE_DEFINITIONS -mno-red-zone)
    set(SDTKIT_FAST_X86_64 "${works}" CACHE INTERNAL
      "Whether fast probe sites are x86-64's 5-byte nop, built with -mno-red-zone")
  endif()
  set(${ok} "${SDTKIT_FAST_X86_64}" PARENT_SCOPE)
endfunction()

# _sdtkit_check_copy(<copy> <args...>): warns when the kept no-op header
# differs from what the installed sdtkit writes with <args>
function(_sdtkit_check_copy copy)
  get_target_property(imported sdtkit::sdtkit IMPORTED)
  if(NOT imported)
    return() # built in this build: not there yet
  endif()
  get_target_property(exe sdtkit::sdtkit IMPORTED_LOCATION)
  set(fresh "${CMAKE_CURRENT_BINARY_DIR}/sdtkit/disabled-check.h")
  file(MAKE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/sdtkit")
  execute_process(COMMAND "${exe}" ${ARGN} -o "${fresh}"
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(rc EQUAL 0)
    file(READ "${fresh}" want)
    file(READ "${copy}" have)
    if(NOT want STREQUAL have)
      string(REPLACE ";" " " cmd "sdtkit ${ARGN} -o ${copy}")
      message(WARNING "sdtkit_add_probes: '${copy}' differs from what sdtkit writes; "
        "refresh it with:\n  ${cmd}")
    endif()
  endif()
  file(REMOVE "${fresh}")
endfunction()

# _sdtkit_call_error(<var> <target> <unparsed>): why a call naming <target>
# cannot go on (arguments left unparsed; not a target, or an alias or imported
# one), or an empty string
function(_sdtkit_call_error var target unparsed)
  set(why "")
  if(unparsed)
    set(why "unknown arguments: ${unparsed}")
  elseif(NOT TARGET ${target})
    set(why "'${target}' is not a target")
  else()
    get_target_property(aliased ${target} ALIASED_TARGET)
    get_target_property(imported ${target} IMPORTED)
    if(aliased OR imported)
      set(why "'${target}' is an alias or imported target; name the real one")
    endif()
  endif()
  set(${var} "${why}" PARENT_SCOPE)
endfunction()

# _sdtkit_cpp_options(<var> <cpp> <dirs> <defs>): the sdtkit options that run
# the C preprocessor (-C -I -D), from CPP, INCLUDE_DIRECTORIES (relative to
# the current source directory) and COMPILE_DEFINITIONS
function(_sdtkit_cpp_options var cpp dirs defs)
  set(opts "")
  if(cpp OR dirs OR defs)
    list(APPEND opts -C)
    foreach(dir IN LISTS dirs)
      get_filename_component(dir "${dir}" ABSOLUTE)
      list(APPEND opts -I "${dir}")
    endforeach()
    foreach(def IN LISTS defs)
      list(APPEND opts -D "${def}")
    endforeach()
  endif()
  set(${var} "${opts}" PARENT_SCOPE)
endfunction()

# _sdtkit_depfile(<opts> <args> <tool> <file>): for a provider file read
# through the preprocessor, the sdtkit options (--depfile) and the
# add_custom_command() arguments (DEPFILE) that make the generated file
# depend on every header the preprocessor read, recorded in <file>; both
# empty where the generator (Ninja; Makefiles from CMake 3.20) or the tool
# (an installed sdtkit older than --depfile) cannot
function(_sdtkit_depfile opts args tool file)
  set(${opts} "" PARENT_SCOPE)
  set(${args} "" PARENT_SCOPE)
  if(NOT (CMAKE_GENERATOR MATCHES "Ninja" OR
          (CMAKE_GENERATOR MATCHES "Makefiles" AND NOT CMAKE_VERSION VERSION_LESS 3.20)))
    return()
  endif()
  if(NOT DEFINED SDTKIT_HAS_DEPFILE)
    set(has YES)
    get_target_property(imported ${tool} IMPORTED)
    if(imported)
      get_target_property(exe ${tool} IMPORTED_LOCATION)
      execute_process(COMMAND "${exe}" --help OUTPUT_VARIABLE help ERROR_QUIET)
      if(NOT help MATCHES "--depfile")
        set(has NO)
      endif()
    endif()
    set(SDTKIT_HAS_DEPFILE ${has} CACHE INTERNAL "sdtkit writes dependency files (--depfile)")
  endif()
  if(SDTKIT_HAS_DEPFILE)
    set(${opts} "--depfile=${file}" PARENT_SCOPE)
    set(${args} DEPFILE "${file}" PARENT_SCOPE)
  endif()
endfunction()

function(sdtkit_add_probes target dfile)
  cmake_parse_arguments(PARSE_ARGV 2 arg "CPP"
    "HEADER;ENABLE;MACRO_PREFIX;SEMAPHORES;SITES;DISABLED_HEADER"
    "INCLUDE_DIRECTORIES;COMPILE_DEFINITIONS")
  set(me "sdtkit_add_probes(${target})")
  _sdtkit_call_error(why ${target} "${arg_UNPARSED_ARGUMENTS}")
  if(why)
    message(SEND_ERROR "${me}: ${why}")
    return()
  endif()
  get_target_property(type ${target} TYPE)
  get_target_property(srcdir ${target} SOURCE_DIR)
  if(NOT type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
    message(SEND_ERROR "${me}: cannot add probes to a target of type ${type}")
    return()
  endif()
  if(NOT srcdir STREQUAL CMAKE_CURRENT_SOURCE_DIR)
    message(SEND_ERROR "${me}: call it in the directory that creates '${target}' (${srcdir})")
    return()
  endif()
  get_target_property(done ${target} SDTKIT_HEADER)
  if(done)
    message(SEND_ERROR "${me}: '${target}' has probes already (${done})")
    return()
  endif()

  if(NOT DEFINED arg_ENABLE)
    set(arg_ENABLE "${SDTKIT_DTRACE}")
  endif()
  string(TOUPPER "${arg_ENABLE}" enable)
  if(NOT enable MATCHES "^(AUTO|ON|OFF)$")
    message(SEND_ERROR "${me}: ENABLE (or SDTKIT_DTRACE) is '${arg_ENABLE}', not AUTO, ON or OFF")
    return()
  endif()
  if(NOT DEFINED arg_SEMAPHORES)
    set(arg_SEMAPHORES hidden)
  endif()
  if(NOT arg_SEMAPHORES MATCHES "^(hidden|default|none)$")
    message(SEND_ERROR "${me}: SEMAPHORES is '${arg_SEMAPHORES}', not hidden, default or none")
    return()
  endif()
  if(NOT DEFINED arg_SITES)
    set(arg_SITES "${SDTKIT_SITES}")
  endif()
  if(NOT arg_SITES MATCHES "^(sdt|fast)$")
    message(SEND_ERROR "${me}: SITES (or SDTKIT_SITES) is '${arg_SITES}', not sdt or fast")
    return()
  endif()
  get_filename_component(dfile "${dfile}" ABSOLUTE)
  if(NOT EXISTS "${dfile}")
    message(SEND_ERROR "${me}: '${dfile}' does not exist")
    return()
  endif()
  get_filename_component(base "${dfile}" NAME_WE)
  if(NOT DEFINED arg_HEADER)
    set(arg_HEADER "${base}_probes.h")
  endif()
  if(IS_ABSOLUTE "${arg_HEADER}")
    message(SEND_ERROR "${me}: HEADER '${arg_HEADER}' must be a name, not a path")
    return()
  endif()
  if(DEFINED arg_DISABLED_HEADER)
    get_filename_component(arg_DISABLED_HEADER "${arg_DISABLED_HEADER}" ABSOLUTE)
    if(NOT EXISTS "${arg_DISABLED_HEADER}")
      message(SEND_ERROR "${me}: DISABLED_HEADER '${arg_DISABLED_HEADER}' does not exist")
      return()
    endif()
  endif()

  # the options both commands share
  _sdtkit_cpp_options(opts "${arg_CPP}" "${arg_INCLUDE_DIRECTORIES}" "${arg_COMPILE_DEFINITIONS}")
  set(hopts "")
  if(DEFINED arg_MACRO_PREFIX)
    list(APPEND hopts "--macro-prefix=${arg_MACRO_PREFIX}")
  endif()

  # enabled or not, and why
  _sdtkit_tool(tool)
  set(enabled OFF)
  set(why "ENABLE is OFF")
  if(NOT enable STREQUAL "OFF")
    if(NOT tool)
      set(why "no sdtkit program was found (install sdtkit, or set SDTKIT_EXECUTABLE)")
    else()
      _sdtkit_check_sdt(works why ref)
      if(works)
        set(enabled ON)
      endif()
    endif()
    if(enable STREQUAL "ON" AND NOT enabled)
      message(SEND_ERROR "${me}: ENABLE is ON, but ${why}. "
        "To build without probes, use ENABLE OFF or -DSDTKIT_DTRACE=OFF.")
      return()
    endif()
  endif()

  if(tool AND DEFINED arg_DISABLED_HEADER)
    _sdtkit_check_copy("${arg_DISABLED_HEADER}" header --disabled ${hopts} ${opts} "${dfile}")
  endif()

  set(outdir "${CMAKE_CURRENT_BINARY_DIR}/sdtkit/${target}")
  set(header "${outdir}/${arg_HEADER}")
  get_filename_component(hdir "${header}" DIRECTORY)
  file(MAKE_DIRECTORY "${hdir}")
  set(object "")
  if(enabled)
    set(sopts "")
    if(arg_SITES STREQUAL "fast")
      message(STATUS "${me}: probes enabled, fast sites")
      set(sopts --sites=fast)
      _sdtkit_check_fast(x86_64)
      if(x86_64)
        target_compile_options(${target} PRIVATE -mno-red-zone)
        target_compile_definitions(${target} PRIVATE SDTKIT_NO_RED_ZONE)
      endif()
    else()
      message(STATUS "${me}: probes enabled")
    endif()
    set(hdep "")
    set(hdeparg "")
    if(opts)
      _sdtkit_depfile(hdep hdeparg ${tool} "${header}.d")
    endif()
    add_custom_command(OUTPUT "${header}"
      COMMAND ${tool} header "--semaphores=${arg_SEMAPHORES}" ${sopts} ${hopts} ${opts} ${hdep}
              -o "${header}" "${dfile}"
      DEPENDS "${dfile}" ${tool}
      ${hdeparg}
      VERBATIM
      COMMENT "Generating probe header ${arg_HEADER} from ${base}.d")
    if(NOT arg_SEMAPHORES STREQUAL "none")
      set(object "${outdir}/${base}_semaphores.o")
      set(odep "")
      set(odeparg "")
      if(opts)
        _sdtkit_depfile(odep odeparg ${tool} "${object}.d")
      endif()
      add_custom_command(OUTPUT "${object}"
        COMMAND ${tool} object "--semaphores=${arg_SEMAPHORES}" "--like=${ref}" ${opts} ${odep}
                -o "${object}" "${dfile}"
        DEPENDS "${dfile}" ${tool} "${ref}"
        ${odeparg}
        VERBATIM
        COMMENT "Generating probe semaphores ${base}_semaphores.o from ${base}.d")
      target_sources(${target} PRIVATE "${object}")
      if(type STREQUAL "OBJECT_LIBRARY")
        # object libraries pass on compiled objects only: hand it to their users
        target_link_libraries(${target} INTERFACE "$<BUILD_INTERFACE:${object}>")
      endif()
    endif()
  elseif(tool)
    message(STATUS "${me}: probes disabled: ${why}")
    set(hdep "")
    set(hdeparg "")
    if(opts)
      _sdtkit_depfile(hdep hdeparg ${tool} "${header}.d")
    endif()
    add_custom_command(OUTPUT "${header}"
      COMMAND ${tool} header --disabled ${hopts} ${opts} ${hdep} -o "${header}" "${dfile}"
      DEPENDS "${dfile}" ${tool}
      ${hdeparg}
      VERBATIM
      COMMENT "Generating no-op probe header ${arg_HEADER} from ${base}.d")
  elseif(DEFINED arg_DISABLED_HEADER)
    message(STATUS "${me}: probes disabled: ${why}; "
      "using ${arg_DISABLED_HEADER}")
    add_custom_command(OUTPUT "${header}"
      COMMAND "${CMAKE_COMMAND}" -E copy "${arg_DISABLED_HEADER}" "${header}"
      DEPENDS "${arg_DISABLED_HEADER}"
      VERBATIM
      COMMENT "Copying no-op probe header ${arg_HEADER}")
  else()
    message(SEND_ERROR "${me}: tracing is off (${why}), and without sdtkit the no-op "
      "header can come only from DISABLED_HEADER, a copy of "
      "'sdtkit header --disabled' output kept in the source tree")
    return()
  endif()

  target_sources(${target} PRIVATE "${header}")
  target_include_directories(${target} PRIVATE "$<BUILD_INTERFACE:${outdir}>")
  set_target_properties(${target} PROPERTIES
    SDTKIT_ENABLED ${enabled}
    SDTKIT_HEADER "${header}"
    SDTKIT_OBJECT "${object}")
endfunction()

function(sdtkit_add_tracers target dfile)
  cmake_parse_arguments(PARSE_ARGV 2 arg "CPP"
    "DESTINATION;TAPSET_DESTINATION;BPFTRACE_DESTINATION;NAME"
    "INCLUDE_DIRECTORIES;COMPILE_DEFINITIONS")
  set(me "sdtkit_add_tracers(${target})")
  _sdtkit_call_error(why ${target} "${arg_UNPARSED_ARGUMENTS}")
  if(why)
    message(SEND_ERROR "${me}: ${why}")
    return()
  endif()
  get_target_property(type ${target} TYPE)
  if(NOT type MATCHES "^(EXECUTABLE|SHARED_LIBRARY|MODULE_LIBRARY)$")
    message(SEND_ERROR "${me}: tracers attach to an executable, shared or module library, "
      "not to a ${type}: name the one the probes are linked into")
    return()
  endif()
  get_filename_component(dfile "${dfile}" ABSOLUTE)
  if(NOT EXISTS "${dfile}")
    message(SEND_ERROR "${me}: '${dfile}' does not exist")
    return()
  endif()

  # on when the target, or a library it links, has probes that are on
  get_target_property(enabled ${target} SDTKIT_ENABLED)
  set(found NO)
  if(NOT enabled STREQUAL "enabled-NOTFOUND")
    set(found YES)
  endif()
  if(NOT enabled)
    get_target_property(libs ${target} LINK_LIBRARIES)
    foreach(lib IN LISTS libs)
      if(TARGET "${lib}")
        get_target_property(real "${lib}" ALIASED_TARGET)
        if(NOT real)
          set(real "${lib}")
        endif()
        get_target_property(lib_enabled "${real}" SDTKIT_ENABLED)
        if(NOT lib_enabled STREQUAL "lib_enabled-NOTFOUND")
          set(found YES)
        endif()
        if(lib_enabled)
          set(enabled ON)
        endif()
      endif()
    endforeach()
  endif()
  if(NOT found)
    message(SEND_ERROR "${me}: '${target}' has no probes: call sdtkit_add_probes() on it, "
      "or on a library it links (target_link_libraries first)")
    return()
  endif()
  if(NOT enabled)
    message(STATUS "${me}: tracing is off: no tapset or bpftrace script")
    return()
  endif()
  _sdtkit_tool(tool)

  include(GNUInstallDirs)
  if(NOT DEFINED arg_DESTINATION)
    if(type STREQUAL "EXECUTABLE")
      set(arg_DESTINATION "${CMAKE_INSTALL_BINDIR}")
    else()
      set(arg_DESTINATION "${CMAKE_INSTALL_LIBDIR}")
    endif()
  endif()
  if(NOT DEFINED arg_TAPSET_DESTINATION)
    set(arg_TAPSET_DESTINATION "${CMAKE_INSTALL_DATADIR}/systemtap/tapset")
  endif()
  if(NOT DEFINED arg_BPFTRACE_DESTINATION)
    set(arg_BPFTRACE_DESTINATION "${CMAKE_INSTALL_DATADIR}/bpftrace/tools")
  endif()
  if(NOT DEFINED arg_NAME)
    get_filename_component(arg_NAME "${dfile}" NAME_WE)
  endif()
  if(IS_ABSOLUTE "${arg_DESTINATION}")
    set(installed "${arg_DESTINATION}")
  else()
    set(installed "${CMAKE_INSTALL_PREFIX}/${arg_DESTINATION}")
  endif()
  set(installed "${installed}/$<TARGET_FILE_NAME:${target}>")

  _sdtkit_cpp_options(opts "${arg_CPP}" "${arg_INCLUDE_DIRECTORIES}" "${arg_COMPILE_DEFINITIONS}")

  set(outdir "${CMAKE_CURRENT_BINARY_DIR}/sdtkit/${target}")
  file(MAKE_DIRECTORY "${outdir}")
  set(tapset "${outdir}/${arg_NAME}.stp")
  set(script "${outdir}/${arg_NAME}.bt")
  # DEPENDS on the target: made again whenever it is linked again
  add_custom_command(OUTPUT "${tapset}"
    COMMAND ${tool} tapset ${opts} --binary "$<TARGET_FILE:${target}>" --as "${installed}"
            -o "${tapset}" "${dfile}"
    DEPENDS "${dfile}" ${tool} ${target}
    VERBATIM
    COMMENT "Generating SystemTap tapset ${arg_NAME}.stp for ${target}")
  add_custom_command(OUTPUT "${script}"
    COMMAND ${tool} bpftrace ${opts} --binary "$<TARGET_FILE:${target}>" --as "${installed}"
            -o "${script}" "${dfile}"
    DEPENDS "${dfile}" ${tool} ${target}
    VERBATIM
    COMMENT "Generating bpftrace script ${arg_NAME}.bt for ${target}")
  add_custom_target(sdtkit_tracers_${target} ALL DEPENDS "${tapset}" "${script}")
  install(FILES "${tapset}" DESTINATION "${arg_TAPSET_DESTINATION}")
  install(PROGRAMS "${script}" DESTINATION "${arg_BPFTRACE_DESTINATION}")
  message(STATUS "${me}: ${arg_NAME}.stp, ${arg_NAME}.bt for ${target} in ${arg_DESTINATION}")
  set_target_properties(${target} PROPERTIES
    SDTKIT_TAPSET "${tapset}"
    SDTKIT_BPFTRACE "${script}")
endfunction()

cmake_policy(POP)
