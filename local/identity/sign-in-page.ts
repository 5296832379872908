/** The one-click sign-in page of the local issuer: who to be, with which scopes. */

const escape = (text: string) =>
  text.replace(/[&<>"']/gu, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);

const SCOPE_LABELS: Record<string, string> = {
  'santa/letters': "a family (santa/letters): its own letters",
  'santa/workshop': "an elf (santa/workshop): every letter, its history, the analytics",
  'santa/operations': 'operations (santa/operations): queues, dead letters, redrive',
};

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1d2a1f}
h1{font-size:1.5rem}fieldset{border:1px solid #8a9a8c;border-radius:6px;margin:1rem 0}label{display:block;margin:.4rem 0}
input[type=text]{font:inherit;padding:.3rem;width:100%;box-sizing:border-box}button{font:inherit;padding:.5rem 1.2rem;background:#a3161a;color:#fff;border:0;border-radius:6px;cursor:pointer}
button:focus-visible,input:focus-visible{outline:3px solid #1d5fa8;outline-offset:2px}.error{color:#a3161a;font-weight:600}`;

interface SignInPage {
  request?: Record<string, string | undefined>;
  scopes?: readonly string[];
  requested?: readonly string[];
  error?: string;
}

/** The HTML of GET /authorize; every value escaped. */
export const renderSignInPage = ({ request, scopes = [], requested = [], error }: SignInPage): string => {
  const hidden = Object.entries(request ?? {})
    .filter(([name, value]) => name !== 'scope' && value !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value!)}">`)
    .join('');
  const boxes = scopes
    .map((scope) => `<label><input type="checkbox" name="scopes" value="${escape(scope)}"${requested.includes(scope) ? ' checked' : ''}> ${escape(SCOPE_LABELS[scope] ?? scope)}</label>`)
    .join('');
  const form = request
    ? `<form method="post" action="/authorize">${hidden}
<label for="sub">Sign in as</label><input type="text" id="sub" name="sub" value="elf-1" required autocomplete="username">
<fieldset><legend>With these scopes</legend>${boxes}</fieldset>
<button type="submit">Sign in</button></form>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,"><title>Sign in to Santa's Workshop (local)</title><style>${STYLE}</style></head>
<body><main><h1>Sign in to Santa's Workshop</h1><p>The local development issuer: pick who you are; no password on this machine.</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}${form}</main></body></html>`;
};
