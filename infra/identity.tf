# Who may call the API. By default a Cognito user pool: families sign in through
# its hosted UI (authorization code + PKCE) and get santa/letters; workshop tools
# use client credentials and get santa/workshop. With jwt_authorizer set, your
# own OIDC issuer instead, and none of this is created.
locals {
  cognito = var.jwt_authorizer == null

  # The scopes wiring.json's routes ask for, as the resource server defines them.
  oauth_scopes = {
    letters    = "A family: send, amend, withdraw and read its own letters"
    workshop   = "Santa's elves: read every letter, its history and the analytics"
    operations = "Whoever runs the pipeline: queue and DLQ state, redrive; no letter content"
  }
  resource_server = "santa"

  # Cognito access tokens carry no aud, only client_id, which API Gateway then checks.
  jwt_authorizer = local.cognito ? {
    issuer   = "https://${aws_cognito_user_pool.this[0].endpoint}"
    audience = concat([aws_cognito_user_pool_client.family_app[0].id, aws_cognito_user_pool_client.workshop_tools[0].id], aws_cognito_user_pool_client.console[*].id)
  } : var.jwt_authorizer

  cognito_domain = "${local.name}-${data.aws_caller_identity.current.account_id}"
}

data "aws_caller_identity" "current" {}

resource "aws_cognito_user_pool" "this" {
  count                    = local.cognito ? 1 : 0
  name                     = local.name
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = var.deletion_protection ? "ACTIVE" : "INACTIVE"
  mfa_configuration        = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 3
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  tags = var.tags
}

resource "aws_cognito_user_pool_domain" "this" {
  count        = local.cognito ? 1 : 0
  domain       = local.cognito_domain
  user_pool_id = aws_cognito_user_pool.this[0].id
}

resource "aws_cognito_resource_server" "santa" {
  count        = local.cognito ? 1 : 0
  identifier   = local.resource_server
  name         = "Santa's Workshop API"
  user_pool_id = aws_cognito_user_pool.this[0].id

  dynamic "scope" {
    for_each = local.oauth_scopes
    content {
      scope_name        = scope.key
      scope_description = scope.value
    }
  }
}

# A public client (no secret, it ships inside the family app): authorization code
# flow, which Cognito completes with PKCE when the app sends a code_challenge.
resource "aws_cognito_user_pool_client" "family_app" {
  count                                = local.cognito ? 1 : 0
  name                                 = "${local.name}-family-app"
  user_pool_id                         = aws_cognito_user_pool.this[0].id
  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "${local.resource_server}/letters"]
  callback_urls                        = var.family_app_callback_urls
  logout_urls                          = var.family_app_logout_urls
  supported_identity_providers         = ["COGNITO"]
  explicit_auth_flows                  = ["ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true
  access_token_validity                = 60
  id_token_validity                    = 60
  refresh_token_validity               = 30

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }

  depends_on = [aws_cognito_resource_server.santa]
}

# A confidential client for the elves' tools: client credentials, secret generated
# by Cognito (read it with describe-user-pool-client; it is never an output).
resource "aws_cognito_user_pool_client" "workshop_tools" {
  count                                = local.cognito ? 1 : 0
  name                                 = "${local.name}-workshop-tools"
  user_pool_id                         = aws_cognito_user_pool.this[0].id
  generate_secret                      = true
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["client_credentials"]
  allowed_oauth_scopes                 = ["${local.resource_server}/workshop"]
  supported_identity_providers         = ["COGNITO"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true
  access_token_validity                = 60

  token_validity_units {
    access_token = "minutes"
  }

  depends_on = [aws_cognito_resource_server.santa]
}
