# parse.cmake - bench_parse: SQL parser throughput (sysbench point select, TPC-H set).
add_executable(bench_parse ${CMAKE_CURRENT_SOURCE_DIR}/parse_bench.c)
target_link_libraries(bench_parse PRIVATE duet_sql)
target_compile_definitions(bench_parse PRIVATE DUET_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
