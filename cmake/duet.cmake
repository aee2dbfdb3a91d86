# Helpers every module uses: duet_add_module() and duet_add_unit_test().

# duet_add_module(<name> SOURCES <files...> [DEPS <targets...>])
# Builds the static library duet_<name>; DEPS are linked publicly.
function(duet_add_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS" ${ARGN})
  add_library(duet_${name} STATIC ${M_SOURCES})
  target_link_libraries(duet_${name} PUBLIC ${M_DEPS})
  add_dependencies(duet_${name} duet_version_header)
endfunction()

# duet_add_unit_test(<name> SOURCES <files...> [DEPS <targets...>])
# A cmocka test binary registered with ctest under the label "unit".
function(duet_add_unit_test name)
  cmake_parse_arguments(T "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(unit_${name} ${T_SOURCES})
  target_link_libraries(unit_${name} PRIVATE ${T_DEPS} ${CMOCKA_LIBRARIES})
  target_include_directories(unit_${name} PRIVATE ${CMOCKA_INCLUDE_DIRS})
  add_test(NAME unit_${name} COMMAND unit_${name})
  set_tests_properties(unit_${name} PROPERTIES LABELS unit
    ENVIRONMENT "CMOCKA_MESSAGE_OUTPUT=STDOUT;DUET_TEST_SRC=${CMAKE_SOURCE_DIR}")
endfunction()

# duet_add_fuzz_target(<name> SOURCES <files...> [DEPS <targets...>])
# A libFuzzer binary (only when DUET_FUZZ is on); `make fuzz` runs every one of
# them, with tests/fuzz/<name>/corpus as its seed corpus when that exists.
function(duet_add_fuzz_target name)
  cmake_parse_arguments(F "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT DUET_FUZZ)
    return()
  endif()
  add_executable(${name} ${F_SOURCES})
  target_link_libraries(${name} PRIVATE ${F_DEPS})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
endfunction()
