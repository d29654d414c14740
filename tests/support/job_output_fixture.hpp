#pragma once
// What the results tests share: a finished (or stopped) SageMaker training job whose output
// goes to a bucket of the stand-in's moto, and objects put where that job leaves them.

#include <unistd.h>

#include <string>

#include "aws/sagemaker/sagemaker_client.hpp"
#include "aws/session/session.hpp"

namespace nova::testing {

// A job name no other test of this run uses.
inline std::string unique_job_name(const std::string& stem) {
  static int n = 0;
  return stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
}

// Creates the training job (moto completes it at once); `stopped` stops it (the stand-in
// then answers Stopped).
inline void create_job(const std::string& name, const std::string& output_s3_path, bool stopped = false) {
  aws::CreateTrainingJobRequest r;
  r.training_job_name = name;
  r.training_image = "708977205387.dkr.ecr.us-east-1.amazonaws.com/nova-evaluation-repo:SM-TJ-Eval-latest";
  r.role_arn = "arn:aws:iam::123456789012:role/Exec";
  r.instance_type = "ml.p5.48xlarge";
  r.instance_count = 1;
  r.output_s3_path = output_s3_path;
  auto sm = aws::Session().sagemaker();
  sm.create_training_job(r);
  if (stopped) sm.stop_training_job(name);
}

inline std::string put_object(const std::string& bucket, const std::string& key, std::string data) {
  aws::PutObjectRequest req;
  req.bucket = bucket;
  req.key = key;
  req.body = aws::body_from_string(std::move(data));
  aws::Session().s3().put_object(req);
  return "s3://" + bucket + "/" + key;
}

}  // namespace nova::testing
