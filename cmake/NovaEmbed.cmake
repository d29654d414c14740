# Embeds a data file (a table under data/) into a generated .cpp as a string_view,
# so the binary carries its tables and never looks for files at run time.
function(nova_embed out_var symbol file)
  set(src ${PROJECT_SOURCE_DIR}/${file})
  set(out ${CMAKE_BINARY_DIR}/embedded/${symbol}.cpp)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${src} -DOUT=${out} -DSYMBOL=${symbol} -P ${PROJECT_SOURCE_DIR}/cmake/NovaEmbedRun.cmake
    DEPENDS ${src} ${PROJECT_SOURCE_DIR}/cmake/NovaEmbedRun.cmake
    VERBATIM)
  set(${out_var} ${out} PARENT_SCOPE)
endfunction()

# Embeds every file under a data directory (recursively) into a generated .cpp as three
# symbols: `<symbol>_paths[]` (paths relative to the directory, sorted), `<symbol>_contents[]`
# and `<symbol>_count`. Adding a file to the directory re-runs CMake (CONFIGURE_DEPENDS).
function(nova_embed_dir out_var symbol dir)
  set(root ${PROJECT_SOURCE_DIR}/${dir})
  file(GLOB_RECURSE files CONFIGURE_DEPENDS RELATIVE ${root} ${root}/*)
  list(SORT files)
  set(out ${CMAKE_BINARY_DIR}/embedded/${symbol}.cpp)
  set(deps)
  foreach(f IN LISTS files)
    list(APPEND deps ${root}/${f})
  endforeach()
  string(REPLACE ";" "|" file_arg "${files}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DROOT=${root} "-DFILES=${file_arg}" -DOUT=${out} -DSYMBOL=${symbol}
            -P ${PROJECT_SOURCE_DIR}/cmake/NovaEmbedDirRun.cmake
    DEPENDS ${deps} ${PROJECT_SOURCE_DIR}/cmake/NovaEmbedDirRun.cmake
    VERBATIM)
  set(${out_var} ${out} PARENT_SCOPE)
endfunction()
