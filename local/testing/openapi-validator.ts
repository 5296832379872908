import Ajv2020 from 'ajv/dist/2020.js';
import { openApiDocument } from '../../openapi/document.js';

type Operation = { responses: Record<string, { content: { 'application/json': { schema: object } } }> };
type Document = { paths: Record<string, Record<string, unknown>>; components?: { schemas?: Record<string, unknown> } };

/** Checks real responses against the OpenAPI document the runtime serves. */
export const openApiValidator = (document: Document = openApiDocument()) => {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true });
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu);
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  /** Problems with one response of a route, or [] when it conforms. */
  return (routeKey: string, status: number, body: unknown): string[] => {
    const [method = '', path = ''] = routeKey.split(' ');
    const operation = (document.paths[path]?.[method.toLowerCase()] as Operation | undefined) ?? undefined;
    if (!operation) return [`${routeKey} is not in the document`];
    const response = operation.responses[String(status)];
    if (!response) return [`${routeKey} does not document status ${status}`];
    const key = `${routeKey} ${status}`;
    if (!validators.has(key)) {
      // Operations refer to #/components/schemas/…; carrying the components along resolves them.
      validators.set(key, ajv.compile({ ...response.content['application/json'].schema, components: document.components ?? {} }));
    }
    const validate = validators.get(key)!;
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${key}: ${e.instancePath} ${e.message}`);
  };
};
