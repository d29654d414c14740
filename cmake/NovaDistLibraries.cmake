# The libraries users receive: libnova.so (nova::sdk) and libnova.a (nova::sdk_static), both
# made from the object files the layer libraries already compiled, so shipping them costs two
# links and no compilation. Included from src/CMakeLists.txt, after every layer exists, so the
# third-party targets found there are visible.
include(GNUInstallDirs)

option(NOVA_BUILD_SHARED "Build libnova.so beside libnova.a (same objects, one more link)" ON)

# The layers are whatever the umbrella target links, so a layer added later ships too.
get_target_property(nova_dist_layers nova_sdk INTERFACE_LINK_LIBRARIES)
set(nova_dist_objects)
set(nova_dist_third_party)
foreach(layer IN LISTS nova_dist_layers)
  list(APPEND nova_dist_objects $<TARGET_OBJECTS:${layer}>)
  get_target_property(layer_links ${layer} LINK_LIBRARIES)
  foreach(dep IN LISTS layer_links)
    if(NOT dep IN_LIST nova_dist_layers)
      list(APPEND nova_dist_third_party ${dep})
    endif()
  endforeach()
endforeach()
list(REMOVE_DUPLICATES nova_dist_third_party)
set(NOVA_DIST_THIRD_PARTY ${nova_dist_third_party} CACHE INTERNAL "What libnova links, for the package's dependencies")

function(nova_dist_library name type export_name)
  add_library(${name} ${type} ${nova_dist_objects})
  set_target_properties(${name} PROPERTIES OUTPUT_NAME nova EXPORT_NAME ${export_name})
  target_include_directories(${name} INTERFACE $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
                                               $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_compile_features(${name} INTERFACE cxx_std_20)
  target_link_libraries(${name} PRIVATE ${nova_dist_third_party})
endfunction()

nova_dist_library(nova_static STATIC sdk_static)
install(TARGETS nova_static EXPORT novaStaticTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)

if(NOVA_BUILD_SHARED)
  nova_dist_library(nova_shared SHARED sdk)
  set_target_properties(nova_shared PROPERTIES VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR})
  # No undefined symbol may hide until a user's link (sanitizer runtimes are resolved by the
  # executable, so not in those builds).
  if(NOT NOVA_SANITIZE AND NOT NOVA_BUILD_FUZZ)
    target_link_options(nova_shared PRIVATE LINKER:--no-undefined)
  endif()
  install(TARGETS nova_shared EXPORT novaTargets
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT lib NAMELINK_COMPONENT dev)
endif()
