# The key erasure tombstones and stored erasures in the DynamoDB tables name children
# with (a keyed hash of account and child id), so no erasure leaves a raw child id behind.
# Its own key, not the analytics pseudonym key: the projectors that read it cannot link
# analytics rows to children. Created empty; migrate fills it, so no key is in the state.
resource "aws_secretsmanager_secret" "child_erasure_keys" {
  name_prefix = "${local.name}/child-erasure-keys-"
  description = "Key set naming children in erasure tombstones (GENERATED_KEY_SECRETS of migrate fills it; CHILD_ERASURE_KEYS_SECRET_ARN of project-letters and archive-events reads it)"
  kms_key_id  = var.kms_key_arn
  # A lost key makes every tombstone unreachable for later events: keep a deleted secret restorable.
  recovery_window_in_days = 30
  tags                    = var.tags
}
