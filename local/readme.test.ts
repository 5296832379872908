import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchRoute } from './api-gateway-event.js';
import { startLocalRuntime, type LocalRuntime } from './runtime.js';
import { eventually, httpClient } from './testing/http-client.js';
import { openApiValidator } from './testing/openapi-validator.js';
import { cutField, readmeCurlSteps } from './testing/readme-curl.js';
import { wiring } from './wiring.js';

let runtime: LocalRuntime;
const validate = openApiValidator();

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, visibilityTimeoutSeconds: 1, logLevel: 'SILENT', log: () => undefined });
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
});

describe("the README's Try it block", () => {
  it("runs the README's curl examples as printed, tokens and letter id taken from the answers as the shell would", async () => {
    const steps = readmeCurlSteps(fileURLToPath(new URL('../README.md', import.meta.url)));
    // The curl sends its own Authorization header, if any.
    const bare = httpClient(runtime.url);
    const variables: Record<string, string> = {};
    expect(steps.length).toBeGreaterThanOrEqual(10);

    for (const { comment, capture, request } of steps) {
      const { method, url, headers, body } = request(variables);
      const path = url.replace('http://localhost:3000', '');
      const stated = /\b([45]\d\d)\b/u.exec(comment)?.[1];
      const expected = stated ? Number(stated) : method === 'GET' || path === '/local/token' ? 200 : 202;
      // A read may come before the projection caught up, as it would for a reader; one with Min-Version must not.
      const answer = headers['min-version']
        ? await bare.request(method, path, body, headers)
        : await eventually(async () => {
            const a = await bare.request(method, path, body, headers);
            return a.status === expected ? a : undefined;
          }).catch(async () => bare.request(method, path, body, headers));
      expect(answer.status, `${method} ${path}`).toBe(expected);
      const route = matchRoute(Object.keys(wiring.routes), method, path.split('?')[0]!);
      // API Gateway's own 401 and 403 are not the functions' answers the document describes.
      if (route && expected !== 401 && expected !== 403) expect(validate(route.routeKey, answer.status, answer.json)).toEqual([]);
      if (capture) variables[capture.name] = cutField(JSON.stringify(answer.json), capture.field);
    }
    expect(Object.keys(variables).sort()).toEqual(['ELF_TOKEN', 'FAMILY_TOKEN', 'LETTER', 'VERSION']);
  });

});
