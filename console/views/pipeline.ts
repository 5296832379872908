import type { components } from '../../openapi/client.js';
import { problemOf } from '../api.js';
import { h, replace } from '../dom.js';
import { duration, every, type View } from '../view.js';

type ProjectionState = components['schemas']['ProjectionState'];
type DeadLetterPage = components['schemas']['DeadLetterPage'];

const REFRESH_MS = 2_000;
const OPERATIONS = 'santa/operations';

/** Pipeline: per projection its backlog, oldest message age, read lag and DLQ; DLQ messages with a redrive button. */
export const pipelineView: View = (element, { api, session }) => {
  if (!session.scopes.includes(OPERATIONS)) {
    replace(element, h('h1', {}, 'Pipeline'), h('p', {}, `The pipeline is for operations: sign in with the ${OPERATIONS} scope to see queues and dead letters.`));
    return () => {};
  }
  const updated = h('p', { class: 'status', role: 'status' }, 'Reading the queues…');
  const table = h('div');
  const dlqs = h('div');
  const notice = h('p', { class: 'notice', 'aria-live': 'polite' });
  replace(element, h('h1', {}, 'Pipeline'), updated, table, notice, h('h2', {}, 'Dead-letter queues'), dlqs);

  const sections = new Map<string, ReturnType<typeof dlqSection>>();
  const redrive = async (projection: string, button: HTMLButtonElement) => {
    button.disabled = true;
    const { data, error, response } = await api.POST('/operations/queues/{projection}/redrive', { params: { path: { projection } } });
    notice.textContent = data
      ? data.status === 'completed'
        ? `${projection}: ${data.moved} message(s) moved back to the queue${data.skipped ? `, ${data.skipped} refused` : ''}.`
        : `${projection}: the move task ${data.taskHandle ?? ''} started; the DLQ empties as it runs.`
      : `${projection}: the redrive failed (${problemOf(error, response)}).`;
    button.disabled = false;
    await refresh();
  };

  const refresh = async () => {
    const { data, error, response } = await api.GET('/operations/queues');
    if (!data) {
      updated.textContent = `The queues could not be read (${problemOf(error, response)}).`;
      return;
    }
    replace(table, stateTable(data.items));
    const pages = await Promise.all(
      data.items
        .filter((item) => item.dlqDepth > 0)
        .map(async (item) => (await api.GET('/operations/queues/{projection}/dead-letters', { params: { path: { projection: item.projection } } })).data),
    );
    const shown = pages.filter((page): page is DeadLetterPage => page !== undefined);
    // Sections stay the same elements across refreshes, so a focused Redrive button keeps its focus.
    for (const [projection, section] of sections) if (!shown.some((page) => page.projection === projection)) sections.delete(projection);
    const current = shown.map((page) => {
      const section = sections.get(page.projection) ?? dlqSection(page.projection, redrive);
      sections.set(page.projection, section);
      section.update(page);
      return section.element;
    });
    if (current.length === 0) replace(dlqs, h('p', {}, 'Every dead-letter queue is empty.'));
    else if (current.some((element, index) => dlqs.children[index] !== element) || dlqs.children.length !== current.length) replace(dlqs, ...current);
    updated.textContent = `Updated at ${new Date().toLocaleTimeString('en-GB')}; refreshes every ${REFRESH_MS / 1000} s.`;
  };
  return every(REFRESH_MS, refresh);
};

const stateTable = (items: readonly ProjectionState[]) =>
  h(
    'table',
    {},
    h('caption', {}, 'Projections'),
    h('thead', {}, h('tr', {}, ...['Projection', 'Backlog', 'In flight', 'Oldest message', 'Read lag', 'DLQ depth'].map((name) => h('th', { scope: 'col' }, name)))),
    h(
      'tbody',
      {},
      ...items.map((item) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, item.projection),
          h('td', {}, item.backlog.visible + item.backlog.delayed),
          h('td', {}, item.backlog.inFlight),
          h('td', {}, duration(item.oldestMessageAgeSeconds)),
          h('td', {}, duration(item.readLagSeconds)),
          h('td', { class: item.dlqDepth > 0 ? 'alert' : undefined }, item.dlqDepth),
        ),
      ),
    ),
  );

const dlqSection = (projection: string, redrive: (projection: string, button: HTMLButtonElement) => Promise<void>) => {
  const button = h('button', { type: 'button' }, `Redrive ${projection}`);
  button.addEventListener('click', () => void redrive(projection, button));
  const heading = h('h3', { id: `dlq-${projection}` });
  const caption = h('caption');
  const body = h('tbody');
  const element = h(
    'section',
    { 'aria-labelledby': `dlq-${projection}` },
    heading,
    h('table', {}, caption, h('thead', {}, h('tr', {}, ...['Event type', 'Letter id', 'Receives', 'Error'].map((name) => h('th', { scope: 'col' }, name)))), body),
    button,
  );
  const update = (page: DeadLetterPage) => {
    heading.textContent = `${projection}: ${page.depth} dead letter(s)`;
    caption.textContent = `Dead letters of ${projection} (first ${page.items.length})`;
    replace(
      body,
      ...page.items.map((item) =>
        h('tr', {}, h('td', {}, item.type ?? 'unknown'), h('td', {}, item.letterId ?? '—'), h('td', {}, item.receiveCount), h('td', {}, item.error ?? 'not known')),
      ),
    );
  };
  return { element, update };
};
