# Warnings for the project's own targets (never applied to third-party code).
function(nova_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wconversion -Wno-sign-conversion)
  if(NOVA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
