# cmake -DNOVA=<nova binary> -DOUT=<dir> -P NovaGenerateCliDocs.cmake
# Writes what the packages install beside the binary, from its own definitions:
# OUT/man/*.1, OUT/completions/nova (bash), OUT/completions/_nova (zsh).
file(REMOVE_RECURSE ${OUT}/man)
execute_process(COMMAND ${NOVA} man --output ${OUT}/man COMMAND_ERROR_IS_FATAL ANY OUTPUT_QUIET ERROR_QUIET)
file(MAKE_DIRECTORY ${OUT}/completions)
execute_process(COMMAND ${NOVA} completion bash OUTPUT_FILE ${OUT}/completions/nova COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${NOVA} completion zsh OUTPUT_FILE ${OUT}/completions/_nova COMMAND_ERROR_IS_FATAL ANY)
