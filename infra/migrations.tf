# Apply finishes the job: migrate runs inside it, once the proxy can reach the
# database, and again whenever a migration, a role secret or a generated key
# secret changes. It applies pending migrations, gives the proxy's roles their
# passwords and fills the generated key secrets; a run with nothing to do changes
# nothing, and two runs serialise on a PostgreSQL advisory lock. A failed run
# fails the apply.
locals {
  migration_files = sort(fileset(local.migrations_dir, "*.sql"))
  migrations_checksum = sha256(join("\n", [
    for file in local.migration_files : "${file} ${filesha256("${local.migrations_dir}/${file}")}"
  ]))
}

resource "aws_lambda_invocation" "migrate" {
  function_name = module.function["migrate"].function_name
  input         = jsonencode({})

  triggers = {
    migrations            = local.migrations_checksum
    role_secrets          = jsonencode(module.analytics_database.role_secret_arns)
    generated_key_secrets = jsonencode(local.generated_key_secrets)
    # Known only once the proxy has registered the instance: orders the run after it.
    proxy_target = module.analytics_database.proxy_target_id
  }

  # The migrator reaches the instance (its ingress rule is in the database module)
  # and the Secrets Manager endpoint through these.
  depends_on = [
    module.analytics_database,
    module.network,
    aws_vpc_security_group_egress_rule.migrator_to_database,
    aws_vpc_security_group_egress_rule.migrator_to_endpoints,
  ]

  lifecycle {
    precondition {
      condition     = length(local.migration_files) > 0
      error_message = "No *.sql migration in ${local.migrations_dir}: set migrations_dir to the repository's shared/migrations."
    }
  }
}
