# Helpers shared by every module's CMakeLists.txt.

# abis_library(NAME SOURCES... [DEPS targets...]): a static library abis_NAME whose headers are
# included as "NAME/file.h" from src/.
function(abis_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(abis_${name} STATIC ${ARG_SOURCES})
  target_include_directories(abis_${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(abis_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  add_library(abis::${name} ALIAS abis_${name})
endfunction()

# abis_test(NAME SOURCES... DEPS targets... [LABELS ...]): a GoogleTest binary registered with ctest.
# Where the shared data, the sources and the abis binary are is compiled into the test support
# library (tests/CMakeLists.txt); the environment variables of the same names override it.
function(abis_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} abis_test_support GTest::gtest GTest::gtest_main)
  # Several labels travel through gtest_discover_tests as one escaped list.
  string(REPLACE ";" "\\;" labels "${ARG_LABELS}")
  gtest_discover_tests(${name}
    DISCOVERY_MODE PRE_TEST
    PROPERTIES LABELS "${labels}")
endfunction()
