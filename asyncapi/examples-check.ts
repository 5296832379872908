import Ajv from 'ajv';

interface Message {
  headers?: object;
  payload?: object;
  examples?: { name?: string; headers?: unknown; payload?: unknown }[];
}

// The AsyncAPI parser does not check a version 3 message's examples against its schemas: this does.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** Every message example of the document that its message's payload or headers schema refuses, as "message example: problem". */
export const invalidExamples = (document: { components?: { messages?: Record<string, Message> } & Record<string, unknown> }): string[] => {
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  ajv.addFormat('uuid', UUID);
  const validate = (schema: object | undefined, value: unknown): string[] => {
    if (!schema) return [];
    const check = ajv.compile({ ...schema, components: document.components });
    return check(value) ? [] : (check.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''}`);
  };
  return Object.entries(document.components?.messages ?? {}).flatMap(([key, message]) =>
    (message.examples ?? []).flatMap((example, index) =>
      [...validate(message.headers, example.headers).map((p) => `headers ${p}`), ...validate(message.payload, example.payload).map((p) => `payload ${p}`)].map(
        (problem) => `${key} example ${example.name ?? index}: ${problem}`,
      ),
    ),
  );
};
