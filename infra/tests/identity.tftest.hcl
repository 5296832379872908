# Who may call what: every route behind the JWT authorizer with wiring.json's
# scopes, the Cognito pool and its two clients, and the idempotency table and
# letter-id keys reachable by the command functions only.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  aws_region  = "eu-west-1"
  name_prefix = "santas-workshop"
}

# The mock gives every table and secret the same ARN; tell these apart.
override_resource {
  target = module.idempotency_table.aws_dynamodb_table.this
  values = { arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/santas-workshop-idempotency" }
}

override_resource {
  target = aws_secretsmanager_secret.letter_id_keys
  values = { arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:santas-workshop/letter-id-keys-AbCdEf" }
}

run "every_route_needs_a_token_with_one_of_its_scopes" {
  command = apply

  assert {
    condition     = alltrue([for key, route in local.wiring.routes : module.http_api.route_authorization[key].type == "JWT" && module.http_api.route_authorization[key].authorizer_id == module.http_api.authorizer_id])
    error_message = "Every route is behind the JWT authorizer: ${jsonencode(module.http_api.route_authorization)}."
  }

  assert {
    condition     = alltrue([for key, route in local.wiring.routes : module.http_api.route_authorization[key].scopes == sort(route.scopes)])
    error_message = "Every route asks for the scopes wiring.json gives it: ${jsonencode(module.http_api.route_authorization)}."
  }

  assert {
    condition     = length(module.http_api.route_authorization) == length(local.wiring.routes)
    error_message = "No route escapes the authorizer."
  }
}

run "cognito_issues_family_and_workshop_tokens" {
  command = apply

  variables {
    family_app_callback_urls = ["https://family.example/callback"]
  }

  assert {
    condition     = aws_cognito_resource_server.santa[0].identifier == "santa" && toset([for s in aws_cognito_resource_server.santa[0].scope : s.scope_name]) == toset(["letters", "operations", "workshop"])
    error_message = "The resource server santa defines the scopes letters, workshop and operations."
  }

  assert {
    condition     = toset(flatten([for route in values(local.wiring.routes) : route.scopes])) == toset([for s in aws_cognito_resource_server.santa[0].scope : "santa/${s.scope_name}"])
    error_message = "The scopes the routes ask for are exactly the ones the resource server issues."
  }

  assert {
    condition = (
      tolist(aws_cognito_user_pool_client.family_app[0].allowed_oauth_flows) == tolist(["code"]) &&
      !aws_cognito_user_pool_client.family_app[0].generate_secret &&
      contains(aws_cognito_user_pool_client.family_app[0].allowed_oauth_scopes, "santa/letters") &&
      !contains(aws_cognito_user_pool_client.family_app[0].allowed_oauth_scopes, "santa/workshop") &&
      tolist(aws_cognito_user_pool_client.family_app[0].callback_urls) == tolist(["https://family.example/callback"])
    )
    error_message = "Family apps are public clients using the authorization code flow (with PKCE), for santa/letters only, back to their callback URLs."
  }

  assert {
    condition = (
      tolist(aws_cognito_user_pool_client.workshop_tools[0].allowed_oauth_flows) == tolist(["client_credentials"]) &&
      aws_cognito_user_pool_client.workshop_tools[0].generate_secret &&
      tolist(aws_cognito_user_pool_client.workshop_tools[0].allowed_oauth_scopes) == tolist(["santa/workshop"])
    )
    error_message = "Workshop tools use client credentials with a generated secret, for santa/workshop only."
  }

  assert {
    condition = (
      module.http_api.jwt_authorizer.issuer == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE" &&
      toset(module.http_api.jwt_authorizer.audience) == toset([aws_cognito_user_pool_client.family_app[0].id, aws_cognito_user_pool_client.workshop_tools[0].id, aws_cognito_user_pool_client.console[0].id]) &&
      output.jwt_issuer == module.http_api.jwt_authorizer.issuer
    )
    error_message = "The authorizer trusts the pool's issuer and its three clients: family apps, workshop tools and the console (Cognito access tokens name the client in client_id)."
  }

  assert {
    condition     = output.token_endpoint == "https://santas-workshop-123456789012.auth.eu-west-1.amazoncognito.com/oauth2/token" && output.family_app_client_id == aws_cognito_user_pool_client.family_app[0].id && output.workshop_tools_client_id == aws_cognito_user_pool_client.workshop_tools[0].id
    error_message = "The outputs say where to get a token and with which client."
  }

  assert {
    condition     = aws_cognito_user_pool.this[0].deletion_protection == "ACTIVE"
    error_message = "The user pool (the families' accounts) is protected like the tables."
  }
}

run "a_bring_your_own_issuer_replaces_cognito" {
  command = apply

  variables {
    jwt_authorizer = { issuer = "https://login.workshop.example", audience = ["santas-workshop-api"] }
  }

  assert {
    condition     = length(aws_cognito_user_pool.this) == 0 && length(aws_cognito_user_pool_client.family_app) == 0 && output.token_endpoint == null
    error_message = "With jwt_authorizer no Cognito resource is created."
  }

  assert {
    condition     = module.http_api.jwt_authorizer.issuer == "https://login.workshop.example" && module.http_api.jwt_authorizer.audience == tolist(["santas-workshop-api"])
    error_message = "The authorizer trusts the given issuer and audience."
  }

  assert {
    condition     = alltrue([for key, route in local.wiring.routes : module.http_api.route_authorization[key].scopes == sort(route.scopes)])
    error_message = "The routes ask for the same scopes whoever issues the tokens."
  }
}

run "the_idempotency_table_is_the_command_functions_alone" {
  command = apply

  assert {
    condition = (
      output.idempotency_table_name == "santas-workshop-idempotency" &&
      module.idempotency_table.ttl_attribute == "expiration" &&
      module.idempotency_table.point_in_time_recovery_enabled
    )
    error_message = "The idempotency table is keyed by id, expires items on expiration and has PITR."
  }

  assert {
    condition = alltrue(flatten([for role, statements in local.role_statements : [
      for s in statements : role == "command" if contains(s.resources, module.idempotency_table.arn)
    ]]))
    error_message = "Only the command role's statements reach the idempotency table."
  }

  assert {
    condition     = toset(flatten([for s in local.role_statements["command"] : s.actions if contains(s.resources, module.idempotency_table.arn)])) == toset(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"])
    error_message = "Command functions may get, put, update and delete idempotency records, nothing else."
  }

  assert {
    condition = alltrue(flatten([for role, statements in local.role_statements : [
      for s in statements : contains(["command", "migrator"], role) if contains(s.resources, aws_secretsmanager_secret.letter_id_keys.arn)
    ]]))
    error_message = "Only the command functions (to read) and migrate (to fill) reach the letter-id keys."
  }
}

run "rejects_a_plain_http_callback_url" {
  command = plan

  variables {
    family_app_callback_urls = ["http://family.example/callback"]
  }

  expect_failures = [var.family_app_callback_urls]
}
