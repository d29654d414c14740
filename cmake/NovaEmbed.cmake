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
