variable "name" {
  description = "Table name (3-255 of letters, digits, _ . -)"
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.name))
    error_message = "name must be 3 to 255 letters, digits, underscores, dots or hyphens."
  }
}

variable "hash_key" {
  description = "Partition key attribute name"
  type        = string
  default     = "pk"
}

variable "range_key" {
  description = "Sort key attribute name, or null for a table without one"
  type        = string
  default     = "sk"
}

variable "attributes" {
  description = "Key attributes of the table and its indexes: name and type (S string, N number, B binary). List exactly the attributes used as keys"
  type = list(object({
    name = string
    type = string
  }))
  default = [{ name = "pk", type = "S" }, { name = "sk", type = "S" }]
  validation {
    condition     = alltrue([for a in var.attributes : contains(["S", "N", "B"], a.type)])
    error_message = "attribute types must be S, N or B."
  }
  validation {
    condition     = length(distinct([for a in var.attributes : a.name])) == length(var.attributes)
    error_message = "attribute names must be unique."
  }
}

variable "global_secondary_indexes" {
  description = "Global secondary indexes: name, hash_key, optional range_key, projection_type (ALL, KEYS_ONLY or INCLUDE) and, for INCLUDE, non_key_attributes"
  type = list(object({
    name               = string
    hash_key           = string
    range_key          = optional(string)
    projection_type    = optional(string, "ALL")
    non_key_attributes = optional(list(string))
  }))
  default = []
  validation {
    condition     = alltrue([for i in var.global_secondary_indexes : contains(["ALL", "KEYS_ONLY", "INCLUDE"], i.projection_type)])
    error_message = "projection_type must be ALL, KEYS_ONLY or INCLUDE."
  }
  validation {
    condition     = alltrue([for i in var.global_secondary_indexes : (i.projection_type == "INCLUDE") == (try(length(i.non_key_attributes), 0) > 0)])
    error_message = "non_key_attributes must be given for, and only for, projection_type INCLUDE."
  }
}

variable "ttl_attribute" {
  description = "Attribute holding an expiry time in epoch seconds, or null for no TTL"
  type        = string
  default     = null
}

variable "point_in_time_recovery_enabled" {
  description = "Whether continuous backups allow restoring any second of the last 35 days"
  type        = bool
  default     = true
}

variable "deletion_protection_enabled" {
  description = "Whether the table refuses deletion (turn off, apply, then destroy)"
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "Customer managed KMS key ARN for encryption at rest; null uses the AWS managed key aws/dynamodb (still encrypted)"
  type        = string
  default     = null
  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "tags" {
  description = "Tags applied to every resource of the module"
  type        = map(string)
  default     = {}
}
