# One page for the whole pipeline, in the order an event travels: API, command
# functions, queues and their DLQs, consumers' own metrics, database.
locals {
  function_names = { for name, function in module.function : name => function.function_name }
  consumer_services = {
    for queue, consumer in local.wiring.consumers : queue => module.function[consumer.function].environment.POWERTOOLS_SERVICE_NAME
  }

  dashboard_widgets = [
    {
      title   = "API requests and errors"
      metrics = [for metric in ["Count", "4xx", "5xx"] : ["AWS/ApiGateway", metric, "ApiId", module.http_api.api_id, { stat = "Sum" }]]
    },
    {
      title   = "Function errors"
      metrics = [for name in values(local.function_names) : ["AWS/Lambda", "Errors", "FunctionName", name, { stat = "Sum" }]]
    },
    {
      title   = "Function throttles"
      metrics = [for name in values(local.function_names) : ["AWS/Lambda", "Throttles", "FunctionName", name, { stat = "Sum" }]]
    },
    {
      title   = "Oldest message age (s)"
      metrics = [for consumer in module.consumer : ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", consumer.queue_name, { stat = "Maximum" }]]
    },
    {
      title   = "DLQ depth"
      metrics = [for consumer in module.consumer : ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", consumer.dlq_name, { stat = "Maximum" }]]
    },
    {
      title   = "Failed records"
      metrics = [for name in values(local.consumer_services) : [local.wiring.metrics.namespace, "FailedRecords", "service", name, { stat = "Sum" }]]
    },
    {
      title   = "Projection lag (ms)"
      metrics = [for name in values(local.consumer_services) : [local.wiring.metrics.namespace, "ProjectionLag", "service", name, { stat = "Maximum" }]]
    },
    {
      title = "Database"
      metrics = [
        ["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", module.analytics_database.instance_identifier, { stat = "Average" }],
        ["AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", module.analytics_database.instance_identifier, { stat = "Maximum" }],
        ["AWS/RDS", "ClientConnections", "ProxyName", module.analytics_database.proxy_name, { stat = "Maximum" }],
      ]
    },
    {
      title = "Scheduled runs (purge of expired data)"
      metrics = [for metric in ["InvocationAttemptCount", "TargetErrorCount", "InvocationsSentToDeadLetterCount", "InvocationDroppedCount"] :
        ["AWS/Scheduler", metric, "ScheduleGroup", aws_scheduler_schedule_group.this.name, { stat = "Sum" }]
      ]
    },
  ]
}

resource "aws_cloudwatch_dashboard" "pipeline" {
  dashboard_name = "${local.name}-pipeline"
  dashboard_body = jsonencode({
    widgets = [for index, widget in local.dashboard_widgets : {
      type   = "metric"
      x      = (index % 2) * 12
      y      = floor(index / 2) * 6
      width  = 12
      height = 6
      properties = {
        title   = widget.title
        region  = var.aws_region
        view    = "timeSeries"
        period  = 60
        metrics = widget.metrics
      }
    }]
  })
}
