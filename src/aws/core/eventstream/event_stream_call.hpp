#pragma once
// Sending a request whose answer is an AWS event stream (ConverseStream,
// InvokeEndpointWithResponseStream): the body is decoded as it arrives and each message handed
// over at once, so a caller can show text while the model is still writing.

#include <functional>

#include "aws/core/aws_client.hpp"
#include "aws/core/eventstream/event_stream.hpp"

namespace nova::aws::eventstream {

// Returns the response (its body went to the decoder). An exception thrown by `on_message`
// aborts the transfer and is rethrown as is; a corrupt or truncated stream throws
// nova::ServiceError with code "InvalidEventStream"; error answers throw as AwsClient::invoke does.
HttpResponse invoke_event_stream(AwsClient& client, const OperationInfo& op, const HttpRequest& request,
                                 const std::function<void(const Message&)>& on_message);

}  // namespace nova::aws::eventstream
