#include "aws/core/eventstream/event_stream_call.hpp"

#include <exception>

#include "nova/error.hpp"

namespace nova::aws::eventstream {

HttpResponse invoke_event_stream(AwsClient& client, const OperationInfo& op, const HttpRequest& request,
                                 const std::function<void(const Message&)>& on_message) {
  Decoder decoder;
  std::exception_ptr failure;
  // Errors met in the sink are kept and the transfer aborted: exceptions must not cross curl.
  const BodySink sink = [&](std::string_view chunk) {
    try {
      for (const Message& m : decoder.feed(chunk)) on_message(m);
      return true;
    } catch (...) {
      failure = std::current_exception();
      return false;
    }
  };
  HttpResponse response;
  try {
    response = client.invoke(op, request, &sink);
  } catch (const ServiceError&) {
    if (!failure) throw;
  }
  try {
    if (failure) std::rethrow_exception(failure);
    decoder.finish();
  } catch (const EventStreamError& e) {
    throw ServiceError(client.service().service_id + " " + op.name + ": " + e.what(), client.service().service_id,
                       op.name, "InvalidEventStream", 200, request_id_of(response), false);
  }
  return response;
}

}  // namespace nova::aws::eventstream
