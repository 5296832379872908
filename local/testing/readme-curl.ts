import { readFileSync } from 'node:fs';

export interface CurlRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** One command of the README's block: a curl, maybe captured into a shell variable. */
export interface CurlStep {
  /** The comment line above the command in the README. */
  comment: string;
  /** `NAME=$(curl … | cut -d'"' -f4)`: the variable the answer's fourth '"'-separated field goes to. */
  capture?: { name: string; field: number };
  /** The request, with the variables set so far expanded as the shell would. */
  request(variables: Record<string, string>): CurlRequest;
}

// Shell words: '…' taken literally, "…" and bare words with $NAME / ${NAME} expanded (all the README uses).
const shellWords = (line: string, variables: Record<string, string>): string[] => {
  const expand = (text: string) =>
    text.replace(/\$\{?([A-Za-z_]\w*)\}?/gu, (_, name: string) => {
      if (!(name in variables)) throw new Error(`the README uses $${name} before setting it`);
      return variables[name]!;
    });
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/gu)].map((m) => m[1] ?? expand(m[2] ?? m[3]!));
};

const toRequest = (command: string, variables: Record<string, string>): CurlRequest => {
  const words = shellWords(command, variables).slice(1);
  const request: CurlRequest = { method: 'GET', url: '', headers: {} };
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    if (word === '-s') continue;
    else if (word === '-X') request.method = words[++i]!;
    else if (word === '-H') {
      const [name = '', ...value] = words[++i]!.split(':');
      request.headers[name.trim().toLowerCase()] = value.join(':').trim();
    } else if (word === '-d') {
      request.body = words[++i]!;
      if (request.method === 'GET') request.method = 'POST';
    } else if (word.startsWith('http')) request.url = word;
    else throw new Error(`the README's curl uses an option this test does not know: ${word}`);
  }
  return request;
};

const CAPTURE = /^([A-Za-z_]\w*)=\$\((curl .*) \| cut -d'"' -f(\d+)\)$/u;

/** What `cut -d'"' -fN` prints for a one-line answer. */
export const cutField = (text: string, field: number): string => text.split('"')[field - 1] ?? '';

/** The commands of the README's "Try it" block, in order. */
export const readmeCurlSteps = (readmePath: string): CurlStep[] => {
  const readme = readFileSync(readmePath, 'utf8');
  const section = readme.slice(readme.indexOf('## Try it'));
  const block = /```sh\n([\s\S]*?)```/u.exec(section)?.[1] ?? '';
  const steps: CurlStep[] = [];
  let comment = '';
  for (const line of block.replace(/\\\n\s*/gu, ' ').split('\n')) {
    const captured = CAPTURE.exec(line);
    if (line.startsWith('#')) comment = line;
    else if (captured) {
      const [, name = '', command = '', field = ''] = captured;
      steps.push({ comment, capture: { name, field: Number(field) }, request: (variables) => toRequest(command, variables) });
    } else if (line.startsWith('curl ')) steps.push({ comment, request: (variables) => toRequest(line, variables) });
    else if (line.trim()) throw new Error(`the README's block has a line this test cannot run: ${line}`);
  }
  return steps;
};
