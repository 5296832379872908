import { apiFor } from './api.js';
import { completeSignIn, signIn, type Session } from './auth.js';
import { loadConfig, type ConsoleConfig } from './config.js';
import { h, replace } from './dom.js';
import type { View } from './view.js';
import { analyticsView } from './views/analytics.js';
import { letterView } from './views/letter.js';
import { pipelineView } from './views/pipeline.js';

const VIEWS: Record<string, { title: string; view: View }> = {
  pipeline: { title: 'Pipeline', view: pipelineView },
  analytics: { title: 'Analytics', view: analyticsView },
  letter: { title: 'A letter', view: letterView },
};

const main = document.getElementById('view')!;
const nav = document.getElementById('nav')!;
const sessionBox = document.getElementById('session')!;

const showSignIn = (config: ConsoleConfig, problem?: string) => {
  const button = h('button', { type: 'button' }, 'Sign in');
  button.addEventListener('click', () => void signIn(config));
  replace(
    main,
    h('h1', {}, "Santa's Workshop console"),
    h('p', {}, 'The pipeline, the analytics and every letter’s journey, for elves and operators.'),
    problem ? h('p', { role: 'alert', class: 'alert' }, problem) : null,
    button,
  );
};

const route = (session: Session, config: ConsoleConfig) => {
  let stop = () => {};
  const api = apiFor(config, session);
  const show = () => {
    stop();
    const [name = 'pipeline', ...rest] = location.hash.replace(/^#\/?/u, '').split('/');
    const entry = VIEWS[name] ?? VIEWS.pipeline!;
    replace(
      nav,
      h('ul', {}, ...Object.entries(VIEWS).map(([key, { title }]) => h('li', {}, h('a', { href: `#/${key}`, 'aria-current': entry === VIEWS[key] ? 'page' : undefined }, title)))),
    );
    document.title = `${entry.title} · Santa's Workshop console`;
    stop = entry.view(main, { api, session, argument: decodeURIComponent(rest.join('/')) });
  };
  window.addEventListener('hashchange', show);
  show();
};

const showSession = (session: Session) => {
  const button = h('button', { type: 'button', class: 'quiet' }, 'Sign out');
  // The token lives in memory only: forgetting it is reloading the page.
  button.addEventListener('click', () => location.replace(location.pathname));
  replace(sessionBox, h('span', {}, `${session.subject} · ${session.scopes.join(', ')}`), ' ', button);
};

const start = async () => {
  const config = await loadConfig();
  // Locally the issuer, the API and the console are one origin (127.0.0.1): no CORS needed.
  if (config.origin && location.origin !== config.origin) {
    location.replace(config.origin + location.pathname + location.search + location.hash);
    return;
  }
  try {
    const session = await completeSignIn(config);
    if (!session) return showSignIn(config);
    showSession(session);
    route(session, config);
  } catch (error) {
    showSignIn(config, `Sign-in failed: ${(error as Error).message}`);
  }
};

void start();
