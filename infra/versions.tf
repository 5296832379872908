terraform {
  # 1.7: mock_provider in terraform test.
  required_version = ">= 1.7"

  # Tested on 5.100 and free of what 6.x deprecates; the next major is excluded until
  # it is tested. Commit a .terraform.lock.hcl for your platforms (docs/deploy-to-aws.md).

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }
}

provider "aws" {
  region = var.aws_region
}
