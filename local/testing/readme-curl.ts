import { readFileSync } from 'node:fs';

export interface CurlRequest {
  /** The comment line above the command in the README. */
  comment: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

// Splits a shell line into words, honouring single quotes (all the README uses).
const shellWords = (line: string): string[] => [...line.matchAll(/'([^']*)'|(\S+)/gu)].map((m) => m[1] ?? m[2]!);

const toRequest = (comment: string, command: string): CurlRequest => {
  const words = shellWords(command).slice(1);
  const request: CurlRequest = { comment, method: 'GET', url: '', headers: {} };
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

/** The curl commands of the README's "Try it" section, in order, as requests. */
export const readmeCurlRequests = (readmePath: string): CurlRequest[] => {
  const readme = readFileSync(readmePath, 'utf8');
  const section = readme.slice(readme.indexOf('## Try it'));
  const block = /```sh\n([\s\S]*?)```/u.exec(section)?.[1] ?? '';
  const requests: CurlRequest[] = [];
  let comment = '';
  for (const line of block.replace(/\\\n\s*/gu, ' ').split('\n')) {
    if (line.startsWith('#')) comment = line;
    else if (line.startsWith('curl ')) requests.push(toRequest(comment, line));
  }
  return requests;
};
