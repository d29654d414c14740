// nova: the command line for nova-sdk.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli_reference.hpp"
#include "cli_support.hpp"
#include "commands/commands.hpp"
#include "completion.hpp"
#include "group_examples.hpp"
#include "man_pages.hpp"
#include "nova/interrupt.hpp"
#include "nova/version.hpp"
#include "progress.hpp"

int main(int argc, char** argv) {
  CLI::App app{"nova: customize Amazon Nova models (data preparation, training, evaluation, deployment)", "nova"};
  app.set_version_flag("--version", std::string(nova::version()));
  app.require_subcommand(1);
  app.footer("Exit codes: 0 ok, 1 failed (e.g. invalid data, an AWS error), 2 usage, configuration or I/O error, 130 interrupted (Ctrl-C; 143 SIGTERM).\nRun 'nova <command> --help' for details.");

  CLI::App* data = app.add_subcommand("data", "Prepare datasets (local paths or s3://bucket/key): validate, transform, split, show");
  data->require_subcommand(1);
  nova::cli::add_data_validate_command(*data);
  nova::cli::add_data_transform_command(*data);
  nova::cli::add_data_split_command(*data);
  nova::cli::add_data_show_command(*data);
  nova::cli::add_train_command(app);
  nova::cli::add_evaluate_command(app);
  nova::cli::add_infer_command(app);
  CLI::App* recipe = app.add_subcommand("recipe", "Inspect training recipes: show, export");
  recipe->require_subcommand(1);
  nova::cli::add_recipe_show_command(*recipe);
  nova::cli::add_recipe_export_command(*recipe);
  CLI::App* job = app.add_subcommand("job", "Follow and stop launched jobs: status, stop");
  job->require_subcommand(1);
  nova::cli::add_job_status_command(*job);
  nova::cli::add_job_stop_command(*job);
  CLI::App* results = app.add_subcommand("results", "Evaluation metrics and batch-inference records: show, get");
  results->require_subcommand(1);
  nova::cli::add_results_show_command(*results);
  nova::cli::add_results_get_command(*results);
  CLI::App* deploy = app.add_subcommand("deploy", "Deploy trained models and look after deployments: create, status, list, delete");
  deploy->require_subcommand(1);
  nova::cli::add_deploy_create_command(*deploy);
  nova::cli::add_deploy_status_command(*deploy);
  nova::cli::add_deploy_list_command(*deploy);
  nova::cli::add_deploy_delete_command(*deploy);
  nova::cli::add_logs_command(app);
  nova::cli::add_invoke_command(app);
  CLI::App* hyperpod = app.add_subcommand("hyperpod", "SageMaker HyperPod clusters: check");
  hyperpod->require_subcommand(1);
  nova::cli::add_hyperpod_check_command(*hyperpod);
  CLI::App* eks = app.add_subcommand("eks", "EKS helpers: token (a kubectl credential plugin)");
  eks->require_subcommand(1);
  nova::cli::add_eks_token_command(*eks);
  nova::cli::add_doctor_command(app);
  CLI::App* iam = app.add_subcommand("iam", "IAM helpers: policy (least-privilege documents for a planned run)");
  iam->require_subcommand(1);
  nova::cli::add_iam_policy_command(*iam);
  nova::cli::add_whoami_command(app);
  nova::cli::add_completion_command(app);
  nova::cli::add_man_command(app);
  nova::cli::add_cli_reference_command(app);
  nova::cli::add_group_examples(app);
  nova::cli::install_progress_line();
  // Ctrl-C / SIGTERM become InterruptedError at the next check (exit 130 / 143).
  nova::install_interrupt_handlers();

  return nova::cli::run_guarded([&]() -> int {
    try {
      app.parse(argc, argv);
    } catch (const CLI::Success& e) {
      return app.exit(e);
    } catch (const CLI::ParseError& e) {
      app.exit(e);
      return nova::cli::kExitUsage;
    }
    return nova::cli::kExitOk;
  });
}
