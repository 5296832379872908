import { describe, expect, it } from 'vitest';
import { hcl } from '../testing.js';
import { checkNextMajor } from './next-major.js';

const FILE = 'infra/modules/network/main.tf';

describe('checkNextMajor', () => {
  it('accepts endpoint service names read from aws_vpc_endpoint_service', async () => {
    const config = await hcl({
      [FILE]: 'data "aws_vpc_endpoint_service" "this" {\n  service = "secretsmanager"\n}\nresource "aws_vpc_endpoint" "this" {\n  service_name = data.aws_vpc_endpoint_service.this.service_name\n}',
    });

    expect(checkNextMajor(config)).toEqual([]);
  });

  it('reports the region name 6.x deprecates and an inline role policy', async () => {
    const config = await hcl({
      [FILE]: 'data "aws_region" "current" {}\nresource "aws_vpc_endpoint" "this" {\n  service_name = "com.amazonaws.${data.aws_region.current.name}.secretsmanager"\n}\nresource "aws_iam_role" "this" {\n  name = "r"\n  inline_policy {\n    name = "p"\n  }\n}',
    });

    expect(checkNextMajor(config).map((f) => [f.resource, f.message.split(':')[0]])).toEqual([
      ['aws_vpc_endpoint.this', 'line 3 uses data.aws_region.current.name'],
      ['aws_iam_role.this', 'argument inline_policy is deprecated in hashicorp/aws 6.x'],
    ]);
  });
});
