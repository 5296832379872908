import type { components } from '../../openapi/client.js';
import { problemOf } from '../api.js';
import { h, replace } from '../dom.js';
import type { View } from '../view.js';

// A history item: an event, without its ownerId when an elf reads it.
type HistoryItem = components['schemas']['History']['items'][number];

/** A letter: by id, the letter as projected and its history as a timeline, oldest first. */
export const letterView: View = (element, { api, argument }) => {
  const input = h('input', { id: 'letter-id', name: 'letterId', type: 'text', required: true, autocomplete: 'off', spellcheck: 'false', value: argument });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'inline' }, h('label', { for: 'letter-id' }, 'Letter id'), input, h('button', { type: 'submit' }, 'Open'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/letter/${encodeURIComponent(input.value.trim())}`;
  });
  replace(element, h('h1', {}, 'A letter'), form, result);
  if (argument) void show(argument);
  return () => {};

  async function show(letterId: string) {
    replace(result, h('p', { role: 'status' }, 'Reading the letter…'));
    const path = { params: { path: { letterId } } };
    const [letter, history] = await Promise.all([api.GET('/letters/{letterId}', path), api.GET('/letters/{letterId}/history', path)]);
    if (!letter.data && !history.data) {
      replace(result, h('p', { role: 'alert' }, `No such letter yet (${problemOf(letter.error, letter.response)}).`));
      return;
    }
    replace(
      result,
      letter.data
        ? h(
            'section',
            { 'aria-labelledby': 'the-letter' },
            h('h2', { id: 'the-letter' }, `From ${letter.data.child.name}, ${letter.data.child.age}, ${letter.data.child.country}`),
            h('p', {}, `Status: ${letter.data.status}; sent ${letter.data.submittedAt}, last changed ${letter.data.updatedAt}.`),
            h('ul', {}, ...letter.data.toys.map((toy) => h('li', {}, `${toy.quantity} × ${toy.name}`))),
            letter.data.message ? h('blockquote', {}, letter.data.message) : null,
          )
        : h('p', {}, 'The letter is not in the letters view (withdrawn from it, or not projected yet).'),
      h(
        'section',
        { 'aria-labelledby': 'timeline' },
        h('h2', { id: 'timeline' }, 'Timeline'),
        h('ol', { class: 'timeline' }, ...(history.data?.items ?? []).map(timelineEntry)),
      ),
    );
  }
};

const EVENT_NAMES: Record<string, string> = {
  LetterSubmitted: 'Submitted',
  LetterAmended: 'Amended',
  LetterWithdrawn: 'Withdrawn',
  ChildErased: 'Child erased',
};

const timelineEntry = (event: HistoryItem) => {
  const toys = 'data' in event && event.data && 'toys' in event.data ? event.data.toys.map((toy) => `${toy.quantity} × ${toy.name}`).join(', ') : '';
  return h(
    'li',
    {},
    h('time', { datetime: event.occurredAt }, new Date(event.occurredAt).toLocaleString('en-GB', { timeZone: 'UTC' }) + ' UTC'),
    ' ',
    h('strong', {}, EVENT_NAMES[event.type] ?? event.type),
    toys ? ` — ${toys}` : '',
  );
};
