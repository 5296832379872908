# The workshop console: a private bucket behind CloudFront with origin access control and
# security headers, its config.json, and a public Cognito client with the code flow.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  aws_region  = "eu-west-1"
  name_prefix = "santas-workshop"
}

override_resource {
  target = aws_cloudfront_distribution.console
  values = { domain_name = "d111111abcdef8.cloudfront.net", arn = "arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE" }
}

run "the_console_bucket_is_private_encrypted_and_owner_enforced" {
  command = apply

  assert {
    condition     = alltrue([aws_s3_bucket_public_access_block.console[0].block_public_acls, aws_s3_bucket_public_access_block.console[0].block_public_policy, aws_s3_bucket_public_access_block.console[0].ignore_public_acls, aws_s3_bucket_public_access_block.console[0].restrict_public_buckets])
    error_message = "The console bucket blocks every kind of public access."
  }

  assert {
    condition     = one(aws_s3_bucket_ownership_controls.console[0].rule).object_ownership == "BucketOwnerEnforced"
    error_message = "The console bucket enforces its owner (no ACLs)."
  }

  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.console[0].rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"
    error_message = "The console's files are encrypted at rest."
  }
}

run "cloudfront_serves_it_through_origin_access_control_with_security_headers" {
  command = apply

  assert {
    condition     = aws_cloudfront_origin_access_control.console[0].origin_access_control_origin_type == "s3" && aws_cloudfront_origin_access_control.console[0].signing_behavior == "always"
    error_message = "CloudFront signs every request to the bucket."
  }

  assert {
    condition     = one([for origin in aws_cloudfront_distribution.console[0].origin : origin.origin_access_control_id]) == aws_cloudfront_origin_access_control.console[0].id
    error_message = "The distribution reaches the bucket through its origin access control."
  }

  assert {
    condition     = one(aws_cloudfront_distribution.console[0].default_cache_behavior).viewer_protocol_policy == "redirect-to-https" && one(aws_cloudfront_distribution.console[0].default_cache_behavior).response_headers_policy_id == aws_cloudfront_response_headers_policy.console[0].id
    error_message = "The console is HTTPS only, with the security headers."
  }

  assert {
    condition     = startswith(local.console_csp, "default-src 'self'; script-src 'self'") && strcontains(local.console_csp, "https://cognito-idp.eu-west-1.amazonaws.com") && strcontains(local.console_csp, "frame-ancestors 'none'")
    error_message = "The CSP admits only the console's origin, the API and the issuer: ${local.console_csp}."
  }

  assert {
    condition     = one(one(aws_cloudfront_response_headers_policy.console[0].security_headers_config).content_security_policy).content_security_policy == local.console_csp
    error_message = "The response headers policy carries the CSP."
  }

  assert {
    condition     = contains(local.api_cors_origins, "https://d111111abcdef8.cloudfront.net")
    error_message = "The API admits the console's origin (CORS)."
  }

  assert {
    condition     = jsondecode(aws_s3_object.console_config[0].content).clientId == aws_cognito_user_pool_client.console[0].id && jsondecode(aws_s3_object.console_config[0].content).scope == "santa/workshop santa/operations"
    error_message = "config.json names the console's client and scopes."
  }
}

run "the_console_client_is_public_with_the_code_flow_back_to_the_console" {
  command = apply

  assert {
    condition     = aws_cognito_user_pool_client.console[0].generate_secret == false && aws_cognito_user_pool_client.console[0].allowed_oauth_flows == toset(["code"])
    error_message = "The console is a public client using the authorization code flow (PKCE)."
  }

  assert {
    condition     = aws_cognito_user_pool_client.console[0].callback_urls == toset(["https://d111111abcdef8.cloudfront.net/console/"])
    error_message = "Cognito sends the code back to the console only."
  }

  assert {
    condition     = contains([for scope in aws_cognito_resource_server.santa[0].scope : scope.scope_name], "operations")
    error_message = "The resource server issues santa/operations."
  }

  assert {
    condition     = contains(local.jwt_authorizer.audience, aws_cognito_user_pool_client.console[0].id)
    error_message = "The JWT authorizer accepts the console's tokens."
  }
}

run "console_enabled_false_creates_none_of_it" {
  command = plan

  variables {
    console_enabled = false
  }

  assert {
    condition     = length(aws_s3_bucket.console) == 0 && length(aws_cloudfront_distribution.console) == 0 && length(aws_cognito_user_pool_client.console) == 0
    error_message = "Without the console there is no bucket, distribution or client."
  }
}
