# Debian packages with CPack (`make package`): one per install component.
#   libnova<SOVERSION>                 lib      libnova.so.N
#   libnova-dev                        dev      headers, libnova.a, libnova.so, CMake package, nova.pc
#   nova-cli                           cli      /usr/bin/nova, man pages, bash and zsh completion
#   python3-amzn-nova-customization-sdk python_deb  the Python module (when it is built)
# Dependencies name Debian's runtime packages of the shared libraries the binaries need; the
# package test checks them against the NEEDED entries of every ELF file in the packages.

# Debian runtime package of each third-party library libnova and nova link (bookworm names).
set(NOVA_DEB_RUNTIME_DEPENDS
  "libc6, libstdc++6, libgcc-s1, libcurl4, libssl3, libpugixml1v5, libyaml-cpp0.7, libarchive13, libsimdjson14, libfmt9")
# What libnova.a needs to link (pkg-config --static, nova::sdk_static).
set(NOVA_DEB_DEV_DEPENDS
  "libcurl4-openssl-dev | libcurl-dev, libssl-dev, libpugixml-dev, libyaml-cpp-dev, libarchive-dev, libsimdjson-dev, libfmt-dev")

set(CPACK_PACKAGE_NAME nova-sdk)
set(CPACK_PACKAGE_VENDOR "nova-sdk")
set(CPACK_PACKAGE_CONTACT "nova-sdk maintainers <nova-sdk@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Customize Amazon Nova models: C++20 SDK, nova CLI, Python module")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Debian ships debug symbols separately; stripped packages also compress in seconds.
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL ${NOVA_INSTALL_COMPONENTS})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)

set(CPACK_DEBIAN_LIB_PACKAGE_NAME libnova${PROJECT_VERSION_MAJOR})
set(CPACK_DEBIAN_LIB_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_LIB_PACKAGE_DEPENDS "${NOVA_DEB_RUNTIME_DEPENDS}")
set(CPACK_COMPONENT_LIB_DESCRIPTION "nova-sdk shared library (libnova.so.${PROJECT_VERSION_MAJOR})")

set(nova_deb_exact "(= ${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE})")
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libnova-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
  "libnova${PROJECT_VERSION_MAJOR} ${nova_deb_exact}, ${NOVA_DEB_DEV_DEPENDS}")
set(CPACK_COMPONENT_DEV_DESCRIPTION "nova-sdk headers, static library, CMake package (nova::sdk) and nova.pc")

set(CPACK_DEBIAN_CLI_PACKAGE_NAME nova-cli)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "${NOVA_DEB_RUNTIME_DEPENDS}")
set(CPACK_COMPONENT_CLI_DESCRIPTION "nova: command line for customizing Amazon Nova models")

set(CPACK_DEBIAN_PYTHON_DEB_PACKAGE_NAME python3-amzn-nova-customization-sdk)
set(CPACK_DEBIAN_PYTHON_DEB_PACKAGE_SECTION python)
# The extension module is built for one Python minor version.
set(nova_python_depends "python3")
if(NOVA_PYTHON_EXECUTABLE)
  execute_process(COMMAND ${NOVA_PYTHON_EXECUTABLE} -c "import sys; print(sys.version_info[0], sys.version_info[1])"
                  OUTPUT_VARIABLE nova_python_version OUTPUT_STRIP_TRAILING_WHITESPACE)
  separate_arguments(nova_python_version)
  list(GET nova_python_version 0 nova_py_major)
  list(GET nova_python_version 1 nova_py_minor)
  math(EXPR nova_py_next "${nova_py_minor} + 1")
  set(nova_python_depends "python3 (>= ${nova_py_major}.${nova_py_minor}), python3 (<< ${nova_py_major}.${nova_py_next})")
endif()
set(CPACK_DEBIAN_PYTHON_DEB_PACKAGE_DEPENDS "${nova_python_depends}, ${NOVA_DEB_RUNTIME_DEPENDS}")
set(CPACK_COMPONENT_PYTHON_DEB_DESCRIPTION "amzn_nova_customization_sdk: the Python module of nova-sdk")

include(CPack)
