# Layering: each library sees only its own module and the modules below it.
#
# Internal headers are included as "<module>/file.hpp". Instead of putting src/ on the
# include path (which would let any module include any other), every library gets its own
# include root under the build tree holding symbolic links to exactly the modules it may
# use. An upward include ("dataset/..." from core) then fails to compile.
function(nova_layer_library name)
  cmake_parse_arguments(ARG "" "" "MODULE;SOURCES;SEES;LINK;PRIVATE_LINK" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  add_library(nova::${name} ALIAS ${name})
  set(root ${CMAKE_BINARY_DIR}/layer-roots/${name})
  file(MAKE_DIRECTORY ${root})
  foreach(mod IN LISTS ARG_MODULE ARG_SEES)
    string(REPLACE "/" "_" link_name_dir "${mod}")
    get_filename_component(parent "${root}/${mod}" DIRECTORY)
    file(MAKE_DIRECTORY ${parent})
    if(NOT EXISTS ${root}/${mod})
      file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${mod} ${root}/${mod} SYMBOLIC)
    endif()
  endforeach()
  target_include_directories(${name}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>
    PRIVATE ${root})
  set_property(TARGET ${name} PROPERTY NOVA_LAYER_ROOT ${root})
  target_link_libraries(${name} PUBLIC ${ARG_LINK} PRIVATE ${ARG_PRIVATE_LINK})
  nova_warnings(${name})
endfunction()

# Lets a test or tool see the internal headers of a library (tests are not a layer).
function(nova_see_internals target lib)
  get_target_property(root ${lib} NOVA_LAYER_ROOT)
  target_include_directories(${target} PRIVATE ${root})
endfunction()
