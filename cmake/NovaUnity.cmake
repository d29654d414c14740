# Unity builds (-DCMAKE_UNITY_BUILD=ON, used by `make demo`'s build-demo) compile each target's
# sources in batches, one translation unit per batch, so the heavy headers are parsed once a
# batch instead of once a file. A source whose file-local helpers share a name with another's
# in the same target (each AWS client has its own `text()` and `read_op()`, deploy two
# `kMaxNameLength`s, the CLI two `env_set()`s; recipe_tree.cpp breaks yaml-cpp's headers
# included after it) would not compile inside a batch: it stays its own translation unit until
# its helpers get distinct names.
set(nova_unity_separate
  src/aws/core/config/shared_config.cpp
  src/aws/eks/eks_client.cpp
  src/aws/iam/iam_client.cpp
  src/aws/kms/kms_client.cpp
  src/aws/logs/logs_client.cpp
  src/aws/sagemaker/endpoint_client.cpp
  src/aws/sagemaker/sagemaker_client.cpp
  src/aws/service_quotas/service_quotas_client.cpp
  src/aws/sts/sts_client.cpp
  src/deploy/sagemaker_endpoint.cpp
  src/recipes/recipe_selector.cpp
  src/recipes/recipe_tree.cpp
  cli/terminal.cpp)
if(CMAKE_UNITY_BUILD)
  list(TRANSFORM nova_unity_separate PREPEND ${PROJECT_SOURCE_DIR}/)
  set_source_files_properties(${nova_unity_separate} DIRECTORY ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/cli
    PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
endif()
