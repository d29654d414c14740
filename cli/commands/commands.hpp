#pragma once
// One subcommand per file: each adds itself to the parent app and runs when chosen.
#include <CLI/CLI.hpp>

namespace nova::cli {
void add_data_validate_command(CLI::App& data);
void add_data_transform_command(CLI::App& data);
void add_data_split_command(CLI::App& data);
void add_data_show_command(CLI::App& data);
void add_whoami_command(CLI::App& app);
void add_eks_token_command(CLI::App& eks);
void add_hyperpod_check_command(CLI::App& hyperpod);
void add_train_command(CLI::App& app);
void add_evaluate_command(CLI::App& app);
void add_infer_command(CLI::App& app);
void add_recipe_show_command(CLI::App& recipe);
void add_recipe_export_command(CLI::App& recipe);
void add_job_status_command(CLI::App& job);
void add_job_stop_command(CLI::App& job);
void add_results_show_command(CLI::App& results);
void add_results_get_command(CLI::App& results);
void add_logs_command(CLI::App& app);
void add_invoke_command(CLI::App& app);
void add_deploy_create_command(CLI::App& deploy);
void add_deploy_status_command(CLI::App& deploy);
void add_deploy_list_command(CLI::App& deploy);
void add_deploy_delete_command(CLI::App& deploy);
void add_doctor_command(CLI::App& app);
void add_iam_policy_command(CLI::App& iam);
}  // namespace nova::cli
