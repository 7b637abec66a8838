# SPDX-License-Identifier: FSFAP
# Copyright (C) 2026 The sdtkit authors
#
# Copying and distribution of this file, with or without modification, are
# permitted in any medium without royalty provided the copyright notice and
# this notice are preserved. This file is offered as-is, without any warranty.
#
# sdtkit: USDT probes from a provider.d (sdtkit's templates/CMakeLists.snippet.cmake).
# Paste after project(); then, for each target with probes:
#   sdtkit_add_probes(<target> provider.d DISABLED_HEADER provider_probes_disabled.h)
# and, optionally, after install(TARGETS) of the file that holds the probes:
#   sdtkit_add_tracers(<target> provider.d)   (its tapset and bpftrace script)
# sdtkit_add_probes() comes from sdtkit built in-tree (add_subdirectory or
# FetchContent, before this), else from an installed sdtkit (find_package),
# else from a copy of sdtkit's cmake/SdtkitProbes.cmake in your cmake/ folder.
# Configure with -DSDTKIT_DTRACE=AUTO|ON|OFF (default AUTO).
if(NOT COMMAND sdtkit_add_probes)
  find_package(sdtkit 1.0 QUIET)
endif()
if(NOT COMMAND sdtkit_add_probes)
  include("${PROJECT_SOURCE_DIR}/cmake/SdtkitProbes.cmake" OPTIONAL RESULT_VARIABLE _sdtkit_module)
  if(NOT _sdtkit_module)
    message(FATAL_ERROR "sdtkit_add_probes() is missing: install sdtkit, build it in-tree, "
      "or copy sdtkit's cmake/SdtkitProbes.cmake to ${PROJECT_SOURCE_DIR}/cmake/")
  endif()
endif()
