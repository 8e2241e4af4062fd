# Included by our test and sample apps before find_package(Zephyr): on native_sim, connect the
# console UART to the process's stdin/stdout, where Twister's harness talks to it. Zephyr 4.1
# renamed the option (NATIVE_UART_0_ON_STDINOUT -> UART_NATIVE_PTY_0_ON_STDINOUT, the old name
# deprecated); this picks the name the tree in use knows.
# SPDX-License-Identifier: MIT
set(_zy_board "${BOARD}")
if("${_zy_board}" STREQUAL "")
  set(_zy_board "$ENV{BOARD}")
endif()
if(_zy_board MATCHES "^native_sim" AND EXISTS "$ENV{ZEPHYR_BASE}/VERSION")
  file(STRINGS "$ENV{ZEPHYR_BASE}/VERSION" _zy_ver REGEX "^VERSION_(MAJOR|MINOR)")
  string(REGEX REPLACE ".*MAJOR = ([0-9]+).*MINOR = ([0-9]+).*" "\\1.\\2" _zy_ver "${_zy_ver}")
  if(_zy_ver VERSION_GREATER_EQUAL 4.1)
    list(APPEND EXTRA_CONF_FILE ${CMAKE_CURRENT_LIST_DIR}/native-stdinout-4.1.conf)
  else()
    list(APPEND EXTRA_CONF_FILE ${CMAKE_CURRENT_LIST_DIR}/native-stdinout.conf)
  endif()
endif()
unset(_zy_board)
unset(_zy_ver)
