# The workshop console: its built files (make build → dist/console) in a private bucket,
# served by CloudFront through origin access control, with security headers, and a
# config.json written here with the API URL, the issuer and its own Cognito app client.
locals {
  console         = var.console_enabled
  console_dir     = coalesce(var.console_dir, "${path.module}/../dist/console")
  console_files   = local.console ? fileset(local.console_dir, "*") : []
  console_origin  = local.console ? "https://${aws_cloudfront_distribution.console[0].domain_name}" : null
  console_scopes  = ["${local.resource_server}/workshop", "${local.resource_server}/operations"]
  console_content = { html = "text/html; charset=utf-8", js = "text/javascript; charset=utf-8", css = "text/css; charset=utf-8", json = "application/json" }

  # The API's own URL cannot appear here: its CORS names this distribution, so the policy
  # names the region's API Gateway hosts; the issuer's origins are known by name.
  console_issuer_origins = local.cognito ? [
    "https://cognito-idp.${var.aws_region}.amazonaws.com",
    "https://${local.cognito_domain}.auth.${var.aws_region}.amazoncognito.com",
  ] : [regex("^https://[^/]+", var.jwt_authorizer.issuer)]
  console_csp = join("; ", [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self' https://*.execute-api.${var.aws_region}.amazonaws.com ${join(" ", local.console_issuer_origins)}",
    "form-action 'self' ${join(" ", local.console_issuer_origins)}",
    "frame-ancestors 'none'",
    "base-uri 'self'",
  ])
}

resource "aws_s3_bucket" "console" {
  count         = local.console ? 1 : 0
  bucket_prefix = "${local.name}-console-"
  # Only build output lives here; every apply uploads it again.
  force_destroy = true
  tags          = var.tags
}

resource "aws_s3_bucket_public_access_block" "console" {
  count                   = local.console ? 1 : 0
  bucket                  = aws_s3_bucket.console[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "console" {
  count  = local.console ? 1 : 0
  bucket = aws_s3_bucket.console[0].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# SSE-S3: CloudFront's origin access control reads it with no key policy to keep in step.
resource "aws_s3_bucket_server_side_encryption_configuration" "console" {
  count  = local.console ? 1 : 0
  bucket = aws_s3_bucket.console[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

data "aws_iam_policy_document" "console_bucket" {
  count = local.console ? 1 : 0
  statement {
    sid       = "ReadByThisDistributionOnly"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.console[0].arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.console[0].arn]
    }
  }
}

resource "aws_s3_bucket_policy" "console" {
  count      = local.console ? 1 : 0
  bucket     = aws_s3_bucket.console[0].id
  policy     = data.aws_iam_policy_document.console_bucket[0].json
  depends_on = [aws_s3_bucket_public_access_block.console]
}

resource "aws_cloudfront_origin_access_control" "console" {
  count                             = local.console ? 1 : 0
  name                              = "${local.name}-console"
  description                       = "CloudFront reads the console bucket, signed"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_response_headers_policy" "console" {
  count = local.console ? 1 : 0
  name  = "${local.name}-console"

  security_headers_config {
    content_security_policy {
      content_security_policy = local.console_csp
      override                = true
    }
    content_type_options {
      override = true
    }
    frame_options {
      frame_option = "DENY"
      override     = true
    }
    referrer_policy {
      referrer_policy = "no-referrer"
      override        = true
    }
    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      override                   = true
    }
  }
}

resource "aws_cloudfront_distribution" "console" {
  count           = local.console ? 1 : 0
  enabled         = true
  comment         = "${local.name} workshop console"
  is_ipv6_enabled = true
  http_version    = "http2and3"
  price_class     = "PriceClass_100"

  origin {
    origin_id                = "console"
    domain_name              = aws_s3_bucket.console[0].bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.console[0].id
  }

  default_cache_behavior {
    target_origin_id           = "console"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    viewer_protocol_policy     = "redirect-to-https"
    compress                   = true
    cache_policy_id            = "658327ea-f89d-4fab-a63d-7e88639e58f6" # Managed-CachingOptimized
    response_headers_policy_id = aws_cloudfront_response_headers_policy.console[0].id
  }

  # Written at every deploy: never served from a cache.
  ordered_cache_behavior {
    path_pattern               = "/console/config.json"
    target_origin_id           = "console"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    viewer_protocol_policy     = "redirect-to-https"
    cache_policy_id            = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" # Managed-CachingDisabled
    response_headers_policy_id = aws_cloudfront_response_headers_policy.console[0].id
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }

  tags = var.tags
}

resource "aws_s3_object" "console_file" {
  for_each     = local.console_files
  bucket       = aws_s3_bucket.console[0].id
  key          = "console/${each.value}"
  source       = "${local.console_dir}/${each.value}"
  source_hash  = filemd5("${local.console_dir}/${each.value}")
  content_type = lookup(local.console_content, reverse(split(".", each.value))[0], "application/octet-stream")
  tags         = var.tags
}

# S3 has no index documents behind origin access control: /console/ is an object of its own.
resource "aws_s3_object" "console_index" {
  count        = local.console && contains(local.console_files, "index.html") ? 1 : 0
  bucket       = aws_s3_bucket.console[0].id
  key          = "console/"
  source       = "${local.console_dir}/index.html"
  source_hash  = filemd5("${local.console_dir}/index.html")
  content_type = local.console_content.html
  tags         = var.tags
}

resource "aws_s3_object" "console_config" {
  count         = local.console ? 1 : 0
  bucket        = aws_s3_bucket.console[0].id
  key           = "console/config.json"
  content_type  = local.console_content.json
  cache_control = "no-store"
  content = jsonencode({
    apiUrl   = module.http_api.api_url
    issuer   = local.jwt_authorizer.issuer
    clientId = local.cognito ? aws_cognito_user_pool_client.console[0].id : var.console_client_id
    scope    = join(" ", local.console_scopes)
  })
  tags = var.tags
}

# A public client (it runs in the browser): authorization code with PKCE through the hosted
# UI, back to the console's own address.
resource "aws_cognito_user_pool_client" "console" {
  count                                = local.cognito && local.console ? 1 : 0
  name                                 = "${local.name}-console"
  user_pool_id                         = aws_cognito_user_pool.this[0].id
  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = local.console_scopes
  callback_urls                        = ["${local.console_origin}/console/"]
  logout_urls                          = ["${local.console_origin}/console/"]
  supported_identity_providers         = ["COGNITO"]
  explicit_auth_flows                  = ["ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true
  access_token_validity                = 60
  id_token_validity                    = 60
  refresh_token_validity               = 1

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }

  depends_on = [aws_cognito_resource_server.santa]
}
