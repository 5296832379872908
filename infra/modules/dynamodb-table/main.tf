locals {
  key_attributes = distinct(compact(concat(
    [var.hash_key, var.range_key],
    [for i in var.global_secondary_indexes : i.hash_key],
    [for i in var.global_secondary_indexes : i.range_key if i.range_key != null],
  )))
  declared_attributes = [for a in var.attributes : a.name]
}

resource "aws_dynamodb_table" "this" {
  name                        = var.name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = var.hash_key
  range_key                   = var.range_key
  deletion_protection_enabled = var.deletion_protection_enabled

  dynamic "attribute" {
    for_each = var.attributes
    content {
      name = attribute.value.name
      type = attribute.value.type
    }
  }

  dynamic "global_secondary_index" {
    for_each = var.global_secondary_indexes
    content {
      name               = global_secondary_index.value.name
      hash_key           = global_secondary_index.value.hash_key
      range_key          = global_secondary_index.value.range_key
      projection_type    = global_secondary_index.value.projection_type
      non_key_attributes = global_secondary_index.value.non_key_attributes
    }
  }

  dynamic "ttl" {
    for_each = var.ttl_attribute == null ? [] : [var.ttl_attribute]
    content {
      attribute_name = ttl.value
      enabled        = true
    }
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery_enabled
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = var.tags

  lifecycle {
    # DynamoDB rejects attribute definitions no key uses, and a key without a
    # definition; say so at plan time rather than half-way through an apply.
    precondition {
      condition     = length(setsubtract(local.key_attributes, local.declared_attributes)) == 0 && length(setsubtract(local.declared_attributes, local.key_attributes)) == 0
      error_message = "attributes must list exactly the key attributes of the table and its indexes: ${join(", ", local.key_attributes)}."
    }
  }
}
