# Builds rust/zython-zephyr with cargo as a staticlib for the board's CPU and links it into Zephyr.
# SPDX-License-Identifier: MIT

# zython_rust_target(<out-var>): the Rust target triple for the current Kconfig (CPU, FPU, ABI).
# Float ABI: Zephyr passes -mfloat-abi=hard only with CONFIG_FPU (and CONFIG_FP_HARDABI), so
# FPU-capable cores without CONFIG_FPU use the soft-float ("eabi") targets.
function(zython_rust_target out)
  if(NOT "${CONFIG_ZYTHON_RUST_TARGET}" STREQUAL "")
    set(${out} ${CONFIG_ZYTHON_RUST_TARGET} PARENT_SCOPE)
    return()
  endif()
  set(hf "")
  if(CONFIG_FPU AND CONFIG_FP_HARDABI)
    set(hf "hf")
  endif()
  if(CONFIG_ARCH_POSIX)
    if(CONFIG_64BIT)
      set(t x86_64-unknown-linux-gnu)
    else()
      set(t i686-unknown-linux-gnu)
    endif()
  elseif(CONFIG_CPU_CORTEX_M0 OR CONFIG_CPU_CORTEX_M0PLUS OR CONFIG_CPU_CORTEX_M1)
    set(t thumbv6m-none-eabi)
  elseif(CONFIG_CPU_CORTEX_M3)
    set(t thumbv7m-none-eabi)
  elseif(CONFIG_CPU_CORTEX_M4 OR CONFIG_CPU_CORTEX_M7)
    set(t thumbv7em-none-eabi${hf})
  elseif(CONFIG_ARMV8_M_MAINLINE)
    set(t thumbv8m.main-none-eabi${hf})
  elseif(CONFIG_ARMV8_M_BASELINE)
    set(t thumbv8m.base-none-eabi)
  elseif(CONFIG_RISCV)
    if(CONFIG_RISCV_ISA_RV32E)
      message(FATAL_ERROR "Zython: RV32E has no stable Rust target; set CONFIG_ZYTHON_RUST_TARGET")
    endif()
    if(CONFIG_64BIT)
      # Rust's riscv64 bare-metal targets are imac (soft float) and gc (lp64d).
      if(CONFIG_FPU AND CONFIG_CPU_HAS_FPU_DOUBLE_PRECISION)
        set(t riscv64gc-unknown-none-elf)
      else()
        set(t riscv64imac-unknown-none-elf)
      endif()
    else()
      set(ext i)
      if(CONFIG_RISCV_ISA_EXT_M)
        string(APPEND ext m)
      endif()
      if(CONFIG_RISCV_ISA_EXT_A)
        string(APPEND ext a)
      endif()
      if(CONFIG_FPU AND CONFIG_RISCV_ISA_EXT_F)
        string(APPEND ext f)
      endif()
      if(CONFIG_RISCV_ISA_EXT_C)
        string(APPEND ext c)
      endif()
      # Rust has riscv32i, im, imc, imac, imafc (plus ima): pick the largest one the CPU covers.
      foreach(cand imafc imac ima imc im i)
        set(ok TRUE)
        string(LENGTH ${cand} n)
        math(EXPR last "${n} - 1")
        foreach(i RANGE 0 ${last})
          string(SUBSTRING ${cand} ${i} 1 letter)
          string(FIND ${ext} ${letter} pos)
          if(pos EQUAL -1)
            set(ok FALSE)
          endif()
        endforeach()
        # A hard-float target only with hard-float objects (CONFIG_FPU), soft float otherwise.
        if(ok AND (cand MATCHES "f") AND NOT (CONFIG_FPU AND CONFIG_RISCV_ISA_EXT_F))
          set(ok FALSE)
        endif()
        if(ok)
          set(t riscv32${cand}-unknown-none-elf)
          break()
        endif()
      endforeach()
    endif()
  else()
    message(FATAL_ERROR "Zython: no Rust target known for this CPU; set CONFIG_ZYTHON_RUST_TARGET")
  endif()
  set(${out} ${t} PARENT_SCOPE)
endfunction()

# zython_add_rust_library(<crate-dir> <lib-name>): run cargo every build (cargo decides what is
# stale, so rebuilds are incremental) and link the resulting .a into the Zephyr image.
function(zython_add_rust_library crate_dir lib_name)
  zython_rust_target(rust_target)
  find_program(ZYTHON_CARGO cargo HINTS $ENV{CARGO_HOME}/bin $ENV{HOME}/.cargo/bin)
  if(NOT ZYTHON_CARGO)
    message(FATAL_ERROR "Zython: cargo not found (install Rust with rustup)")
  endif()

  set(features firmware)
  if(CONFIG_ZYTHON_COMPILER)
    list(APPEND features compiler)
  endif()
  if(CONFIG_ZYTHON_FEATURE_LEVEL_FULL)
    list(APPEND features modules-full)
  elseif(CONFIG_ZYTHON_FEATURE_LEVEL_BASIC)
    list(APPEND features modules-basic)
  endif()
  if(CONFIG_ZYTHON_FS)
    list(APPEND features fs)
  endif()
  if(CONFIG_ZYTHON_FAST_PATHS)
    list(APPEND features fast-paths)
  endif()
  if(CONFIG_ZYTHON_MACHINE)
    list(APPEND features machine)
    foreach(cls PIN I2C SPI UART PWM ADC TIMER WDT RTC)
      if(CONFIG_ZYTHON_MACHINE_${cls})
        string(TOLOWER ${cls} lc)
        list(APPEND features machine-${lc})
      endif()
    endforeach()
    if(CONFIG_ZYTHON_MACHINE_TEST_HELPERS)
      list(APPEND features test-helpers)
    endif()
  endif()
  if(CONFIG_ZYTHON_ZEPHYR_MODULE)
    list(APPEND features zephyr-module)
    if(CONFIG_SENSOR)
      list(APPEND features zephyr-sensor)
    endif()
    if(CONFIG_SHELL)
      list(APPEND features zephyr-shell)
    endif()
  endif()
  string(JOIN "," features_csv ${features})

  # Frozen modules: the CMake variable ZYTHON_FROZEN_DIR, else Kconfig CONFIG_ZYTHON_FROZEN_DIR;
  # a relative folder is taken from the application's source folder. Passed to cargo (the
  # zython-frozen crate's build script) always, empty for none, so a stray shell variable does
  # not leak in.
  set(frozen_dir "${ZYTHON_FROZEN_DIR}")
  if("${frozen_dir}" STREQUAL "")
    set(frozen_dir "${CONFIG_ZYTHON_FROZEN_DIR}")
  endif()
  if(NOT "${frozen_dir}" STREQUAL "")
    get_filename_component(frozen_dir "${frozen_dir}" ABSOLUTE BASE_DIR ${APPLICATION_SOURCE_DIR})
    if(NOT IS_DIRECTORY "${frozen_dir}")
      message(FATAL_ERROR "Zython: frozen module folder ${frozen_dir} does not exist")
    endif()
    message(STATUS "Zython: frozen modules from ${frozen_dir}")
  endif()

  # The board's Rust target must be installed: add it with rustup when it is missing (once, at
  # configure time), or say which command to run when that is not possible.
  find_program(ZYTHON_RUSTUP rustup HINTS $ENV{CARGO_HOME}/bin $ENV{HOME}/.cargo/bin)
  if(ZYTHON_RUSTUP)
    execute_process(COMMAND ${ZYTHON_RUSTUP} target list --installed
      OUTPUT_VARIABLE installed_targets ERROR_QUIET)
    string(REPLACE "\n" ";" installed_targets "${installed_targets}")
    if(NOT rust_target IN_LIST installed_targets)
      message(STATUS "Zython: installing the Rust target ${rust_target} (rustup target add ${rust_target})")
      execute_process(COMMAND ${ZYTHON_RUSTUP} target add ${rust_target} RESULT_VARIABLE rc)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "Zython: the Rust target ${rust_target} is not installed and could "
          "not be added; run: rustup target add ${rust_target}")
      endif()
    endif()
  endif()

  set(cargo_target_dir ${CMAKE_BINARY_DIR}/zython-cargo)
  set(rust_lib ${cargo_target_dir}/${rust_target}/release/lib${lib_name}.a)
  message(STATUS "Zython: Rust target ${rust_target}, features ${features_csv}")

  # The release profile is adjusted through cargo's CARGO_PROFILE_* variables so that the
  # workspace's own profiles (host CLI) stay as they are: abort on panic, CONFIG_ZYTHON_RUST_OPT_LEVEL, full LTO.
  add_custom_target(zython_cargo
    COMMAND ${CMAKE_COMMAND} -E env
      CARGO_TARGET_DIR=${cargo_target_dir}
      ZYTHON_FROZEN_DIR=${frozen_dir}
      CARGO_PROFILE_RELEASE_PANIC=abort
      CARGO_PROFILE_RELEASE_OPT_LEVEL=${CONFIG_ZYTHON_RUST_OPT_LEVEL}
      CARGO_PROFILE_RELEASE_LTO=fat
      CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
      CARGO_PROFILE_RELEASE_DEBUG=1
      ${ZYTHON_CARGO} build --release
        --manifest-path ${crate_dir}/Cargo.toml
        --target ${rust_target}
        --no-default-features --features ${features_csv}
    BYPRODUCTS ${rust_lib}
    WORKING_DIRECTORY ${crate_dir}
    COMMENT "cargo: ${lib_name} for ${rust_target}"
    USES_TERMINAL
    VERBATIM)

  add_library(zython_rust STATIC IMPORTED GLOBAL)
  set_target_properties(zython_rust PROPERTIES IMPORTED_LOCATION ${rust_lib})
  add_dependencies(zython_rust zython_cargo)
  # Linked as an ordinary archive after the whole-archive Zephyr libraries: only what the shim
  # references is pulled in. libgcc is named before it: Zephyr 4.x puts -lgcc last on the link
  # line, and then the Rust archive's own soft-float and division helpers (about 3 KB more on
  # Cortex-M3 than libgcc's) would satisfy the C code's references too.
  if(NOT CONFIG_ARCH_POSIX AND CMAKE_C_COMPILER_ID STREQUAL "GNU")
    zephyr_link_libraries(gcc)
  endif()
  # CONFIG_ZYTHON_LIBC_MEM: the C library (picolibc's module target `c`) is named before the
  # Rust archive too, so memcpy/memmove/memset come from it (Zephyr 4.x links it last).
  if(CONFIG_ZYTHON_LIBC_MEM AND TARGET c)
    zephyr_link_libraries(c)
  endif()
  zephyr_link_libraries(zython_rust)
endfunction()
