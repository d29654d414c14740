// Kubernetes error answers become messages that say what to fix; paths and naming rules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/kubernetes/kube_paths.hpp"
#include "aws/kubernetes/kube_status.hpp"

namespace nova::aws::kubernetes {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

HttpResponse answer(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

TEST(KubeStatus, ForbiddenNamesTheVerbResourceGroupAndNamespace) {
  const KubeError e = kube_error(
      "create", pytorchjob_path("team-a"),
      answer(403, R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":"pytorchjobs.kubeflow.org is )"
                  R"(forbidden: User \"x\" cannot create resource","reason":"Forbidden","code":403})"),
      "nova-eks");
  EXPECT_EQ(e.code(), "Forbidden");
  EXPECT_EQ(e.http_status(), 403);
  EXPECT_EQ(e.operation(), "create pytorchjobs");
  EXPECT_THAT(std::string(e.what()), AllOf(HasSubstr("'create' on pytorchjobs (API group kubeflow.org)"),
                                           HasSubstr("namespace 'team-a'"), HasSubstr("EKS cluster 'nova-eks'"),
                                           HasSubstr("Role")));
  EXPECT_FALSE(e.retryable());
}

TEST(KubeStatus, ForbiddenLogsNameTheSubresource) {
  const KubeError e = kube_error("get", core_path("ns", "pods", "job-master-0") + "/log",
                                 answer(403, R"({"kind":"Status","reason":"Forbidden","code":403})"), "");
  EXPECT_THAT(std::string(e.what()), HasSubstr("'get' on pods/log in namespace 'ns'"));
}

TEST(KubeStatus, NotFoundTellsAMissingNamespaceFromAMissingObject) {
  const KubeError ns = kube_error(
      "create", core_path("nope", "configmaps"),
      answer(404, R"({"kind":"Status","message":"namespaces \"nope\" not found","reason":"NotFound",)"
                  R"("details":{"name":"nope","kind":"namespaces"},"code":404})"),
      "nova-eks");
  EXPECT_THAT(std::string(ns.what()), HasSubstr("namespace 'nope' does not exist"));
  const KubeError job = kube_error(
      "get", pytorchjob_path("ns", "job-1"),
      answer(404, R"({"kind":"Status","message":"pytorchjobs.kubeflow.org \"job-1\" not found","reason":"NotFound",)"
                  R"("details":{"name":"job-1","group":"kubeflow.org","kind":"pytorchjobs"},"code":404})"),
      "");
  EXPECT_THAT(std::string(job.what()), HasSubstr("pytorchjobs.kubeflow.org 'job-1' does not exist in namespace 'ns'"));
  EXPECT_EQ(job.server_message(), "pytorchjobs.kubeflow.org \"job-1\" not found");
}

TEST(KubeStatus, NotFoundPageMeansTheCrdIsNotInstalled) {
  const KubeError e = kube_error("list", pytorchjob_path("ns"), answer(404, "404 page not found\n"), "nova-eks");
  EXPECT_THAT(std::string(e.what()), AllOf(HasSubstr("CustomResourceDefinition pytorchjobs.kubeflow.org"),
                                           HasSubstr("not installed"), HasSubstr("training operator")));
  EXPECT_EQ(e.code(), "NotFound");
}

TEST(KubeStatus, AlreadyExistsNamesTheObjectFromTheStatusDetails) {
  const KubeError e = kube_error(
      "create", pytorchjob_path("ns"),
      answer(409, R"({"kind":"Status","message":"pytorchjobs.kubeflow.org \"job-1\" already exists",)"
                  R"("reason":"AlreadyExists","details":{"name":"job-1","group":"kubeflow.org","kind":"pytorchjobs"},"code":409})"),
      "");
  EXPECT_THAT(std::string(e.what()),
              AllOf(HasSubstr("pytorchjobs.kubeflow.org 'job-1' already exists in namespace 'ns'"),
                    HasSubstr("choose another job name")));
}

TEST(KubeStatus, InvalidListsTheCauses) {
  const KubeError e = kube_error(
      "create", core_path("ns", "configmaps"),
      answer(422, R"({"kind":"Status","message":"ConfigMap \"Bad\" is invalid","reason":"Invalid","code":422,)"
                  R"("details":{"name":"Bad","kind":"ConfigMap","causes":[{"field":"metadata.name","message":"Invalid value"}]}})"),
      "");
  EXPECT_THAT(std::string(e.what()), AllOf(HasSubstr("refused configmaps 'Bad'"), HasSubstr("metadata.name: Invalid value")));
}

TEST(KubeStatus, UnauthorizedPointsAtTheAccessEntry) {
  const KubeError e = kube_error("get", namespace_path("ns"), answer(401, R"({"kind":"Status","code":401})"), "nova-eks");
  EXPECT_EQ(e.code(), "Unauthorized");
  EXPECT_THAT(std::string(e.what()), HasSubstr("EKS access entry"));
}

TEST(KubeStatus, ServerErrorsAreRetryable) {
  EXPECT_TRUE(kube_error("get", namespace_path("ns"), answer(503, ""), "").retryable());
  EXPECT_TRUE(kube_error("get", namespace_path("ns"), answer(429, ""), "").retryable());
}

TEST(KubeStatus, VerbsFollowRbac) {
  EXPECT_EQ(rbac_verb("GET", pytorchjob_path("ns")), "list");
  EXPECT_EQ(rbac_verb("GET", pytorchjob_path("ns", "j")), "get");
  EXPECT_EQ(rbac_verb("POST", pytorchjob_path("ns")), "create");
  EXPECT_EQ(rbac_verb("DELETE", pytorchjob_path("ns", "j")), "delete");
}

TEST(KubePaths, BuildsAndParsesTheApiPaths) {
  EXPECT_EQ(pytorchjob_path("kubeflow", "job-1"), "/apis/kubeflow.org/v1/namespaces/kubeflow/pytorchjobs/job-1");
  EXPECT_EQ(core_path("ns", "configmaps"), "/api/v1/namespaces/ns/configmaps");
  EXPECT_EQ(namespace_path("ns"), "/api/v1/namespaces/ns");
  EXPECT_EQ(crd_path("pytorchjobs.kubeflow.org"),
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/pytorchjobs.kubeflow.org");
  const ResourceRef job = parse_path(pytorchjob_path("ns", "job-1") + "?x=1");
  EXPECT_EQ(job.group, "kubeflow.org");
  EXPECT_EQ(job.ns, "ns");
  EXPECT_EQ(job.resource, "pytorchjobs");
  EXPECT_EQ(job.name, "job-1");
  EXPECT_EQ(job.qualified_resource(), "pytorchjobs.kubeflow.org");
  const ResourceRef log = parse_path(core_path("ns", "pods", "p") + "/log");
  EXPECT_EQ(log.subresource, "log");
  EXPECT_EQ(log.group, "");
  const ResourceRef ns = parse_path(namespace_path("team"));
  EXPECT_EQ(ns.resource, "namespaces");
  EXPECT_EQ(ns.name, "team");
  EXPECT_EQ(ns.ns, "");
}

TEST(KubeNames, FollowDns1123) {
  EXPECT_EQ(dns1123_label_problem("job-1"), "");
  EXPECT_THAT(dns1123_label_problem("Job_1"), HasSubstr("lower-case letters, digits and '-'"));
  EXPECT_THAT(dns1123_label_problem("-job"), HasSubstr("start and end"));
  EXPECT_THAT(dns1123_label_problem(std::string(64, 'a')), HasSubstr("at most 63"));
  EXPECT_THAT(dns1123_label_problem(""), HasSubstr("empty"));
  EXPECT_EQ(dns1123_subdomain_problem("training-config-job.v1"), "");
  EXPECT_THAT(dns1123_subdomain_problem("a..b"), HasSubstr("empty parts"));
  EXPECT_THAT(dns1123_subdomain_problem(std::string(254, 'a')), HasSubstr("at most 253"));
}

}  // namespace
}  // namespace nova::aws::kubernetes
