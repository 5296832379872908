import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import wiringJson from '../infra/wiring.json' with { type: 'json' };
import { openApiValidator } from '../local/testing/openapi-validator.js';
import { Letter } from '../shared/domain/letter.js';
import { openApiDocument } from './document.js';

type Operation = {
  operationId: string;
  security: Record<string, string[]>[];
  parameters: { name: string; in: string; example?: unknown }[];
  requestBody?: { content: { 'application/json': { examples: Record<string, { value: unknown }> } } };
  responses: Record<string, { content: { 'application/json': { examples: Record<string, { value: unknown }> } } }>;
};

const operationsOf = (doc: ReturnType<typeof openApiDocument>) =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ routeKey: `${method.toUpperCase()} ${path}`, operation: operation as Operation })),
  );
const routes = wiringJson.routes as Record<string, { function: string; scopes: string[] }>;
const document = openApiDocument();
const operations = operationsOf(document);
// Routes the contract names that the wiring may not have yet, described all the same.
const withContractRoutes = openApiDocument({ ...routes, 'DELETE /children/{childId}': { function: 'erase-child', scopes: ['santa/letters'] } });
// Operations act on queues, not on letters: no Idempotency-Key, since a redrive is safe to repeat.
const isCommand = (routeKey: string) => /^(POST|PUT|DELETE) /u.test(routeKey) && !routeKey.includes(' /operations/');

describe('openApiDocument', () => {
  it('describes exactly the routes of infra/wiring.json, each named after its function in camelCase', () => {
    expect(operations.map(({ routeKey }) => routeKey).sort()).toEqual(Object.keys(routes).sort());
    expect(Object.fromEntries(operations.map(({ routeKey, operation }) => [routeKey, operation.operationId]))).toMatchObject({
      'POST /letters': 'submitLetter',
      'GET /letters/{letterId}/history': 'letterHistory',
      'GET /children/{childId}/letters': 'listChildLetters',
    });
    for (const { routeKey, operation } of operations) {
      expect(operation.operationId).toBe(routes[routeKey]!.function.replace(/-(\w)/gu, (_, c: string) => c.toUpperCase()));
    }
  });

  it("asks for any one of each route's scopes, through the OIDC scheme, and documents 401 and 403 everywhere", () => {
    expect(document.components.securitySchemes).toEqual({ oidc: expect.objectContaining({ type: 'openIdConnect' }) });
    for (const { routeKey, operation } of operations) {
      expect(operation.security, routeKey).toEqual(routes[routeKey]!.scopes.map((scope) => ({ oidc: [scope] })));
      expect(Object.keys(operation.responses), routeKey).toEqual(expect.arrayContaining(['401', '403', '500']));
    }
  });

  it('documents the idempotency answers and header on commands, and 413/415 where there is a body', () => {
    for (const { routeKey, operation } of operations) {
      const statuses = Object.keys(operation.responses);
      const headers = operation.parameters.filter((p) => p.in === 'header').map((p) => p.name);
      if (isCommand(routeKey)) {
        expect(statuses, routeKey).toEqual(expect.arrayContaining(['409', '422']));
        expect(headers, routeKey).toContain('Idempotency-Key');
      } else {
        expect(statuses, routeKey).not.toContain('409');
        expect(headers, routeKey).not.toContain('Idempotency-Key');
      }
      expect(statuses.includes('415'), routeKey).toBe(operation.requestBody !== undefined);
    }
  });

  it.each([
    ['the wiring', document],
    ['the wiring and the routes of the contract', withContractRoutes],
  ])('has examples for every request body, parameter and response, each valid for what it illustrates (%s)', (_, doc) => {
    const validate = openApiValidator(doc);
    for (const { routeKey, operation } of operationsOf(doc)) {
      for (const parameter of operation.parameters) expect(parameter.example, `${routeKey} ${parameter.name}`).toBeDefined();
      for (const [name, { value }] of Object.entries(operation.requestBody?.content['application/json'].examples ?? {})) {
        expect(v.safeParse(Letter, value).success, `${routeKey} request example ${name}`).toBe(true);
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        const examples = Object.entries(response.content['application/json'].examples);
        expect(examples.length, `${routeKey} ${status}`).toBeGreaterThan(0);
        for (const [name, { value }] of examples) expect(validate(routeKey, Number(status), value), `${routeKey} ${status} ${name}`).toEqual([]);
      }
    }
  });

  it('is what docs/openapi.json holds (make api regenerates it)', () => {
    const committed = JSON.parse(readFileSync(new URL('../docs/openapi.json', import.meta.url), 'utf8')) as unknown;

    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
