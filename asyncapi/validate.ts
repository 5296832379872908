// `make api-check`: validates docs/asyncapi.json with the AsyncAPI parser (the spec's JSON
// Schemas, its bindings and its Spectral rules), then each message example against its
// message's schemas. Errors fail the run; warnings are printed.
//   tsx asyncapi/validate.ts [docs/asyncapi.json]
import { readFileSync } from 'node:fs';
import { DiagnosticSeverity, Parser, type Diagnostic } from '@asyncapi/parser';
import { invalidExamples } from './examples-check.js';

/** The parser's findings on a document, errors first. */
export const validateAsyncApi = async (document: string): Promise<Diagnostic[]> => {
  const diagnostics = await new Parser().validate(document);
  return [...diagnostics].sort((a, b) => a.severity - b.severity);
};

const describe = ({ severity, code, message, path }: Diagnostic): string =>
  `${(DiagnosticSeverity[severity] ?? String(severity)).toLowerCase()} ${String(code)} at ${path.join('.') || '(root)'}: ${message}`;

const isMain = process.argv[1]?.endsWith('validate.ts') ?? false;
if (isMain) {
  const file = process.argv[2] ?? 'docs/asyncapi.json';
  const text = readFileSync(file, 'utf8');
  const diagnostics = await validateAsyncApi(text);
  const errors = diagnostics.filter(({ severity }) => severity === DiagnosticSeverity.Error);
  const warnings = diagnostics.filter(({ severity }) => severity === DiagnosticSeverity.Warning);
  for (const diagnostic of [...errors, ...warnings]) console.log(describe(diagnostic));
  console.log(`${file}: ${errors.length} errors, ${warnings.length} warnings (AsyncAPI parser)`);
  const badExamples = errors.length === 0 ? invalidExamples(JSON.parse(text)) : [];
  for (const problem of badExamples) console.log(`error example ${problem}`);
  console.log(`${file}: ${badExamples.length} message examples refused by their schemas`);
  if (errors.length + badExamples.length > 0) process.exitCode = 1;
}
