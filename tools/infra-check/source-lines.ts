/**
 * The top-level block enclosing a 1-based line of a file's text, as an address
 * (`aws_iam_role.this`, `data.aws_iam_policy_document.x`, `locals`), or the file name.
 */
export const enclosingBlock = (text: string, line: number): string => {
  const lines = text.split('\n');
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i -= 1) {
    const current = lines[i] ?? '';
    const typed = current.match(/^\s*(resource|data|ephemeral)\s+"([^"]+)"\s+"([^"]+)"\s*\{/u);
    if (typed) return typed[1] === 'resource' ? `${typed[2]}.${typed[3]}` : `${typed[1]}.${typed[2]}.${typed[3]}`;
    const named = current.match(/^\s*(module|variable|output)\s+"([^"]+)"\s*\{/u);
    if (named) return `${named[1] === 'variable' ? 'var' : named[1]}.${named[2]}`;
    if (/^\s*locals\s*\{/u.test(current)) return 'locals';
  }
  return '(file)';
};
