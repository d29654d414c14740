"""Amazon Bedrock constants."""

BEDROCK_EXECUTION_ROLE_NAME = "BedrockDeployModelExecutionRole"
