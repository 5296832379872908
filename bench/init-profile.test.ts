import { describe, expect, it } from 'vitest';
import { packageOf } from './init-profile.js';

describe('packageOf', () => {
  it('names the package of a source under node_modules, scoped or not, nested or not', () => {
    expect(packageOf('../../node_modules/@smithy/core/dist-es/submodules/protocols/HttpProtocol.js')).toBe('@smithy/core');
    expect(packageOf('../../node_modules/postgres/src/connection.js')).toBe('postgres');
    expect(packageOf('../../node_modules/@aws-lambda-powertools/idempotency/node_modules/@aws-lambda-powertools/jmespath/lib/esm/index.js')).toBe(
      '@aws-lambda-powertools/jmespath',
    );
  });

  it('names the project folder of a source of our own', () => {
    expect(packageOf('../../shared/http/middleware.ts')).toBe('shared/http');
    expect(packageOf('handlers/get-letter/index.ts')).toBe('handlers/get-letter');
  });
});
