# The operations functions (routes /operations/…, scope santa/operations) read queue state and
# redrive DLQs. Their queues are named here rather than taken from module.consumer: the
# consumers depend on the functions, so the functions cannot depend on the consumers.
locals {
  operations_queues = {
    for name, consumer in local.wiring.consumers : name => {
      name           = "${local.name}-${name}"
      dlq_name       = "${local.name}-${name}-dlq"
      arn            = "arn:${data.aws_partition.current.partition}:sqs:${var.aws_region}:${data.aws_caller_identity.current.account_id}:${local.name}-${name}"
      dlq_arn        = "arn:${data.aws_partition.current.partition}:sqs:${var.aws_region}:${data.aws_caller_identity.current.account_id}:${local.name}-${name}-dlq"
      url            = "https://sqs.${var.aws_region}.${data.aws_partition.current.dns_suffix}/${data.aws_caller_identity.current.account_id}/${local.name}-${name}"
      dlq_url        = "https://sqs.${var.aws_region}.${data.aws_partition.current.dns_suffix}/${data.aws_caller_identity.current.account_id}/${local.name}-${name}-dlq"
      metricsService = "${local.name}-${consumer.function}"
    }
  }

  # PROJECTION_QUEUES of the operations functions (shared/lambda/config.ts checks it at cold start).
  operations_environment = {
    PROJECTION_QUEUES = jsonencode({
      for name, queue in local.operations_queues : name => { url = queue.url, dlqUrl = queue.dlq_url, metricsService = queue.metricsService }
    })
  }
}
